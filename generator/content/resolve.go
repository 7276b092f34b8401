package content

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"curriculum/generator/diag"
	"curriculum/generator/markdown"
	"curriculum/generator/markdown/embed"
	"curriculum/generator/markdown/xref"
	"curriculum/generator/model"
)

// Embeds are the names a {{name}} paragraph may use, in the order the README lists them.
var Embeds = []string{"modules", "competencies", "outline", "schedule", "materials", "children"}

// A part is a piece of a document that readers know by one name (a module's preamble, an
// activity, a step, a handout), with the references and links in it.
type part struct {
	part   model.Part
	use    model.Use
	module *model.Module // the module the part is in, for "Activity 2"; nil outside modules
}

// moduleParts lists the parts of a module's document, in the order its references are checked:
// the preamble, then each activity's heading and introduction and each of its steps' heading
// and body. Another document is one part, its Root.
func moduleParts(m *model.Module) []part {
	parts := []part{{m.Preamble, model.Use{Name: m.Name(), URL: m.URL()}, m}}
	for _, a := range m.Activities {
		use := model.Use{Name: a.Name(), URL: a.URL(), Activity: a}
		parts = append(parts, part{a.Heading, use, m}, part{a.Intro, use, m})
		for _, s := range a.Steps {
			use := model.Use{Name: s.Name(), URL: s.URL(), Activity: a, Step: s}
			parts = append(parts, part{s.Heading, use, m}, part{s.Body, use, m})
		}
	}
	return parts
}

// pendingRef is a reference as its file's reader linked it, by the numbers it names, before
// every file was read; validateRefs then checks that what it names exists.
type pendingRef struct {
	doc    *model.Document
	module *model.Module
	use    model.Use
	target xref.Target
	number string
	inMod  string   // the module written with an activity: "3" in "Module 3, Activity 2"
	pos    diag.Pos // where it is written
	dest   string   // the site path it was linked to
}

// link links the references, links and derived blocks of the parts of doc, while its file is
// read: a reference to a handout, transparency, module or activity by the site path its
// numbers give (an activity's number as the settings' removals change it), kept to be checked
// once every file is read; a link to a file of the content folder by that file's page. A
// title that names an activity by a number the adaptation changed says the new one.
func (l *loader) link(doc *model.Document, parts []part) {
	for _, p := range parts {
		node := p.part.Node()
		xref.Resolve(node, resolverFunc(func(ref *xref.Ref) (string, error) {
			dest := l.linkRef(ref, p.module, doc.Source)
			l.refs = append(l.refs, pendingRef{doc: doc, module: p.module, use: p.use, target: ref.Target, number: ref.Number, inMod: ref.Module, pos: offsetPos(doc, ref.Offset), dest: dest})
			return dest, nil
		}), nil)
		l.resolveLinks(doc, node, l.sites)
		for _, e := range embed.Embeds(node) {
			if !contains(Embeds, e.Name) {
				hint := ""
				if near := nearest(e.Name, Embeds); near != "" {
					hint = fmt.Sprintf("did you mean {{%s}}? ", near)
				}
				l.diags.ErrorAt(offsetPos(doc, e.Offset), "unknown block {{%s}}: %sthe blocks are {{%s}}", e.Name, hint, strings.Join(Embeds, "}}, {{"))
			}
		}
	}
	for _, p := range parts {
		h, ok := p.part.Node().(*ast.Heading)
		if !ok || p.module == nil || p.module.Renumbered == nil {
			continue
		}
		title := strings.TrimSpace(markdown.PlainText(h, doc.Source))
		if p.use.Step != nil {
			p.use.Step.Title = title
		} else {
			p.use.Activity.Title = title
		}
	}
}

// resolverFunc is a function that is an xref.Resolver.
type resolverFunc func(*xref.Ref) (string, error)

func (f resolverFunc) Resolve(ref *xref.Ref) (string, error) { return f(ref) }

// linkRef is the site path a reference's numbers give; "" for "Activity 2" outside a module,
// and for an activity the settings remove, which validateRefs reports.
func (l *loader) linkRef(ref *xref.Ref, module *model.Module, source []byte) string {
	switch ref.Target {
	case xref.Handout:
		return "handouts/" + ref.Number + "/index.html"
	case xref.Transparency:
		return "transparencies/" + ref.Number + "/index.html"
	case xref.Module:
		return "modules/" + ref.Number + "/index.html"
	case xref.Activity:
		m := ref.Module
		if m == "" {
			if module == nil {
				return ""
			}
			m = strconv.Itoa(module.Number)
		}
		mn, _ := strconv.Atoi(m)
		n, _ := strconv.Atoi(ref.Number)
		now := l.settings.activityNumber(mn, n)
		if now == 0 {
			return ""
		}
		if now != n {
			renumber(ref, source, now)
		}
		return "modules/" + m + "/index.html#activity-" + strconv.Itoa(now)
	}
	return ""
}

