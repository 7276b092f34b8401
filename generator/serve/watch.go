package serve

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"curriculum/generator/content"
)

// Settle is how long a burst of changes must have been quiet before a Watcher calls back: an
// editor saving a file makes several events in a few milliseconds (a temporary file written,
// renamed, the original's mode set).
const Settle = 75 * time.Millisecond

// Watcher watches a folder and every folder under it, folders made later included.
type Watcher struct {
	fsw     *fsnotify.Watcher
	changed func(files []string)
	problem func(error)
	done    chan struct{} // closed by Close
	stopped chan struct{} // closed when the loop has returned
	once    sync.Once

	mu    sync.Mutex
	roots map[string]bool // the folders watched with all theirs, as absolute paths
}

// Watch starts watching dir and every folder under it, except hidden ones. Once a burst of
// changes to files that matter has been quiet for Settle, it calls changed with the files the
// burst changed, made or removed, sorted, each as dir joined with its path in dir; or with nil
// when it cannot know them all: events were lost, or a folder was made, whose files may have
// come before it was watched. Changes made while changed runs make another call after it. A
// file matters unless an editor makes it for itself (see content.EditorFile). problem, which
// may be nil, is told what could not be watched after the start; the watcher goes on. changed
// and problem are called from one goroutine, never at once, and never after Close returns.
func Watch(dir string, changed func(files []string), problem func(error)) (*Watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{fsw: fsw, changed: changed, problem: problem, done: make(chan struct{}), stopped: make(chan struct{}), roots: map[string]bool{}}
	if err := w.Add(dir); err != nil {
		fsw.Close()
		return nil, err
	}
	go w.loop()
	return w, nil
}

// Add watches dir and every folder under it as well, as Watch does its own: an adaptation's
// bases. A folder added before is left as it is.
func (w *Watcher) Add(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.roots[abs] {
		return nil
	}
	if err := w.addTree(dir, true); err != nil {
		return err
	}
	w.roots[abs] = true
	return nil
}

// Close stops watching, waiting for a call of changed under way to return.
func (w *Watcher) Close() error {
	var err error
	w.once.Do(func() {
		close(w.done)
		err = w.fsw.Close()
		<-w.stopped
	})
	return err
}

// addTree watches dir and the folders under it. root says dir is the watched folder itself,
// which may be hidden.
func (w *Watcher) addTree(dir string, root bool) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil && !root && errors.Is(err, fs.ErrNotExist):
			return nil // a new folder gone again already
		case err != nil:
			return err
		case !d.IsDir():
			return nil
		case (p != dir || !root) && content.EditorFile(d.Name()):
			return filepath.SkipDir
		}
		return w.fsw.Add(p)
	})
}

func (w *Watcher) loop() {
	defer close(w.stopped)
	settle := time.NewTimer(time.Hour)
	settle.Stop()
	defer settle.Stop()
	files := map[string]bool{} // of the burst; nil when they are not known
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if !w.matters(ev) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
					w.report(w.addTree(ev.Name, false))
					files = nil
				}
			}
			if files != nil {
				files[ev.Name] = true
			}
			settle.Reset(Settle)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			// Events may have been lost (the queue overflowed): build to be sure.
			w.report(err)
			files = nil
			settle.Reset(Settle)
		case <-settle.C:
			var list []string
			if files != nil {
				list = slices.Sorted(maps.Keys(files))
			}
			files = map[string]bool{}
			w.changed(list)
		}
	}
}

// matters reports whether ev is a change to a file that is part of the content.
func (w *Watcher) matters(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false // indexers and backup tools touch modes; a save also writes
	}
	return !content.EditorFile(filepath.Base(ev.Name))
}

func (w *Watcher) report(err error) {
	if err != nil && w.problem != nil {
		w.problem(err)
	}
}
