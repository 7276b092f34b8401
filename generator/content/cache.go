package content

import (
	"crypto/sha256"
	"slices"
	"time"
)

// A Cache keeps what reading each file of a content folder gave, for LoadCached. serve keeps
// one, so that saving one file of a curriculum of a thousand modules reads that file only.
type Cache struct {
	settings [32]byte // the SHA-256 of the settings file the files were read with
	paths    []string // the files of the folder, in order
	files    map[string]cached
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
func (c *Cache) reuse(l *loader, paths []string) []*loader {
	subs := make([]*loader, len(paths))
	if _, layered := l.fsys.(layered); c == nil || layered || l.settings == nil || c.settings != l.settings.sum || !slices.Equal(c.paths, paths) {
		return subs // an adaptation's files and settings come from several folders: read all
	}
	for i, p := range paths {
		e, ok := c.files[p]
		st, known := l.stamps[p]
		if !ok || !known || st.size != e.stamp.size || !st.mod.Equal(e.stamp.mod) {
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
