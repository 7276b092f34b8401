package site

import (
	"encoding/json"
	"testing"
)

// FuzzAppendJSONString holds the search index's string encoding to encoding/json's, which the
// index was first written with and which search.js was written against.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "Module 1: Why <Partner> & \"link\"?", "a\\b\x00\x1f\b\f\n\r\t\x7f",
		"Step 2 – Do it", "line\u2028sep\u2029para", "bad \xff\xfe utf-8 \xe2\x80", "é 漢字 🎓"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString([]byte("x"), s); string(got) != "x"+string(want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got[1:], want)
		}
	})
}
