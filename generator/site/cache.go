package site

import (
	"crypto/sha256"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"slices"
	"sync"

	"curriculum/generator/internal/htmlexec"
	"curriculum/generator/model"
)

// A Cache keeps the pages of a render and the documents each shows, for RenderCached: serve
// keeps one, so that after an edit of the text of one module only the pages that show that
// text are rendered again.
type Cache struct {
	global   [32]byte            // of the curriculum but its texts, the options and the theme
	versions map[string][32]byte // of each document rendered, by its path in the content folder
	pages    map[string]cachedPage
	parts    map[string][]cachedPart // of each packet, by its site path
	search   []byte                  // the search index
	// The layouts, parsed: the theme is part of global.
	templates map[string]*htmlexec.Set
	shared    *htmlexec.Set
	sources   map[string]string
}

type cachedPage struct {
	data   []byte
	pieces pieces   // the bytes in pieces, instead of data, for a packet written again place by place
	deps   []string // the documents whose text the page shows
	spans  []span   // of a packet's page: the places of its parts and notes (see splice)
}

// bytes are the page's bytes, as pieces.
func (c cachedPage) bytes() pieces {
	if c.pieces != nil {
		return c.pieces
	}
	return pieces{c.data}
}

type cachedPart struct {
	article template.HTML
	deps    []string
}

// deps collects the documents whose text a page shows.
type deps struct {
	mu    sync.Mutex // the parts of a packet render at once
	paths []string
	seen  map[string]bool
}

func (d *deps) add(path string) {
	if d == nil {
		return
	}
	d.mu.Lock()
	if !d.seen[path] {
		if d.seen == nil {
			d.seen = map[string]bool{}
		}
		d.seen[path] = true
		d.paths = append(d.paths, path)
	}
	d.mu.Unlock()
}

func (d *deps) list() []string {
	if d == nil {
		return nil
	}
	return d.paths
}

// reuse is what a render may take from its cache.
type reuse struct {
	cache *Cache
	all   bool            // nothing: everything renders
	dirty map[string]bool // the documents whose text changed
	// few is dirty as a list, when it is a few: an edit changes one document, and a list of
	// one is looked through faster than a map (the guide shows 4,000 documents).
	few []string
}

// startReuse decides what of cache a render of cur may take: when only the text of some
// documents changed since, every page and part that shows none of it.
func startReuse(cache *Cache, cur *model.Curriculum, opts Options) (*reuse, error) {
	if cache == nil {
		return nil, nil
	}
	h := sha256.New()
	fmt.Fprintf(h, "%x %q %t %q\x00", cur.Signature, opts.BaseURL, opts.PDF, opts.Edition)
	for _, l := range opts.Layers {
		err := fs.WalkDir(l.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(l.FS, p)
			fmt.Fprintf(h, "%s %s %d\x00", l.Name, p, len(b))
			h.Write(b)
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	var global [32]byte
	h.Sum(global[:0])
	// A curriculum loaded without a cache is not signed (its Signature is zero): what its
	// pages show but its documents' text cannot be compared, and every page renders.
	unsigned := cur.Signature == [32]byte{}
	u := &reuse{cache: cache, all: global != cache.global || unsigned, dirty: map[string]bool{}}
	// The versions of the documents: the cache's, with those that changed changed, when the
	// pages are the last render's; made anew when everything renders.
	docs := cur.Documents()
	versions := cache.versions
	if u.all || versions == nil {
		versions = make(map[string][32]byte, len(docs))
	}
	for _, doc := range docs {
		if v, ok := versions[doc.Path]; !ok || v != doc.Version {
			u.dirty[doc.Path] = true
			versions[doc.Path] = doc.Version
		}
	}
	if len(u.dirty) <= 4 {
		u.few = slices.Collect(maps.Keys(u.dirty))
	}
	if u.all {
		cache.pages, cache.parts, cache.search = map[string]cachedPage{}, map[string][]cachedPart{}, nil
		cache.templates, cache.shared, cache.sources = nil, nil, nil
	}
	cache.global, cache.versions = global, versions
	return u, nil
}

// fresh reports whether something that shows the text of the documents of deps can be taken
// from the cache.
func (u *reuse) fresh(deps []string) bool {
	if u == nil || u.all {
		return false
	}
	if u.few != nil || len(u.dirty) == 0 {
		for _, d := range u.few {
			if slices.Contains(deps, d) {
				return false
			}
		}
		return true
	}
	for _, d := range deps {
		if u.dirty[d] {
			return false
		}
	}
	return true
}

// page reports whether the cached page at a site path can be taken.
func (u *reuse) page(path string) bool {
	if u == nil {
		return false
	}
	c, ok := u.cache.pages[path]
	return ok && u.fresh(c.deps)
}

// part is the cached article of the i-th part of a packet, when it can be taken.
func (u *reuse) part(packet string, i int) (template.HTML, bool) {
	if u == nil {
		return "", false
	}
	parts := u.cache.parts[packet]
	if i >= len(parts) || !u.fresh(parts[i].deps) {
		return "", false
	}
	return parts[i].article, true
}

// packetPage is the last render of a packet's page, when it can be written again place by
// place (see splice).
func (u *reuse) packetPage(p *page) (cachedPage, bool) {
	if u == nil || u.all || len(p.Parts) == 0 {
		return cachedPage{}, false
	}
	c, ok := u.cache.pages[p.Path]
	return c, ok && c.spans != nil
}
