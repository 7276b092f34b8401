// Package content loads a curriculum from its content folder into the model: it reads the
// settings file and every markdown file through an fs.FS, decodes the front matter, finds the
// activities and steps of each module, numbers everything, links the agenda to the modules and
// pages, and resolves every cross-reference. Every problem it finds becomes a diagnostic with
// the file, line and column, and the fix.
package content

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"

	"curriculum/generator/diag"
	"curriculum/generator/internal/work"
	"curriculum/generator/model"
)

// SettingsFile is the name of the curriculum's settings file in the content folder.
const SettingsFile = "curriculum.yaml"

// Folders of the content folder whose markdown files are not pages.
const (
	ModulesDir        = "modules"
	HandoutsDir       = "handouts"
	TransparenciesDir = "transparencies"
	// ThemeDir holds layouts, partials and static files that replace the default theme's of
	// the same path; it is not content.
	ThemeDir = "theme"
)

// Reserved lists the top-level names of the site that the generator writes itself; no page or
// file of the content folder may take them.
var Reserved = []string{"modules", "handouts", "transparencies", "competencies", "schedule", "print", "present", "pdf", "checklist", "search", "css", "js", "404.html", "sitemap.xml"}

// Load reads the curriculum in fsys, the content folder, and returns its model and the
// diagnostics found on the way. display is how the folder is named in diagnostics ("content").
// The model is nil only when the diagnostics hold an error that leaves nothing to build.
func Load(fsys fs.FS, display string, md goldmark.Markdown) (*model.Curriculum, *diag.List) {
	return LoadCached(fsys, display, md, nil)
}

// LoadCached is Load with a cache of what reading each file gave, which it uses and updates:
// a file whose size and modification time are those the cache knows is not read again (see
// also Cache.Touched).
// Everything is read again when the settings or the set of files changed. A nil cache is no
// cache. Load with a cache the same folder only, one Load at a time: the model a Load returns
// shares the objects of the files not read again with the one before, whose links across
// files the new Load makes anew.
func LoadCached(fsys fs.FS, display string, md goldmark.Markdown, cache *Cache) (*model.Curriculum, *diag.List) {
	l := &loader{fsys: fsys, display: display, md: md, diags: &diag.List{}, cache: cache}
	l.read()
	if l.settings == nil {
		return nil, l.diags
	}
	l.assemble()
	l.cur.Signature = l.sig
	if !l.cache.relink(l) {
		before := l.diags.Len()
		l.validateRefs()
		l.cache.linked(l, l.diags.Len() == before)
	}
	l.checkRemovals()
	return l.cur, l.diags
}

// loader holds the state of one Load.
type loader struct {
	fsys    fs.FS
	display string
	md      goldmark.Markdown
	diags   *diag.List

	settings *settingsFile
	modules  []*moduleFile
	handouts []*handoutFile
	transps  []*transparencyFile
	pages    []*pageFile
	assets   []string

	// sites maps the files of the content folder to their place in the site, for links.
	sites map[string]string
	// refs are the references of the file read, to be checked once every file is read, and
	// fileRefs every file's.
	refs     []pendingRef
	fileRefs [][]pendingRef
	// sig is the signature of the file read (see sign), or of every file.
	sig [32]byte
	// removed are the indexes of the settings' removals of activities the file's reading
	// made, for a reading the cache gives again.
	removed []int

	cache *Cache
	// stamps are the sizes and modification times of the files read, by path.
	stamps map[string]stamp

	cur *model.Curriculum
}

// file returns the display path of a path of the content folder.
func (l *loader) file(p string) string {
	if o, ok := l.fsys.(layered); ok {
		return o.Origin(p) + "/" + p
	}
	if l.display == "" || l.display == "." {
		return p
	}
	return l.display + "/" + p
}

// read walks the content folder and reads every file it knows.
func (l *loader) read() {
	// The settings first: they say what to remove and the variables of the text.
	if _, err := fs.Stat(l.fsys, SettingsFile); err == nil {
		if src, ok := l.readText(SettingsFile); ok {
			if l.settings = l.readSettings(src); l.settings != nil {
				l.settings.sum = sumOf(src)
			}
		}
		if l.settings == nil {
			return
		}
	}
	touched := l.cache.hint()
	paths, entries, listed := l.cache.listing(l, touched)
	if !listed {
		paths, entries = l.walk()
	}
	if l.cache != nil {
		// The sizes and times of the files, which say which changed; without a cache, none.
		l.stamps = l.cache.stamps(paths, entries, touched)
	}
	l.sites = l.cache.sitePaths(paths)
	l.readFiles(paths, touched)
	if l.settings == nil && !l.diags.HasErrors() {
		l.diags.Errorf(l.file(SettingsFile), 0, 0, "the content folder has no %s: every curriculum has one, with its title and the day's agenda (see the README)", SettingsFile)
	}
}

