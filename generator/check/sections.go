package check

import (
	"curriculum/generator/diag"
	"curriculum/generator/model"
)

// emptyParts warns about the activities and steps of a module with nothing in them, and the
// empty sections of its text.
func emptyParts(m *model.Module, diags *diag.List) {
	emptySections(m.Preamble, diags)
	for _, a := range m.Activities {
		emptySections(a.Intro, diags)
		if !a.Intro.HasBlocks() && len(a.Steps) == 0 {
			diags.WarnAt(a.Pos, "Activity %d of Module %d is empty: write what the trainer does, or delete the activity", a.Number, m.Number)
		}
		for _, s := range a.Steps {
			emptySections(s.Body, diags)
			if !s.Body.HasBlocks() {
				diags.WarnAt(s.Pos, "Step %d of Activity %d is empty: write what the trainer does, or delete the step", s.Number, a.Number)
			}
		}
	}
}

// emptySections adds the warnings about the empty sections of a part of a document, found
// while its parse was at hand (see content, which finds them).
func emptySections(part model.Part, diags *diag.List) {
	for _, d := range part.Sections() {
		diags.Add(d)
	}
}
