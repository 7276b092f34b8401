package content

import (
	"crypto/sha256"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"time"

	"curriculum/generator/internal/work"
	"curriculum/generator/model"
)

// A Cache keeps what reading each file of a content folder gave, for LoadCached. serve keeps
// one, so that saving one file of a curriculum of a thousand modules reads that file only.
type Cache struct {
	settings [32]byte // the SHA-256 of the settings file the files were read with
	paths    []string // the files of the folder, in order
	files    map[string]cached
	// stampsOf are the sizes and times of the files of the last load, and sites where the
	// files of sitesOf are in the site: both are made again only for other files.
	stampsOf map[string]stamp
	sites    map[string]string
	sitesOf  []string
	// listed is the last walk of the folder, with the settings it was made with: the files it
	// found (at their indexes in index), their entries, and the settings' removals of files
	// it made (indexes of removals).
	listed struct {
		settings [32]byte
		paths    []string
		entries  []fs.DirEntry
		index    map[string]int
		removed  []int
	}
	// touched are the files that may have changed since the last Load that kept what it
	// read, as Touched was told; nil when it was not told, and when unknown is set: Touched
	// was told that any file may have changed. A Load that keeps what it read forgets both.
	touched map[string]bool
	unknown bool

	// usedIn are where each handout and then each transparency is used, as the references of
	// the load of signature sig found them, which reported no mistake: a load of the same
	// signature (the same files, numbers and references, only other text) finds the same.
	sig    [32]byte
	usedIn [][]model.Use
	// useModules are the indexes in modules of the module of each place of usedIn, -1 for a
	// place in no activity, and modules the modules of that load: those a load since read
	// again are the only ones whose places are looked at.
	useModules [][]int32
	modules    []*model.Module
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
// their entries in the folder: looked at on every core, or, when the cache knows the same
// files, as it knew them but for the files touched names.
func (c *Cache) stamps(paths []string, entries []fs.DirEntry, touched map[string]bool) map[string]stamp {
	if touched != nil && c.stampsOf != nil && slices.Equal(c.paths, paths) {
		// The last load's, with the touched files' looked at again.
		m := maps.Clone(c.stampsOf)
		for i, p := range paths {
			if !touched[p] {
				continue
			}
			delete(m, p)
			if info, err := entries[i].Info(); err == nil && !info.ModTime().IsZero() {
				m[p] = stamp{info.Size(), info.ModTime()}
			}
		}
		return m
	}
	stamps := make([]stamp, len(entries))
	work.Each(len(entries), func(i int) {
		if info, err := entries[i].Info(); err == nil {
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

// list remembers the files a walk of the folder found, for listing; nil paths forget the
// last walk's, for a walk that could not read the whole folder.
func (c *Cache) list(l *loader, paths []string, entries []fs.DirEntry) {
	if c == nil {
		return
	}
	if paths == nil || l.settings == nil {
		c.listed.index = nil
		return
	}
	w := &c.listed
	w.settings, w.paths, w.entries, w.removed = l.settings.sum, paths, entries, nil
	w.index = make(map[string]int, len(paths))
	for i, p := range paths {
		w.index[p] = i
	}
	for i, r := range l.settings.removals {
		if r.file != "" && r.done {
			w.removed = append(w.removed, i)
		}
	}
}

// listing returns the files of the last walk of the folder, without walking it again, when
// the watcher says which files changed since (touched is not nil), the settings are the same,
// and each file touched is one the walk found that is a file still, or one a walk leaves out
// (the settings, the theme's, an editor's): no file was made, removed or renamed.
func (c *Cache) listing(l *loader, touched map[string]bool) ([]string, []fs.DirEntry, bool) {
	if _, layered := l.fsys.(layered); c == nil || touched == nil || layered || l.settings == nil {
		return nil, nil, false
	}
	w := &c.listed
	if w.index == nil || w.settings != l.settings.sum {
		return nil, nil, false
	}
	for p := range touched {
		if _, ok := w.index[p]; ok {
			if info, err := fs.Stat(l.fsys, p); err != nil || info.IsDir() {
				return nil, nil, false
			}
			continue
		}
		if p != SettingsFile && !strings.HasPrefix(p, ThemeDir+"/") && !inEditorFile(p) {
			return nil, nil, false
		}
	}
	for _, i := range w.removed {
		l.settings.removals[i].done = true
	}
	return w.paths, w.entries, true
}

// inEditorFile reports whether the path p is an editor's file, or in an editor's folder.
func inEditorFile(p string) bool {
	for _, name := range strings.Split(p, "/") {
		if EditorFile(name) {
			return true
		}
	}
	return false
}

// sitePaths is sitePaths(paths), made again only when the files are not the last load's.
func (c *Cache) sitePaths(paths []string) map[string]string {
	if c == nil {
		return sitePaths(paths)
	}
	if c.sites == nil || !slices.Equal(c.sitesOf, paths) {
		c.sites, c.sitesOf = sitePaths(paths), paths
	}
	return c.sites
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
		subs[i] = e.sub
	}
	return subs
}

// relink gives the handouts and transparencies of l where they are used as the last load
// with a cache found them, when l has its signature, and reports whether it did; l's
// references need not be checked again then. At a thousand modules that is 30,000 references.
// A place in a module read again names that module's new activity and step.
func (c *Cache) relink(l *loader) bool {
	if c == nil || c.usedIn == nil || c.sig != l.sig || len(c.usedIn) != len(l.cur.Handouts)+len(l.cur.Transparencies) || len(c.modules) != len(l.cur.Modules) {
		return false
	}
	var again []bool // by module, read again since
	for i, m := range l.cur.Modules {
		if m != c.modules[i] {
			if again == nil {
				again = make([]bool, len(l.cur.Modules))
			}
			again[i] = true
		}
	}
	if again != nil {
		for i, uses := range c.usedIn {
			for j, m := range c.useModules[i] {
				if m >= 0 && again[m] && !renew(&uses[j], l.cur.Modules[m]) {
					return false // not as the signature says: the references are checked again
				}
			}
		}
		c.modules = slices.Clone(l.cur.Modules)
	}
	for i, h := range l.cur.Handouts {
		h.UsedIn = c.usedIn[i]
	}
	for i, t := range l.cur.Transparencies {
		t.UsedIn = c.usedIn[len(l.cur.Handouts)+i]
	}
	return true
}

// renew points u at the activity and step of m, its module read again, that stand where u's
// stood in the module before; false when there is none.
func renew(u *model.Use, m *model.Module) bool {
	old := u.Activity.Module
	ai := slices.Index(old.Activities, u.Activity)
	if ai < 0 || ai >= len(m.Activities) {
		return false
	}
	a := m.Activities[ai]
	if u.Step != nil {
		si := slices.Index(u.Activity.Steps, u.Step)
		if si < 0 || si >= len(a.Steps) {
			return false
		}
		u.Step = a.Steps[si]
	}
	u.Activity = a
	return true
}

// linked remembers where the handouts and transparencies of l are used, once its references
// are checked, for the next load; clean is whether the check found no mistake: a mistake is
// reported again, at its place in the file as it is then.
func (c *Cache) linked(l *loader, clean bool) {
	if c == nil {
		return
	}
	c.sig, c.usedIn, c.useModules, c.modules = [32]byte{}, nil, nil, nil
	if !clean || l.sig == ([32]byte{}) {
		return
	}
	index := make(map[*model.Module]int32, len(l.cur.Modules))
	for i, m := range l.cur.Modules {
		index[m] = int32(i)
	}
	n := len(l.cur.Handouts) + len(l.cur.Transparencies)
	c.usedIn, c.useModules = make([][]model.Use, 0, n), make([][]int32, 0, n)
	add := func(uses []model.Use) {
		ms := make([]int32, len(uses))
		for i, u := range uses {
			ms[i] = -1
			if u.Activity != nil {
				m, ok := index[u.Activity.Module]
				if !ok {
					return // not a module of l: relink will not be asked to
				}
				ms[i] = m
			}
		}
		c.usedIn, c.useModules = append(c.usedIn, uses), append(c.useModules, ms)
	}
	for _, h := range l.cur.Handouts {
		add(h.UsedIn)
	}
	for _, t := range l.cur.Transparencies {
		add(t.UsedIn)
	}
	if len(c.usedIn) != n {
		c.usedIn, c.useModules = nil, nil
		return
	}
	c.sig, c.modules = l.sig, slices.Clone(l.cur.Modules)
}

// keep remembers what reading paths gave.
func (c *Cache) keep(l *loader, paths []string, subs []*loader) {
	if c == nil || l.settings == nil {
		return
	}
	c.touched, c.unknown = nil, false // what this Load read is known as it is now
	if c.files != nil && c.settings == l.settings.sum && slices.Equal(c.paths, paths) {
		// The same files: only those read again, or of other sizes and times, change.
		for i, p := range paths {
			st, ok := l.stamps[p]
			switch e, had := c.files[p]; {
			case !ok:
				delete(c.files, p)
			case !had || e.sub != subs[i] || e.stamp != st:
				c.files[p] = cached{st, subs[i]}
			}
		}
	} else {
		c.settings, c.paths, c.files = l.settings.sum, paths, make(map[string]cached, len(paths))
		for i, p := range paths {
			if st, ok := l.stamps[p]; ok {
				c.files[p] = cached{st, subs[i]}
			}
		}
	}
	c.stampsOf = l.stamps
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
		h.Module, h.Transparency, h.UsedIn = nil, nil, h.UsedIn[:0] // its room is had again
	}
	for _, tf := range l.transps {
		t := tf.transparency
		t.Module, t.UsedIn = nil, t.UsedIn[:0]
	}
	for _, pf := range l.pages {
		p := pf.page
		p.Parent, p.Children, p.Blocks = nil, nil, nil
	}
}

// sumOf is the SHA-256 of b.
func sumOf(b []byte) [32]byte { return sha256.Sum256(b) }
