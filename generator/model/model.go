// Package model is the curriculum as the generator understands it: modules, competencies and
// objectives, activities and steps, handouts and transparencies, pages, and the day's agenda.
//
// Every number, title and minute has one source (a file name, a front matter field, a heading)
// and everything else is derived from the model: the numbering of activities and steps, the
// handouts of a module, the activities that serve an objective, the places a handout is used,
// the clock times of the schedule. The content package builds a Curriculum; the site package
// renders it; nothing changes it after it is built.
package model

import (
	"iter"
	"slices"
	"strconv"

	"github.com/yuin/goldmark/ast"

	"curriculum/generator/diag"
	"curriculum/generator/markdown/fragment"
)

// Curriculum is the whole curriculum.
type Curriculum struct {
	Title        string
	Subtitle     string
	ShortTitle   string // printed in footers; the title when not given
	Language     string // a BCP 47 tag, "en" when not given
	Developer    string
	Assistance   string
	Publisher    string
	Audience     string
	Participants int    // per session
	Room         string // the room set-up

	// Contents is the reading order of the site: pages and, in one place, all the modules.
	Contents []Entry
	Day      Day

	Modules        []*Module       // in number order
	Handouts       []*Handout      // in number order
	Transparencies []*Transparency // in number order, including handouts that are also transparencies
	Pages          []*Page         // in path order
	Home           *Page           // content/index.md, when there is one
	Assets         []string        // other files of the content folder, copied as they are

	// Signature stands for everything of the curriculum that a page can show but the text of
	// its documents, which their Versions stand for: two loads with the same Signature differ
	// at most in the text of the documents whose Version differs. It is zero, unknown, for a
	// load without a cache, which does not sign what it read.
	Signature [32]byte
}

// Documents are the documents of the curriculum, each once, in the order references are
// checked: the modules, the handouts, the transparencies of their own, the home page, the
// pages.
func (c *Curriculum) Documents() []*Document {
	var docs []*Document
	for _, m := range c.Modules {
		docs = append(docs, m.Doc)
	}
	for _, h := range c.Handouts {
		docs = append(docs, h.Doc)
	}
	for _, t := range c.Transparencies {
		if t.Handout == nil {
			docs = append(docs, t.Doc)
		}
	}
	if c.Home != nil {
		docs = append(docs, c.Home.Doc)
	}
	for _, p := range c.Pages {
		docs = append(docs, p.Doc)
	}
	return docs
}

// Entry is one place in the reading order: a page, or the modules.
type Entry struct {
	Page    *Page // nil for the modules
	Modules bool
}

// Document is one markdown file: its source, its parsed body and where it came from.
//
// The curriculum is loaded and checked on the parse (the Node of Root, and of the parts the
// model names: a module's Preamble, its activities' and steps' headings and bodies). Each part
// is then compiled once into a fragment, which every page that shows the part fills in, and
// the parse is let go: Source and Lines are nil, and Node nil for every part, from then on.
type Document struct {
	File   string // as the user knows it: "content/modules/4.md"
	Path   string // in the content folder: "modules/4.md"
	Source []byte
	Root   Part // the whole body
	Lines  *diag.Lines

	// Version stands for the document's text: the SHA-256 of its source.
	Version [32]byte
	// Empty reports whether the document has no content beyond its front matter.
	Empty bool
	// Embeds are the names of the derived blocks of the document, in order.
	Embeds []string

	parts    []part                    // by Part.n - 1
	sections map[int][]diag.Diagnostic // by Part.n; most parts have none
}

// A Part names a part of a document that a layout shows: its Root, a module's Preamble, an
// activity's Heading or Intro, a step's Heading or Body. The zero Part names none.
type Part struct {
	doc *Document
	n   int // 1 + the index of the part among its document's
}

type part struct {
	node     ast.Node           // the parse; nil once the document is compiled
	fragment *fragment.Fragment // nil until it is compiled; a heading's is its text
}

// NewPart adds a part to d, with its parse.
func (d *Document) NewPart(n ast.Node) Part {
	d.parts = append(d.parts, part{node: n})
	return Part{d, len(d.parts)}
}

// Of reports whether p is a part of d.
func (p Part) Of(d *Document) bool { return p.n > 0 && p.doc == d }

func (p Part) part() *part {
	if p.n == 0 {
		return nil
	}
	return &p.doc.parts[p.n-1]
}

