package generator_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"curriculum/generator"
	"curriculum/generator/diag"
	"curriculum/generator/site"
)

// siteTest builds the curriculum in a txtar archive and checks the result against the
// archive's expectations, in the way of Hugo's hugolib.Test:
//
//   - every file not starting with "want " or named "errors" or "warnings" is content;
//     a missing curriculum.yaml is replaced by minimalSettings;
//   - "want PATH" lists fragments of the built file PATH, one per line, that must appear in
//     it; a line starting with "! " must not;
//   - "errors" and "warnings" list the build's diagnostics exactly, one per line; the warnings
//     of a build that fails as "errors" expects are not compared unless "warnings" is given.
func siteTest(t *testing.T, archive string) map[string]string {
	t.Helper()
	ar := txtar.Parse([]byte(archive))
	fsys := fstest.MapFS{}
	wants := map[string]string{}
	var wantErrors, wantWarnings *string
	for _, f := range ar.Files {
		data := string(f.Data)
		switch {
		case strings.HasPrefix(f.Name, "want "):
			wants[strings.TrimPrefix(f.Name, "want ")] = data
		case f.Name == "errors":
			wantErrors = &data
		case f.Name == "warnings":
			wantWarnings = &data
		default:
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	if _, ok := fsys["curriculum.yaml"]; !ok {
		fsys["curriculum.yaml"] = &fstest.MapFile{Data: []byte(minimalSettings)}
	}
	files := map[string]string{}
	report, err := generator.Generate(fsys, "content", site.Options{}, func(p string, b []byte) error {
		if _, dup := files[p]; dup {
			t.Errorf("%s written twice", p)
		}
		files[p] = string(b)
		return nil
	})
	var gotErrors []string
	if err != nil {
		errs, ok := err.(diag.Errors)
		if !ok {
			t.Fatalf("build failed without diagnostics: %v", err)
		}
		for _, d := range errs {
			gotErrors = append(gotErrors, d.String())
		}
		if len(files) > 0 {
			t.Errorf("a build with errors emitted %d files", len(files))
		}
	}
	var gotWarnings []string
	for _, w := range report.Warnings {
		gotWarnings = append(gotWarnings, w.String())
	}
	compareLines(t, "errors", gotErrors, wantErrors)
	if wantWarnings != nil || wantErrors == nil || len(gotErrors) == 0 {
		// A test of errors says which warnings come with them only when it cares.
		compareLines(t, "warnings", gotWarnings, wantWarnings)
	}
	for path, want := range wants {
		got, ok := files[path]
		if !ok {
			t.Errorf("%s was not built", path)
			continue
		}
		for _, line := range strings.Split(want, "\n") {
			line = strings.TrimSpace(line)
			switch {
			case line == "":
			case strings.HasPrefix(line, "! "):
				if strings.Contains(got, line[2:]) {
					t.Errorf("%s holds %q, and must not", path, line[2:])
				}
			case !strings.Contains(got, line):
				t.Errorf("%s does not hold\n\t%s", path, line)
			}
		}
	}
	if t.Failed() {
		for path := range wants {
			t.Logf("--- %s:\n%s", path, excerpt(files[path]))
		}
	}
	return files
}

// compareLines checks diagnostics; with no expectation, there must be none.
func compareLines(t *testing.T, what string, got []string, want *string) {
	t.Helper()
	var w []string
	if want != nil {
		for _, line := range strings.Split(strings.TrimSpace(*want), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				w = append(w, line)
			}
		}
	}
	if strings.Join(got, "\n") != strings.Join(w, "\n") {
		t.Errorf("%s:\ngot\n\t%s\nwant\n\t%s", what, strings.Join(got, "\n\t"), strings.Join(w, "\n\t"))
	}
}

// excerpt is the main part of a page, for failure messages.
func excerpt(page string) string {
	if i := strings.Index(page, `<main id="main"`); i >= 0 {
		page = page[i:]
	}
	if i := strings.Index(page, "</main>"); i >= 0 {
		page = page[:i]
	}
	return page
}

const minimalSettings = `title: Test Curriculum
participants: 20
day:
  start: "9:00"
  agenda:
    - module: 1
      minutes: 60
`
