package scaffold

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"curriculum/generator"
	"curriculum/generator/model"
)

// fourModules is a content folder's numbers: modules 1, 2 and 4; handouts 4.1 and 4.3.
var fourModules = Contents{
	Modules:  []int{1, 2, 4},
	Handouts: []model.Number{{Module: 4, N: 1}, {Module: 4, N: 3}},
}

func TestNewFiles(t *testing.T) {
	handout, err := NewHandout(fourModules, 4, HandoutOptions{Title: DefaultHandoutTitle})
	if err != nil {
		t.Fatal(err)
	}
	both, err := NewHandout(fourModules, 4, HandoutOptions{Title: "Plan: Part 1", Transparency: true, Form: true})
	if err != nil {
		t.Fatal(err)
	}
	transparency, err := NewTransparency(fourModules, 2, DefaultTransparencyTitle)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		got        File
		path, name string
		text       []string // fragments of the text
	}{
		{NewModule(fourModules, DefaultModuleTitle), "modules/5.md", "Module 5",
			[]string{"---\ntitle: New module\nduration: 15 ", "  - competency: Write a competency this module teaches.\n    objectives:", "\n## Activity: New activity {minutes=15 serves=\"1.1\"}\n\n### Step: New step\n\nSay the following:\n\n- Write what the trainer says.\n"}},
		{NewModule(Contents{}, "Yes"), "modules/1.md", "Module 1", []string{"title: \"Yes\"\n"}},
		{handout, "handouts/4.4.md", "Handout 4.4", []string{"---\ntitle: New handout\n---\n\nWrite the handout's text.\n"}},
		{both, "handouts/4.4.md", "Handout 4.4 and Transparency 4.4",
			[]string{"---\ntitle: 'Plan: Part 1'\ntransparency: true\nform: true\n---\n", "\n| --- | --- |\n| | |\n"}},
		{transparency, "transparencies/2.1.md", "Transparency 2.1", []string{"---\ntitle: New transparency\n---\n\nWrite the transparency's text"}},
	} {
		if tc.got.Path != tc.path || tc.got.Name != tc.name {
			t.Errorf("got %s (%s), want %s (%s)", tc.got.Path, tc.got.Name, tc.path, tc.name)
		}
		for _, s := range tc.text {
			if !strings.Contains(string(tc.got.Text), s) {
				t.Errorf("%s does not hold %q:\n%s", tc.got.Path, s, tc.got.Text)
			}
		}
	}
	if _, err := NewHandout(fourModules, 3, HandoutOptions{Title: "x"}); err == nil || !strings.Contains(err.Error(), "there is no Module 3") {
		t.Errorf("NewHandout of Module 3, which does not exist: %v", err)
	}
	if _, err := NewTransparency(fourModules, 3, "x"); err == nil || !strings.Contains(err.Error(), "there is no Module 3") {
		t.Errorf("NewTransparency of Module 3, which does not exist: %v", err)
	}
}

func TestCheckTitle(t *testing.T) {
	for title, ok := range map[string]bool{"New module": true, "Plan: Part 1": true, "": false, "  ": false, "One\nTwo": false} {
		if err := CheckTitle(title); (err == nil) != ok {
			t.Errorf("CheckTitle(%q) = %v", title, err)
		}
	}
}

func TestCreateNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	f := File{Path: "handouts/4.4.md", Name: "Handout 4.4", Text: []byte("new\n")}
	if err := Create(dir, f); err != nil {
		t.Fatalf("Create into a folder without handouts/: %v", err)
	}
	p := filepath.Join(dir, "handouts", "4.4.md")
	if err := os.WriteFile(p, []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Create(dir, f)
	if err == nil || !strings.Contains(err.Error(), p+" already exists") || !strings.Contains(err.Error(), "nothing was written") {
		t.Errorf("Create over an existing file: %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "mine\n" {
		t.Errorf("Create replaced the existing file: it holds %q", b)
	}
}

// TestScaffoldBuilds starts one of each kind in a copy of the real curriculum, and checks
// that the build finds no error.
func TestScaffoldBuilds(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	read := func() Contents {
		c, err := Read(os.DirFS(dir))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	create := func(f File, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if err := Create(dir, f); err != nil {
			t.Fatal(err)
		}
	}
	create(NewModule(read(), "Plan: Part 1"), nil)
	create(NewHandout(read(), 4, HandoutOptions{Title: DefaultHandoutTitle}))
	create(NewHandout(read(), 5, HandoutOptions{Title: DefaultHandoutTitle, Transparency: true, Form: true}))
	create(NewTransparency(read(), 4, DefaultTransparencyTitle))
	for _, m := range []string{"4.md", "5.md"} {
		p := filepath.Join(dir, "modules", m)
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		add, err := NewActivity(src, DefaultActivityTitle)
		if err != nil {
			t.Fatal(err)
		}
		if err := Append(p, src, add.Text); err != nil {
			t.Fatal(err)
		}
	}
	c := read()
	if want := []int{1, 2, 3, 4, 5}; !slices.Equal(c.Modules, want) {
		t.Errorf("modules %v, want %v", c.Modules, want)
	}
	if _, err := generator.Check(dir); err != nil {
		t.Errorf("the scaffolded curriculum does not build:\n%v", err)
	}
}