// Node is the parse of the part, until its document is compiled; nil then, and for the zero
// Part.
func (p Part) Node() ast.Node {
	if q := p.part(); q != nil {
		return q.node
	}
	return nil
}

// Fragment is the compiled part; nil before its document is compiled, and for the zero Part.
func (p Part) Fragment() *fragment.Fragment {
	if q := p.part(); q != nil {
		return q.fragment
	}
	return nil
}

// Sections are the warnings about the part's empty sections.
func (p Part) Sections() []diag.Diagnostic {
	if p.n == 0 {
		return nil
	}
	return p.doc.sections[p.n]
}

// Compiled gives the part its fragment and the warnings about its empty sections.
func (p Part) Compiled(f *fragment.Fragment, sections []diag.Diagnostic) {
	p.part().fragment = f
	if len(sections) > 0 {
		if p.doc.sections == nil {
			p.doc.sections = map[int][]diag.Diagnostic{}
		}
		p.doc.sections[p.n] = sections
	}
}

// Fragments are the compiled parts of d, in the order they were added.
func (d *Document) Fragments() iter.Seq[*fragment.Fragment] {
	return func(yield func(*fragment.Fragment) bool) {
		for _, q := range d.parts {
			if q.fragment != nil && !yield(q.fragment) {
				return
			}
		}
	}
}

// DropParse lets the parse of every part of d go.
func (d *Document) DropParse() {
	d.parts = slices.Clone(d.parts) // at its length: the parts are all added
	for i := range d.parts {
		d.parts[i].node = nil
	}
}

// HasBlocks reports whether a compiled part has anything in it.
func (p Part) HasBlocks() bool {
	f := p.Fragment()
	return f != nil && (len(f.HTML) > 0 || len(f.Ops) > 0)
}

// Position returns the line and column of a byte offset in d.
// It is 0, 0 once the document is compiled.
func (d *Document) Position(offset int) (line, col int) {
	if d.Lines == nil {
		return 0, 0
	}
	return d.Lines.Position(offset)
}

// Module is one module, from content/modules/N.md.
type Module struct {
	Number       int
	Title        string
	Duration     int  // minutes; 0 when the module does not say
	Outline      bool // only the structure is given, not the trainer's script
	Competencies []*Competency
	Materials    []string
	Activities   []*Activity

	// Preamble holds the blocks before the first activity, such as the overview.
	Preamble Part
	Doc      *Document

	// Renumbered maps the activities' numbers in the module's file to their numbers once an
	// adaptation removed some (0 for a removed one); nil when none was removed. References
	// are written with the file's numbers.
	Renumbered map[int]int

	Handouts       []*Handout      // numbered N.x, in order
	Transparencies []*Transparency // numbered N.x, in order
	Blocks         []*Block        // the agenda's blocks for this module

	Pos         diag.Pos // the module's file
	DurationPos diag.Pos // its duration field, when it has one
}

// URL is the site path of the module's page.
func (m *Module) URL() string {
	var b [32]byte
	return string(appendModuleURL(b[:0], m.Number))
}

// Name is "Module 4".
func (m *Module) Name() string {
	var b [32]byte
	return string(appendModuleName(b[:0], m.Number))
}

// The names, paths and fragments below are made in a buffer of the caller's and copied to a
// string once: the layouts ask for them hundreds of thousands of times in a large build.

func appendModuleURL(b []byte, module int) []byte {
	b = strconv.AppendInt(append(b, "modules/"...), int64(module), 10)
	return append(b, "/index.html"...)
}

func appendModuleName(b []byte, module int) []byte {
	return strconv.AppendInt(append(b, "Module "...), int64(module), 10)
}

func appendActivityAnchor(b []byte, activity int) []byte {
	return strconv.AppendInt(append(b, "activity-"...), int64(activity), 10)
}

func appendStepAnchor(b []byte, activity, step int) []byte {
	return strconv.AppendInt(append(appendActivityAnchor(b, activity), "-step-"...), int64(step), 10)
}

// Minutes is how long the module lasts: its own duration, or, when it gives none, the minutes
// the agenda gives it.
func (m *Module) Minutes() int {
	if m.Duration > 0 {
		return m.Duration
	}
	return m.ScheduledMinutes()
}

// ScheduledMinutes is the total of the agenda's blocks for the module.
func (m *Module) ScheduledMinutes() int {
	total := 0
	for _, b := range m.Blocks {
		total += b.Minutes
	}
	return total
}

