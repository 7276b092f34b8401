package content

import (
	"strings"

	"gopkg.in/yaml.v3"

	"curriculum/generator/diag"
	"curriculum/generator/model"
)

// settingsFile is curriculum.yaml, decoded; its references to modules and pages are linked
// once every file is read.
type settingsFile struct {
	cur      *model.Curriculum
	contents []contentsEntry
	start    model.Clock
	agenda   []agendaBlock

	// variables are the names the text may use as {{name}}, and their values.
	variables map[string]string
	// removals are what an adaptation takes out of its base.
	removals []removal
	// sum is the SHA-256 of the settings file, for a Cache.
	sum [32]byte
}

// removal is one item of the settings' remove list: a file of the base (a page, a handout, a
// transparency), or an activity of a module.
type removal struct {
	file     string // "handouts/4.3.md"; "" for an activity
	module   int    // for an activity
	activity int
	what     string // "Handout 4.3", for messages
	pos      diag.Pos
	done     bool // it matched something
}

// removes reports whether the file at p is removed, and marks the removal done.
func (s *settingsFile) removes(p string) bool {
	for i := range s.removals {
		if s.removals[i].file == p {
			s.removals[i].done = true
			return true
		}
	}
	return false
}

// activityNumber is the number of the n-th activity of module m once the settings' removals
// are made: n less the activities removed before it, or 0 when it is removed itself.
func (s *settingsFile) activityNumber(m, n int) int {
	if s == nil {
		return n
	}
	before := map[int]bool{}
	for _, r := range s.removals {
		if r.file != "" || r.module != m {
			continue
		}
		if r.activity == n {
			return 0
		}
		if r.activity < n {
			before[r.activity] = true
		}
	}
	return n - len(before)
}

// removesActivity reports whether the settings remove the n-th activity of module m, and
// records the removal as made by the file's reading: it is marked done once every file is
// read, as the files are read on every core and share the settings.
func (l *loader) removesActivity(m, n int) bool {
	if l.settings == nil {
		return false
	}
	for i, r := range l.settings.removals {
		if r.file == "" && r.module == m && r.activity == n {
			l.removed = append(l.removed, i)
			return true
		}
	}
	return false
}

type contentsEntry struct {
	name string // "modules", or a page's path without .md
	pos  diag.Pos
}

type agendaBlock struct {
	module  int    // when the block is a module
	page    string // when the block is a page
	brk     string // when the block is a break: its name
	label   string
	minutes int
	pos     diag.Pos
	minPos  diag.Pos
}

var settingsFields = []string{"title", "subtitle", "short_title", "language", "developer", "assistance", "publisher", "audience", "participants", "room", "contents", "day", "base", "variables", "remove"}

func (l *loader) readSettings(src []byte) *settingsFile {
	y := &yamlFile{file: l.file(SettingsFile), diags: l.diags}
	root := y.parse(src, SettingsFile)
	if root == nil {
		return nil
	}
	if o, ok := l.fsys.(layered); ok {
		if root = l.mergeSettings(y, root, o.Layers()); root == nil {
			return nil
		}
	}
	f := y.fields(root, SettingsFile, settingsFields...)
	cur := &model.Curriculum{
		Title:        f.text("title", true),
		Subtitle:     f.text("subtitle", false),
		ShortTitle:   f.text("short_title", false),
		Language:     f.str("language", false),
		Developer:    f.text("developer", false),
		Assistance:   f.text("assistance", false),
		Publisher:    f.text("publisher", false),
		Audience:     f.text("audience", false),
		Participants: f.integer("participants", false, 1, "participants"),
		Room:         f.text("room", false),
	}
	if cur.ShortTitle == "" {
		cur.ShortTitle = cur.Title
	}
	if cur.Language == "" {
		cur.Language = "en"
	}
	s := &settingsFile{cur: cur}
	for _, item := range f.list("contents") {
		name, ok := scalarText(item)
		if !ok || strings.TrimSpace(name) == "" {
			y.errorf(item, "each item of contents must be a page's path (like introduction/trainers) or modules; found %s", describe(item))
			continue
		}
		name = strings.TrimSuffix(strings.Trim(strings.TrimSpace(name), "/"), ".md")
		s.contents = append(s.contents, contentsEntry{name: name, pos: y.pos(item)})
	}
	f.str("base", false) // read by Layers; here only checked to be text
	s.variables = readVariables(y, f.get("variables"))
	s.removals = readRemovals(y, f.list("remove"))
	if day := f.get("day"); day != nil {
		s.readDay(y, day)
	} else {
		y.diags.ErrorAt(y.pos(root), "%s has no day: add the day's start time and agenda (see the README)", SettingsFile)
	}
	return s
}

func (s *settingsFile) readDay(y *yamlFile, n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		y.errorf(n, "day must be a group of fields (start and agenda); found %s", describe(n))
		return
	}
	f := y.fields(n, "day", "start", "agenda")
	if start := f.get("start"); start != nil {
		c, err := model.ParseClock(start.Value)
		if err != nil || start.Kind != yaml.ScalarNode {
			y.errorf(start, "start of the day: %v", err)
		}
		s.start = c
	} else {
		f.missing("start")
	}
	items := f.list("agenda")
	if len(items) == 0 && f.has("agenda") {
		y.errorf(f.get("agenda"), "the agenda is empty: list the day's blocks (modules, breaks, …) under it")
	} else if !f.has("agenda") {
		f.missing("agenda")
	}
	for _, item := range items {
		if item.Kind != yaml.MappingNode {
			y.errorf(item, "each block of the agenda is a group of fields, like \"- module: 1\" and \"minutes: 80\" under it; found %s", describe(item))
			continue
		}
		bf := y.fields(item, "an agenda block", "module", "page", "break", "label", "minutes")
		b := agendaBlock{pos: y.pos(item), label: bf.text("label", false)}
		kinds := 0
		if bf.has("module") {
			kinds++
			b.module = bf.integer("module", true, 1, "module number")
		}
		if bf.has("page") {
			kinds++
			b.page = strings.TrimSuffix(strings.Trim(bf.str("page", true), "/"), ".md")
		}
		if bf.has("break") {
			kinds++
			b.brk = bf.text("break", true)
		}
		if kinds != 1 {
			y.errorf(item, "an agenda block is exactly one of module: N, page: PATH or break: NAME; this one has %d", kinds)
			continue
		}
		b.minutes = bf.integer("minutes", b.module == 0, 1, "minutes")
		if m := bf.get("minutes"); m != nil {
			b.minPos = y.pos(m)
		}
		s.agenda = append(s.agenda, b)
	}
}
