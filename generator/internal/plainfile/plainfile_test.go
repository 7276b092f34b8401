package plainfile

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 511, 512, 513, 4096, 100_000} {
		name := filepath.Join(dir, "f")
		want := bytes.Repeat([]byte("0123456789abcdef"), size/16+1)[:size]
		if err := os.WriteFile(name, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("size %d: read %d bytes, %v", size, len(got), err)
		}
	}
	if _, err := ReadFile(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v, want not exist", err)
	}
	if _, err := ReadFile(dir); err == nil {
		t.Error("reading a folder: no error")
	}
}

func TestWriteFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "f.html")
	for _, text := range []string{"a longer first text", "short"} { // the second truncates
		if err := WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(name); err != nil || string(got) != text {
			t.Errorf("read back %q, %v; want %q", got, err, text)
		}
	}
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm&^0o644 != 0 || perm&0o600 != 0o600 {
		t.Errorf("mode %v, want 0644 less the umask", perm)
	}
	if err := WriteFile(filepath.Join(name, "under-a-file"), nil, 0o644); err == nil {
		t.Error("creating a file under a file: no error")
	}
}

func TestDirFS(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"a.md": "alpha", "modules/1.md": "one", "modules/2.md": strings.Repeat("two ", 300)}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := DirFS(dir)
	if err := fstest.TestFS(fsys, "a.md", "modules/1.md", "modules/2.md"); err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if got, err := fs.ReadFile(fsys, name); err != nil || string(got) != text {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
	for _, name := range []string{"missing.md", "../a.md", "/a.md", "modules/", "modules"} {
		_, err := fs.ReadFile(fsys, name)
		_, osErr := fs.ReadFile(os.DirFS(dir), name)
		var pe, osPe *fs.PathError
		if !errors.As(err, &pe) || !errors.As(osErr, &osPe) || pe.Path != osPe.Path || !errors.Is(err, osPe.Err) {
			t.Errorf("%s: %v, want what os.DirFS says: %v", name, err, osErr)
		}
	}
}

func BenchmarkCreate(b *testing.B) {
	dir := b.TempDir()
	b.Run("os", func(b *testing.B) {
		for range b.N {
			if err := os.WriteFile(filepath.Join(dir, "os.html"), []byte("<p>a page</p>"), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("plainfile", func(b *testing.B) {
		for range b.N {
			if err := WriteFile(filepath.Join(dir, "plain.html"), []byte("<p>a page</p>"), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestDirFSWithoutAFolder(t *testing.T) {
	if _, err := fs.ReadFile(DirFS(""), "etc/hostname"); err == nil {
		t.Error(`DirFS("") read a file; os.DirFS("") refuses every name`)
	}
	if _, err := DirFS("").Open("etc"); err == nil {
		t.Error(`DirFS("") opened a folder; os.DirFS("") refuses every name`)
	}
}

// TestReadContentsOfZeroSize reads as a file of Linux's /proc reads: its size says 0, and each
// read gives at most a line.
func TestReadContentsOfZeroSize(t *testing.T) {
	text := strings.Repeat("a line of a file that says it is empty\n", 100)
	rest := text
	var sizes []int
	read := func(b []byte) (int, error) {
		sizes = append(sizes, len(b))
		if rest == "" {
			return 0, io.EOF
		}
		line, _, _ := strings.Cut(rest, "\n")
		n := copy(b, line+"\n")
		rest = rest[n:]
		return n, nil
	}
	got, err := readContents(0, read)
	if err != nil || string(got) != text {
		t.Fatalf("read %d bytes, %v; want %d", len(got), err, len(text))
	}
	for i, n := range sizes {
		if n < 512 {
			t.Errorf("read %d asked for %d bytes; a file that says 0 is read 512 at a time at least", i, n)
		}
	}
}
