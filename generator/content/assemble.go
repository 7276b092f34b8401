package content

import (
	"cmp"
	"path"
	"slices"
	"strconv"
	"strings"

	"curriculum/generator/model"
)

// assemble links what read found: it orders the modules, handouts, transparencies and pages,
// gives each handout and transparency its module, builds the page tree, the reading order and
// the agenda, and computes the schedule.
func (l *loader) assemble() {
	cur := l.settings.cur
	l.cur = cur

	slices.SortFunc(l.modules, func(a, b *moduleFile) int { return a.module.Number - b.module.Number })
	byNumber := map[int]*model.Module{}
	for _, mf := range l.modules {
		cur.Modules = append(cur.Modules, mf.module)
		byNumber[mf.module.Number] = mf.module
	}

	slices.SortFunc(l.handouts, func(a, b *handoutFile) int { return a.handout.Number.Compare(b.handout.Number) })
	transparencies := map[model.Number]*model.Transparency{}
	for _, hf := range l.handouts {
		h := hf.handout
		h.Module = byNumber[h.Number.Module]
		if h.Module == nil {
			l.diags.ErrorAt(h.Pos, "Handout %s belongs to Module %d, which does not exist (%s); rename the file to the number of its module", h.Number, h.Number.Module, l.listModules())
			continue
		}
		cur.Handouts = append(cur.Handouts, h)
		h.Module.Handouts = append(h.Module.Handouts, h)
		if hf.transparency {
			t := &model.Transparency{Number: h.Number, Title: h.Title, Handout: h, Doc: h.Doc, Module: h.Module, Pos: h.Pos}
			h.Transparency = t
			transparencies[h.Number] = t
		}
	}
	for _, tf := range l.transps {
		t := tf.transparency
		t.Module = byNumber[t.Number.Module]
		if t.Module == nil {
			l.diags.ErrorAt(t.Pos, "Transparency %s belongs to Module %d, which does not exist (%s); rename the file to the number of its module", t.Number, t.Number.Module, l.listModules())
			continue
		}
		if other := transparencies[t.Number]; other != nil {
			l.diags.ErrorAt(t.Pos, "Transparency %s is given twice: %s says \"transparency: true\"; remove this file or that line", t.Number, other.Pos.File)
			continue
		}
		transparencies[t.Number] = t
	}
	for _, t := range transparencies {
		cur.Transparencies = append(cur.Transparencies, t)
	}
	slices.SortFunc(cur.Transparencies, func(a, b *model.Transparency) int { return a.Number.Compare(b.Number) })
	for _, t := range cur.Transparencies {
		t.Module.Transparencies = append(t.Module.Transparencies, t)
	}

	l.assemblePages()
	l.assembleContents()
	l.assembleAgenda(byNumber)
	cur.Assets = l.assets
	slices.Sort(cur.Assets)
}

// assemblePages orders the pages by path and links each to the index.md of its folder.
func (l *loader) assemblePages() {
	cur := l.cur
	slices.SortFunc(l.pages, func(a, b *pageFile) int { return cmp.Compare(a.page.Path, b.page.Path) })
	byURL := map[string]*model.Page{}
	for _, pf := range l.pages {
		p := pf.page
		if p.Path == "index.md" {
			cur.Home = p
			continue
		}
		cur.Pages = append(cur.Pages, p)
		byURL[p.URL()] = p
	}
	for _, p := range cur.Pages {
		// The parent of further-reading/x.md and of further-reading/index.md's sub-folders is
		// further-reading/index.md.
		dir := path.Dir(strings.TrimSuffix(p.URL(), "/index.html"))
		for dir != "." {
			if parent := byURL[dir+"/index.html"]; parent != nil && parent != p {
				p.Parent = parent
				parent.Children = append(parent.Children, p)
				break
			}
			dir = path.Dir(dir)
		}
	}
}

