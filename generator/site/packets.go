package site

import (
	"html/template"
	"slices"
	"strconv"
	"strings"

	"curriculum/generator/model"
)

// Packet is a page made to be printed in one job: every handout of the day, one module's
// handouts, the transparency set, or the whole trainer's guide.
type Packet struct {
	Kind   string        // handouts, module, transparencies, guide
	Name   string        // the name of its PDF, without .pdf: "handouts", "module-4"
	Title  string        // "Handouts", "Module 4 Handouts", …
	Path   string        // site path: "print/handouts/index.html"
	Module *model.Module // a module's packet's module
	PDF    string        // site path of its PDF, when the site links PDFs: "pdf/handouts.pdf"
}

// packetList lists the packets of the curriculum, in the order the print page shows them:
// the guide, the handouts of the day, the transparencies, each module's handouts. A packet
// with nothing to print is left out.
func (r *renderer) packetList(withPDF bool) []*Packet {
	cur := r.cur
	var list []*Packet
	add := func(p *Packet) {
		p.Path = "print/" + strings.ReplaceAll(p.Name, "-", "/") + "/index.html"
		if withPDF {
			p.PDF = "pdf/" + p.Name + ".pdf"
		}
		list = append(list, p)
	}
	if !r.participant {
		add(&Packet{Kind: "guide", Name: "guide", Title: "Trainer’s Guide"})
	}
	if len(cur.Handouts) > 0 {
		add(&Packet{Kind: "handouts", Name: "handouts", Title: "Handouts"})
	}
	if len(r.transparencies()) > 0 {
		add(&Packet{Kind: "transparencies", Name: "transparencies", Title: "Transparencies"})
	}
	for _, m := range cur.Modules {
		if len(m.Handouts) > 0 {
			add(&Packet{Kind: "module", Name: "modules-" + strconv.Itoa(m.Number), Title: m.Name() + " Handouts", Module: m})
		}
	}
	return list
}

// packetPage is the page of a packet, its parts in print order (see page.fill).
func (r *renderer) packetPage(pk *Packet, crumbs []Link) *page {
	p := &page{Kind: "packet", Path: pk.Path, Title: pk.Title, Packet: pk, Crumbs: crumbs}
	p.fill = func() {
		cur := r.cur
		switch pk.Kind {
		case "handouts":
			p.local = make(map[string]string, len(cur.Handouts))
			for i, h := range cur.Handouts {
				p.addPart(handoutPart(h, r.links.handouts[i]))
			}
		case "module":
			for _, h := range pk.Module.Handouts {
				p.addPart(handoutPart(h, handoutLink(h)))
			}
		case "transparencies":
			p.local = make(map[string]string, len(r.links.transparencies))
			for i, t := range r.transparencies() {
				p.addPart(transparencyPart(t, r.links.transparencies[i]))
			}
		case "guide":
			p.local = make(map[string]string, len(cur.Modules)+len(cur.Handouts)+len(cur.Pages)+2)
			r.guideParts(p)
		}
	}
	return p
}

// guideParts fills the trainer's guide: the pages of the contents in order, with, where the
// modules stand, the schedule and the competencies at a glance (unless a page before them
// already holds them, as the trainers' introduction does) and every module; then the handouts.
func (r *renderer) guideParts(p *page) {
	embedded := map[string]bool{}
	var addPage func(pg *model.Page)
	addPage = func(pg *model.Page) {
		for _, e := range pg.Doc.Embeds {
			embedded[e] = true
		}
		p.addPart(&page{Kind: "page", Path: pg.URL(), Title: pg.Title, Page: pg})
		for _, c := range pg.Children {
			addPage(c)
		}
	}
	modules := func() {
		if !embedded["schedule"] && len(r.cur.Day.Blocks) > 0 {
			p.addPart(&page{Kind: "schedule", Path: "schedule/index.html", Title: "Schedule at a Glance"})
		}
		if !embedded["competencies"] {
			p.addPart(&page{Kind: "competencies", Path: "competencies/index.html", Title: "Competencies at a Glance"})
		}
		for i, m := range r.cur.Modules {
			p.addPart(modulePart(m, r.links.modules[i]))
		}
	}
	hasModules := false
	for _, e := range r.cur.Contents {
		if e.Modules {
			hasModules = true
			modules()
			continue
		}
		addPage(e.Page)
	}
	if !hasModules {
		modules()
	}
	for i, h := range r.cur.Handouts {
		p.addPart(handoutPart(h, r.links.handouts[i]))
	}
}

// presentPage is the slideshow of the transparencies, each with the script of the steps that
// use it as the trainer's notes.
func (r *renderer) presentPage(crumbs []Link) *page {
	p := &page{Kind: "present", Path: "present/index.html", Title: "Present the Transparencies", Crumbs: crumbs}
	p.fill = func() {
		p.local = make(map[string]string, len(r.links.transparencies))
		for i, t := range r.transparencies() {
			p.addPart(transparencyPart(t, r.links.transparencies[i]))
		}
	}
	return p
}

// The parts of a module, a handout and a transparency, with the title and path of its page,
// l (see renderer.links).
func modulePart(m *model.Module, l Link) *page {
	return &page{Kind: "module", Path: l.URL, Title: l.Title, Module: m}
}

func handoutPart(h *model.Handout, l Link) *page {
	return &page{Kind: "handout", Path: l.URL, Title: l.Title, Handout: h}
}

