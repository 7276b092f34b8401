package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"curriculum/generator/internal/work"
)

func TestGuard(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	t.Setenv("HOME", home)
	mkdir := func(p string, files ...string) string {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(full, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if err := os.WriteFile(filepath.Join(full, f), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return full
	}
	mkdir("home")
	content := mkdir("project/content", "curriculum.yaml")
	theirs := mkdir("theirs", "notes.txt")
	ours := mkdir("ours", Marker, "index.html")
	empty := mkdir("empty")
	file := filepath.Join(dir, "file.txt")
	os.WriteFile(file, []byte("x"), 0o644)

	for _, tc := range []struct {
		dest, want string
	}{
		{"/", "the root of the filesystem"},
		{home, "your home folder"},
		{content, "it holds the source folder"},
		{filepath.Join(dir, "project"), "it holds the source folder"},
		{filepath.Join(content, "public"), "inside the source folder"},
		{theirs, "it holds files that a build did not write"},
		{file, "it is a file"},
		{ours, ""},
		{empty, ""},
		{filepath.Join(dir, "new"), ""},
	} {
		err := Guard(tc.dest, content)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("Guard(%s) = %v, want no error", tc.dest, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("Guard(%s) = %v, want an error holding %q", tc.dest, err, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(theirs, "notes.txt")); err != nil {
		t.Error("Guard touched a folder it refused")
	}
}

func TestCommitReplacesAndAbortKeeps(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")

	d, err := Create(dest, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("modules/1/index.html", []byte("first")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("the destination exists before Commit")
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	assertFile(t, filepath.Join(dest, "modules/1/index.html"), "first")
	assertFile(t, filepath.Join(dest, Marker), markerText)

	// A second site replaces the first entirely.
	d, _ = Create(dest, "")
	d.WriteFile("index.html", []byte("second"))
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	assertFile(t, filepath.Join(dest, "index.html"), "second")
	if _, err := os.Stat(filepath.Join(dest, "modules")); err == nil {
		t.Error("a file of the previous site survived the commit")
	}

	// An aborted site leaves the destination as it was, and nothing beside it.
	d, _ = Create(dest, "")
	d.WriteFile("index.html", []byte("third"))
	d.Abort()
	assertFile(t, filepath.Join(dest, "index.html"), "second")
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d entries after an abort, want only public", len(entries))
	}
}

func TestWriteFileStaysInside(t *testing.T) {
	d := newSite(t)
	for _, name := range []string{"../escape.html", "/etc/passwd", "a/../../b", "."} {
		if err := d.WriteFile(name, nil); err == nil {
			t.Errorf("WriteFile(%q) did not fail", name)
		}
	}
}

// newSite starts a site in a folder of the test's, aborted when the test ends.
func newSite(t *testing.T) *Dir {
	t.Helper()
	d, err := Create(filepath.Join(t.TempDir(), "public"), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Abort)
	return d
}

func assertFile(t *testing.T, path, want string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil || string(b) != want {
		t.Errorf("%s = %q, %v; want %q", path, b, err, want)
	}
}

// TestManyFilesAtOnce writes a site's files from every core at once, in folders made as they
// come, and replaces that site with another: nothing of the first may survive.
func TestManyFilesAtOnce(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	name := func(i int) string {
		return fmt.Sprintf("m%d/a%d/s%d/%d.html", i%3, i%7, i%5, i)
	}
	for round := range 2 {
		d, err := Create(dest, "")
		if err != nil {
			t.Fatal(err)
		}
		const n = 300
		errs := make([]error, n)
		work.Each(n, func(i int) {
			text := []byte(fmt.Sprint(round, i))
			if i%2 == 0 {
				errs[i] = d.WriteFile(name(i+round), text)
				return
			}
			w, err := d.Create(name(i + round))
			if err == nil {
				_, err = w.Write(text)
				err = errors.Join(err, w.Close())
			}
			errs[i] = err
		})
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		for i := range n {
			assertFile(t, filepath.Join(dest, name(i+round)), fmt.Sprint(round, i))
		}
	}
	// Round 1 wrote files 1 to 300: file 0 of round 0 is gone, and its folders with it.
	if _, err := os.Stat(filepath.Join(dest, name(0))); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a file of the first site survived: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d entries, want only public", len(entries))
	}
}

func TestFileWhereAFolderGoes(t *testing.T) {
	d := newSite(t)
	if err := d.WriteFile("a/b", []byte("a file")); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("a/b/c.html", nil); err == nil {
		t.Error("a file under a file: no error")
	}
}

// TestRemoveKeepsWhatLinksPointTo replaces a site that holds links to files outside it, at
// every depth, and one whose folder is swapped for such a link while it is being removed: the
// links go, and what they point to stays.
func TestRemoveKeepsWhatLinksPointTo(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(dir, "outside")
	keep := filepath.Join(outside, "index.html")
	if err := os.MkdirAll(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keep, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(dir, "public")
	d, err := Create(dest, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"m0/index.html", "m1/a/index.html", "m2/a/b/index.html"} {
		if err := d.WriteFile(name, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, link := range []string{"l1", "m1/l2", "m2/a/l3"} {
		if err := os.Symlink(outside, filepath.Join(dest, link)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	afterList = func(old string) {
		os.RemoveAll(filepath.Join(old, "m0"))
		os.Symlink(outside, filepath.Join(old, "m0"))
	}
	defer func() { afterList = func(string) {} }()
	d, err = Create(dest, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("a file outside the old site was removed: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("the folder holds %d entries, want public and outside", len(entries))
	}
}
