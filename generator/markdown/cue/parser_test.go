package cue

import "testing"

// FuzzMayMatch checks that the filter Match applies first is only a shortcut: no text it
// turns away is matched by a phrase.
func FuzzMayMatch(f *testing.F) {
	for _, s := range []string{
		"Say the following:", "say THE FOLLOWING:", "Generate responses that might include:",
		"Give the following as an example-goal:", "Do the folloWing:", "Include:", "Followin:",
		"Generate reſponses that may include:", "Aſk the following:", "Say the \u212aollowing:",
		"do the follow ing:", "", ":",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := []byte(s)
		if mayMatch(text) {
			return
		}
		for _, p := range phrases {
			if p.re.Match(text) {
				t.Errorf("%q is matched by %v, but mayMatch turns it away", s, p.re)
			}
		}
	})
}