// ActivityMinutes is the total of the minutes of the module's activities, and whether every
// activity gives its minutes.
func (m *Module) ActivityMinutes() (total int, complete bool) {
	complete = len(m.Activities) > 0
	for _, a := range m.Activities {
		total += a.Minutes
		if a.Minutes == 0 {
			complete = false
		}
	}
	return total, complete
}

// Objectives returns every objective of the module, in order.
func (m *Module) Objectives() []*Objective {
	var out []*Objective
	for _, c := range m.Competencies {
		out = append(out, c.Objectives...)
	}
	return out
}

// Competency is one competency of a module, numbered from 1 in its module.
type Competency struct {
	Module     *Module
	Number     int
	Text       string
	Objectives []*Objective
	// ServedBy lists the activities that serve the competency, directly or through one of
	// its objectives, in order.
	ServedBy []*Activity
	Pos      diag.Pos
}

// ID is the competency's number as the curriculum writes it: "2".
func (c *Competency) ID() string { return strconv.Itoa(c.Number) }

// Anchor is the competency's fragment on the competencies page and its module's page:
// "module-4-competency-2".
func (c *Competency) Anchor() string {
	var b [48]byte
	s := strconv.AppendInt(append(b[:0], "module-"...), int64(c.Module.Number), 10)
	return string(strconv.AppendInt(append(s, "-competency-"...), int64(c.Number), 10))
}

// Objective is one learning/performance objective, numbered competency.n.
type Objective struct {
	Competency *Competency
	Number     int // n of competency.n
	Text       string
	ServedBy   []*Activity
	Pos        diag.Pos
}

// ID is the objective's number as the curriculum writes it: "2.1".
func (o *Objective) ID() string {
	var b [24]byte
	return string(appendNumber(b[:0], o.Competency.Number, o.Number, '.'))
}

// Anchor is the objective's fragment on the competencies page and its module's page:
// "module-4-objective-2-1".
func (o *Objective) Anchor() string {
	var b [48]byte
	s := strconv.AppendInt(append(b[:0], "module-"...), int64(o.Competency.Module.Number), 10)
	return string(appendNumber(append(s, "-objective-"...), o.Competency.Number, o.Number, '-'))
}

// Activity is one activity of a module, numbered from 1 in its module.
type Activity struct {
	Module  *Module
	Number  int
	Title   string // plain text
	Heading Part
	Minutes int // 0 when not given
	// Serves are the competencies and objectives the activity teaches, as written.
	Competencies []*Competency
	Objectives   []*Objective
	// Intro holds the blocks between the activity's heading and its first step.
	Intro Part
	Steps []*Step
	Pos   diag.Pos // the activity's heading
}

// Anchor is the activity's fragment on its module's page.
func (a *Activity) Anchor() string {
	var b [32]byte
	return string(appendActivityAnchor(b[:0], a.Number))
}

// URL is the site path of the activity.
func (a *Activity) URL() string {
	var b [64]byte
	return string(appendActivityAnchor(append(appendModuleURL(b[:0], a.Module.Number), '#'), a.Number))
}

// Name is "Module 4, Activity 2".
func (a *Activity) Name() string {
	var b [48]byte
	s := append(appendModuleName(b[:0], a.Module.Number), ", Activity "...)
	return string(strconv.AppendInt(s, int64(a.Number), 10))
}

// Step is one step of an activity, numbered from 1 in its activity.
type Step struct {
	Activity *Activity
	Number   int
	Title    string
	Heading  Part
	Body     Part
	Pos      diag.Pos // the step's heading
}

// Anchor is the step's fragment on its module's page.
func (s *Step) Anchor() string {
	var b [48]byte
	return string(appendStepAnchor(b[:0], s.Activity.Number, s.Number))
}

// URL is the site path of the step.
func (s *Step) URL() string {
	var b [80]byte
	u := append(appendModuleURL(b[:0], s.Activity.Module.Number), '#')
	return string(appendStepAnchor(u, s.Activity.Number, s.Number))
}

// Name is "Module 4, Activity 2, Step 1".
func (s *Step) Name() string { return s.Activity.Name() + ", Step " + strconv.Itoa(s.Number) }

// Number is a handout's or transparency's number, module.n.
type Number struct{ Module, N int }

func (n Number) String() string {
	var b [24]byte
	return string(appendNumber(b[:0], n.Module, n.N, '.'))
}

// appendNumber appends "a.b", or "a-b", with sep between.
func appendNumber(b []byte, a, n int, sep byte) []byte {
	return strconv.AppendInt(append(strconv.AppendInt(b, int64(a), 10), sep), int64(n), 10)
}

