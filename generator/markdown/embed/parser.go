package embed

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

type transformer struct{}

// NewTransformer returns the parser.ASTTransformer that turns {{name}} paragraphs into Embeds.
func NewTransformer() parser.ASTTransformer { return transformer{} }

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var found []*ast.Paragraph
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering {
			if p.Lines().Len() == 1 {
				found = append(found, p)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, p := range found {
		seg := p.Lines().At(0)
		name, offset, ok := Parse(seg.Value(source))
		if !ok {
			continue
		}
		e := &Embed{Name: name, Offset: seg.Start + offset}
		p.Parent().ReplaceChild(p.Parent(), p, e)
	}
}

// Parse reads "{{name}}" (spaces allowed inside the braces, around the line) and returns the
// name and its offset in line.
func Parse(line []byte) (name string, offset int, ok bool) {
	trimmed := bytes.TrimSpace(line)
	if !bytes.HasPrefix(trimmed, []byte("{{")) || !bytes.HasSuffix(trimmed, []byte("}}")) || len(trimmed) < 5 {
		return "", 0, false
	}
	inner := trimmed[2 : len(trimmed)-2]
	n := bytes.TrimSpace(inner)
	if len(n) == 0 {
		return "", 0, false
	}
	for _, c := range n {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return "", 0, false
		}
	}
	lead := len(line) - len(bytes.TrimLeft(line, " \t"))
	return string(n), lead + 2 + (len(inner) - len(bytes.TrimLeft(inner, " \t"))), true
}
