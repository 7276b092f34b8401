// Package site renders a curriculum's model into the files of a static site: one HTML page per
// module, handout, transparency and page, the indexes (competencies and schedule at a glance),
// the not-found page, the sitemap, and the theme's static files. Every link is relative and
// names index.html, so that the site works opened from disk.
package site

import (
	"bufio"
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/yuin/goldmark"

	"curriculum/generator/diag"
	"curriculum/generator/internal/htmlexec"
	"curriculum/generator/internal/work"
	"curriculum/generator/markdown/highlight"
	"curriculum/generator/model"
	"curriculum/themes"
)

// Options configure a render.
type Options struct {
	// BaseURL is the address the site is published at ("https://example.org/cpl/"); when set,
	// pages carry canonical links and a sitemap is written.
	BaseURL string
	// Layers are searched for layouts, partials and static files, in order. The default theme
	// is always searched last.
	Layers []Layer
	// PDF links every packet's PDF (pdf/NAME.pdf), which the caller prints after the render.
	PDF bool
	// Edition is model.TrainerEdition (everything; the default when empty) or
	// model.ParticipantEdition: objectives, the schedule, handouts, further reading and the
	// activities' titles and purposes, with no trainer script, transparencies or pages marked
	// edition: trainer.
	Edition string
	// EmitPieces, when set, receives the pages that a render with a cache writes again place by
	// place, in pieces that share the bytes of the pages it gave before (see splice), instead of
	// emit: the pieces are the page's bytes in order, never changed afterwards.
	EmitPieces func(path string, pieces [][]byte) error
	// Create, when set and the render has no cache, creates the file of a page, which is then
	// written as it renders, on every core, instead of being handed to emit: a page is never
	// held whole in memory, and the guide of a catalogue is tens of megabytes.
	Create func(path string) (io.WriteCloser, error)
}

// Emit receives each output file: its slash-separated path in the site, and its bytes.
type Emit func(path string, data []byte) error

// Stats counts what a render wrote.
type Stats struct {
	Pages, Modules, Handouts, Transparencies, Files int
	// Rendered is how many pages were rendered rather than taken from a cache.
	Rendered int
	// Packets are the pages made to be printed in one job, each with its PDF's path.
	Packets []*Packet
}

// pageSize is room for a page's layout around its content, and partSize for what a packet
// writes around each of its parts.
const (
	pageSize = 16 << 10
	partSize = 256
)

// partWindow is how many of a packet's documents may be rendered ahead of the one the
// packet's layout writes.
const partWindow = 8

// renderWindow is how many pages may be rendered ahead of the one being written.
const renderWindow = 16

// Render writes the site of cur, as content.Load made it, through emit. content is the content
// folder, for its assets. The bytes handed to emit are never changed afterwards.
func Render(cur *model.Curriculum, md goldmark.Markdown, content fs.FS, opts Options, emit Emit) (Stats, error) {
	return RenderCached(cur, md, content, opts, emit, nil)
}