// Compare orders numbers as the curriculum does: 4.2 before 4.10.
func (n Number) Compare(o Number) int {
	if n.Module != o.Module {
		return n.Module - o.Module
	}
	return n.N - o.N
}

// ParseNumber reads "4.1".
func ParseNumber(s string) (Number, bool) {
	var n Number
	m, k, ok := cutInts(s)
	if !ok || m < 1 || k < 1 {
		return n, false
	}
	return Number{m, k}, true
}

func cutInts(s string) (int, int, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			a, err1 := strconv.Atoi(s[:i])
			b, err2 := strconv.Atoi(s[i+1:])
			return a, b, err1 == nil && err2 == nil && s[:i] == strconv.Itoa(a) && s[i+1:] == strconv.Itoa(b)
		}
	}
	return 0, 0, false
}

// Use is a place that refers to a handout or a transparency.
type Use struct {
	Name string // "Module 4, Activity 2, Step 1", or a page's title
	URL  string // site path, with a fragment
	// Activity and Step are the activity and the step the place is in, when it is in one:
	// their script is the trainer's notes for a transparency.
	Activity *Activity
	Step     *Step
}

// Handout is one handout, from content/handouts/N.N.md.
type Handout struct {
	Number       Number
	Title        string
	Form         bool          // printed with room to write
	Transparency *Transparency // the transparency of the same number, when the handout is one too
	Doc          *Document
	Module       *Module
	UsedIn       []Use
	Pos          diag.Pos
}

// URL is the site path of the handout's page.
func (h *Handout) URL() string { return h.Number.path("handouts/") }

// Name is "Handout 4.1".
func (h *Handout) Name() string { return h.Number.name("Handout ") }

// Transparency is one transparency: a handout projected (Handout is set), or one of its own
// from content/transparencies/N.N.md.
type Transparency struct {
	Number  Number
	Title   string
	Handout *Handout  // set when the transparency is also a handout
	Doc     *Document // for a transparency that is also a handout, the handout's
	Module  *Module
	UsedIn  []Use
	Pos     diag.Pos
}

// URL is the site path of the transparency's page.
func (t *Transparency) URL() string { return t.Number.path("transparencies/") }

// Name is "Transparency 4.1".
func (t *Transparency) Name() string { return t.Number.name("Transparency ") }

// path is the site path of the page of a number's document in folder: "handouts/4.1/index.html".
func (n Number) path(folder string) string {
	var b [48]byte
	return string(append(appendNumber(append(b[:0], folder...), n.Module, n.N, '.'), "/index.html"...))
}

// name is a number's document's name, of kind: "Handout 4.1".
func (n Number) name(kind string) string {
	var b [32]byte
	return string(appendNumber(append(b[:0], kind...), n.Module, n.N, '.'))
}

// Form reports whether the transparency shows a form (it is a handout that is one).
func (t *Transparency) Form() bool { return t.Handout != nil && t.Handout.Form }

// The editions a curriculum is published in, from one source: the trainer's, with everything,
// and the participants', with no trainer script.
const (
	TrainerEdition     = "trainer"
	ParticipantEdition = "participant"
)

// Page is a page of its own: an introduction, the closing, further reading.
type Page struct {
	Path       string // in the content folder: "introduction/trainers.md"
	Title      string
	ShortTitle string
	Published  string // for a publication: its issue or date
	Publisher  string
	Contact    string
	// TrainerOnly leaves the page out of the participant edition (edition: trainer).
	TrainerOnly bool
	Doc         *Document
	Parent      *Page
	Children    []*Page
	Blocks      []*Block // the agenda's blocks for this page
}

// URL is the site path of the page: "introduction/trainers/index.html".
func (p *Page) URL() string { return PageURL(p.Path) }

// Label is the short title when there is one, else the title.
func (p *Page) Label() string {
	if p.ShortTitle != "" {
		return p.ShortTitle
	}
	return p.Title
}

// PageURL is the site path of the page written in the content file at path:
// "closing.md" → "closing/index.html", "further-reading/index.md" → "further-reading/index.html".
func PageURL(path string) string {
	base := path[:len(path)-len(".md")]
	if base == "index" {
		return "index.html"
	}
	if len(base) > len("/index") && base[len(base)-len("/index"):] == "/index" {
		return base + ".html"
	}
	return base + "/index.html"
}
