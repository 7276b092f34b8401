package cue

import (
	"regexp"
	"testing"
)

// each is the phrases one by one, as Match read them before they were joined into one
// expression: the first in order that matches is the cue.
var each = func() []*regexp.Regexp {
	res := make([]*regexp.Regexp, len(phrases))
	for i, p := range phrases {
		res[i] = regexp.MustCompile(`(?i)\b` + p.re + `:$`)
	}
	return res
}()

var matchSeeds = []string{
	"Say the following:", "say THE FOLLOWING:", "Generate responses that might include:",
	"Give the following as an example-goal:", "Do the folloWing:", "Include:", "Followin:",
	"Generate reſponses that may include:", "Aſk the following:", "Say the \u212aollowing:",
	"do the follow ing:", "", ":", "Say and do the following:", "Then say and do the following:",
	"say and do the following: do the following:", "Ask the following: say the following:",
	"Give the following as examples do the following:", "xdo the following:", "a_do the following:",
	"Give the following as example say the following:",
}

// FuzzPhrase checks that the phrases joined match as they did one by one, in order.
func FuzzPhrase(f *testing.F) {
	for _, s := range matchSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := []byte(s)
		var want Type
		wantOK := false
		for i, re := range each {
			if re.Match(text) {
				want, wantOK = phrases[i].typ, true
				break
			}
		}
		got, ok := matchPhrase(text)
		if ok != wantOK || got != want {
			t.Errorf("%q: joined %v %v, one by one %v %v", s, got, ok, want, wantOK)
		}
	})
}

// FuzzMayMatch checks that the filter Match applies first is only a shortcut: no text it
// turns away is matched by a phrase.
func FuzzMayMatch(f *testing.F) {
	for _, s := range matchSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := []byte(s)
		if mayMatch(text) {
			return
		}
		for _, re := range each {
			if re.Match(text) {
				t.Errorf("%q is matched by %v, but mayMatch turns it away", s, re)
			}
		}
	})
}
