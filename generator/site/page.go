package site

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/yuin/goldmark/util"

	"curriculum/generator/internal/htmlexec"
	"curriculum/generator/internal/work"
	"curriculum/generator/markdown/fragment"
	"curriculum/generator/model"
	"curriculum/generator/urlpath"
)

// page is what a layout is executed with: the page's own model object, the site, and the
// navigation around it. Its methods are the layouts' helpers: links relative to the page and
// markdown rendered for it.
type page struct {
	Kind  string // the layout: home, module, handout, transparency, page, competencies, schedule, handouts, transparencies, 404
	Path  string // site path: "modules/4/index.html"
	Title string // the <h1> and the <title>

	Site         *model.Curriculum
	Module       *model.Module
	Handout      *model.Handout
	Transparency *model.Transparency
	Page         *model.Page

	Crumbs     []Link     // breadcrumbs, from the home page down to the page's parent
	Prev, Next *Link      // the reading order
	Nav        []*NavItem // the sidebar
	Canonical  string     // the page's address under the base URL, when there is one

	// A packet is one page holding several documents, each a part: a copy of the packet's
	// page with its own model object and an id prefix, so that the ids of two documents never
	// clash, and links between documents the packet holds stay on the page.
	Packet *Packet
	Parts  []*page
	// fill adds a packet's parts, made when its page renders and let go after: a catalogue's
	// packets have ten thousand parts between them.
	fill    func()
	prefix  string            // the part's id, and the prefix of every id in it
	local   map[string]string // site path of a document the page holds → its part's id
	notesOf model.Use         // for the trainer's notes of a transparency: where it is used

	r       *renderer
	tmpl    *htmlexec.Set
	stream  *work.Stream[template.HTML] // of a packet's page: its parts, which their Article takes from
	article *template.HTML              // a part's article, taken from the cache or rendered
	index   int                         // of a part in its packet
	deps    *deps                       // the documents whose text the page shows, with a cache

	// With a cache, a packet's page records where its layout placed each part's article and
	// each note's script, so that the next render can write again only the ones that show
	// text that changed (see splice).
	packet    *page            // of a part or a note: the packet's page
	note      int              // of a note: its index among its part's notes
	inArticle bool             // set on the copy of a part that renders its article
	inScript  bool             // set on a note while it renders its script
	buf       *strings.Builder // of a packet's page: what its layout has written so far
	// text holds, while a run of the page's layout whose output nothing keeps once written (a
	// build's, with no cache), the documents' text it shows: each is handed to the layout
	// without a copy, and the whole is let go once the layout is done. Nothing keeps what a
	// layout is given past its run: its variables end with it, and the methods that keep text
	// (a packet's places, a part's article) keep it only with a cache.
	// The page's copies (its notes) share it.
	text    *pageText
	places  []span   // of a packet's page: the places of its parts and notes
	values  []string // of a packet's page: what each place holds, until checked
	outside bool     // of a packet's page: a document's text was shown elsewhere
}

// Article is the part's document as an article: the layout "article-KIND" of the part's
// kind (module, handout, transparency, competencies, schedule, or page for any other),
// executed with the part. A packet's parts are rendered on every core, ahead of its layout.
func (p *page) Article() (template.HTML, error) {
	a, err := p.takeArticle()
	if err == nil {
		p.packet.place(span{part: p.index, note: -1, deps: p.deps.list()}, a)
	}
	return a, err
}

func (p *page) takeArticle() (template.HTML, error) {
	if p.article != nil {
		return *p.article, nil
	}
	if p.packet != nil && p.packet.stream != nil {
		if a, err, ok := p.packet.stream.Take(p.index); ok {
			return a, err
		}
	}
	a, err := p.renderArticle()
	if err == nil && p.r.reuse != nil {
		p.article = &a // for the cache
	}
	return a, err
}

