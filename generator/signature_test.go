package generator_test

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"curriculum/generator/content"
	"curriculum/generator/internal/corpus"
	"curriculum/generator/markdown"
	"curriculum/generator/site"
)

// TestLoadThenRenderCached: content.Load and site.RenderCached, each used as documented, give
// the site of the curriculum loaded: a module renamed is not taken from the cache of the
// render before.
func TestLoadThenRenderCached(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, text := range corpus.Files(4, 1) {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	md := markdown.New()
	render := func(cache *site.Cache) map[string][]byte {
		t.Helper()
		cur, diags := content.Load(fsys, "content", md)
		if err := diags.Err(); err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		if _, err := site.RenderCached(cur, md, fsys, site.Options{}, func(p string, data []byte) error {
			files[p] = data
			return nil
		}, cache); err != nil {
			t.Fatal(err)
		}
		return files
	}
	cache := &site.Cache{}
	render(cache)
	module := fsys["modules/2.md"]
	text := string(module.Data)
	if !strings.Contains(text, "title: ") {
		t.Fatal("modules/2.md has no title")
	}
	module.Data = []byte(strings.Replace(text, "title: ", "title: Renamed ", 1))
	cached, full := render(cache), render(nil)
	for _, p := range diffPaths(cached, full) {
		t.Errorf("%s differs from a render without the cache", p)
	}
	if !bytes.Contains(full["modules/2/index.html"], []byte("Renamed")) {
		t.Error("modules/2/index.html does not show the new title")
	}
}
