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
	parts := slices.Clone(r.reuse.cache.parts[p.Path])
	spans := slices.Clone(c.spans)
	old := c.bytes()
	// again are the places rendered again, in order: their indexes in spans and their values.
	type place struct {
		i int
		v template.HTML
	}
	var again []place
	same, sameDeps := true, true // every place holds what it held, and shows what it showed
	for i, s := range c.spans {
		if r.reuse.fresh(s.deps) {
			continue
		}
		if s.part >= len(p.Parts) {
			return rendered{}, false, nil
		}
		part := p.Parts[s.part]
		var err error
		var v template.HTML
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
		again = append(again, place{i, v})
		spans[i].deps = shown.list()
		same = same && s.n == len(v) && old.equalAt(s.at, string(v))
		sameDeps = sameDeps && slices.Equal(spans[i].deps, s.deps)
	}
	if len(parts) != len(p.Parts) {
		parts = nil
	}
	out := rendered{data: c.data, pieces: c.pieces, deps: c.deps, parts: parts, spans: spans}
	if !sameDeps {
		// The page shows what its places show.
		all := &deps{}
		for _, s := range spans {
			for _, d := range s.deps {
				all.add(d)
			}
		}
		out.deps = all.list()
	}
	if same {
		out.shareArticles()
		return out, true, nil // the very bytes, which a caller keeping the last ones tells at once
	}
	// The page is the bytes between two places rendered again, as the last render's pieces
	// hold them, and the new values; the places after one move by what its value's length
	// changed. Past maxPieces, the pieces are joined.
	var ps pieces
	last := 0
	for _, a := range again {
		s := c.spans[a.i]
		ps = append(ps, old.slice(last, s.at)...)
		ps = append(ps, stringBytes(string(a.v)))
		last = s.at + s.n
	}
	ps = append(ps, old.slice(last, old.size())...)
	shift, k := 0, 0
	for i, s := range c.spans {
		spans[i].at = s.at + shift
		if k < len(again) && again[k].i == i {
			spans[i].n = len(again[k].v)
			shift += spans[i].n - s.n
			k++
		}
	}
	if len(ps) > maxPieces {
		out.data, out.pieces = ps.bytes(), nil
	} else {
		out.data, out.pieces = nil, ps
	}
	out.shareArticles()
	return out, true, nil
}

// shareArticles points the cached articles of a packet's parts at the page's own bytes, where
// its places hold them, so that the cache keeps each article once.
func (out *rendered) shareArticles() {
	b := pieces{out.data}
	if out.pieces != nil {
		b = out.pieces
	}
	for _, s := range out.spans {
		if s.note < 0 && s.part < len(out.parts) && len(out.parts[s.part].article) == s.n {
			if a, ok := b.stringAt(s.at, s.n); ok {
				out.parts[s.part].article = template.HTML(a)
			}
		}
	}
}
