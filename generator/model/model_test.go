package model

import (
	"fmt"
	"slices"
	"testing"
)

func TestClock(t *testing.T) {
	for _, tc := range []struct {
		in, out, iso string
	}{
		{"8:30", "8:30", "08:30"},
		{"12:30", "12:30", "12:30"},
		{"14:40", "2:40", "14:40"},
		{"0:05", "12:05", "00:05"},
	} {
		c, err := ParseClock(tc.in)
		if err != nil {
			t.Fatalf("ParseClock(%q): %v", tc.in, err)
		}
		if c.String() != tc.out || c.ISO() != tc.iso {
			t.Errorf("ParseClock(%q) prints %q %q, want %q %q", tc.in, c, c.ISO(), tc.out, tc.iso)
		}
	}
	for _, bad := range []string{"8.30", "830", "25:00", "8:3", "8:60", "", "eight"} {
		if _, err := ParseClock(bad); err == nil {
			t.Errorf("ParseClock(%q) did not fail", bad)
		}
	}
}

func TestSchedule(t *testing.T) {
	start, _ := ParseClock("8:30")
	d := Day{Start: start, Blocks: []*Block{{Minutes: 10}, {Minutes: 80}, {Minutes: 10}, {Minutes: 80}, {Minutes: 60}, {Minutes: 130}}}
	d.Schedule()
	var got []string
	for _, b := range d.Blocks {
		got = append(got, b.Start.String()+"-"+b.End.String())
	}
	want := []string{"8:30-8:40", "8:40-10:00", "10:00-10:10", "10:10-11:30", "11:30-12:30", "12:30-2:40"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("block %d: %s, want %s", i, got[i], want[i])
		}
	}
	if d.End().String() != "2:40" {
		t.Errorf("End = %s", d.End())
	}
}

func TestFormatMinutes(t *testing.T) {
	for m, want := range map[int]string{0: "0 minutes", 1: "1 minute", 15: "15 minutes", 60: "1 hour", 80: "1 hour 20 minutes", 180: "3 hours", 121: "2 hours 1 minute"} {
		if got := FormatMinutes(m); got != want {
			t.Errorf("FormatMinutes(%d) = %q, want %q", m, got, want)
		}
	}
}

func TestNumbers(t *testing.T) {
	for s, ok := range map[string]bool{"4.1": true, "4.10": true, "4": false, "4.": false, ".1": false, "04.1": false, "4.1.2": false, "0.1": false, "a.b": false} {
		if _, got := ParseNumber(s); got != ok {
			t.Errorf("ParseNumber(%q) ok = %v", s, got)
		}
	}
	a, _ := ParseNumber("4.2")
	b, _ := ParseNumber("4.10")
	if a.Compare(b) >= 0 || b.String() != "4.10" {
		t.Errorf("4.2 must sort before 4.10")
	}
	if NumberWord(3) != "Three" || NumberWord(13) != "13" {
		t.Errorf("NumberWord")
	}
}

func TestPageURL(t *testing.T) {
	for in, want := range map[string]string{
		"closing.md":                   "closing/index.html",
		"introduction/trainers.md":     "introduction/trainers/index.html",
		"further-reading/index.md":     "further-reading/index.html",
		"index.md":                     "index.html",
		"further-reading/article-1.md": "further-reading/article-1/index.html",
	} {
		if got := PageURL(in); got != want {
			t.Errorf("PageURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseMaterial(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Material
	}{
		{"1 Flip Chart (for trainer)", Material{1, "Flip Chart (for trainer)"}},
		{"20 copies of the evaluation", Material{20, "copies of the evaluation"}},
		{"Markers", Material{0, "Markers"}},
		{"3M Post-it notes", Material{0, "3M Post-it notes"}},
		{"0 chairs", Material{0, "0 chairs"}},
		{"12", Material{0, "12"}},
		{"  Masking Tape ", Material{0, "Masking Tape"}},
	} {
		if got := ParseMaterial(tc.in); got != tc.want {
			t.Errorf("ParseMaterial(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func TestNeeds(t *testing.T) {
	m1 := &Module{Number: 1, Materials: []string{"2 Flip Charts", "Markers"}}
	m2 := &Module{Number: 2, Materials: []string{"1 Flip Charts", "markers", "Yarn"}}
	var got []string
	for _, n := range Needs([]*Module{m1, m2}) {
		got = append(got, fmt.Sprintf("%s×%d in %d", n.Name, n.Count, len(n.Modules)))
	}
	want := []string{"Flip Charts×2 in 2", "Markers×0 in 2", "Yarn×0 in 1"}
	if !slices.Equal(got, want) {
		t.Errorf("Needs = %q, want %q", got, want)
	}
}

// TestNames checks the names, site paths and fragments of a curriculum's parts, with numbers
// of several digits.
func TestNames(t *testing.T) {
	m := &Module{Number: 1234}
	c := &Competency{Module: m, Number: 56}
	o := &Objective{Competency: c, Number: 789}
	a := &Activity{Module: m, Number: 101}
	s := &Step{Activity: a, Number: 2002}
	h := &Handout{Number: Number{1234, 56}}
	tr := &Transparency{Number: Number{7, 890}}
	for _, tc := range []struct{ got, want string }{
		{m.URL(), "modules/1234/index.html"},
		{m.Name(), "Module 1234"},
		{c.ID(), "56"},
		{c.Anchor(), "module-1234-competency-56"},
		{o.ID(), "56.789"},
		{o.Anchor(), "module-1234-objective-56-789"},
		{a.Anchor(), "activity-101"},
		{a.URL(), "modules/1234/index.html#activity-101"},
		{a.Name(), "Module 1234, Activity 101"},
		{s.Anchor(), "activity-101-step-2002"},
		{s.URL(), "modules/1234/index.html#activity-101-step-2002"},
		{s.Name(), "Module 1234, Activity 101, Step 2002"},
		{h.URL(), "handouts/1234.56/index.html"},
		{h.Name(), "Handout 1234.56"},
		{tr.URL(), "transparencies/7.890/index.html"},
		{tr.Name(), "Transparency 7.890"},
		{h.Number.String(), "1234.56"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