// validateRefs checks, once every file is read, that what each reference names exists, and
// records where each handout and transparency is used, in the order of the modules, the
// handouts, the transparencies and the pages.
func (l *loader) validateRefs() {
	r := &resolver{cur: l.cur, handouts: map[string]*model.Handout{}, transparencies: map[string]*model.Transparency{}, modules: map[string]*model.Module{}}
	for _, h := range l.cur.Handouts {
		r.handouts[h.Number.String()] = h
	}
	for _, t := range l.cur.Transparencies {
		r.transparencies[t.Number.String()] = t
	}
	for _, m := range l.cur.Modules {
		r.modules[strconv.Itoa(m.Number)] = m
	}
	// A file's references are together, each document's in a row: each document's are one
	// slice of its file's, not a copy.
	byDoc := map[*model.Document][]pendingRef{}
	for _, refs := range l.fileRefs {
		for i := 0; i < len(refs); {
			j := i + 1
			for j < len(refs) && refs[j].doc == refs[i].doc {
				j++
			}
			byDoc[refs[i].doc] = refs[i:j]
			i = j
		}
	}
	for _, doc := range l.cur.Documents() {
		refs := byDoc[doc]
		for i := range refs {
			if err := r.check(&refs[i]); err != nil {
				l.diags.ErrorAt(refs[i].pos, "%v", err)
			}
		}
	}
}

// addUse adds use to uses, once, unless it is the page itself.
func addUse(uses []model.Use, use model.Use, self string) []model.Use {
	if use.URL == self {
		return uses
	}
	for _, u := range uses {
		if u.URL == use.URL {
			return uses
		}
	}
	return append(uses, use)
}

// resolver checks references against the curriculum's handouts, transparencies and modules,
// by the numbers the references name.
type resolver struct {
	cur            *model.Curriculum
	handouts       map[string]*model.Handout
	transparencies map[string]*model.Transparency
	modules        map[string]*model.Module
}

// renumber makes the text of a reference to an activity say its new number: "Activity 5"
// becomes "Activity 4" once an adaptation removed an activity before it.
func renumber(ref *xref.Ref, source []byte, now int) {
	text := markdown.PlainText(ref, source)
	i := strings.LastIndex(text, ref.Number)
	if i < 0 {
		return
	}
	ref.RemoveChildren(ref)
	ref.AppendChild(ref, ast.NewString([]byte(text[:i]+strconv.Itoa(now)+text[i+len(ref.Number):])))
}

// check checks that ref names something the curriculum has, and records each handout and
// transparency it names as used where the reference is (ref.use), unless that is the
// handout or transparency itself.
func (r *resolver) check(ref *pendingRef) error {
	switch ref.target {
	case xref.Handout:
		if h := r.handouts[ref.number]; h != nil {
			h.UsedIn = addUse(h.UsedIn, ref.use, ref.dest)
			return nil
		}
		hint := ""
		if r.transparencies[ref.number] != nil {
			hint = fmt.Sprintf("; %s is a transparency only: write Transparency %s", ref.number, ref.number)
		}
		return fmt.Errorf("unknown handout %q (%s)%s", ref.number, r.listHandouts(), hint)
	case xref.Transparency:
		if t := r.transparencies[ref.number]; t != nil {
			t.UsedIn = addUse(t.UsedIn, ref.use, ref.dest)
			return nil
		}
		hint := ""
		if r.handouts[ref.number] != nil {
			hint = fmt.Sprintf("; to make Handout %s a transparency too, add \"transparency: true\" to its front matter", ref.number)
		}
		return fmt.Errorf("unknown transparency %q (%s)%s", ref.number, r.listTransparencies(), hint)
	case xref.Module:
		if m := r.modules[ref.number]; m != nil {
			return nil
		}
		return fmt.Errorf("unknown module %s (this curriculum has %s)", ref.number, r.modulesPhrase())
	case xref.Activity:
		m := ref.module
		if ref.inMod != "" {
			if m = r.modules[ref.inMod]; m == nil {
				return fmt.Errorf("unknown module %s (this curriculum has %s)", ref.inMod, r.modulesPhrase())
			}
		}
		if m == nil {
			return nil // outside a module, "Activity 2" names no particular activity
		}
		n, _ := strconv.Atoi(ref.number)
		if m.Renumbered != nil {
			now, ok := m.Renumbered[n]
			switch {
			case ok && now == 0:
				return fmt.Errorf("Activity %d of Module %d is removed by the settings (remove: activity: %d.%d): rewrite or remove this reference", n, m.Number, m.Number, n)
			case ok:
				n = now
			}
		}
		if n >= 1 && n <= len(m.Activities) {
			return nil
		}
		return fmt.Errorf("Module %d has no Activity %s (it has %s)", m.Number, ref.number, countActivities(m))
	}
	return nil
}

func (r *resolver) modulesPhrase() string {
	var ns []string
	for _, m := range r.cur.Modules {
		ns = append(ns, strconv.Itoa(m.Number))
	}
	if len(ns) == 0 {
		return "no modules"
	}
	return modulesPhrase(ns)
}

func (r *resolver) listHandouts() string {
	var ns []model.Number
	for _, h := range r.cur.Handouts {
		ns = append(ns, h.Number)
	}
	return listNumbers("handouts", ns)
}

func (r *resolver) listTransparencies() string {
	var ns []model.Number
	for _, t := range r.cur.Transparencies {
		ns = append(ns, t.Number)
	}
	return listNumbers("transparencies", ns)
}

// listNumbers says which handouts or transparencies exist: "this curriculum has 4.1 and 4.2".
func listNumbers(what string, numbers []model.Number) string {
	if len(numbers) == 0 {
		return "this curriculum has no " + what
	}
	s := make([]string, len(numbers))
	for i, n := range numbers {
		s[i] = n.String()
	}
	return "this curriculum has " + model.JoinAnd(s)
}

func countActivities(m *model.Module) string {
	switch n := len(m.Activities); n {
	case 0:
		return "no activities"
	case 1:
		return "Activity 1 only"
	default:
		return fmt.Sprintf("Activities 1 to %d", n)
	}
}
