package content

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"curriculum/generator/markdown"
	"curriculum/generator/markdown/embed"
	"curriculum/generator/markdown/xref"
	"curriculum/generator/model"
)

// Embeds are the names a {{name}} paragraph may use, in the order the README lists them.
var Embeds = []string{"modules", "competencies", "outline", "schedule", "materials", "children"}

// resolve resolves every reference and derived block of every document, and records where
// each handout and transparency is used.
func (l *loader) resolve() {
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
	r.sites = l.sitePaths()
	for _, m := range l.cur.Modules {
		r.module = m
		l.resolveIn(r, m.Doc, m.Preamble, model.Use{Name: m.Name(), URL: m.URL()})
		for _, a := range m.Activities {
			use := model.Use{Name: a.Name(), URL: a.URL(), Activity: a}
			l.resolveIn(r, m.Doc, a.Heading, use)
			l.resolveIn(r, m.Doc, a.Intro, use)
			for _, s := range a.Steps {
				use := model.Use{Name: s.Name(), URL: s.URL(), Activity: a, Step: s}
				l.resolveIn(r, m.Doc, s.Heading, use)
				l.resolveIn(r, m.Doc, s.Body, use)
			}
		}
	}
	r.module = nil
	for _, h := range l.cur.Handouts {
		l.resolveIn(r, h.Doc, h.Doc.Root, model.Use{Name: h.Name(), URL: h.URL()})
	}
	for _, t := range l.cur.Transparencies {
		if t.Handout == nil {
			l.resolveIn(r, t.Doc, t.Doc.Root, model.Use{Name: t.Name(), URL: t.URL()})
		}
	}
	pages := l.cur.Pages
	if l.cur.Home != nil {
		pages = append([]*model.Page{l.cur.Home}, pages...)
	}
	for _, p := range pages {
		l.resolveIn(r, p.Doc, p.Doc.Root, model.Use{Name: p.Title, URL: p.URL()})
	}
	// A title that names an activity by a number the adaptation changed says the new one.
	for _, m := range l.cur.Modules {
		if m.Renumbered == nil {
			continue
		}
		for _, a := range m.Activities {
			a.Title = strings.TrimSpace(markdown.PlainText(a.Heading, m.Doc.Source))
			for _, s := range a.Steps {
				s.Title = strings.TrimSpace(markdown.PlainText(s.Heading, m.Doc.Source))
			}
		}
	}
}

// resolveIn resolves the references and derived blocks under n, a part of doc that readers
// know as use.
func (l *loader) resolveIn(r *resolver, doc *model.Document, n ast.Node, use model.Use) {
	r.use, r.source = use, doc.Source
	xref.Resolve(n, r, func(ref *xref.Ref, err error) {
		l.diags.ErrorAt(offsetPos(doc, ref.Offset), "%v", err)
	})
	l.resolveLinks(doc, n, r.sites)
	for _, e := range embed.Embeds(n) {
		if !contains(Embeds, e.Name) {
			hint := ""
			if near := nearest(e.Name, Embeds); near != "" {
				hint = fmt.Sprintf("did you mean {{%s}}? ", near)
			}
			l.diags.ErrorAt(offsetPos(doc, e.Offset), "unknown block {{%s}}: %sthe blocks are {{%s}}", e.Name, hint, strings.Join(Embeds, "}}, {{"))
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

// resolver resolves references against the curriculum; module is the module being read, for
// "Activity 2", and use the part of it, which every handout and transparency it resolves
// records as a place it is used in.
type resolver struct {
	cur            *model.Curriculum
	module         *model.Module
	handouts       map[string]*model.Handout
	transparencies map[string]*model.Transparency
	modules        map[string]*model.Module
	sites          map[string]string // content path → site path, for links
	use            model.Use
	source         []byte // of the document being resolved
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

// Resolve implements xref.Resolver.
func (r *resolver) Resolve(ref *xref.Ref) (string, error) {
	switch ref.Target {
	case xref.Handout:
		if h := r.handouts[ref.Number]; h != nil {
			h.UsedIn = addUse(h.UsedIn, r.use, h.URL())
			return h.URL(), nil
		}
		hint := ""
		if r.transparencies[ref.Number] != nil {
			hint = fmt.Sprintf("; %s is a transparency only: write Transparency %s", ref.Number, ref.Number)
		}
		return "", fmt.Errorf("unknown handout %q (%s)%s", ref.Number, r.listHandouts(), hint)
	case xref.Transparency:
		if t := r.transparencies[ref.Number]; t != nil {
			t.UsedIn = addUse(t.UsedIn, r.use, t.URL())
			return t.URL(), nil
		}
		hint := ""
		if r.handouts[ref.Number] != nil {
			hint = fmt.Sprintf("; to make Handout %s a transparency too, add \"transparency: true\" to its front matter", ref.Number)
		}
		return "", fmt.Errorf("unknown transparency %q (%s)%s", ref.Number, r.listTransparencies(), hint)
	case xref.Module:
		if m := r.modules[ref.Number]; m != nil {
			return m.URL(), nil
		}
		return "", fmt.Errorf("unknown module %s (this curriculum has %s)", ref.Number, r.modulesPhrase())
	case xref.Activity:
		m := r.module
		if ref.Module != "" {
			if m = r.modules[ref.Module]; m == nil {
				return "", fmt.Errorf("unknown module %s (this curriculum has %s)", ref.Module, r.modulesPhrase())
			}
		}
		if m == nil {
			return "", nil // outside a module, "Activity 2" names no particular activity
		}
		n, _ := strconv.Atoi(ref.Number)
		if m.Renumbered != nil {
			now, ok := m.Renumbered[n]
			switch {
			case ok && now == 0:
				return "", fmt.Errorf("Activity %d of Module %d is removed by the settings (remove: activity: %d.%d): rewrite or remove this reference", n, m.Number, m.Number, n)
			case ok && now != n:
				renumber(ref, r.source, now)
				n = now
			}
		}
		if n >= 1 && n <= len(m.Activities) {
			return m.Activities[n-1].URL(), nil
		}
		return "", fmt.Errorf("Module %d has no Activity %s (it has %s)", m.Number, ref.Number, countActivities(m))
	}
	return "", nil
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
