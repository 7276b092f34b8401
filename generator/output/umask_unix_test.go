//go:build unix

package output

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestCreateLeavesModeToUmask checks that a streamed page is made as os.Create makes a file:
// readable and writable by all, less the umask.
func TestCreateLeavesModeToUmask(t *testing.T) {
	defer syscall.Umask(syscall.Umask(0o002))
	d := newSite(t)
	w, err := d.Create("modules/1/index.html")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Join(d.Path(), "modules/1/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o664 {
		t.Errorf("mode %v under umask 002, want -rw-rw-r--", mode)
	}
}