// sizeHint is about how many bytes the part's article takes, for sizing its packet's page.
func (p *page) sizeHint() int {
	var doc *model.Document
	switch {
	case p.Module != nil:
		doc = p.Module.Doc
	case p.Handout != nil:
		doc = p.Handout.Doc
	case p.Transparency != nil:
		doc = p.Transparency.Doc
	case p.Page != nil:
		doc = p.Page.Doc
	}
	// The layouts write up to as much again around a document's text; a transparency's notes
	// are the script of the steps that use it. Too much costs little: the page's
	// strings.Builder does not touch the memory it has not written.
	n := partSize
	if doc != nil {
		for f := range doc.Fragments() {
			n += len(f.HTML) * 2
		}
	}
	if p.Transparency != nil {
		for _, u := range p.Transparency.UsedIn {
			if u.Step != nil {
				if f := u.Step.Body.Fragment(); f != nil {
					n += len(f.HTML) + partSize
				}
			}
		}
	}
	return n
}

func (p *page) renderArticle() (template.HTML, error) {
	kind := p.Kind
	switch kind {
	case "module", "handout", "transparency", "competencies", "schedule":
	default:
		kind = "page"
	}
	buf := getRenderBuffer()
	defer putRenderBuffer(buf)
	q := *p
	q.inArticle, q.text = true, nil
	execute := func() error { return p.tmpl.ExecuteTemplate(buf, "article-"+kind, &q) }
	var err error
	if p.r.streaming {
		err = q.withText(execute) // the article is copied out below
	} else {
		err = execute()
	}
	if err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil // a copy of the size of the article
}

// renderBuffers are what articles and documents' text are rendered into: the result is copied
// out at its size, and the buffer, grown to about the largest, serves the next. A buffer grown
// past maxPooled (the guide's index of competencies, megabytes at a thousand modules) is let
// go: the pool would keep it through two collections, and no other article needs it.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooled = 256 << 10

func getRenderBuffer() *bytes.Buffer {
	buf := renderBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	return buf
}

func putRenderBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= maxPooled {
		renderBuffers.Put(buf)
	}
}

// Link is a titled site path.
type Link struct {
	Title string
	URL   string // site path
}

// Root is the relative path from this page to the site's root: "../../". The not-found page,
// which a web server shows at any address, links absolutely when the base URL is known.
func (p *page) Root() string {
	if p.absolute() {
		return p.r.baseURL
	}
	return urlpath.Root(p.Path)
}

// URL is the link from this page to a site path, for a layout.
func (p *page) URL(sitePath string) string {
	if p.absolute() {
		return p.r.absURL(sitePath)
	}
	return p.Href(sitePath)
}

// RelativeURL is the link from this page to a site path, "" for the page itself
// (fragment.Page). A document the page holds is linked to on the page.
func (p *page) RelativeURL(sitePath string) string {
	if l, ok := p.held(sitePath); ok {
		return l
	}
	return urlpath.Rel(p.Path, sitePath)
}

// Href is RelativeURL for a link that must not be empty (fragment.Page).
func (p *page) Href(sitePath string) string {
	if l, ok := p.held(sitePath); ok {
		return l
	}
	return urlpath.Href(p.Path, sitePath)
}

// held is the link to a site path that a part of this packet holds.
func (p *page) held(sitePath string) (string, bool) {
	doc, frag, _ := strings.Cut(sitePath, "#")
	id, ok := p.local[doc]
	switch {
	case !ok:
		return "", false
	case frag == "":
		return "#" + id, true
	}
	return "#" + id + "-" + frag, true
}

// ID is the id an anchor of the page's document has on the page: the anchor itself on the
// document's own page, prefixed by the part's id in a packet.
func (p *page) ID(anchor string) string {
	if p.prefix == "" {
		return anchor
	}
	return p.prefix + "-" + anchor
}

// PartID is the id of the part, "" for a page of its own.
func (p *page) PartID() string { return p.prefix }

// absolute reports whether the page links by absolute addresses: the not-found page, under a
// base URL.
func (p *page) absolute() bool { return p.Kind == "404" && p.r.baseURL != "" }

// Current reports whether a site path is this page, for aria-current.
func (p *page) Current(sitePath string) bool { return sitePath == p.Path }

