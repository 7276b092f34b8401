package cue_test

import (
	"testing"

	"curriculum/generator/markdown/cue"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/testutil"
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
