package generator_test

import (
	"bufio"
	"bytes"
	"flag"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"curriculum/generator"
	"curriculum/generator/model"
	"curriculum/generator/site"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden from the real content")

// buildRealContent builds ../content, the curriculum this repository publishes, in memory.
func buildRealContent(t *testing.T) (map[string][]byte, generator.Report) {
	t.Helper()
	return buildRealEdition(t, model.TrainerEdition)
}

// buildRealEdition builds one edition of ../content in memory.
func buildRealEdition(t *testing.T, edition string) (map[string][]byte, generator.Report) {
	t.Helper()
	files := map[string][]byte{}
	report, err := generator.Generate(os.DirFS("../content"), "content", site.Options{Edition: edition}, func(p string, b []byte) error {
		files[p] = b
		return nil
	})
	if err != nil {
		t.Fatalf("the real content does not build:\n%v", err)
	}
	return files, report
}

// TestRealContentBuildsWithOneWarning: the curriculum has no errors, and its one known
// inconsistency — Module Four gets 10 minutes in the schedule but lasts an hour — is reported.
func TestRealContentBuildsWithOneWarning(t *testing.T) {
	_, report := buildRealContent(t)
	var got []string
	for _, w := range report.Warnings {
		got = append(got, w.String())
	}
	want := []string{
		"content/curriculum.yaml:70:7: warning: the agenda gives Module 4 10 minutes, but the module lasts 60 minutes (content/modules/4.md:3:11); change the agenda's minutes or the module's duration so that they agree",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if report.Modules != 4 || report.Handouts != 3 || report.Transparencies != 3 {
		t.Errorf("built %d modules, %d handouts, %d transparencies; want 4, 3, 3", report.Modules, report.Handouts, report.Transparencies)
	}
}

// TestRealContentInventory proves that nothing of the source documents went missing: every
// text listed in testdata/inventory.txt appears on the page it belongs to.
func TestRealContentInventory(t *testing.T) {
	files, _ := buildRealContent(t)
	f, err := os.Open("testdata/inventory.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var page, text string
	checked := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "# page: "):
			page = strings.TrimPrefix(line, "# page: ")
			b, ok := files[page]
			if !ok {
				t.Errorf("inventory.txt:%d: page %s was not built", n, page)
			}
			text = pageText(b)
		case line == "" || strings.HasPrefix(line, "#"):
		case page == "":
			t.Fatalf("inventory.txt:%d: a text before the first # page: line", n)
		default:
			checked++
			if !strings.Contains(text, normalize(line)) {
				t.Errorf("inventory.txt:%d: %s does not show %q", n, page, line)
			}
		}
	}
	if checked < 300 {
		t.Errorf("the inventory checked only %d texts", checked)
	}
}

// TestRealContentSchedule checks every row of the "Schedule At-A-Glance" as the source prints
// it, computed from the agenda's start and minutes.
func TestRealContentSchedule(t *testing.T) {
	files, _ := buildRealContent(t)
	text := pageText(files["schedule/index.html"])
	for _, row := range []string{
		"8:30 – 8:40 Introduction 10",
		"8:40 – 10:00 Module One 80",
		"10:00 – 10:10 Break 10",
		"10:10 – 11:30 Module Two 80",
		"11:30 – 12:30 Lunch 60",
		"12:30 – 2:40 Module Three 130",
		"2:40 – 2:50 Break 10",
		"2:50 – 3:40 Module Three, continued 50",
		"3:40 – 3:50 Break 10",
		"3:50 – 4:00 Module Four 10",
		"4:00 – 4:10 Closing and Evaluation 10",
	} {
		if !strings.Contains(text, row) {
			t.Errorf("the schedule has no row %q", row)
		}
	}
}

