package check

import (
	"github.com/yuin/goldmark/ast"

	"curriculum/generator/diag"
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
// parse was at hand (see content, which finds them).
func emptySections(doc *model.Document, part ast.Node, diags *diag.List) {
	for _, d := range doc.Sections[part] {
		diags.Add(d)
	}
}
