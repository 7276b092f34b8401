package cue

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Renderer renders a Cue as a labelled block:
//
//	<div class="cue cue-ask">
//	<p class="cue-label">Ask</p>
//	<p class="cue-lead">Ask the following:</p>
//	…
//	</div>
type Renderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (r Renderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCue, r.render)
}

func (Renderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Cue)
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<div class="cue cue-` + n.CueType.String() + "\">\n")
	_, _ = w.WriteString(`<p class="cue-label">` + n.CueType.Label() + "</p>\n")
	return ast.WalkContinue, nil
}
