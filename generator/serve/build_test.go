package serve

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"curriculum/generator"
)

// TestBuildHasNoLiveReload checks that live reload is serve's alone: a built site never
// carries the script, nor anything else of serve's.
func TestBuildHasNoLiveReload(t *testing.T) {
	dir := t.TempDir()
	source := filepath.Join(dir, "content")
	for _, f := range txtar.Parse([]byte(minimalContent)).Files {
		p := filepath.Join(source, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(dir, "public")
	if _, err := generator.Build(generator.Options{Source: source, Destination: dest}); err != nil {
		t.Fatal(err)
	}
	pages := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".html") {
			pages++
		}
		for _, s := range []string{prefix, "reload.js", "EventSource", "curriculum-serve-errors"} {
			if strings.Contains(string(b), s) {
				t.Errorf("the built %s holds %q", p, s)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages == 0 {
		t.Fatal("the build wrote no page")
	}
}
