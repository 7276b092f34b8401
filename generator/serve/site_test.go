package serve

import (
	"maps"
	"slices"
	"testing"
)

func TestChanged(t *testing.T) {
	old := NewSite(map[string][]byte{
		"index.html":           []byte("home"),
		"modules/1/index.html": []byte("one"),
		"modules/2/index.html": []byte("two"),
		"css/style.css":        []byte("body{}"),
	}, nil)
	files := map[string][]byte{
		"index.html":           []byte("home"),
		"modules/1/index.html": []byte("one, edited"),
		"modules/3/index.html": []byte("three"),
		"css/style.css":        []byte("body{}"),
	}
	want := []string{"modules/1/index.html", "modules/2/index.html", "modules/3/index.html"}
	// Made after old, the site knows what changed from it; made alone, it is compared.
	for _, prev := range []*Site{old, nil} {
		next := NewSite(files, prev)
		if got := Changed(old, next); !slices.Equal(got, want) {
			t.Errorf("Changed (made after %p) = %q, want %q", prev, got, want)
		}
		if got := Changed(NewSite(files, nil), next); got != nil {
			t.Errorf("Changed from a site of the same files (made after %p) = %q, want none", prev, got)
		}
	}
	if got := Changed(nil, old); len(got) != 4 {
		t.Errorf("Changed from nothing = %q, want every file", got)
	}
	if got := Changed(old, old); got != nil {
		t.Errorf("Changed of a site with itself = %q, want none", got)
	}
}

func TestLookup(t *testing.T) {
	s := NewSite(map[string][]byte{
		"index.html":           nil,
		"404.html":             nil,
		"modules/1/index.html": nil,
		"css/style.css":        nil,
	}, nil)
	for _, tc := range []struct {
		path            string
		name            string
		found, redirect bool
	}{
		{"/", "index.html", true, false},
		{"", "index.html", true, false},
		{"/index.html", "index.html", true, false},
		{"/modules/1/", "modules/1/index.html", true, false},
		{"/modules/1/index.html", "modules/1/index.html", true, false},
		{"/modules/1", "modules/1/index.html", true, true},
		{"//modules/1", "modules/1/index.html", true, true},
		{"/modules/../modules/1/", "modules/1/index.html", true, false},
		{"/../../etc/passwd", "404.html", false, false},
		{"/css/style.css", "css/style.css", true, false},
		{"/css/style.css/", "404.html", false, false},
		{"/modules/2/", "404.html", false, false},
		{"/modules/", "404.html", false, false},
	} {
		name, found, redirect := s.lookup(tc.path)
		if name != tc.name || found != tc.found || redirect != tc.redirect {
			t.Errorf("lookup(%q) = %q, %v, %v; want %q, %v, %v", tc.path, name, found, redirect, tc.name, tc.found, tc.redirect)
		}
	}
}

func TestVersion(t *testing.T) {
	files := map[string][]byte{
		"404.html":             []byte("not found"),
		"modules/1/index.html": []byte("one"),
		"modules/2/index.html": []byte("two"),
		"css/style.css":        []byte("body{}"),
	}
	a := NewSite(maps.Clone(files), nil) // a Site keeps its map
	files["modules/1/index.html"] = []byte("one, edited")
	b := NewSite(maps.Clone(files), a)
	files["css/style.css"] = []byte("body{color:red}")
	c := NewSite(maps.Clone(files), b)

	if a.version("/modules/1/") == b.version("/modules/1/") {
		t.Error("a page's version did not change with its bytes")
	}
	if a.version("/modules/2/") != b.version("/modules/2/") {
		t.Error("a page's version changed with another page's bytes")
	}
	if b.version("/modules/2/") == c.version("/modules/2/") {
		t.Error("a page's version did not change with the stylesheet")
	}
	if a.version("/modules/1") != a.version("/modules/1/index.html") {
		t.Error("one page has two versions")
	}
	if a.version("/nope/") != a.version("/gone/") {
		t.Error("two missing pages, both the not-found page, have different versions")
	}
	if (*Site)(nil).version("/") == a.version("/") {
		t.Error("no site and a site give a page the same version")
	}
}
