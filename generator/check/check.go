// Package check reads a curriculum's model and reports what is probably a mistake without
// stopping the build: minutes that do not add up, objectives no activity teaches, handouts
// nothing refers to.
package check

import (
	"curriculum/generator/diag"
	"curriculum/generator/model"
)

// Run checks cur and adds what it finds to diags.
func Run(cur *model.Curriculum, diags *diag.List) {
	for _, m := range cur.Modules {
		minutes(m, diags)
		coverage(m, diags)
		if !m.Outline { // an outline's steps are headings only, on purpose
			emptyParts(m, diags)
		}
	}
	for _, p := range cur.Pages {
		emptySections(p.Doc.Root, diags)
	}
	if cur.Home != nil {
		emptySections(cur.Home.Doc.Root, diags)
	}
	for _, h := range cur.Handouts {
		emptySections(h.Doc.Root, diags)
		if len(h.UsedIn) == 0 {
			diags.WarnAt(h.Pos, "nothing refers to %s: refer to it where it is used (\"Refer participants to %s\") so that trainers find it", h.Name(), h.Name())
		}
	}
	for _, t := range cur.Transparencies {
		if t.Handout == nil {
			emptySections(t.Doc.Root, diags)
		}
		if len(t.UsedIn) == 0 {
			diags.WarnAt(t.Pos, "nothing refers to %s: refer to it where it is used (\"place %s on the overhead projector\") so that trainers find it", t.Name(), t.Name())
		}
	}
}

// minutes compares a module's duration with the agenda and with its activities.
func minutes(m *model.Module, diags *diag.List) {
	if m.Duration > 0 && len(m.Blocks) > 0 && m.ScheduledMinutes() != m.Duration {
		first := m.Blocks[0]
		diags.WarnAt(first.Pos, "the agenda gives Module %d %d minutes, but the module lasts %d minutes (%s); change the agenda's minutes or the module's duration so that they agree",
			m.Number, m.ScheduledMinutes(), m.Duration, m.DurationPos)
	}
	total, complete := m.ActivityMinutes()
	if complete && m.Minutes() > 0 && total != m.Minutes() {
		diags.WarnAt(m.Activities[0].Pos, "the activities of Module %d add up to %d minutes, but the module lasts %d minutes; change the activities' minutes or the module's duration",
			m.Number, total, m.Minutes())
	}
}

// coverage reports objectives, and competencies without objectives, that no activity serves,
// and activities that serve none.
func coverage(m *model.Module, diags *diag.List) {
	for _, a := range m.Activities {
		if len(m.Competencies) > 0 && len(a.Competencies) == 0 && len(a.Objectives) == 0 {
			diags.WarnAt(a.Pos, "Activity %d of Module %d serves no competency or objective: add serves=\"…\" to its heading, with the numbers of what it teaches (\"1, 2.1\")", a.Number, m.Number)
		}
	}
	for _, c := range m.Competencies {
		if len(c.Objectives) == 0 && len(c.ServedBy) == 0 {
			diags.WarnAt(c.Pos, "no activity of Module %d serves competency %d: add serves=\"%d\" to the activity that teaches it", m.Number, c.Number, c.Number)
		}
		for _, o := range c.Objectives {
			if len(o.ServedBy) == 0 {
				diags.WarnAt(o.Pos, "no activity of Module %d serves objective %s: add serves=\"%s\" to the activity that teaches it", m.Number, o.ID(), o.ID())
			}
		}
	}
}
