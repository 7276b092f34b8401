// Package output is the one place that writes the site to disk. A build writes into a new
// folder next to the destination and swaps it in only when everything was written, so that a
// failed build leaves the last good site as it was. The generator replaces only folders it
// made itself — they hold a marker file — and refuses the root, the home folder, the source
// folder and any folder holding it.
package output

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"curriculum/generator/internal/plainfile"
	"curriculum/generator/internal/work"
)

// Marker is the file that marks a folder as written by curriculum build.
const Marker = ".curriculum-output"

const markerText = "This folder is written by `curriculum build`. Every build replaces all of it.\n"

// Dir is a site being written. Create one, write its files, then Commit or Abort.
type Dir struct {
	dest string // the destination folder, absolute
	tmp  string // the folder being written
	done bool

	mu   sync.Mutex
	made map[string]bool // the folders of the new site made so far
}

// Create checks that dest may be written by a build from source and starts a new site
// beside it.
func Create(dest, source string) (*Dir, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	if err := Guard(abs, source); err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w", parent, err)
	}
	tmp := filepath.Join(parent, "."+filepath.Base(abs)+".new-"+randomSuffix())
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return nil, fmt.Errorf("cannot write next to %s: %w", dest, err)
	}
	d := &Dir{dest: abs, tmp: tmp, made: map[string]bool{tmp: true}}
	if err := d.WriteFile(Marker, []byte(markerText)); err != nil {
		d.Abort()
		return nil, err
	}
	return d, nil
}

// Guard returns an error when a build must not replace the folder dest: the filesystem's root,
// the home folder, the source folder or a folder holding it, a file, or a folder with files
// in it that has no marker.
func Guard(dest, source string) error {
	dest = filepath.Clean(dest)
	if dest == filepath.VolumeName(dest)+string(filepath.Separator) {
		return fmt.Errorf("refusing to write the site to %s, the root of the filesystem: choose a folder of its own, like -d public", dest)
	}
	if home, err := os.UserHomeDir(); err == nil && sameFile(dest, home) {
		return fmt.Errorf("refusing to write the site to your home folder %s: choose a folder of its own, like -d public", dest)
	}
	if source != "" {
		src, err := filepath.Abs(source)
		if err == nil && (sameFile(dest, src) || within(src, dest)) {
			return fmt.Errorf("refusing to write the site to %s: it holds the source folder %s, which a build would replace; choose another folder, like -d public", dest, source)
		}
		if err == nil && within(dest, src) {
			return fmt.Errorf("refusing to write the site to %s, inside the source folder %s: the next build would read it as content; choose a folder outside it", dest, source)
		}
	}
	info, err := os.Lstat(dest)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("refusing to write the site to %s: it is a file, not a folder", dest)
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dest, Marker)); err != nil {
		return fmt.Errorf("refusing to replace %s: it holds files that a build did not write (it has no %s marker); move them away, or choose another folder with -d", dest, Marker)
	}
	return nil
}

// WriteFile writes one file of the site, at a slash-separated path.
func (d *Dir) WriteFile(name string, data []byte) error {
	p, err := d.path(name)
	if err != nil {
		return err
	}
	return plainfile.WriteFile(p, data, 0o644)
}

// Create creates one file of the site, at a slash-separated path, to be written and closed.
// Files may be created and written at once.
func (d *Dir) Create(name string) (io.WriteCloser, error) {
	p, err := d.path(name)
	if err != nil {
		return nil, err
	}
	return plainfile.Create(p, 0o666) // as os.Create: the umask decides
}

// path is where the file of the site at a slash-separated path is written; its folder is made.
func (d *Dir) path(name string) (string, error) {
	if d.done {
		return "", errors.New("output: write after commit")
	}
	clean := filepath.Clean(filepath.FromSlash(name))
	if filepath.IsAbs(clean) || clean == "." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) || clean == ".." {
		return "", fmt.Errorf("output: path %q leaves the site's folder", name)
	}
	p := filepath.Join(d.tmp, clean)
	return p, d.mkdir(filepath.Dir(p))
}

// mkdir makes the folder dir of the new site, and the folders it is in, unless made already:
// one call for each new folder, where os.MkdirAll looks at the folder and its parent first.
func (d *Dir) mkdir(dir string) error {
	d.mu.Lock()
	made := d.made[dir]
	d.mu.Unlock()
	if made {
		return nil
	}
	if parent := filepath.Dir(dir); parent != dir { // always, below the new site's folder
		if err := d.mkdir(parent); err != nil {
			return err
		}
	}
	// Another file's writer may have made it since.
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	d.mu.Lock()
	d.made[dir] = true
	d.mu.Unlock()
	return nil
}

// Path is the folder the new site is being written to, until Commit or Abort.
func (d *Dir) Path() string { return d.tmp }

// Commit replaces the destination with the new site.
func (d *Dir) Commit() error {
	if d.done {
		return errors.New("output: commit twice")
	}
	d.done = true
	var old string
	if _, err := os.Lstat(d.dest); err == nil {
		old = filepath.Join(filepath.Dir(d.dest), "."+filepath.Base(d.dest)+".old-"+randomSuffix())
		if err := os.Rename(d.dest, old); err != nil {
			os.RemoveAll(d.tmp)
			return fmt.Errorf("cannot replace %s: %w", d.dest, err)
		}
	}
	if err := os.Rename(d.tmp, d.dest); err != nil {
		if old != "" {
			_ = os.Rename(old, d.dest)
		}
		os.RemoveAll(d.tmp)
		return fmt.Errorf("cannot replace %s: %w", d.dest, err)
	}
	if old != "" {
		// The old site held the marker (Guard checked it), so it is ours to remove.
		if err := removeAll(old); err != nil {
			return fmt.Errorf("the site is written, but the previous one could not be removed from %s: %w", old, err)
		}
	}
	return nil
}

// Abort removes the new site; the destination stays as it was.
func (d *Dir) Abort() {
	if d.done {
		return
	}
	d.done = true
	os.RemoveAll(d.tmp)
}

// removeAll removes the folder dir and everything in it, as os.RemoveAll does, the
// folders in its folders on every core: a site of 1,000 modules is 6,000 folders. Every
// removal is made within dir (os.Root), so that a folder swapped for a link to somewhere else
// after it was listed cannot take what the link points to with it.
func removeAll(dir string) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	defer root.Close()
	var names []string
	top, err := fs.ReadDir(root.FS(), ".")
	if err != nil {
		return os.RemoveAll(dir)
	}
	for _, e := range top {
		if !e.IsDir() {
			names = append(names, e.Name())
			continue
		}
		sub, err := fs.ReadDir(root.FS(), e.Name())
		if err != nil {
			names = append(names, e.Name())
			continue
		}
		for _, s := range sub {
			names = append(names, e.Name()+"/"+s.Name())
		}
	}
	afterList(dir)
	// What these could not remove (a folder swapped for a link is refused as leaving dir),
	// os.RemoveAll removes after them, or says why it cannot.
	work.Each(len(names), func(i int) { _ = root.RemoveAll(names[i]) })
	return os.RemoveAll(dir)
}

// afterList is called by removeAll between listing and removing, for a test to change the
// folder then.
var afterList = func(dir string) {}

// within reports whether path is inside dir (and not dir itself).
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func sameFile(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ia, ib)
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