// Markdown renders a part of a document for this page: one the model names (a module's
// Preamble, an activity's Intro, a step's Body, a document's Root).
func (p *page) Markdown(doc *model.Document, part model.Part) (template.HTML, error) {
	if doc == nil || part == (model.Part{}) {
		return "", nil
	}
	return p.render(doc, part)
}

// Heading renders the text of a heading (an activity's or step's title) for this page.
func (p *page) Heading(doc *model.Document, part model.Part) (template.HTML, error) {
	return p.render(doc, part)
}

func (p *page) render(doc *model.Document, part model.Part) (template.HTML, error) {
	f := part.Fragment()
	if f == nil || !part.Of(doc) {
		return "", fmt.Errorf("%s: the part given is not one of this document's: give the document and one of its parts, as in .Markdown $m.Doc $m.Preamble (a document's Root, a module's Preamble, an activity's Intro or Heading, a step's Body or Heading)", doc.File)
	}
	p.deps.add(doc.Path)
	switch {
	case len(p.Parts) > 0:
		p.outside = true
	case p.packet != nil && !p.inArticle && !p.inScript:
		p.packet.outside = true
	}
	if t := p.text; t != nil && !t.busy {
		// Into the page's text, which outlives the layout's use of it (see page.text). A
		// derived block the text holds may render text of its own: that goes the other way.
		t.busy = true
		defer func() { t.busy = false }()
		start := t.buf.Len()
		if err := f.Render(fragment.Unbuffered{Buffer: t.buf}, p); err != nil {
			return "", fmt.Errorf("%s: %w", doc.File, err)
		}
		b := t.buf.Bytes()[start:]
		if len(b) == 0 {
			return "", nil
		}
		return template.HTML(unsafe.String(&b[0], len(b))), nil
	}
	buf := getRenderBuffer()
	defer putRenderBuffer(buf)
	if err := f.Render(fragment.Unbuffered{Buffer: buf}, p); err != nil {
		return "", fmt.Errorf("%s: %w", doc.File, err)
	}
	return template.HTML(buf.String()), nil // a copy of the size of the text
}

// withText runs execute, a run of the page's layout whose output nothing keeps once written,
// with a text buffer (see page.text), and lets the buffer go after.
func (p *page) withText(execute func() error) error {
	p.text = &pageText{buf: getRenderBuffer()}
	defer func() {
		putRenderBuffer(p.text.buf)
		p.text = nil
	}()
	return execute()
}

// pageText is the text of a run of a layout (see page.text), in a render buffer.
type pageText struct {
	buf  *bytes.Buffer
	busy bool // render is writing into it
}

// HasBody reports whether a document has any content beyond its front matter.
func (p *page) HasBody(doc *model.Document) bool {
	return doc != nil && !doc.Empty
}

// Embed writes a derived block, {{name}}, with the partial "embed-name" (fragment.Embedder).
func (p *page) Embed(w util.BufWriter, name string) error {
	return p.tmpl.ExecuteTemplate(w, "embed-"+name, p)
}

// NavItem is an entry of the sidebar.
type NavItem struct {
	Title    string
	URL      string
	Minutes  int
	Module   *model.Module // set for a module, whose activities show under it on its own page
	Children []*NavItem
	// AllModules is set on the one entry that stands for every module in a curriculum with
	// too many to list on every page: it links to the list of modules, and on a module's page
	// the module shows under it.
	AllModules bool
}

// maxNavModules is how many modules the sidebar lists one by one. A catalogue of hundreds
// lists them on one page instead: every page listing every module would make the site grow
// with the square of its size, and such a sidebar cannot be read anyway.
const maxNavModules = 40

