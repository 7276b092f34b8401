package embed

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"curriculum/generator/markdown/fragment"
)

// Renderer renders an Embed through fragment.WriteEmbed: recorded into a fragment, or written
// by the writer when it is a fragment.Embedder; with any other writer, an Embed renders as
// nothing.
type Renderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (r Renderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindEmbed, r.render)
}

func (Renderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if err := fragment.WriteEmbed(w, node.(*Embed).Name); err != nil {
		return ast.WalkStop, err
	}
	return ast.WalkSkipChildren, nil
}
