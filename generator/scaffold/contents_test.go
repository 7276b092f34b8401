package scaffold

import (
	"reflect"
	"testing"
	"testing/fstest"

	"curriculum/generator/model"
)

func TestRead(t *testing.T) {
	fsys := fstest.MapFS{
		"curriculum.yaml":            {},
		"modules/1.md":               {},
		"modules/2.md":               {},
		"modules/4.md":               {},
		"modules/04.md":              {}, // not a module's name: the build reports it
		"modules/notes.txt":          {},
		"handouts/4.3.md":            {},
		"handouts/4.1.md":            {},
		"handouts/4.x.md":            {},
		"handouts/10.2.md":           {},
		"handouts/4.2.md/stray.md":   {}, // a folder of a taken name
		"transparencies/4.5.md":      {},
		"introduction/trainers.md":   {},
		"further-reading/5.1.md":     {},
		"theme/layouts/module.html":  {},
		"modules/README":             {},
		"transparencies/.4.9.md.swp": {},
	}
	got, err := Read(fsys)
	if err != nil {
		t.Fatal(err)
	}
	n := func(m, k int) model.Number { return model.Number{Module: m, N: k} }
	want := Contents{
		Modules:        []int{1, 2, 4},
		Handouts:       []model.Number{n(4, 1), n(4, 2), n(4, 3), n(10, 2)},
		Transparencies: []model.Number{n(4, 5)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Read:\n got %+v\nwant %+v", got, want)
	}
}

func TestReadEmpty(t *testing.T) {
	got, err := Read(fstest.MapFS{"curriculum.yaml": {}})
	if err != nil || !reflect.DeepEqual(got, Contents{}) {
		t.Errorf("Read of a folder with no modules = %+v, %v; want nothing, no error", got, err)
	}
}

func TestCheckModule(t *testing.T) {
	for _, tc := range []struct {
		modules []int
		module  int
		want    string
	}{
		{[]int{1, 2, 4}, 4, ""},
		{[]int{1, 2, 4}, 3, "there is no Module 3 (this curriculum has Modules 1, 2 and 4): give one of those, or start a new module with curriculum new module"},
		{[]int{1}, 9, "there is no Module 9 (this curriculum has Module 1): give one of those, or start a new module with curriculum new module"},
		{nil, 1, "there is no Module 1: this curriculum has no modules yet; start one with curriculum new module"},
	} {
		got := ""
		if err := (Contents{Modules: tc.modules}).CheckModule(tc.module); err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("CheckModule(%d) with %v:\n got %q\nwant %q", tc.module, tc.modules, got, tc.want)
		}
	}
}