// RenderCached is Render with a cache of the last render, which it uses and updates: when the
// curriculum differs from the last one rendered only in the text of some documents (see
// model.Curriculum.Signature), the pages and packet parts that show none of that text are taken
// from the cache. A nil cache is no cache. Render with a cache one curriculum at a time.
func RenderCached(cur *model.Curriculum, md goldmark.Markdown, content fs.FS, opts Options, emit Emit, cache *Cache) (stats Stats, err error) {
	// What the cache may give is decided while the pages are listed, which neither reads
	// nor changes the cache.
	type started struct {
		reuse *reuse
		err   error
	}
	start := make(chan started, 1)
	go func() {
		u, err := startReuse(cache, cur, opts)
		start <- started{u, err}
	}()
	layers := append(slices.Clone(opts.Layers), Layer{Name: "theme", FS: themes.Default})
	r := &renderer{cur: cur, md: md, layers: layers, baseURL: opts.BaseURL, templates: map[string]*htmlexec.Set{}, sources: map[string]string{},
		participant: opts.Edition == model.ParticipantEdition}
	r.packets = r.packetList(opts.PDF)
	r.modulePackets = map[*model.Module]int{}
	for i, pk := range r.packets {
		if pk.Kind == "module" {
			r.modulePackets[pk.Module] = i
		}
	}
	pages := r.pages()
	st := <-start
	if st.err != nil {
		return stats, st.err
	}
	reuse := st.reuse
	if cache != nil {
		defer func() {
			if err != nil {
				*cache = Cache{} // half updated: the next render renders everything
			}
		}()
	}
	r.reuse = reuse
	if reuse != nil && cache.templates != nil {
		r.templates, r.shared, r.sources = cache.templates, cache.shared, cache.sources
	}
	stats = Stats{Packets: r.packets}
	count := func(p string, data []byte) error {
		stats.Files++
		if strings.HasSuffix(p, ".html") {
			stats.Pages++
		}
		return emit(p, data)
	}
	// A packet written again place by place is handed on in pieces, where the caller takes
	// them (serve), and joined where it does not.
	countPieces := func(p string, ps pieces) error {
		if opts.EmitPieces == nil {
			return count(p, ps.bytes())
		}
		stats.Files++
		stats.Pages++
		return opts.EmitPieces(p, ps)
	}
	// Every layout is parsed before anything is written, so that a template with an error
	// stops the build with nothing half done.
	for _, p := range pages {
		if _, err := r.template(p.Kind); err != nil {
			return stats, err
		}
	}
	// Pages render on every core, in renderOrder, and are emitted in that order as they are
	// ready, alongside the rendering: the output is the same bytes in the same order as one
	// core would make, and at most a window of pages is held in memory. The first error in
	// that order stops the render.
	// After an edit of some text the pages are those of the cache's render: the cache keeps
	// its entries but those of the pages rendered again, which change once all rendered.
	incremental := reuse != nil && !reuse.all
	newPages := map[string]cachedPage{}
	newParts := map[string][]cachedPart{}
	again := map[string]rendered{} // with incremental, the pages rendered again
	consume := func(i int, out rendered) error {
		if !out.cached {
			stats.Rendered++
		}
		if out.streamed {
			stats.Files++
			stats.Pages++
			return nil
		}
		switch {
		case cache == nil:
		case incremental:
			if !out.cached {
				again[pages[i].Path] = out
			}
		default:
			newPages[pages[i].Path] = out.entry()
			if out.parts != nil {
				newParts[pages[i].Path] = out.parts
			}
		}
		if out.pieces != nil {
			return countPieces(pages[i].Path, out.pieces)
		}
		return count(pages[i].Path, out.data)
	}
	// Without a cache to keep them, pages are written to their files as they render, when the
	// caller can create files (Create).
	r.streaming = opts.Create != nil && cache == nil
	// The search index is made of the model alone: it is made while the pages render, and it
	// is waited for however the render ends, so that nothing reads the model after. Where
	// pages are streamed to their files, so is the index, and nothing holds it.
	type searchResult struct {
		data     []byte
		streamed bool // written to its file, not held in data
		err      error
	}
	search := make(chan searchResult, 1)
	switch {
	case reuse != nil && !reuse.all && cache.search != nil:
		search <- searchResult{data: cache.search}
	case r.streaming:
		go func() { search <- searchResult{streamed: true, err: r.streamSearchIndex(opts.Create)} }()
	default:
		go func() {
			var c chunks
			err := r.searchIndex(&c)
			search <- searchResult{data: c.bytes(), err: err}
		}()
	}
	index := sync.OnceValue(func() searchResult { return <-search })
	defer index()
	if reuse != nil && !reuse.all {
		// After an edit of some text, most pages are taken as they were: the few that show
		// the text render first, on every core, and every page is emitted in order after.
		if err := r.renderChanged(pages, consume); err != nil {
			return stats, err
		}
	} else {
		order := renderOrder(pages)
		err := work.Ordered(len(pages), renderWindow, func(j int) (rendered, error) {
			p := pages[order[j]]
			if r.streaming {
				return r.streamPage(p, opts.Create)
			}
			return r.renderPage(p)
		}, func(j int, out rendered) error { return consume(order[j], out) })
		if err != nil {
			return stats, err
		}
	}
	if cache != nil {
		if incremental {
			for p, out := range again {
				cache.pages[p] = out.entry()
				if out.parts != nil {
					cache.parts[p] = out.parts
				} else {
					delete(cache.parts, p)
				}
			}
		} else {
			cache.pages, cache.parts = newPages, newParts
		}
		cache.search = index().data
		cache.templates, cache.shared, cache.sources = r.templates, r.shared, r.sources
	}
	if idx := index(); idx.err != nil {
		return stats, idx.err
	} else if idx.streamed {
		stats.Files++
	} else if err := count(SearchIndexPath, idx.data); err != nil {
		return stats, err
	}
	if r.baseURL != "" {
		if err := count("sitemap.xml", r.sitemap(pages)); err != nil {
			return stats, err
		}
	}
	if err := r.copyStatic(count); err != nil {
		return stats, err
	}
	for _, a := range cur.Assets {
		b, err := fs.ReadFile(content, a)
		if err != nil {
			return stats, fmt.Errorf("%s: %w", a, err)
		}
		if err := count(a, b); err != nil {
			return stats, err
		}
	}
	stats.Modules, stats.Handouts, stats.Transparencies = len(cur.Modules), len(cur.Handouts), len(r.transparencies())
	return stats, nil
}

