// Package site renders a curriculum's model into the files of a static site: one HTML page per
// module, handout, transparency and page, the indexes (competencies and schedule at a glance),
// the not-found page, the sitemap, and the theme's static files. Every link is relative and
// names index.html, so that the site works opened from disk.
package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/yuin/goldmark"

	"curriculum/generator/diag"
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
}

// Emit receives each output file: its slash-separated path in the site, and its bytes.
type Emit func(path string, data []byte) error

// Stats counts what a render wrote.
type Stats struct {
	Pages, Modules, Handouts, Transparencies, Files int
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
// folder, for its assets.
func Render(cur *model.Curriculum, md goldmark.Markdown, content fs.FS, opts Options, emit Emit) (Stats, error) {
	layers := append(slices.Clone(opts.Layers), Layer{Name: "theme", FS: themes.Default})
	r := &renderer{cur: cur, md: md, layers: layers, baseURL: opts.BaseURL, templates: map[string]*template.Template{}, sources: map[string]string{},
		participant: opts.Edition == model.ParticipantEdition}
	r.packets = r.packetList(opts.PDF)
	stats := Stats{Packets: r.packets}
	count := func(p string, data []byte) error {
		stats.Files++
		if strings.HasSuffix(p, ".html") {
			stats.Pages++
		}
		return emit(p, data)
	}
	pages := r.pages()
	// Every layout is parsed before anything is written, so that a template with an error
	// stops the build with nothing half done.
	for _, p := range pages {
		if _, err := r.template(p.Kind); err != nil {
			return stats, err
		}
	}
	// Pages render on every core and are emitted in order as they are ready, alongside the
	// rendering: the output is the same bytes in the same order as one core would make, and at
	// most a window of pages is held in memory.
	err := work.Ordered(len(pages), renderWindow, func(i int) ([]byte, error) {
		return r.renderPage(pages[i])
	}, func(i int, data []byte) error {
		return count(pages[i].Path, data)
	})
	if err != nil {
		return stats, err
	}
	if err := count(SearchIndexPath, r.searchIndex()); err != nil {
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
	templates map[string]*template.Template // by kind
	shared    *template.Template            // the base layout and the partials, parsed once
	sources   map[string]string             // template name → the candidate it was parsed from
	nav       []*NavItem
	packets   []*Packet
	// participant is set for the participant edition.
	participant bool
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

// renderPage executes the layout of p's kind.
func (r *renderer) renderPage(p *page) ([]byte, error) {
	t, err := r.template(p.Kind)
	if err != nil {
		return nil, err
	}
	p.tmpl = t
	for _, part := range p.Parts {
		part.tmpl = t
	}
	// The documents of a packet render on every core a few ahead of the packet's layout,
	// which puts them together: one packet holds the whole guide.
	if len(p.Parts) > 0 {
		parts := work.NewStream(len(p.Parts), partWindow, func(i int) (template.HTML, error) {
			return p.Parts[i].renderArticle()
		})
		for i, part := range p.Parts {
			part.parts, part.index = parts, i
		}
		defer func() {
			parts.Close()
			for _, part := range p.Parts {
				part.parts = nil
			}
		}()
	}
	// The buffer is made about big enough at once: growing to the guide's size a doubling at
	// a time costs more than rendering it.
	size := pageSize
	for _, part := range p.Parts {
		size += part.sizeHint()
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	err = t.ExecuteTemplate(buf, "baseof", p)
	if err != nil {
		return nil, r.pageError(p, err)
	}
	return buf.Bytes(), nil
}

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
