package serve

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"curriculum/generator/content"
)

// TestServeAdaptation: serve builds an adaptation with its base, the same site as build makes
// of it, says which folders to watch, and shows a save in the base.
func TestServeAdaptation(t *testing.T) {
	writeContent(t, minimalContent)
	for name, text := range map[string]string{
		"curriculum.yaml": "base: ../content\nshort_title: Maryland\n",
		"handouts/1.1.md": "---\ntitle: Maryland's Plan\ntransparency: true\n---\n\nOur plan.\n",
	} {
		p := filepath.Join("maryland", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := New("maryland")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, dir := range []string{"maryland", "content"} {
		abs, err := filepath.Abs(dir)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, abs)
	}
	if got := srv.Folders(); !slices.Equal(got, want) {
		t.Errorf("Folders() = %q, want %q", got, want)
	}
	if res := srv.Build(); len(res.Errors) > 0 {
		t.Fatalf("the adaptation does not build: %v", res.Errors)
	}

	layers, err := content.Layers("maryland", "maryland")
	if err != nil {
		t.Fatal(err)
	}
	servesBuild(t, "the adaptation", srv, content.NewOverlay(layers), "maryland")
	page := func() string {
		b, _ := srv.state.Load().site.File("modules/1/index.html")
		return string(b)
	}
	if !bytes.Contains([]byte(page()), []byte("Maryland’s Plan")) {
		t.Error("the module does not show the adaptation's handout")
	}

	// A save in the base, as the watcher names it.
	edit(t, "modules/1.md", "### Step: Begin", "### Step: Start here")
	saved, err := filepath.Abs(filepath.Join("content", "modules", "1.md"))
	if err != nil {
		t.Fatal(err)
	}
	if res := srv.BuildChanged([]string{saved}); len(res.Errors) > 0 || !slices.Contains(res.Changed, "modules/1/index.html") {
		t.Fatalf("after a save in the base: errors %v, changed %v", res.Errors, res.Changed)
	}
	if !bytes.Contains([]byte(page()), []byte("Start here")) {
		t.Error("the module does not show the save in the base")
	}
}

// TestBuildChangedAfterSettingsAway: the watcher's calls as serve makes them, with the
// settings file away for a while; a page edited meanwhile shows once the settings are back.
func TestBuildChangedAfterSettingsAway(t *testing.T) {
	writeContent(t, minimalContent)
	srv, err := New("content")
	if err != nil {
		t.Fatal(err)
	}
	if res := srv.Build(); len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	settings := filepath.Join("content", "curriculum.yaml")
	away := settings + ".away"
	if err := os.Rename(settings, away); err != nil {
		t.Fatal(err)
	}
	if res := srv.BuildChanged([]string{settings, away}); len(res.Errors) == 0 {
		t.Fatal("a build without settings succeeded")
	}
	edit(t, "introduction.md", "title: Introduction", "title: Introduction Edited Meanwhile")
	srv.BuildChanged([]string{filepath.Join("content", "introduction.md")})
	if err := os.Rename(away, settings); err != nil {
		t.Fatal(err)
	}
	if res := srv.BuildChanged([]string{settings, away}); len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	page, _ := srv.state.Load().site.File("introduction/index.html")
	if !bytes.Contains(page, []byte("Introduction Edited Meanwhile")) {
		t.Error("the page edited while the settings were away is stale")
	}
}