type renderer struct {
	cur       *model.Curriculum
	md        goldmark.Markdown
	layers    []Layer
	baseURL   string
	templates map[string]*htmlexec.Set // by kind
	shared    *htmlexec.Set            // the base layout and the partials, parsed once
	sources   map[string]string        // template name → the candidate it was parsed from
	nav       []*NavItem
	packets   []*Packet
	// modulePackets finds each module's packet in packets.
	modulePackets map[*model.Module]int
	// links are the title and path of the page of each module, handout and transparency (of
	// the edition), in the curriculum's order, made once with the list of pages for the
	// packets that hold them.
	links struct{ modules, handouts, transparencies []Link }
	// participant is set for the participant edition.
	participant bool
	// reuse is what the render may take from its cache; nil without one.
	reuse *reuse
	// streaming is set when pages are written to their files as they render, and nothing
	// keeps what they show: no cache.
	streaming bool
}

// entry is out as the cache keeps it.
func (out rendered) entry() cachedPage { return cachedPage{out.data, out.pieces, out.deps, out.spans} }

// rendered is a page as rendered, or taken from the cache.
type rendered struct {
	data   []byte
	pieces pieces       // the bytes in pieces, instead of data, for a packet written again place by place
	deps   []string     // the documents whose text it shows, with a cache
	parts  []cachedPart // a packet's parts, with a cache
	spans  []span       // the places of a packet's parts and notes, with a cache
	// cached is set for a page taken from the cache, streamed for one written as it rendered.
	cached, streamed bool
}

// shows reports whether a page of the content is in the edition: not a page marked
// edition: trainer (or under one) in the participant edition.
func (r *renderer) shows(p *model.Page) bool {
	for q := p; q != nil; q = q.Parent {
		if r.participant && q.TrainerOnly {
			return false
		}
	}
	return true
}

// transparencies are the transparencies of the edition: none for participants.
func (r *renderer) transparencies() []*model.Transparency {
	if r.participant {
		return nil
	}
	return r.cur.Transparencies
}

// renderOrder is the order pages render in, as indexes of pages: the pages that hold other
// documents (the packets and the slideshow) first, then the others, each in their order. The
// longest come first, so that no core is left with one of them once the others are done.
func renderOrder(pages []*page) []int {
	order := make([]int, 0, len(pages))
	for _, packets := range []bool{true, false} {
		for i, p := range pages {
			if (p.fill != nil) == packets {
				order = append(order, i)
			}
		}
	}
	return order
}

// renderChanged renders the pages that show text that changed since the cache's render, on
// every core, and hands every page to consume in order: the others as the cache has them,
// while those render (the guide of a catalogue takes a while). The first error in the order of
// the pages stops it.
func (r *renderer) renderChanged(pages []*page, consume func(int, rendered) error) error {
	var todo []int
	for i, p := range pages {
		if !r.reuse.page(p.Path) {
			todo = append(todo, i)
		}
	}
	outs := work.NewStream(len(todo), len(todo), func(j int) (rendered, error) { return r.renderPage(pages[todo[j]]) })
	defer outs.Close()
	cache := r.reuse.cache
	next := 0 // the first of todo not taken
	for i, p := range pages {
		var out rendered
		if next < len(todo) && todo[next] == i {
			var err error
			if out, err, _ = outs.Take(next); err != nil {
				return err
			}
			next++
		} else {
			c := cache.pages[p.Path]
			out = rendered{data: c.data, pieces: c.pieces, deps: c.deps, parts: cache.parts[p.Path], spans: c.spans, cached: true}
		}
		if err := consume(i, out); err != nil {
			return err
		}
	}
	return nil
}

