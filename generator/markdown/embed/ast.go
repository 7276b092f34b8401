// Package embed is a goldmark extension for derived blocks: a paragraph holding only {{name}}
// ("{{schedule}}", "{{competencies}}") stands for a block the generator derives from the
// curriculum, so that a page can show the schedule without anyone typing it twice.
//
// The parser only recognises the paragraph. What a name means, and whether it exists, is the
// caller's: the renderer asks the writer it is given, through fragment.WriteEmbed.
package embed

import "github.com/yuin/goldmark/ast"

// KindEmbed is the ast.NodeKind of an [Embed].
var KindEmbed = ast.NewNodeKind("Embed")

// An Embed is a block the generator fills in: {{Name}}.
type Embed struct {
	ast.BaseBlock
	Name string
	// Offset is the byte offset of the name in the source, for diagnostics.
	Offset int
}

// Kind implements ast.Node.
func (n *Embed) Kind() ast.NodeKind { return KindEmbed }

// Dump implements ast.Node.
func (n *Embed) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name}, nil)
}

// Embeds returns every Embed under n, in document order.
func Embeds(n ast.Node) []*Embed {
	var out []*Embed
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if e, ok := n.(*Embed); ok && entering {
			out = append(out, e)
		}
		return ast.WalkContinue, nil
	})
	return out
}
