package generator_test

import (
	"os"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"curriculum/generator/markdown"
	"curriculum/generator/markdown/cue"
	"curriculum/generator/model"
)

// scriptOf returns the trainer's script of a module file: the text of every paragraph and list
// item of its trainer cues, normalized as pageText normalizes a page; responses are the
// expected responses among them ("Generate responses that might include:").
func scriptOf(t *testing.T, file string) (script, responses []string) {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	md := markdown.New()
	doc := md.Parser().Parse(text.NewReader(src))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		c, ok := n.(*cue.Cue)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		_ = ast.Walk(c, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && (n.Kind() == ast.KindParagraph || n.Kind() == ast.KindTextBlock) {
				s := normalize(markdown.PlainText(n, src))
				if len(s) >= 12 { // a phrase, not a word that may appear anywhere
					script = append(script, s)
					if c.CueType == cue.Responses {
						responses = append(responses, s)
					}
				}
			}
			return ast.WalkContinue, nil
		})
		return ast.WalkSkipChildren, nil
	})
	return script, responses
}

// TestParticipantEditionHoldsNoScript builds the participant edition of the real curriculum:
// no expected response, and no line of the trainer's script, appears in any file of it.
func TestParticipantEditionHoldsNoScript(t *testing.T) {
	script, responses := scriptOf(t, "../content/modules/4.md")
	if len(responses) < 10 || len(script) < 50 {
		t.Fatalf("found %d responses in %d lines of script; the cue parser missed them", len(responses), len(script))
	}
	files, _ := buildRealEdition(t, model.ParticipantEdition)
	trainerFiles, _ := buildRealContent(t)
	texts := map[string]string{}
	for p, b := range files {
		switch {
		case strings.HasSuffix(p, ".html"):
			texts[p] = pageText(b)
		case strings.HasSuffix(p, ".js"):
			texts[p] = normalize(string(b))
		}
	}
	for _, r := range responses {
		for p, text := range texts {
			if strings.Contains(text, r) {
				t.Errorf("%s holds the expected response %q", p, r)
			}
		}
	}
	for _, s := range script {
		for p, text := range texts {
			if strings.Contains(text, s) {
				t.Errorf("%s holds the trainer's script: %q", p, s)
			}
		}
		// The trainer's edition does hold it: the test looks for the right thing.
		if !strings.Contains(pageText(trainerFiles["modules/4/index.html"]), s) {
			t.Errorf("the trainer's edition lacks %q, so the test cannot tell", s)
		}
	}
	for _, p := range []string{"introduction/trainers/index.html", "transparencies/4.1/index.html", "print/guide/index.html", "present/index.html"} {
		if _, ok := files[p]; ok {
			t.Errorf("the participant edition has %s", p)
		}
	}
	for _, want := range []string{"handouts/4.2/index.html", "schedule/index.html", "competencies/index.html", "further-reading/index.html", "print/handouts/index.html"} {
		if _, ok := files[want]; !ok {
			t.Errorf("the participant edition lacks %s", want)
		}
	}
	m4 := texts["modules/4/index.html"]
	for _, want := range []string{"Activity 2: Developing My Personal Action Plan", "45 minutes", "Participants will develop a personal action plan for achieving successful partnerships.", "Participant edition"} {
		if !strings.Contains(m4, normalize(want)) {
			t.Errorf("the participant's Module 4 lacks %q", want)
		}
	}
}

// TestSearchIndex: the index finds an objective by a word of its text, links to its exact
// place, and in the participant edition holds no steps and no transparencies.
func TestSearchIndex(t *testing.T) {
	for _, tc := range []struct {
		edition   string
		want, not []string
	}{
		{model.TrainerEdition,
			[]string{`{"k":"Objective","t":"Participants can develop an ecomap of needed community partnerships and linkages for a case scenario.","i":"Module 1, Objective 2.2","u":"modules/1/index.html#module-1-objective-2-2"}`,
				`{"k":"Step","t":"Step 3: Large Group Debriefing","i":"Module 4, Activity 2","u":"modules/4/index.html#activity-2-step-3"}`,
				`{"k":"Handout","t":"Handout 4.2: My Personal Action Plan","i":"Module 4","u":"handouts/4.2/index.html"}`,
				`{"k":"Transparency","t":"Transparency 4.3: `},
			nil},
		{model.ParticipantEdition,
			[]string{`{"k":"Activity","t":"Activity 2: Developing My Personal Action Plan","i":"Module 4","u":"modules/4/index.html#activity-2"}`},
			[]string{`"k":"Step"`, `"k":"Transparency"`, `Introduction to the Curriculum for the Trainers`}},
	} {
		files, _ := buildRealEdition(t, tc.edition)
		index := string(files["js/search-index.js"])
		for _, w := range tc.want {
			if !strings.Contains(index, w) {
				t.Errorf("%s edition: the search index lacks %s", tc.edition, w)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(index, n) {
				t.Errorf("%s edition: the search index holds %s", tc.edition, n)
			}
		}
	}
}