// walk lists the files of the content folder that a load reads, in order, with their entries.
func (l *loader) walk() (paths []string, entries []fs.DirEntry) {
	failed := false // a file or folder that could not be read
	err := fs.WalkDir(l.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			l.diags.Errorf(l.file(p), 0, 0, "cannot read: %v", unwrapPathError(err))
			failed = true
			return nil
		}
		if p == ThemeDir && d.IsDir() {
			return fs.SkipDir
		}
		if p != "." && EditorFile(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || p == SettingsFile {
			return nil
		}
		if l.settings != nil && l.settings.removes(p) {
			return nil
		}
		paths = append(paths, p)
		entries = append(entries, d)
		return nil
	})
	if err != nil {
		l.diags.Errorf(l.display, 0, 0, "cannot read the content folder: %v", err)
	}
	if err != nil || failed {
		// Not this listing, nor the last: a folder that could not be read may hold files
		// by the time the watcher names one of the others.
		l.cache.list(l, nil, nil)
	} else {
		l.cache.list(l, paths, entries)
	}
	return paths, entries
}

// readFiles reads the files at paths on every core, each into a loader of its own, and
// gathers what they found in the order of paths: the model and the diagnostics are the same as
// one core reading them in turn would make.
func (l *loader) readFiles(paths []string, touched map[string]bool) {
	subs := l.cache.reuse(l, paths, touched)
	var todo []int
	for i, sub := range subs {
		if sub == nil {
			todo = append(todo, i)
		}
	}
	work.Each(len(todo), func(j int) {
		i := todo[j]
		sub := &loader{fsys: l.fsys, display: l.display, md: l.md, diags: &diag.List{}, settings: l.settings, sites: l.sites}
		sub.readFile(paths[i])
		if l.cache != nil { // a signature is for telling this load's model from a later one's
			sub.sig = sub.sign()
		}
		subs[i] = sub
	})
	l.cache.keep(l, paths, subs)
	// Each file's references are kept as its reading left them, not copied into one slice:
	// at a thousand modules they are megabytes, which a rebuild in serve would copy for the
	// one file it read.
	l.fileRefs = make([][]pendingRef, 0, len(subs))
	for _, sub := range subs {
		for _, r := range sub.removed {
			l.settings.removals[r].done = true
		}
		l.diags.Merge(sub.diags)
		l.modules = append(l.modules, sub.modules...)
		l.handouts = append(l.handouts, sub.handouts...)
		l.transps = append(l.transps, sub.transps...)
		l.pages = append(l.pages, sub.pages...)
		l.assets = append(l.assets, sub.assets...)
		if len(sub.refs) > 0 {
			l.fileRefs = append(l.fileRefs, sub.refs)
		}
	}
	if l.cache != nil {
		sig := sha256.New()
		if l.settings != nil {
			sig.Write(l.settings.sum[:])
		}
		for i, sub := range subs {
			sig.Write([]byte(paths[i] + "\x00"))
			sig.Write(sub.sig[:])
		}
		sig.Sum(l.sig[:0])
	}
}

// readFile reads one file of the content folder into l.
func (l *loader) readFile(p string) {
	dir, name := path.Split(p)
	dir = strings.TrimSuffix(dir, "/")
	top, _, _ := strings.Cut(p, "/")
	if path.Ext(name) != ".md" {
		if slices.Contains(Reserved, top) {
			l.diags.Errorf(l.file(p), 0, 0, "%s is a name the generator uses for its own pages; move this file to another folder", top)
			return
		}
		l.assets = append(l.assets, p)
		return
	}
	src, ok := l.readText(p)
	if !ok {
		return
	}
	switch dir {
	case ModulesDir:
		l.readModule(p, src)
		return
	case HandoutsDir:
		l.readHandout(p, src)
		return
	case TransparenciesDir:
		l.readTransparency(p, src)
		return
	}
	if slices.Contains([]string{ModulesDir, HandoutsDir, TransparenciesDir}, top) {
		l.diags.Errorf(l.file(p), 0, 0, "%s/ holds files directly, not in folders: move this file to %s/%s", top, top, name)
		return
	}
	if slices.Contains(Reserved, top) || slices.Contains(Reserved, strings.TrimSuffix(top, ".md")) {
		l.diags.Errorf(l.file(p), 0, 0, "%s is a page the generator makes itself; give this page another name", model.PageURL(p))
		return
	}
	l.readPage(p, src)
}

// readText reads a text file, which must be UTF-8.
func (l *loader) readText(p string) ([]byte, bool) {
	src, err := fs.ReadFile(l.fsys, p)
	if err != nil {
		l.diags.Errorf(l.file(p), 0, 0, "cannot read: %v", unwrapPathError(err))
		return nil, false
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff")) // a byte order mark, as some editors write
	if !utf8.Valid(src) {
		off := invalidUTF8(src)
		line, col := diag.NewLines(src).Position(off)
		l.diags.Errorf(l.file(p), line, col, "the file is not UTF-8 text (byte 0x%02X): save it as UTF-8 in your editor (\"Save as…\", encoding UTF-8)", src[off])
		return nil, false
	}
	l.checkPasted(l.file(p), src)
	if path.Ext(p) == ".md" {
		src = l.substitute(p, src)
	}
	return src, true
}

func invalidUTF8(src []byte) int {
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(src)
}

// unwrapPathError drops the path from an fs.PathError: the diagnostic names the file already.
func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// EditorFile reports whether a file named name is one that editors and tools make for
// themselves, which are not content: hidden files (.DS_Store, vim's .x.md.swp, Emacs's
// .#x.md lock), backups (x.md~), Emacs's #x.md#, vim's 4913 (its probe of the folder), and
// JetBrains' safe-write files.
func EditorFile(name string) bool {
	switch {
	case strings.HasPrefix(name, "."),
		strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		name == "4913",
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	}
	return false
}
