//go:build !unix

package plainfile

import (
	"io/fs"
	"os"
)

// open opens a file as os.OpenFile does: there is no poller to keep regular files out of.
func open(name string, flag int, perm fs.FileMode) (*os.File, error) {
	return os.OpenFile(name, flag, perm)
}

// join leaves the paths of the folder to os.DirFS, which knows the rules of this system's.
func join(dir, name string) (string, bool) { return "", false }
