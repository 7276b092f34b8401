package site

import (
	"bytes"
	"encoding/json"
	"strconv"

	"curriculum/generator/model"
)

// SearchIndexPath is where the search index is written: a script, not JSON, because a page
// opened from file:// may not fetch a file but may load a script.
const SearchIndexPath = "js/search-index.js"

// searchEntry is one thing a reader can find: its kind ("Activity"), its title, where it is
// ("Module 4"), the site path it links to, with the fragment of the exact place, and more text
// to match (an objective's or competency's whole text is its title).
type searchEntry struct {
	Kind  string `json:"k"`
	Title string `json:"t"`
	In    string `json:"i,omitempty"`
	URL   string `json:"u"`
}

// searchIndex lists, in reading order, the modules, activities, steps (in the trainer's
// edition), competencies, objectives, handouts, transparencies and pages of the edition.
func (r *renderer) searchIndex() []byte {
	var entries []searchEntry
	add := func(kind, title, in, url string) {
		entries = append(entries, searchEntry{kind, title, in, url})
	}
	cur := r.cur
	for _, m := range cur.Modules {
		add("Module", m.Name()+": "+m.Title, "", m.URL())
		for _, c := range m.Competencies {
			add("Competency", c.Text, m.Name()+", Competency "+c.ID(), m.URL()+"#"+c.Anchor())
			for _, o := range c.Objectives {
				add("Objective", o.Text, m.Name()+", Objective "+o.ID(), m.URL()+"#"+o.Anchor())
			}
		}
		for _, a := range m.Activities {
			add("Activity", "Activity "+strconv.Itoa(a.Number)+": "+a.Title, m.Name(), a.URL())
			if r.participant {
				continue
			}
			for _, s := range a.Steps {
				add("Step", "Step "+strconv.Itoa(s.Number)+": "+s.Title, a.Name(), s.URL())
			}
		}
	}
	for _, h := range cur.Handouts {
		add("Handout", h.Name()+": "+h.Title, moduleName(h.Module), h.URL())
	}
	for _, t := range r.transparencies() {
		add("Transparency", t.Name()+": "+t.Title, moduleName(t.Module), t.URL())
	}
	for _, p := range cur.Pages {
		if r.shows(p) {
			add("Page", p.Title, "", p.URL())
		}
	}
	add("Page", "Competencies at a Glance", "", "competencies/index.html")
	add("Page", "Schedule at a Glance", "", "schedule/index.html")
	data, _ := json.Marshal(entries) // strings only: it cannot fail
	var b bytes.Buffer
	b.WriteString("// The search index of the site, made by curriculum build.\nwindow.curriculumSearch = ")
	b.Write(data)
	b.WriteString(";\n")
	return b.Bytes()
}

func moduleName(m *model.Module) string {
	if m == nil {
		return ""
	}
	return m.Name()
}