func transparencyPart(t *model.Transparency, l Link) *page {
	return &page{Kind: "transparency", Path: l.URL, Title: l.Title, Transparency: t}
}

// The title and path of the page of a module, a handout and a transparency.
func moduleLink(m *model.Module) Link { return Link{m.Name() + ": " + m.Title, m.URL()} }

func handoutLink(h *model.Handout) Link { return Link{h.Name() + ": " + h.Title, h.URL()} }

func transparencyLink(t *model.Transparency) Link { return Link{t.Name() + ": " + t.Title, t.URL()} }

// addPart makes part, which names the page of its own in Path, a part of the packet p: it
// takes the packet's path, and its own page is linked to on the packet.
func (p *page) addPart(part *page) {
	id := partID(part.Path)
	if p.local == nil {
		p.local = map[string]string{}
	}
	p.local[part.Path] = id
	part.prefix = id
	part.Path = p.Path
	part.local = p.local
	part.Site, part.Nav, part.r = p.Site, p.Nav, p.r
	p.Parts = append(p.Parts, part)
}

// partID is the id of a part from the path of the document's own page:
// "modules/4/index.html" → "modules-4", "handouts/4.1/index.html" → "handouts-4-1".
func partID(sitePath string) string {
	s := strings.TrimSuffix(strings.TrimSuffix(sitePath, "index.html"), "/")
	s = strings.TrimSuffix(s, ".html")
	return partIDReplacer.Replace(s)
}

var partIDReplacer = strings.NewReplacer("/", "-", ".", "-")

// Notes are the places in the trainer's script that use the part's transparency: the steps
// (or activities) whose script the trainer has in front of them while it is shown.
func (p *page) Notes() []*page {
	if p.Transparency == nil {
		return nil
	}
	var notes []*page
	for _, u := range p.Transparency.UsedIn {
		if u.Activity == nil {
			continue
		}
		n := *p
		n.prefix = p.ID("notes-" + strconv.Itoa(len(notes)+1))
		n.Title = u.Name
		if u.Step != nil {
			n.Title += ": " + u.Step.Title
		}
		n.Module = u.Activity.Module
		n.notesOf = u
		n.note = len(notes)
		if p.deps != nil {
			n.deps = &deps{} // a note's script is a place of the packet's page of its own
		}
		notes = append(notes, &n)
	}
	return notes
}

// Prints lists the packets the page's document is printed in, in the order of the site's
// packets: the guide, the day's handouts or transparencies, and then the module's own packet,
// found by its module rather than among the thousand of a catalogue.
func (p *page) Prints() []*Packet {
	var out []*Packet
	for _, pk := range p.r.packets {
		if pk.Kind == "module" {
			break // the modules' packets come after the others
		}
		if p.Module != nil && pk.Kind == "guide" || p.Handout != nil && pk.Kind == "handouts" || p.Transparency != nil && pk.Kind == "transparencies" {
			out = append(out, pk)
		}
	}
	of := func(m *model.Module) int {
		if i, ok := p.r.modulePackets[m]; ok && m != nil {
			return i
		}
		return -1
	}
	a, b := of(p.Module), -1
	if p.Handout != nil {
		b = of(p.Handout.Module)
	}
	if b >= 0 && b < a {
		a, b = b, a
	}
	for _, i := range []int{a, b} {
		if i >= 0 && (len(out) == 0 || out[len(out)-1] != p.r.packets[i]) {
			out = append(out, p.r.packets[i])
		}
	}
	return out
}

// Packets are every packet of the site.
func (p *page) Packets() []*Packet { return p.r.packets }

// PacketOf is the packet of a kind (guide, handouts, transparencies), nil when the site has
// none.
func (p *page) PacketOf(kind string) *Packet {
	i := slices.IndexFunc(p.r.packets, func(pk *Packet) bool { return pk.Kind == kind })
	if i < 0 {
		return nil
	}
	return p.r.packets[i]
}

// Script is the trainer's script a note holds: its step's text, or its activity's
// introduction.
func (p *page) Script() (template.HTML, error) {
	s, err := p.script()
	if err == nil {
		p.packet.place(span{part: p.index, note: p.note, deps: p.deps.list()}, s)
	}
	return s, err
}

func (p *page) script() (template.HTML, error) {
	p.inScript = true
	defer func() { p.inScript = false }()
	u := p.notesOf
	if u.Step != nil {
		return p.Markdown(u.Activity.Module.Doc, u.Step.Body)
	}
	return p.Markdown(u.Activity.Module.Doc, u.Activity.Intro)
}

// Local is the link to an anchor of the page's document, on the page.
func (p *page) Local(anchor string) string { return "#" + p.ID(anchor) }

// PageName is the CSS named page a handout prints on: its own, so that its sheets' footers
// can name it.
func (p *page) PageName() string {
	if p.Handout == nil {
		return ""
	}
	return "handout-" + strings.ReplaceAll(p.Handout.Number.String(), ".", "-")
}

// FooterPages are the named pages of the handouts on the page, with the text of their footers.
func (p *page) FooterPages() []Link {
	var out []Link
	add := func(q *page) {
		if q.Handout != nil {
			out = append(out, Link{Title: q.Handout.Name(), URL: q.PageName()})
		}
	}
	add(p)
	for _, q := range p.Parts {
		add(q)
	}
	return out
}

// PresentURL is the site path that presents the page's transparency.
func (p *page) PresentURL() string {
	if p.Transparency == nil || p.r.participant {
		return ""
	}
	return "present/index.html#" + partID(p.Transparency.URL())
}