// TestRealContentGolden compares key pages of the real curriculum with testdata/golden.
// Run go test ./generator -run Golden -update to accept a change.
func TestRealContentGolden(t *testing.T) {
	files, _ := buildRealContent(t)
	for _, p := range []string{
		"index.html",
		"modules/1/index.html",
		"modules/4/index.html",
		"handouts/4.2/index.html",
		"transparencies/4.1/index.html",
		"competencies/index.html",
		"schedule/index.html",
		"introduction/trainers/index.html",
		"further-reading/index.html",
		"print/index.html",
		"print/handouts/index.html",
		"print/transparencies/index.html",
		"print/guide/index.html",
		"present/index.html",
		"css/print.css",
		"js/search-index.js",
		"checklist/index.html",
	} {
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(p))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, files[p], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if !bytes.Equal(files[p], want) {
			t.Errorf("%s differs from %s (run with -update to accept):\n%s", p, golden, firstDiff(want, files[p]))
		}
	}
}

// TestBuildIsDeterministic builds the real content twice and compares every byte.
func TestBuildIsDeterministic(t *testing.T) {
	a, _ := buildRealContent(t)
	b, _ := buildRealContent(t)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for p, data := range a {
		if !bytes.Equal(data, b[p]) {
			t.Errorf("%s differs between two builds of the same content", p)
		}
	}
}

// TestBuildWritesWhatGenerateEmits: a build streams its pages and search index to their files
// as they render, where Generate hands each file whole to its caller; both make the same files,
// byte for byte, and count them alike.
//
// The third curriculum's derived block {{outline}} shows the handouts' text too, so that text
// rendered for a page renders more text inside it.
func TestBuildWritesWhatGenerateEmits(t *testing.T) {
	nested := t.TempDir()
	if err := os.CopyFS(nested, os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	embeds, err := os.ReadFile("../themes/default/partials/embeds.html")
	if err != nil {
		t.Fatal(err)
	}
	outline := `{{define "embed-outline"}}{{range .Site.Handouts}}<div class="handout-text">{{$.Markdown .Doc .Doc.Root}}</div>{{end}}`
	if err := os.MkdirAll(filepath.Join(nested, "theme", "partials"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(nested, "theme", "partials", "embeds.html"),
		[]byte(strings.Replace(string(embeds), `{{define "embed-outline"}}`, outline, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{"../content", corpusDir(t, 12), nested} {
		emitted := map[string][]byte{}
		want, err := generator.Generate(os.DirFS(src), "content", site.Options{}, func(p string, b []byte) error {
			emitted[p] = b
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		written, got, err := buildDir(t, src)
		if err != nil {
			t.Fatal(err)
		}
		if src == nested && !bytes.Contains(emitted["introduction/trainers/index.html"], []byte(`<div class="handout-text"><table>`)) {
			t.Errorf("the outline of %s shows no handout's text", src)
		}
		delete(written, ".curriculum-output") // the build's mark on its folder
		if got.Files != want.Files || got.Pages != want.Pages || len(written) != len(emitted) {
			t.Errorf("%s: built %d files (%d pages), %d on disk; generated %d (%d pages), %d emitted", src, got.Files, got.Pages, len(written), want.Files, want.Pages, len(emitted))
		}
		for p, b := range emitted {
			if w, ok := written[p]; !ok {
				t.Errorf("%s: %s was emitted but not written", src, p)
			} else if !bytes.Equal(w, b) {
				t.Errorf("%s: %s differs:\n%s", src, p, firstDiff(b, w))
			}
		}
	}
}

var (
	tags  = regexp.MustCompile(`(?s)<[^>]*>`)
	space = regexp.MustCompile(`\s+`)
)

// pageText is what a reader sees of a page: its text without tags, entities decoded,
// normalized like the inventory.
func pageText(page []byte) string {
	return normalize(html.UnescapeString(tags.ReplaceAllString(string(page), " ")))
}

var quotes = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`)

// normalize straightens quotes and collapses white space, including around punctuation that
// a tag boundary split ("Handout <a>4.1</a>:").
func normalize(s string) string {
	s = space.ReplaceAllString(quotes.Replace(s), " ")
	for _, p := range []string{".", ",", ":", ";", "?", "!", ")"} {
		s = strings.ReplaceAll(s, " "+p, p)
	}
	return strings.TrimSpace(s)
}

func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return ""
}
