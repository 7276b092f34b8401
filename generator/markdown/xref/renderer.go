package xref

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"curriculum/generator/markdown/fragment"
)

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