// renderPage executes the layout of p's kind.
func (r *renderer) renderPage(p *page) (rendered, error) {
	defer p.release()
	if err := r.prepare(p); err != nil {
		return rendered{}, err
	}
	if c, ok := r.reuse.packetPage(p); ok {
		if out, ok, err := r.splice(p, c); ok || err != nil {
			return out, err
		}
	}
	// The buffer is made about big enough at once: growing to the guide's size a doubling at
	// a time costs more than rendering it.
	size := pageSize
	for _, part := range p.Parts {
		size += part.sizeHint()
	}
	if r.reuse != nil {
		if last, ok := r.reuse.cache.pages[p.Path]; ok {
			size = max(size, last.bytes().size()+pageSize)
		}
	}
	buf := new(strings.Builder) // which, unlike a bytes.Buffer, never zeroes what it grows into
	buf.Grow(size)
	if r.reuse != nil && len(p.Parts) > 0 {
		p.buf = buf
	}
	parts, err := r.execute(p, buf)
	if err != nil {
		return rendered{}, err
	}
	out := rendered{data: stringBytes(buf.String())} // nothing writes to buf again
	if r.reuse != nil {
		// The page shows what it showed itself, what its parts' articles show, and what the
		// layout showed of each part besides (a transparency's notes).
		all := &deps{}
		for _, d := range p.deps.list() {
			all.add(d)
		}
		for i, part := range p.Parts {
			for _, d := range slices.Concat(part.deps.list(), parts.parts[i].deps) {
				all.add(d)
			}
		}
		out.deps = all.list()
		out.spans = p.spans(out.data)
		if !slices.Contains(parts.done, false) {
			out.parts = parts.parts
			out.shareArticles()
		}
	}
	return out, nil
}

// writers are the buffers pages are written to their files through.
var writers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 32<<10) }}

// streamPage executes the layout of p's kind into the file create makes for it.
func (r *renderer) streamPage(p *page, create func(string) (io.WriteCloser, error)) (rendered, error) {
	defer p.release()
	if err := r.prepare(p); err != nil {
		return rendered{}, err
	}
	f, err := create(p.Path)
	if err != nil {
		return rendered{}, err
	}
	w := writers.Get().(*bufio.Writer)
	w.Reset(f)
	defer func() {
		w.Reset(nil)
		writers.Put(w)
	}()
	if err := p.withText(func() error { _, err := r.execute(p, w); return err }); err != nil {
		f.Close()
		return rendered{}, err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return rendered{}, err
	}
	return rendered{streamed: true}, f.Close()
}

// release lets a packet's parts go once its page is rendered; prepare makes them again.
func (p *page) release() {
	if p.fill != nil {
		p.Parts, p.local = nil, nil
	}
}

// prepare readies p and its parts to be rendered with the layout of p's kind.
func (r *renderer) prepare(p *page) error {
	t, err := r.template(p.Kind)
	if err != nil {
		return err
	}
	p.tmpl = t
	if p.fill != nil && p.Parts == nil {
		p.fill()
	}
	if r.reuse != nil {
		p.deps = &deps{}
	}
	// Every field of the parts is set before any renders: they render on other goroutines.
	for i, part := range p.Parts {
		part.tmpl, part.packet, part.index = t, p, i
		if r.reuse != nil {
			part.deps = &deps{}
		}
	}
	return nil
}

// execute executes the layout of p's kind into w, with p's parts rendered as it asks for
// them.
func (r *renderer) execute(p *page, w io.Writer) (*partSet, error) {
	parts := r.startParts(p)
	err := p.tmpl.ExecuteTemplate(w, baseName(p.Kind), p)
	parts.finish(p)
	if err != nil {
		return parts, r.pageError(p, err)
	}
	return parts, nil
}

