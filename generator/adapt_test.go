package generator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"curriculum/generator"
	"curriculum/generator/adapt"
	"curriculum/generator/diag"
)

// buildDir builds the content folder at src into a temporary folder and returns its files.
func buildDir(t *testing.T, src string) (map[string][]byte, generator.Report, error) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	report, err := generator.Build(generator.Options{Source: src, Destination: dest})
	files := map[string][]byte{}
	if err == nil {
		for p, b := range snapshot(t, dest) {
			rel, _ := filepath.Rel(dest, p)
			files[filepath.ToSlash(rel)] = []byte(b)
		}
	}
	return files, report, err
}

func contains(t *testing.T, files map[string][]byte, page string, wants ...string) {
	t.Helper()
	text, ok := files[page]
	if !ok {
		t.Errorf("%s was not built", page)
		return
	}
	for _, w := range wants {
		if !strings.Contains(string(text), w) {
			t.Errorf("%s lacks %s", page, w)
		}
	}
}

// TestAdaptation builds the worked example, Maryland's adaptation of the real curriculum: it
// renames the agency through a variable, replaces Handout 4.2, adds Handout 4.4 referred to
// from Module 4, removes Module 1's fourth activity and brings its own logo and colours.
func TestAdaptation(t *testing.T) {
	files, report, err := buildDir(t, "testdata/adaptation/maryland")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range report.Warnings {
		if !strings.Contains(w.Message, "the agenda gives Module 4 10 minutes") {
			t.Errorf("unexpected warning: %s", w)
		}
	}
	contains(t, files, "handouts/4.4/index.html",
		"<h1>Department of Human Resources Community Resource Directory</h1>",
		`<a href="../../modules/4/index.html#activity-2-step-2">Module 4, Activity 2, Step 2</a>`)
	contains(t, files, "modules/4/index.html",
		`<a class="ref ref-handout" href="../../handouts/4.4/index.html">Handout 4.4</a>: Department of Human Resources Community Resource Directory`,
		"the Maryland offices their partners can call")
	contains(t, files, "handouts/4.2/index.html", "My Personal Action Plan (Maryland)", "My Department of Human Resources Supervisor’s Initials")
	contains(t, files, "handouts/4.3/index.html", "Community Partnership Roles and Responsibilities") // the base's, untouched
	// Module 1 lost its fourth activity; the fifth is now the fourth, and the text that names
	// it says so.
	contains(t, files, "modules/1/index.html", `id="activity-4"`, "transition to Activity 4.", `href="#activity-4">Activity 4</a>`)
	for _, not := range []string{`id="activity-5"`, "Why Community Partnerships Are Essential for Successful Family-Centered Practice"} {
		if strings.Contains(string(files["modules/1/index.html"]), not) {
			t.Errorf("modules/1/index.html still holds %s", not)
		}
	}
	contains(t, files, "index.html", `<img class="site-logo" src="images/logo.svg" alt="Maryland Department of Human Resources"`, `<link rel="stylesheet" href="css/custom.css">`)
	contains(t, files, "css/custom.css", "--brand: #7a1528")
	contains(t, files, "images/logo.svg", "<svg")
	contains(t, files, "print/handouts/index.html", "Partnerships &amp; Linkages, Maryland")
	checkLinks(t, files)

	// A county's adaptation of Maryland's holds only its settings.
	county, _, err := buildDir(t, "testdata/adaptation/county")
	if err != nil {
		t.Fatal(err)
	}
	contains(t, county, "handouts/4.4/index.html", "<h1>Baltimore City Department of Social Services Community Resource Directory</h1>")
	contains(t, county, "print/handouts/index.html", "for a session of 12 participants")
	contains(t, county, "modules/1/index.html", "transition to Activity 4.")
	if _, ok := county["further-reading/developing-community-partnerships/index.html"]; ok {
		t.Error("the county's site has the page its settings remove")
	}
	checkLinks(t, county)
}

