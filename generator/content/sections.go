package content

import (
	"fmt"

	"github.com/yuin/goldmark/ast"

	"curriculum/generator/diag"
	"curriculum/generator/markdown"
	"curriculum/generator/model"
)

// emptySections are the warnings about every heading among the blocks of parent (a document,
// or a part of one) with nothing under it: the next block is a heading of the same or a higher
// level, or there is none. They are found while the parse is at hand, and check reports them.
func emptySections(doc *model.Document, parent ast.Node) []diag.Diagnostic {
	if parent == nil {
		return nil
	}
	var out []diag.Diagnostic
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok {
			continue
		}
		next, ok := n.NextSibling().(*ast.Heading)
		if n.NextSibling() != nil && (!ok || next.Level > h.Level) {
			continue
		}
		line, col := 0, 0
		if h.Lines().Len() > 0 {
			line, _ = doc.Position(h.Lines().At(0).Start)
			col = 1 // the heading's #s, not its text
		}
		out = append(out, diag.Diagnostic{File: doc.File, Line: line, Column: col, Severity: diag.Warning,
			Message: fmt.Sprintf("the section %q is empty: write its text, or delete the heading", markdown.PlainText(h, doc.Source))})
	}
	return out
}
