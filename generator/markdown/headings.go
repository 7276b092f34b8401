package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"curriculum/generator/markdown/fragment"
)

// headingIDs renders headings as goldmark does, except that the id comes from the Page the
// writer holds: a document rendered into a packet gets its ids prefixed there.
type headingIDs struct{}

// Extend implements goldmark.Extender.
func (h headingIDs) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(h, 500)))
}

// RegisterFuncs implements renderer.NodeRenderer.
func (headingIDs) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
}

func renderHeading(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := "0123456"[n.Level]
	if !entering {
		_, _ = w.WriteString("</h")
		_ = w.WriteByte(level)
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<h")
	_ = w.WriteByte(level)
	for _, a := range n.Attributes() {
		if !html.HeadingAttributeFilter.Contains(a.Name) && !bytes.HasPrefix(a.Name, []byte("data-")) {
			continue
		}
		var v []byte
		switch t := a.Value.(type) {
		case []byte:
			v = t
		case string:
			v = []byte(t)
		default:
			continue // a number or a list: nothing HTML can hold
		}
		_ = w.WriteByte(' ')
		_, _ = w.Write(a.Name)
		_, _ = w.WriteString(`="`)
		if string(a.Name) == "id" {
			fragment.WriteID(w, string(v))
		} else {
			_, _ = w.Write(util.EscapeHTML(v))
		}
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}
