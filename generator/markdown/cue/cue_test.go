package cue_test

import (
	"bytes"
	"testing"

	"curriculum/generator/markdown/cue"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/testutil"
	"github.com/yuin/goldmark/text"
)

func TestCueCases(t *testing.T) {
	m := goldmark.New(goldmark.WithExtensions(cue.Extension))
	testutil.DoTestCaseFile(m, "testdata/cues.txt", t, testutil.ParseCliCaseArg()...)
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		text string
		typ  cue.Type
		ok   bool
	}{
		{"Say the following:", cue.Say, true},
		{"  say THE following:  ", cue.Say, true},
		{"Say and do the following:", cue.SayAndDo, true},
		{"Do the following:", cue.Do, true},
		{"Give the following as examples:", cue.Examples, true},
		{"Give the following as an example:", cue.Examples, true},
		{"Give the following as example goals:", cue.Examples, true},
		{"Generate responses that might include:", cue.Responses, true},
		{"Resay the following:", 0, false},
		{"Say the following", 0, false},
		{"", 0, false},
		{":", 0, false},
	} {
		typ, ok := cue.Match([]byte(tc.text))
		if ok != tc.ok || (ok && typ != tc.typ) {
			t.Errorf("Match(%q) = %v, %v; want %v, %v", tc.text, typ, ok, tc.typ, tc.ok)
		}
	}
}

func TestTypeNames(t *testing.T) {
	seen := map[string]bool{}
	for _, typ := range cue.Types {
		if typ.Label() == "" || seen[typ.String()] {
			t.Errorf("type %d has an empty label or a duplicate name %q", typ, typ)
		}
		seen[typ.String()] = true
	}
	if got := cue.Type(99).String(); got != "Type(99)" {
		t.Errorf("Type(99).String() = %q", got)
	}
}

// FuzzCue renders arbitrary markdown with trainer cues: it never panics, every cue holds its
// lead paragraph, and the same input renders the same way twice.
func FuzzCue(f *testing.F) {
	for _, s := range []string{
		"Say the following:\n\n- One\n- Two\n\nAfter.",
		"Ask the following:\n\nWhat do you see?\n\nAnd then?\n\n## Next\n\nExplain the following:\n\n1. a\n2. b",
		"- Say the following:\n  - nested\n\n> Do the following:\n> quoted",
		"Generate responses that might include:\n\n| a | b |\n| - | - |\n| 1 | 2 |",
		"Say the following:",
	} {
		f.Add(s)
	}
	m := goldmark.New(goldmark.WithExtensions(cue.Extension))
	f.Fuzz(func(t *testing.T, src string) {
		var a, b bytes.Buffer
		if err := m.Convert([]byte(src), &a); err != nil {
			t.Fatalf("convert: %v", err)
		}
		doc := m.Parser().Parse(text.NewReader([]byte(src)))
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if c, ok := n.(*cue.Cue); ok && entering && c.FirstChild() == nil {
				t.Errorf("an empty cue in %q", src)
			}
			return ast.WalkContinue, nil
		})
		if err := m.Convert([]byte(src), &b); err != nil || a.String() != b.String() {
			t.Errorf("two renders of %q differ", src)
		}
	})
}
