package check

import (
	"fmt"

	"github.com/yuin/goldmark/ast"

	"curriculum/generator/diag"
	"curriculum/generator/markdown"
	"curriculum/generator/model"
)

// emptyParts warns about the activities and steps of a module with nothing in them, and the
// empty sections of its text.
func emptyParts(m *model.Module, diags *diag.List) {
	emptySections(m.Doc, m.Preamble, diags)
	for _, a := range m.Activities {
		emptySections(m.Doc, a.Intro, diags)
		if !m.Doc.HasBlocks(a.Intro) && len(a.Steps) == 0 {
			diags.WarnAt(a.Pos, "Activity %d of Module %d is empty: write what the trainer does, or delete the activity", a.Number, m.Number)
		}
		for _, s := range a.Steps {
			emptySections(m.Doc, s.Body, diags)
			if !m.Doc.HasBlocks(s.Body) {
				diags.WarnAt(s.Pos, "Step %d of Activity %d is empty: write what the trainer does, or delete the step", s.Number, a.Number)
			}
		}
	}
}

// emptySections adds the warnings about the empty sections of a part of doc, found while its
// parse was at hand.
func emptySections(doc *model.Document, part ast.Node, diags *diag.List) {
	for _, d := range doc.Sections[part] {
		diags.Add(d)
	}
}

// EmptySections warns about every heading among the blocks of parent (a document, or a part
// of one) with nothing under it: the next block is a heading of the same or a higher level, or
// there is none. The loader calls it on the parse, which it then lets go.
func EmptySections(doc *model.Document, parent ast.Node) []diag.Diagnostic {
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
