package generator_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"curriculum/generator"
	"curriculum/generator/diag"
	"curriculum/generator/site"
)

// FuzzModule builds a curriculum whose module file is arbitrary bytes: whatever an editor
// writes, the build reports diagnostics and never panics.
func FuzzModule(f *testing.F) {
	for _, p := range []string{"../content/modules/4.md", "../content/modules/1.md"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("---\ntitle: x\n---\n## Activity: A {minutes=1 serves=\"1.1, 9\"}\n### Step: B\nSay the following:\n\n- Handouts 1.1 and 1.2, Module One, Module 1, Activity 3\n\n{{schedule}}\n![](a.png)[x](../closing.md#y)\n"))
	f.Add([]byte("---\n- a\n---\n"))
	f.Add([]byte("---\ntitle: [\n"))
	f.Fuzz(func(t *testing.T, module []byte) {
		fsys := fstest.MapFS{
			"curriculum.yaml": {Data: []byte(minimalSettings)},
			"modules/1.md":    {Data: module},
			"handouts/1.1.md": {Data: []byte("---\ntitle: H\ntransparency: true\n---\nSee Module 1, Activity 1.\n")},
			"closing.md":      {Data: []byte("---\ntitle: Closing\n---\n{{outline}}\n")},
		}
		_, _ = generator.Generate(fsys, "content", site.Options{}, func(string, []byte) error { return nil })
	})
}

// FuzzSettings does the same for the settings file.
func FuzzSettings(f *testing.F) {
	if b, err := os.ReadFile("../content/curriculum.yaml"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(minimalSettings))
	f.Add([]byte("day: [\n"))
	f.Fuzz(func(t *testing.T, settings []byte) {
		fsys := fstest.MapFS{
			"curriculum.yaml": {Data: settings},
			"modules/1.md":    {Data: []byte("---\ntitle: One\nduration: 60\n---\n")},
			"closing.md":      {Data: []byte("---\ntitle: Closing\n---\n")},
		}
		_, _ = generator.Generate(fsys, "content", site.Options{}, func(string, []byte) error { return nil })
	})
}

// FuzzFrontMatter gives a handout and a page arbitrary front matter: every diagnostic names a
// line the file has, and the build never panics.
func FuzzFrontMatter(f *testing.F) {
	f.Add("title: A Handout\ntransparency: true\nform: true")
	f.Add("title: Closing\nshort_title: End\npublished: July 2005\npublisher: |\n  Children's Bureau\ncontact: x")
	f.Add("title: [unclosed")
	f.Add("title:\n  - a\n  - b\nform: maybe\n\t")
	f.Add("? a\n: b\n&x *x")
	f.Fuzz(func(t *testing.T, frontMatter string) {
		file := "---\n" + frontMatter + "\n---\n\nText.\n"
		lines := strings.Count(file, "\n") + 1
		fsys := fstest.MapFS{
			"curriculum.yaml": {Data: []byte(minimalSettings)},
			"modules/1.md":    {Data: []byte("---\ntitle: One\nduration: 60\n---\nRefer participants to Handout 1.1.\n")},
			"handouts/1.1.md": {Data: []byte(file)},
			"closing.md":      {Data: []byte(file)},
		}
		report, err := generator.Generate(fsys, "content", site.Options{}, func(string, []byte) error { return nil })
		all := report.Warnings
		if errs, ok := err.(diag.Errors); ok {
			all = append(all, errs...)
		}
		for _, d := range all {
			if (d.File == "content/handouts/1.1.md" || d.File == "content/closing.md") && d.Line > lines {
				t.Errorf("%s: line %d, but the file has %d lines", d, d.Line, lines)
			}
		}
	})
}