// TestAdaptationStatus: status lists what Maryland changes, and flags the base file it replaces
// once the base changes it.
func TestAdaptationStatus(t *testing.T) {
	r, err := adapt.Status("testdata/adaptation/maryland", "testdata/adaptation/maryland")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range r.Overrides {
		got = append(got, f.Path+" "+f.Base+" "+map[bool]string{true: "changed", false: "same"}[f.Changed])
	}
	want := []string{"handouts/4.2.md ../content/handouts/4.2.md same", "modules/4.md ../content/modules/4.md same"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("overrides:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if strings.Join(r.Additions, " ") != "handouts/4.4.md theme/partials/logo.html theme/static/css/custom.css theme/static/images/logo.svg" {
		t.Errorf("additions: %q", r.Additions)
	}
	if strings.Join(r.Removals, " ") != "activity: 1.4" {
		t.Errorf("removals: %q", r.Removals)
	}

	// Upstream corrects Handout 4.2: status flags Maryland's copy until it records it.
	root := t.TempDir()
	base, md := filepath.Join(root, "content"), filepath.Join(root, "maryland")
	if err := os.CopyFS(base, os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(md, os.DirFS("testdata/adaptation/maryland")); err != nil {
		t.Fatal(err)
	}
	settings, _ := os.ReadFile(filepath.Join(md, "curriculum.yaml"))
	settings = []byte(strings.Replace(string(settings), "base: ../../../../content", "base: ../content", 1))
	if err := os.WriteFile(filepath.Join(md, "curriculum.yaml"), settings, 0o644); err != nil {
		t.Fatal(err)
	}
	h42 := filepath.Join(base, "handouts", "4.2.md")
	old, _ := os.ReadFile(h42)
	if err := os.WriteFile(h42, append(old, "| 4. | | |\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err = adapt.Status(md, "maryland")
	if err != nil {
		t.Fatal(err)
	}
	if !r.Overrides[0].Changed || r.Overrides[1].Changed {
		t.Errorf("after a change upstream to handouts/4.2.md: %+v", r.Overrides)
	}
	if _, err := adapt.Record(md, "maryland"); err != nil {
		t.Fatal(err)
	}
	if r, _ = adapt.Status(md, "maryland"); r.Overrides[0].Changed {
		t.Error("still changed after --record")
	}
}

// TestAdaptationErrors: every mistake in an adaptation names its file and line.
func TestAdaptationErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"unknown variable", map[string]string{"handouts/4.4.md": "---\ntitle: Directory\n---\n\nCall the {{agncy}} hotline. Refer to Handout 4.4.\n"},
			"md/handouts/4.4.md:5:10: error: unknown variable {{agncy}}: did you mean {{agency}}? the variables are agency, state"},
		{"removing what is not there", map[string]string{"curriculum.yaml": "base: ../content\nvariables:\n  agency: DHR\n  state: MD\nremove:\n  - handout: 4.9\n"},
			"md/curriculum.yaml:6:14: error: remove: there is no Handout 4.9 to remove; check the number against the base"},
		{"a reference to a removed activity", map[string]string{"curriculum.yaml": "base: ../content\nremove:\n  - activity: 1.4\n", "notes.md": "---\ntitle: Notes\n---\n\nSee Module 1, Activity 4.\n"},
			"md/notes.md:5:5: error: Activity 4 of Module 1 is removed by the settings (remove: activity: 1.4): rewrite or remove this reference"},
		{"a base that is not there", map[string]string{"curriculum.yaml": "title: X\nbase: ../nowhere\n"},
			"md/curriculum.yaml:2: base: ../nowhere is not a folder"},
		{"a theme override that does not parse", map[string]string{"theme/layouts/handout.html": "{{define \"main\"}}{{.Title}\n"},
			"md/theme/layouts/handout.html:1: error: in the template:"},
		{"a setting of the wrong type", map[string]string{"curriculum.yaml": "base: ../content\nparticipants: many\n"},
			"md/curriculum.yaml:2:15: error: participants"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			if err := os.CopyFS(filepath.Join(root, "content"), os.DirFS("../content")); err != nil {
				t.Fatal(err)
			}
			files := map[string]string{"curriculum.yaml": "base: ../content\nvariables:\n  agency: DHR\n  state: MD\n"}
			for k, v := range tc.files {
				files[k] = v
			}
			for name, text := range files {
				p := filepath.Join(root, "md", filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			wd, _ := os.Getwd()
			if err := os.Chdir(root); err != nil {
				t.Fatal(err)
			}
			defer os.Chdir(wd)
			_, err := generator.Check("md")
			if err == nil {
				t.Fatal("the adaptation checks without error")
			}
			var lines []string
			if errs, ok := err.(diag.Errors); ok {
				for _, d := range errs {
					lines = append(lines, d.String())
				}
			} else {
				lines = []string{err.Error()}
			}
			if !strings.Contains(strings.Join(lines, "\n"), tc.want) {
				t.Errorf("errors:\n%s\nwant one holding:\n%s", strings.Join(lines, "\n"), tc.want)
			}
		})
	}
}