// assembleContents builds the reading order from the settings' contents. Top-level pages the
// contents leave out follow the listed ones, so that no page is lost.
func (l *loader) assembleContents() {
	cur := l.cur
	byName := map[string]*model.Page{}
	for _, p := range cur.Pages {
		byName[strings.TrimSuffix(p.Path, ".md")] = p
		if strings.HasSuffix(p.Path, "/index.md") {
			byName[strings.TrimSuffix(p.Path, "/index.md")] = p
		}
	}
	listed := map[*model.Page]bool{}
	modules := false
	for _, e := range l.settings.contents {
		if e.name == "modules" {
			if modules {
				l.diags.ErrorAt(e.pos, "contents lists modules twice; keep one")
			}
			modules = true
			cur.Contents = append(cur.Contents, model.Entry{Modules: true})
			continue
		}
		p := byName[e.name]
		if p == nil {
			l.diags.ErrorAt(e.pos, "contents lists %q, which is not a page (%s)", e.name, l.listPages())
			continue
		}
		if listed[p] {
			l.diags.ErrorAt(e.pos, "contents lists %q twice; keep one", e.name)
			continue
		}
		listed[p] = true
		cur.Contents = append(cur.Contents, model.Entry{Page: p})
	}
	if !modules {
		cur.Contents = append([]model.Entry{{Modules: true}}, cur.Contents...)
	}
	for _, p := range cur.Pages {
		if p.Parent == nil && !listed[p] {
			cur.Contents = append(cur.Contents, model.Entry{Page: p})
		}
	}
}

// assembleAgenda links the agenda's blocks to their modules and pages and computes the clock
// times.
func (l *loader) assembleAgenda(byNumber map[int]*model.Module) {
	cur := l.cur
	cur.Day.Start = l.settings.start
	pages := map[string]*model.Page{}
	for _, p := range cur.Pages {
		pages[strings.TrimSuffix(p.Path, ".md")] = p
	}
	for _, ab := range l.settings.agenda {
		b := &model.Block{Label: ab.label, Minutes: ab.minutes, Pos: ab.pos}
		switch {
		case ab.module != 0:
			m := byNumber[ab.module]
			if m == nil {
				l.diags.ErrorAt(ab.pos, "the agenda has Module %d, which does not exist (%s)", ab.module, l.listModules())
				continue
			}
			b.Module = m
			b.Continued = len(m.Blocks) > 0
			if b.Label == "" {
				b.Label = "Module " + model.NumberWord(m.Number)
				if b.Continued {
					b.Label += ", continued"
				}
			}
			if b.Minutes == 0 {
				if m.Duration == 0 {
					l.diags.ErrorAt(ab.pos, "give this block its minutes: Module %d does not give its duration (add minutes: … here, or duration: … to %s)", m.Number, m.Doc.File)
				}
				b.Minutes = m.Duration
			}
			m.Blocks = append(m.Blocks, b)
		case ab.page != "":
			p := pages[ab.page]
			if p == nil {
				l.diags.ErrorAt(ab.pos, "the agenda has the page %q, which does not exist (%s)", ab.page, l.listPages())
				continue
			}
			b.Page = p
			if b.Label == "" {
				b.Label = p.Title
			}
			p.Blocks = append(p.Blocks, b)
		default:
			if b.Label == "" {
				b.Label = ab.brk
			}
		}
		cur.Day.Blocks = append(cur.Day.Blocks, b)
	}
	cur.Day.Schedule()
}

func (l *loader) listModules() string {
	if len(l.cur.Modules) == 0 {
		return "this curriculum has no modules"
	}
	var ns []string
	for _, m := range l.cur.Modules {
		ns = append(ns, strconv.Itoa(m.Number))
	}
	return "this curriculum has " + modulesPhrase(ns)
}

func (l *loader) listPages() string {
	if len(l.cur.Pages) == 0 {
		return "this curriculum has no pages"
	}
	var ps []string
	for _, p := range l.cur.Pages {
		ps = append(ps, strings.TrimSuffix(p.Path, ".md"))
	}
	return "the pages are " + model.JoinAnd(ps)
}
