// Package markdown is the one place the generator's markdown is configured: goldmark with GFM,
// the typographer, YAML front matter, chroma highlighting through CSS classes, and the
// curriculum's own extensions — trainer cues, cross-references and derived blocks.
package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"curriculum/generator/markdown/cue"
	"curriculum/generator/markdown/embed"
	"curriculum/generator/markdown/fragment"
	"curriculum/generator/markdown/highlight"
	"curriculum/generator/markdown/plain"
	"curriculum/generator/markdown/xref"
)

// New returns the goldmark.Markdown every file of a curriculum is parsed and rendered with.
// It is safe for concurrent use once built.
func New() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			// Tables (the handouts' forms), strikethrough, task lists, and bare URLs as
			// links ("www.nrcoi.org" in a fact sheet).
			extension.GFM,
			// Curly quotes, apostrophes, dashes and ellipses, written as characters rather
			// than entities so that the HTML and the search index read as text.
			extension.NewTypographer(extension.WithTypographicSubstitutions(typography)),
			// The YAML front matter between --- lines, taken out of the body. The content
			// package decodes it into the model with positions for every field.
			frontMatter{},
			// Code blocks highlighted by chroma with CSS classes, never inline styles, so
			// that the print stylesheet and an adapter's colours apply.
			highlight.Extension,
			// "Say the following:" and the other trainer cues, as labelled blocks.
			cue.Extension,
			// "Handout 4.1", "Module 3", … as links; the content package resolves them.
			xref.Extension,
			// {{schedule}} and the other blocks derived from the curriculum.
			embed.Extension,
			// Heading ids as the page gives them (Page.ID).
			headingIDs{},
		),
		goldmark.WithParserOptions(
			// An id on every heading, so that any section can be linked to.
			parser.WithAutoHeadingID(),
			// {minutes=15 serves="1, 2.1"} at the end of an activity's heading.
			parser.WithHeadingAttribute(),
		),
		// No renderer options: raw HTML in markdown is left out (goldmark's default), so
		// that a pasted <script> or <iframe> cannot break the site's accessibility or its
		// offline promise.
	)
}

var typography = map[extension.TypographicPunctuation][]byte{
	extension.LeftSingleQuote:  []byte("‘"),
	extension.RightSingleQuote: []byte("’"),
	extension.LeftDoubleQuote:  []byte("“"),
	extension.RightDoubleQuote: []byte("”"),
	extension.EnDash:           []byte("–"),
	extension.EmDash:           []byte("—"),
	extension.Ellipsis:         []byte("…"),
	extension.LeftAngleQuote:   []byte("«"),
	extension.RightAngleQuote:  []byte("»"),
	extension.Apostrophe:       []byte("’"),
}

// Page is what a document is rendered as part of: it turns site paths into links, gives the
// id an anchor of the document has on the page (a packet that holds several documents
// prefixes them, so that no two share an id), and writes derived blocks.
type Page = fragment.Page

// CompileText compiles the text of a heading into r: its content without the tags around
// it, and without white space at either end.
func CompileText(md goldmark.Markdown, r *fragment.Recorder, source []byte, h *ast.Heading) (*fragment.Fragment, error) {
	r.Reset()
	for c := h.FirstChild(); c != nil; c = c.NextSibling() {
		if err := md.Renderer().Render(r, source, c); err != nil {
			return nil, err
		}
	}
	return r.Fragment().TrimSpace(), nil
}

// Compile renders node (and its children), from a document of source, once for every page
// that shows it, into r: fragment.Render writes it for one.
func Compile(md goldmark.Markdown, r *fragment.Recorder, source []byte, node ast.Node) (*fragment.Fragment, error) {
	r.Reset()
	if err := md.Renderer().Render(r, source, node); err != nil {
		return nil, err
	}
	return r.Fragment(), nil
}

// PlainText returns the text of an inline node's children as a reader sees it: typographic
// substitutions applied, markup left out, line breaks as spaces.
func PlainText(n ast.Node, source []byte) string { return string(plain.Text(n, source)) }
