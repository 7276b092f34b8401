package site

import (
	"slices"
	"testing"
	"testing/fstest"
)

// This looks stuttery, but makes the lookup logic easy to understand.
func TestLayoutCandidates(t *testing.T) {
	for _, tc := range []struct {
		kind   string
		layers []string
		want   []string
	}{
		{"module", []string{"theme"}, []string{
			"theme:layouts/module.html",
			"theme:layouts/page.html",
		}},
		{"module", []string{"content/theme", "theme"}, []string{
			"content/theme:layouts/module.html",
			"theme:layouts/module.html",
			"content/theme:layouts/page.html",
			"theme:layouts/page.html",
		}},
		{"page", []string{"content/theme", "theme"}, []string{
			"content/theme:layouts/page.html",
			"theme:layouts/page.html",
		}},
	} {
		if got := layoutCandidates(tc.kind, tc.layers); !slices.Equal(got, tc.want) {
			t.Errorf("layoutCandidates(%q, %q) =\n%q\nwant\n%q", tc.kind, tc.layers, got, tc.want)
		}
	}
}

func TestFind(t *testing.T) {
	layers := []Layer{
		{"override", fstest.MapFS{"layouts/page.html": {Data: []byte("override page")}}},
		{"theme", fstest.MapFS{"layouts/module.html": {Data: []byte("theme module")}, "layouts/page.html": {Data: []byte("theme page")}}},
	}
	b, from, err := find(layers, layoutCandidates("module", layerNames(layers)))
	if err != nil || string(b) != "theme module" || from != "theme:layouts/module.html" {
		t.Errorf("module: %q from %q, %v", b, from, err)
	}
	b, from, err = find(layers, layoutCandidates("handout", layerNames(layers)))
	if err != nil || string(b) != "override page" || from != "override:layouts/page.html" {
		t.Errorf("handout falls back to the override's page layout: %q from %q, %v", b, from, err)
	}
	if _, _, err := find(layers, fileCandidates("layouts/missing.html", layerNames(layers))); err == nil {
		t.Error("a missing file must be an error")
	}
}
