package serve

import (
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

// TestWatch checks that a burst of changes makes one call, with the files it changed, that
// editors' own files make none, and that a folder made after the start is watched.
func TestWatch(t *testing.T) {
	dir := t.TempDir()
	calls := make(chan []string, 10)
	w, err := Watch(dir, func(files []string) { calls <- files }, func(err error) { t.Errorf("watch: %v", err) })
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wait := func(what string, want ...string) {
		t.Helper()
		select {
		case files := <-calls:
			var got []string
			for _, f := range files {
				rel, err := filepath.Rel(dir, f)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, filepath.ToSlash(rel))
			}
			if files == nil && want != nil || !slices.Equal(got, want) {
				t.Errorf("%s: changed %q (nil: %v), want %q", what, got, files == nil, want)
			}
		case <-time.After(2 * time.Second):
			t.Fatalf("%s: no call", what)
		}
	}
	quiet := func(what string) {
		t.Helper()
		select {
		case <-calls:
			t.Fatalf("%s: a call, and there should be none", what)
		case <-time.After(3 * Settle):
		}
	}

	// An editor's save: a swap file, a probe, a backup, then the file, several writes.
	write(".1.md.swp", "swap")
	write("4913", "")
	os.Remove(filepath.Join(dir, "4913"))
	write("1.md~", "old")
	for i := range 5 {
		write("1.md", "text "+string(rune('a'+i)))
	}
	wait("a save", "1.md")
	quiet("after a save")

	write(".#1.md", "lock")
	write("#1.md#", "autosave")
	quiet("editors' own files")

	write("handouts/1.1.md", "new folder")
	wait("a file in a new folder") // not known: files may come before the folder is watched
	quiet("after a new folder")
	write("handouts/1.2.md", "in the new folder")
	write("2.md", "another")
	wait("files in a folder made after the start", "2.md", "handouts/1.2.md")
	if err := os.Remove(filepath.Join(dir, "2.md")); err != nil {
		t.Fatal(err)
	}
	wait("a file removed", "2.md")
}

func TestWatchClose(t *testing.T) {
	var calls atomic.Int32
	w, err := Watch(t.TempDir(), func([]string) { calls.Add(1) }, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}
	if _, err := Watch(filepath.Join(t.TempDir(), "missing"), func([]string) {}, nil); err == nil {
		t.Error("watching a missing folder did not fail")
	}
}

// TestWatchAdd checks that a folder added, an adaptation's base, is watched with every
// folder under it, and that adding it again changes nothing.
func TestWatchAdd(t *testing.T) {
	dir, base := t.TempDir(), t.TempDir()
	if err := os.Mkdir(filepath.Join(base, "modules"), 0o755); err != nil {
		t.Fatal(err)
	}
	calls := make(chan []string, 10)
	w, err := Watch(dir, func(files []string) { calls <- files }, func(err error) { t.Errorf("watch: %v", err) })
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for range 2 {
		if err := w.Add(base); err != nil {
			t.Fatal(err)
		}
	}
	saved := filepath.Join(base, "modules", "1.md")
	if err := os.WriteFile(saved, []byte("text"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case files := <-calls:
		if !slices.Equal(files, []string{saved}) {
			t.Errorf("a save in the added folder: changed %q, want %q", files, saved)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("a save in the added folder: no call")
	}
	if err := w.Add(filepath.Join(base, "missing")); err == nil {
		t.Error("adding a missing folder did not fail")
	}
}