// nav builds the sidebar, the same on every page.
func (r *renderer) buildNav() []*NavItem {
	cur := r.cur
	var items []*NavItem
	items = append(items, &NavItem{Title: "Home", URL: "index.html"})
	var pageItem func(p *model.Page) *NavItem
	pageItem = func(p *model.Page) *NavItem {
		it := &NavItem{Title: p.Label(), URL: p.URL()}
		for _, c := range p.Children {
			if r.shows(c) {
				it.Children = append(it.Children, pageItem(c))
			}
		}
		return it
	}
	for _, e := range cur.Contents {
		if e.Modules {
			if len(cur.Modules) > maxNavModules {
				items = append(items, &NavItem{Title: fmt.Sprintf("All %d modules", len(cur.Modules)), URL: "modules/index.html", AllModules: true})
				continue
			}
			for _, m := range cur.Modules {
				items = append(items, &NavItem{Title: m.Name() + ": " + m.Title, URL: m.URL(), Minutes: m.Minutes(), Module: m})
			}
			continue
		}
		if r.shows(e.Page) {
			items = append(items, pageItem(e.Page))
		}
	}
	items = append(items,
		&NavItem{Title: "Competencies at a Glance", URL: "competencies/index.html"},
		&NavItem{Title: "Schedule at a Glance", URL: "schedule/index.html"},
	)
	if !r.participant {
		items = append(items, &NavItem{Title: "Trainer’s Checklist", URL: "checklist/index.html"})
	}
	if len(cur.Handouts) > 0 {
		items = append(items, &NavItem{Title: "Handouts", URL: "handouts/index.html"})
	}
	if len(r.transparencies()) > 0 {
		items = append(items, &NavItem{Title: "Transparencies", URL: "transparencies/index.html"})
	}
	items = append(items, &NavItem{Title: "Print and Present", URL: "print/index.html"})
	return items
}

// readingOrder is the sequence previous/next walks: the contents, pages before their children,
// modules the links of the modules in order.
func (r *renderer) readingOrder(modules []Link) []Link {
	var out []Link
	var add func(p *model.Page)
	add = func(p *model.Page) {
		if !r.shows(p) {
			return
		}
		out = append(out, Link{p.Title, p.URL()})
		for _, c := range p.Children {
			add(c)
		}
	}
	for _, e := range r.cur.Contents {
		if e.Modules {
			out = append(out, modules...)
			continue
		}
		add(e.Page)
	}
	return out
}

// pages lists every page of the site, with its data.
func (r *renderer) pages() []*page {
	cur := r.cur
	r.nav = r.buildNav()
	home := Link{"Home", "index.html"}
	var pages []*page
	add := func(p *page) {
		p.Site, p.Nav, p.r = cur, r.nav, r
		if r.baseURL != "" {
			p.Canonical = r.absURL(p.Path)
		}
		pages = append(pages, p)
	}
	add(&page{Kind: "home", Path: "index.html", Title: cur.Title, Page: cur.Home})

	// Each module's, handout's and transparency's title and path, made once for the pages
	// and their neighbours.
	modules := make([]Link, len(cur.Modules))
	for i, m := range cur.Modules {
		modules[i] = moduleLink(m)
	}
	order := r.readingOrder(modules)
	at := map[string][]int{} // the places of each site path in the reading order
	for i, l := range order {
		at[l.URL] = append(at[l.URL], i)
	}
	sequence := func(p *page) {
		for _, i := range at[p.Path] {
			p.Prev, p.Next = neighbours(order, i)
		}
	}
	for i, m := range cur.Modules {
		p := &page{Kind: "module", Path: modules[i].URL, Title: modules[i].Title, Module: m, Crumbs: []Link{home}}
		sequence(p)
		add(p)
	}
	for _, pg := range cur.Pages {
		if !r.shows(pg) {
			continue
		}
		crumbs := []Link{home}
		var parents []Link
		for q := pg.Parent; q != nil; q = q.Parent {
			parents = append([]Link{{q.Title, q.URL()}}, parents...)
		}
		p := &page{Kind: "page", Path: pg.URL(), Title: pg.Title, Page: pg, Crumbs: append(crumbs, parents...)}
		sequence(p)
		add(p)
	}
	handoutsIndex := Link{"Handouts", "handouts/index.html"}
	handouts := make([]Link, len(cur.Handouts))
	for i, h := range cur.Handouts {
		handouts[i] = handoutLink(h)
	}
	transparencies := make([]Link, len(r.transparencies()))
	for i, t := range r.transparencies() {
		transparencies[i] = transparencyLink(t)
	}
	r.links.modules, r.links.handouts, r.links.transparencies = modules, handouts, transparencies
	for i, h := range cur.Handouts {
		p := &page{Kind: "handout", Path: handouts[i].URL, Title: handouts[i].Title, Handout: h,
			Crumbs: []Link{home, handoutsIndex}}
		p.Prev, p.Next = neighbours(handouts, i)
		add(p)
	}
	transparenciesIndex := Link{"Transparencies", "transparencies/index.html"}
	for i, t := range r.transparencies() {
		p := &page{Kind: "transparency", Path: transparencies[i].URL, Title: transparencies[i].Title, Transparency: t,
			Crumbs: []Link{home, transparenciesIndex}}
		p.Prev, p.Next = neighbours(transparencies, i)
		add(p)
	}
	if len(cur.Handouts) > 0 {
		add(&page{Kind: "handouts", Path: handoutsIndex.URL, Title: "Handouts", Crumbs: []Link{home}})
	}
	if len(r.transparencies()) > 0 {
		add(&page{Kind: "transparencies", Path: transparenciesIndex.URL, Title: "Transparencies", Crumbs: []Link{home}})
	}
	add(&page{Kind: "modules", Path: "modules/index.html", Title: "Modules", Crumbs: []Link{home}})
	add(&page{Kind: "competencies", Path: "competencies/index.html", Title: "Competencies at a Glance", Crumbs: []Link{home}})
	add(&page{Kind: "schedule", Path: "schedule/index.html", Title: "Schedule at a Glance", Crumbs: []Link{home}})
	if !r.participant {
		add(&page{Kind: "checklist", Path: "checklist/index.html", Title: "Trainer’s Checklist", Crumbs: []Link{home}})
	}
	printIndex := Link{"Print and Present", "print/index.html"}
	add(&page{Kind: "print", Path: printIndex.URL, Title: printIndex.Title, Crumbs: []Link{home}})
	for _, pk := range r.packets {
		add(r.packetPage(pk, []Link{home, printIndex}))
	}
	if len(r.transparencies()) > 0 {
		add(r.presentPage([]Link{home, printIndex}))
	}
	add(&page{Kind: "404", Path: "404.html", Title: "Page not found", Crumbs: []Link{home}})
	return pages
}

