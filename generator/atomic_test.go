package generator_test

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"curriculum/generator"
	"curriculum/generator/site"
)

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		files[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestFailedBuildLosesNothing breaks a good curriculum in each way a build can fail — content,
// a theme template, the step after rendering — and checks that the last good site is still
// there byte for byte, and that nothing else was left next to it.
func TestFailedBuildLosesNothing(t *testing.T) {
	root := t.TempDir()
	src, dest := filepath.Join(root, "content"), filepath.Join(root, "public")
	if err := os.CopyFS(src, os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	if _, err := generator.Build(generator.Options{Source: src, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	good := snapshot(t, dest)
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	module4, _ := os.ReadFile(filepath.Join(src, "modules", "4.md"))
	for _, tc := range []struct {
		name  string
		spoil func()
		print func(string, []*site.Packet) error
	}{
		{"an unknown handout", func() { write("modules/4.md", string(module4)+"\nSee Handout 4.9.\n") }, nil},
		{"a settings file that is not YAML", func() { write("curriculum.yaml", "title: [\n") }, nil},
		{"a theme template that does not parse", func() { write("theme/layouts/module.html", "{{define \"main\"}}{{.Title}\n") }, nil},
		{"a theme template that fails on the last page", func() { write("theme/layouts/404.html", "{{define \"main\"}}{{.Handout.Title}}{{end}}") }, nil},
		{"printing that fails", func() {}, func(string, []*site.Packet) error { return errors.New("the printer is out of paper") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			settings, _ := os.ReadFile(filepath.Join(src, "curriculum.yaml"))
			tc.spoil()
			_, err := generator.Build(generator.Options{Source: src, Destination: dest, Print: tc.print})
			if err == nil {
				t.Fatal("the build succeeded")
			}
			got := snapshot(t, dest)
			if !maps.Equal(got, good) {
				t.Errorf("the last good site changed: %d files, was %d", len(got), len(good))
			}
			entries, _ := os.ReadDir(root)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if !slices.Equal(names, []string{"content", "public"}) {
				t.Errorf("the folder holds %s after the failed build; want content and public only", strings.Join(names, ", "))
			}
			// Repair for the next case.
			write("modules/4.md", string(module4))
			write("curriculum.yaml", string(settings))
			os.RemoveAll(filepath.Join(src, "theme"))
		})
	}
}
