package content

import (
	"crypto/sha256"
	"io/fs"
	"slices"
	"time"

	"curriculum/generator/internal/work"
)

// A Cache keeps what reading each file of a content folder gave, for LoadCached. serve keeps
// one, so that saving one file of a curriculum of a thousand modules reads that file only.
type Cache struct {
	settings [32]byte // the SHA-256 of the settings file the files were read with
	paths    []string // the files of the folder, in order
	files    map[string]cached
	// touched are the files that may have changed since the last Load that kept what it
	// read, as Touched was told; nil when it was not told, and when unknown is set: Touched
	// was told that any file may have changed. A Load that keeps what it read forgets both.
	touched map[string]bool
	unknown bool
}

// Touched tells the cache that, of the files of the folder, only those at paths (slash
// paths in the folder) may have changed since it was last told, or else since the last Load:
// serve's watcher knows which files it saw change. nil paths mean that any file may have. A
// LoadCached then reads again every file it was told of since the last Load that kept what it
// read (one stopped by the settings keeps nothing), and looks at no other file's size and
// time; files added or removed, or other settings, make it read every file all the same.
// Without Touched, a Load looks at the size and time of every file.
func (c *Cache) Touched(paths []string) {
	switch {
	case paths == nil:
		c.touched, c.unknown = nil, true
	case c.unknown:
	default:
		if c.touched == nil {
			c.touched = make(map[string]bool, len(paths))
		}
		for _, p := range paths {
			c.touched[p] = true
		}
	}
}

// hint returns the files that may have changed since the last Load that kept what it read,
// as Touched was told, or nil when any may have.
func (c *Cache) hint() map[string]bool {
	if c == nil || c.unknown {
		return nil
	}
	return c.touched
}

// stamps returns the size and modification time of each of the files at paths, with entries
// their entries in the folder: looked at on every core, or, for the files touched does not
// name, as the cache knew them, when the cache knows the same files.
func (c *Cache) stamps(paths []string, entries []fs.DirEntry, touched map[string]bool) map[string]stamp {
	known := touched != nil && slices.Equal(c.paths, paths)
	stamps := make([]stamp, len(entries))
	work.Each(len(entries), func(i int) {
		if e, ok := c.files[paths[i]]; known && ok && !touched[paths[i]] {
			stamps[i] = e.stamp
		} else if info, err := entries[i].Info(); err == nil {
			stamps[i] = stamp{info.Size(), info.ModTime()}
		}
	})
	m := make(map[string]stamp, len(paths))
	for i, p := range paths {
		if !stamps[i].mod.IsZero() {
			m[p] = stamps[i]
		}
	}
	return m
}

type cached struct {
	stamp stamp
	sub   *loader // what reading the file gave
}

// stamp is how a file is known not to have changed: its size and modification time.
type stamp struct {
	size int64
	mod  time.Time
}

// reuse returns, for each of paths, what reading it gave before when it did not change since,
// made ready to be linked to the other files again; nil for a file to read. Nothing is reused
// when the settings or the set of files changed: the variables and removals of the settings,
// and the files that links can point to, go into what reading each file gives.
//
// A file touched names is read again whatever its size and time: a save within the
// resolution of the file system's clock may leave both as they were.
func (c *Cache) reuse(l *loader, paths []string, touched map[string]bool) []*loader {
	subs := make([]*loader, len(paths))
	if _, layered := l.fsys.(layered); c == nil || layered || l.settings == nil || c.settings != l.settings.sum || !slices.Equal(c.paths, paths) {
		return subs // an adaptation's files and settings come from several folders: read all
	}
	for i, p := range paths {
		e, ok := c.files[p]
		st, known := l.stamps[p]
		if !ok || !known || touched[p] || st.size != e.stamp.size || !st.mod.Equal(e.stamp.mod) {
			continue
		}
		e.sub.unlink()
		for _, r := range e.sub.removed {
			l.settings.removals[r].done = true
		}
		subs[i] = e.sub
	}
	return subs
}

// keep remembers what reading paths gave.
func (c *Cache) keep(l *loader, paths []string, subs []*loader) {
	if c == nil || l.settings == nil {
		return
	}
	c.settings, c.paths, c.files = l.settings.sum, paths, make(map[string]cached, len(paths))
	c.touched, c.unknown = nil, false // what this Load read is known as it is now
	for i, p := range paths {
		if st, ok := l.stamps[p]; ok {
			c.files[p] = cached{st, subs[i]}
		}
	}
}

// unlink undoes the links that a Load makes across the files: the handouts, transparencies
// and agenda blocks of a module; a handout's module and transparency; where handouts and
// transparencies are used; a page's parent, children and blocks.
func (l *loader) unlink() {
	for _, mf := range l.modules {
		m := mf.module
		m.Handouts, m.Transparencies, m.Blocks = nil, nil, nil
	}
	for _, hf := range l.handouts {
		h := hf.handout
		h.Module, h.Transparency, h.UsedIn = nil, nil, nil
	}
	for _, tf := range l.transps {
		t := tf.transparency
		t.Module, t.UsedIn = nil, nil
	}
	for _, pf := range l.pages {
		p := pf.page
		p.Parent, p.Children, p.Blocks = nil, nil, nil
	}
}

// sumOf is the SHA-256 of b.
func sumOf(b []byte) [32]byte { return sha256.Sum256(b) }