// UsedIn lists the places that refer to the page's handout or transparency. The participant
// edition has no steps: a place in one is its activity.
func (p *page) UsedIn() []model.Use {
	var uses []model.Use
	switch {
	case p.Handout != nil:
		uses = p.Handout.UsedIn
	case p.Transparency != nil:
		uses = p.Transparency.UsedIn
	}
	if !p.r.participant {
		return uses
	}
	var out []model.Use
	for _, u := range uses {
		if u.Step != nil {
			u = model.Use{Name: u.Activity.Name(), URL: u.Activity.URL(), Activity: u.Activity}
		}
		if !slices.ContainsFunc(out, func(v model.Use) bool { return v.URL == u.URL }) {
			out = append(out, u)
		}
	}
	return out
}

// Trainer reports whether the page is of the trainer's edition, which holds the trainer's
// script; the participant edition does not.
func (p *page) Trainer() bool { return !p.r.participant }

// Contents are the entries of the curriculum's contents that the edition has.
func (p *page) Contents() []model.Entry {
	var out []model.Entry
	for _, e := range p.Site.Contents {
		if e.Modules || p.r.shows(e.Page) {
			out = append(out, e)
		}
	}
	return out
}

// Needs are the materials and equipment of the day, rolled up from the modules.
func (p *page) Needs() []*model.Need { return model.Needs(p.Site.Modules) }

// Copies is the number of handout copies a session needs: one of each per participant.
func (p *page) Copies() int { return len(p.Site.Handouts) * p.Site.Participants }

// Transparencies are the transparencies of the edition.
func (p *page) Transparencies() []*model.Transparency { return p.r.transparencies() }

// neighbours returns the links before and after links[i], or nil at either end.
func neighbours(links []Link, i int) (prev, next *Link) {
	if i > 0 {
		prev = &links[i-1]
	}
	if i+1 < len(links) {
		next = &links[i+1]
	}
	return prev, next
}
