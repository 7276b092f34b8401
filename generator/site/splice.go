package site

import (
	"html/template"
	"slices"
)

// A span is a place of a packet's page: where its layout wrote the article of a part, or the
// script of one of a part's notes.
type span struct {
	at, n int
	part  int      // the part's index
	note  int      // the note's index among the part's notes; -1 for the part's article
	deps  []string // the documents whose text it shows
}

// place records, with a cache, that the packet's layout is writing v at the end of what it has
// written: the value of an action is written as soon as it is had. p is the packet's page.
func (p *page) place(s span, v template.HTML) {
	if p == nil || p.buf == nil {
		return
	}
	s.at, s.n = p.buf.Len(), len(v)
	p.places = append(p.places, s)
	for _, d := range s.deps {
		p.deps.add(d) // the page shows what its places show
	}
	p.values = append(p.values, string(v))
}

// spans are the places a packet's layout wrote, checked against what it wrote: nil when a
// place does not hold its value (the layout wrote something else first) or the layout showed
// a document's text elsewhere, and the page cannot be written again place by place.
func (p *page) spans(data []byte) []span {
	defer func() { p.buf, p.values = nil, nil }()
	if p.outside || len(p.places) == 0 {
		return nil
	}
	end := 0
	for i, s := range p.places {
		if s.at < end || s.at+s.n > len(data) || string(data[s.at:s.at+s.n]) != p.values[i] {
			return nil
		}
		end = s.at + s.n
	}
	return p.places
}

// splice writes a packet's page again from its last render, c, when the text that changed is
// all inside the parts' articles and the notes' scripts: it renders those places again and
// copies the rest. It returns false when the page must be rendered whole.
func (r *renderer) splice(p *page, c cachedPage) (rendered, bool, error) {
	if c.spans == nil || r.reuse == nil || r.reuse.all {
		return rendered{}, false, nil
	}
	out := make([]byte, 0, len(c.data)+pageSize)
	spans := make([]span, len(c.spans))
	parts := slices.Clone(r.reuse.cache.parts[p.Path])
	last := 0
	all := &deps{}
	for i, s := range c.spans {
		out = append(out, c.data[last:s.at]...)
		last = s.at + s.n
		if r.reuse.fresh(s.deps) {
			spans[i] = s
			spans[i].at = len(out)
			out = append(out, c.data[s.at:last]...)
			for _, d := range s.deps {
				all.add(d)
			}
			continue
		}
		if s.part >= len(p.Parts) {
			return rendered{}, false, nil
		}
		part := p.Parts[s.part]
		var v template.HTML
		var err error
		var shown *deps
		if s.note < 0 {
			part.deps = &deps{}
			v, err = part.renderArticle()
			shown = part.deps
			if s.part < len(parts) {
				parts[s.part] = cachedPart{v, shown.list()}
			}
		} else {
			part.deps = &deps{} // the notes get deps of their own
			notes := part.Notes()
			if s.note >= len(notes) {
				return rendered{}, false, nil
			}
			v, err = notes[s.note].script()
			shown = notes[s.note].deps
		}
		if err != nil {
			return rendered{}, false, r.pageError(p, err)
		}
		spans[i] = span{at: len(out), n: len(v), part: s.part, note: s.note, deps: shown.list()}
		out = append(out, v...)
		for _, d := range spans[i].deps {
			all.add(d)
		}
	}
	out = append(out, c.data[last:]...)
	if len(parts) != len(p.Parts) {
		parts = nil
	}
	return rendered{data: slices.Clip(out), deps: all.list(), parts: parts, spans: spans}, true, nil
}