// partSet is the parts of a packet's page as its layout shows them.
type partSet struct {
	parts  []cachedPart // each part's article and the documents it shows, for the cache
	done   []bool       // which of parts are had
	stream *work.Stream[template.HTML]
}

// startParts readies the parts of a packet's page for its layout: a part that shows no text
// that changed is taken from the cache; the others render as the layout asks for them, or,
// when most do, on every core a few ahead of the layout: one packet holds the whole guide.
func (r *renderer) startParts(p *page) *partSet {
	ps := &partSet{}
	if len(p.Parts) == 0 {
		return ps
	}
	ps.parts, ps.done = make([]cachedPart, len(p.Parts)), make([]bool, len(p.Parts))
	cached := r.reuse != nil && !r.reuse.all && len(r.reuse.cache.parts[p.Path]) == len(p.Parts)
	if cached {
		for i, part := range p.Parts {
			if a, ok := r.reuse.part(p.Path, i); ok {
				part.article = &a
				ps.parts[i], ps.done[i] = r.reuse.cache.parts[p.Path][i], true
			}
		}
		return ps
	}
	ps.stream = work.NewStream(len(p.Parts), partWindow, func(i int) (template.HTML, error) {
		part := p.Parts[i]
		a, err := part.renderArticle()
		ps.done[i] = err == nil
		if r.reuse != nil { // without a cache, the articles are let go once written
			ps.parts[i] = cachedPart{a, part.deps.list()}
		}
		return a, err
	})
	p.stream = ps.stream
	return ps
}

// finish is called once the packet's layout ran: it records the parts rendered as the layout
// asked for them, and lets the parts go.
func (ps *partSet) finish(p *page) {
	if ps.stream != nil {
		ps.stream.Close() // every part the layout showed is rendered: done is complete
		p.stream = nil
	}
	for i, part := range p.Parts {
		if ps.done != nil && !ps.done[i] && part.article != nil {
			ps.parts[i], ps.done[i] = cachedPart{*part.article, part.deps.list()}, true
		}
		part.article = nil
	}
}

// stringBytes are the bytes of s, without a copy: nothing writes to them.
func stringBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// pageError is an error of executing p's layout: at the line of the template, or naming
// the page.
func (r *renderer) pageError(p *page, err error) error {
	err = r.templateError(err)
	if _, ok := err.(diag.Errors); ok {
		return err
	}
	return fmt.Errorf("rendering %s: %w", p.Path, err)
}

// copyStatic emits the static files of every layer, the first layer's file winning, and the
// stylesheet of code highlighting.
func (r *renderer) copyStatic(emit Emit) error {
	seen := map[string]bool{}
	var paths []string
	for _, l := range r.layers {
		err := fs.WalkDir(l.FS, "static", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == "static" {
					return fs.SkipDir // a layer without static files
				}
				return err
			}
			if d.IsDir() || seen[p] {
				return nil
			}
			seen[p] = true
			paths = append(paths, p)
			return nil
		})
		if err != nil {
			return fmt.Errorf("%s: %w", l.Name, err)
		}
	}
	slices.Sort(paths)
	for _, p := range paths {
		b, _, err := find(r.layers, fileCandidates(p, layerNames(r.layers)))
		if err != nil {
			return err
		}
		if err := emit(strings.TrimPrefix(p, "static/"), b); err != nil {
			return err
		}
	}
	css, err := highlight.CSS()
	if err != nil {
		return fmt.Errorf("the stylesheet of code blocks: %w", err)
	}
	return emit("css/highlight.css", css)
}

// sitemap lists every page at its address under the base URL.
func (r *renderer) sitemap(pages []*page) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range pages {
		if p.Kind == "404" {
			continue
		}
		b.WriteString("  <url><loc>")
		template.HTMLEscape(&b, []byte(r.absURL(p.Path)))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// absURL is the address of a site path under the base URL.
func (r *renderer) absURL(p string) string {
	return strings.TrimSuffix(r.baseURL, "/") + "/" + strings.TrimPrefix(path.Clean("/"+p), "/")
}
