// Package plain extracts from goldmark nodes the text a reader sees: the words of a heading, a
// title, an image's description, with typographic substitutions applied and markup left out.
package plain

import "github.com/yuin/goldmark/ast"

// Text returns the text of n and its descendants; line breaks become spaces.
func Text(n ast.Node, source []byte) []byte {
	var b []byte
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			seg := t.Segment
			b = append(b, seg.Value(source)...)
			if t.SoftLineBreak() || t.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, t.Value...)
		}
		return ast.WalkContinue, nil
	})
	return b
}
