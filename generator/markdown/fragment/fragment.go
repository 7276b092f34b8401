// Package fragment renders a part of a markdown document once for every page that shows it. A
// document renders to the same HTML on every page but in a few places: a link to another page
// of the site is relative to the page, and is no link at all on the page it points to or a
// link within the page in a packet that holds its target; an id is prefixed in a packet; and a
// derived block ({{schedule}}) is written for the page. A Fragment is the HTML with those places
// left out and recorded; Render fills them in for one page, which costs a copy.
//
// The renderers of the markdown extensions write those places through WriteRef, WriteURL,
// WriteID and WriteEmbed: into a Recorder they are recorded, and into any other writer they
// are written at once, for the page the writer is (or as they are, for a writer that is no
// page).
package fragment

import (
	"bufio"
	"bytes"
	"io"
	"slices"
	"unicode"

	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Page is what a fragment is rendered as part of.
type Page interface {
	// RelativeURL is the link from the page to a site path ("handouts/4.1/index.html"), ""
	// for the page itself.
	RelativeURL(sitePath string) string
	// Href is the link from the page to a site path, never "".
	Href(sitePath string) string
	// ID is the id an anchor of the document has on the page.
	ID(anchor string) string
	Embedder
}

// Embedder is a writer that writes derived blocks: a Page, or a writer of another kind.
type Embedder interface {
	Embed(w util.BufWriter, name string) error
}

// Kind is what a recorded place holds.
type Kind uint8

const (
	// Ref is the opening tag of a cross-reference, <a class="ref ref-CLASS" href="…">, or
	// nothing when the page links to its target as "" (itself).
	Ref Kind = iota + 1
	// RefEnd is the closing tag of the Ref at index Open.
	RefEnd
	// URL is the destination of a link or image to a site path.
	URL
	// ID is a heading's id.
	ID
	// Embed is a derived block.
	Embed
)

// Op is one place of a fragment.
type Op struct {
	At    int    // the offset in HTML where the place's text goes
	Kind  Kind   // what goes there
	Arg   string // the site path (Ref, URL), anchor (ID) or block name (Embed)
	Class string // the kind of target of a Ref: handout, module, …
	Open  int    // the index of a RefEnd's Ref
}

// Fragment is rendered markdown with its page's places recorded.
type Fragment struct {
	HTML []byte
	Ops  []Op
}

// Recorder is the writer a fragment is compiled with. It writes to memory, so it needs no
// flushing; one Recorder compiles the parts of a document in turn (see Reset).
type Recorder struct {
	buf  bytes.Buffer
	ops  []Op
	refs []int // the indexes of the Refs not yet closed
}

// NewRecorder returns an empty Recorder.
func NewRecorder() *Recorder { return &Recorder{} }

func (r *Recorder) Write(p []byte) (int, error)       { return r.buf.Write(p) }
func (r *Recorder) WriteString(s string) (int, error) { return r.buf.WriteString(s) }
func (r *Recorder) WriteByte(c byte) error            { return r.buf.WriteByte(c) }
func (r *Recorder) WriteRune(c rune) (int, error)     { return r.buf.WriteRune(c) }

// Available, Buffered and Flush make a Recorder a util.BufWriter, which goldmark renders to.
func (r *Recorder) Available() int { return r.buf.Available() }
func (r *Recorder) Buffered() int  { return 0 }
func (r *Recorder) Flush() error   { return nil }

func (r *Recorder) record(op Op) {
	op.At = r.buf.Len()
	r.ops = append(r.ops, op)
}

// Fragment returns what was written and recorded since the last Reset.
func (r *Recorder) Fragment() *Fragment {
	return &Fragment{HTML: bytes.Clone(r.buf.Bytes()), Ops: slices.Clone(r.ops)}
}

// Reset empties the Recorder for the next fragment.
func (r *Recorder) Reset() {
	r.buf.Reset()
	r.ops, r.refs = r.ops[:0], r.refs[:0]
}

// WriteRef writes the opening (entering) or closing tag of a cross-reference to a site path,
// of a kind of target (class).
func WriteRef(w util.BufWriter, sitePath, class string, entering bool) {
	if r, ok := w.(*Recorder); ok {
		if entering {
			r.record(Op{Kind: Ref, Arg: sitePath, Class: class})
			r.refs = append(r.refs, len(r.ops)-1)
			return
		}
		open := r.refs[len(r.refs)-1]
		r.refs = r.refs[:len(r.refs)-1]
		r.record(Op{Kind: RefEnd, Open: open})
		return
	}
	href := sitePath
	if p, ok := w.(interface{ RelativeURL(string) string }); ok {
		href = p.RelativeURL(sitePath)
	}
	if entering {
		writeRefOpen(w, href, class)
	} else {
		writeRefClose(w, href)
	}
}

func writeRefOpen(w util.BufWriter, href, class string) {
	if href == "" {
		return
	}
	_, _ = w.WriteString(`<a class="ref ref-` + class + `" href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(href), false)))
	_, _ = w.WriteString(`">`)
}

func writeRefClose(w util.BufWriter, href string) {
	if href != "" {
		_, _ = w.WriteString("</a>")
	}
}

// WriteURL writes the destination of a link or image to a site path, as an attribute's value.
func WriteURL(w util.BufWriter, sitePath string) {
	if r, ok := w.(*Recorder); ok {
		r.record(Op{Kind: URL, Arg: sitePath})
		return
	}
	dest := sitePath
	if p, ok := w.(interface{ Href(string) string }); ok {
		dest = p.Href(sitePath)
	}
	writeURL(w, dest)
}

func writeURL(w util.BufWriter, dest string) {
	if b := []byte(dest); !html.IsDangerousURL(b) {
		_, _ = w.Write(util.EscapeHTML(util.URLEscape(b, true)))
	}
}

// WriteID writes the id of an anchor of the document, as an attribute's value.
func WriteID(w util.BufWriter, anchor string) {
	if r, ok := w.(*Recorder); ok {
		r.record(Op{Kind: ID, Arg: anchor})
		return
	}
	if p, ok := w.(interface{ ID(string) string }); ok {
		anchor = p.ID(anchor)
	}
	_, _ = w.Write(util.EscapeHTML([]byte(anchor)))
}

// WriteEmbed writes the derived block called name; a writer that is no Embedder writes
// nothing.
func WriteEmbed(w util.BufWriter, name string) error {
	if r, ok := w.(*Recorder); ok {
		r.record(Op{Kind: Embed, Arg: name})
		return nil
	}
	if p, ok := w.(Embedder); ok {
		return p.Embed(w, name)
	}
	return nil
}

// Render writes the fragment as part of page: straight to out when it is a util.BufWriter
// (see Unbuffered), through a buffer of its own otherwise.
func (f *Fragment) Render(out io.Writer, page Page) error {
	w, ok := out.(util.BufWriter)
	if !ok {
		w = bufio.NewWriterSize(out, min(max(len(f.HTML), 512), 64<<10))
	}
	last := 0
	var hrefs []string // of the Refs, by index of op; "" for the others
	if len(f.Ops) > 0 {
		hrefs = make([]string, len(f.Ops))
	}
	for i, op := range f.Ops {
		_, _ = w.Write(f.HTML[last:op.At])
		last = op.At
		switch op.Kind {
		case Ref:
			hrefs[i] = page.RelativeURL(op.Arg)
			writeRefOpen(w, hrefs[i], op.Class)
		case RefEnd:
			writeRefClose(w, hrefs[op.Open])
		case URL:
			writeURL(w, page.Href(op.Arg))
		case ID:
			_, _ = w.Write(util.EscapeHTML([]byte(page.ID(op.Arg))))
		case Embed:
			if err := page.Embed(w, op.Arg); err != nil {
				return err
			}
		}
	}
	_, _ = w.Write(f.HTML[last:])
	return w.Flush()
}

// Unbuffered is a bytes.Buffer as a util.BufWriter, for Render to write to directly: it has no
// buffer to flush.
type Unbuffered struct{ *bytes.Buffer }

func (Unbuffered) Available() int { return 0 }
func (Unbuffered) Buffered() int  { return 0 }
func (Unbuffered) Flush() error   { return nil }

// TrimSpace returns the fragment without the white space at its ends, as bytes.TrimSpace
// trims.
func (f *Fragment) TrimSpace() *Fragment {
	first, lastOp := len(f.HTML), 0
	if len(f.Ops) > 0 {
		first, lastOp = f.Ops[0].At, f.Ops[len(f.Ops)-1].At
	}
	start := first - len(bytes.TrimLeftFunc(f.HTML[:first], unicode.IsSpace))
	end := lastOp + len(bytes.TrimRightFunc(f.HTML[lastOp:], unicode.IsSpace))
	if end < start {
		end = start
	}
	ops := make([]Op, len(f.Ops))
	for i, op := range f.Ops {
		op.At -= start
		ops[i] = op
	}
	return &Fragment{HTML: f.HTML[start:end], Ops: ops}
}

// Embeds are the names of the derived blocks of the fragment, in order.
func (f *Fragment) Embeds() []string {
	var names []string
	for _, op := range f.Ops {
		if op.Kind == Embed {
			names = append(names, op.Arg)
		}
	}
	return names
}
