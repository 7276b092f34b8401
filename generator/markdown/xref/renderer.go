package xref

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"curriculum/generator/markdown/fragment"
)

// Linker is implemented by the writer a page is rendered into. RelativeURL turns a site path
// ("handouts/4.1/index.html#notes") into a link relative to that page, and returns "" when the
// path is the page itself, so that a page does not link to itself; Href does the same but names
// the page itself rather than returning "", for a link the author wrote.
type Linker interface {
	RelativeURL(sitePath string) string
	Href(sitePath string) string
}

// Renderer renders a resolved Ref as <a class="ref ref-handout" href="…">; an unresolved one,
// one inside a link or a heading, or one to the page itself, as its text.
type Renderer struct{}

// RegisterFuncs implements renderer.NodeRendererFuncRegisterer.
func (r Renderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindRef, r.renderRef)
	reg.Register(KindRefList, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	})
}

func (Renderer) renderRef(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Ref)
	if n.Destination != "" && !insideLinkOrHeading(n) {
		fragment.WriteRef(w, n.Destination, n.Target.String(), entering)
	}
	return ast.WalkContinue, nil
}

func insideLinkOrHeading(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.Kind() {
		case ast.KindLink, ast.KindAutoLink, ast.KindHeading:
			return true
		}
	}
	return false
}
