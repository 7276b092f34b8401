//go:build unix

package plainfile

import (
	"io/fs"
	"os"
	"syscall"
)

// open opens a file with the flags of os.OpenFile, as os.NewFile wraps a descriptor: not
// offered to the poller, since it is not non-blocking.
func open(name string, flag int, perm fs.FileMode) (*os.File, error) {
	for {
		fd, err := syscall.Open(name, flag|syscall.O_CLOEXEC, uint32(perm.Perm()))
		if err == nil {
			return os.NewFile(uintptr(fd), name), nil
		}
		if err != syscall.EINTR {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
	}
}

// join is the path of name in the folder dir, when name is a valid path of an fs.FS and there
// is a folder: os.DirFS("") refuses every name.
func join(dir, name string) (string, bool) {
	if dir == "" || !fs.ValidPath(name) {
		return "", false
	}
	return dir + "/" + name, true
}
