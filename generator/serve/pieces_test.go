package serve

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"curriculum/generator"
	"curriculum/generator/internal/corpus"
	"curriculum/generator/site"
)

// TestServeEditsInPieces: after each of a run of edits, as the watcher names them, serve
// serves the very files a build without a cache makes, though it holds the packets it wrote
// again place by place (the trainer's guide) in pieces of the last ones.
func TestServeEditsInPieces(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, 6, 7); err != nil {
		t.Fatal(err)
	}
	srv, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	if res := srv.Build(); res.Errors != nil {
		t.Fatal(res.Errors)
	}
	module := filepath.Join(dir, "modules", "3.md")
	handout := filepath.Join(dir, "handouts", "2.1.md")
	edits := []struct {
		file, old, new string
	}{
		{module, "## Overview\n\n", "## Overview\n\nFirst. "},
		{module, "First. ", "Second, longer. "},
		{module, "Second, longer. ", "Second, LONGER. "}, // the guide as long as it was
		{handout, "---\n\n", "---\n\nPlease "},
		{module, "Second, LONGER. ", ""},
		{handout, "Please ", ""},
	}
	pieced := false
	for i, e := range edits {
		b, err := os.ReadFile(e.file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(e.old)) {
			t.Fatalf("edit %d: %q is not in %s", i, e.old, e.file)
		}
		if err := os.WriteFile(e.file, bytes.Replace(b, []byte(e.old), []byte(e.new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
		res := srv.BuildChanged([]string{e.file})
		if res.Errors != nil {
			t.Fatalf("edit %d: %v", i, res.Errors)
		}
		if !slices.Contains(res.Changed, "print/guide/index.html") {
			t.Errorf("edit %d: the guide is not among the files changed: %v", i, res.Changed)
		}
		servesBuild(t, fmt.Sprintf("edit %d", i), srv, os.DirFS(dir), dir)
		for _, f := range srv.state.Load().site.files {
			pieced = pieced || f.pieces != nil
		}
	}
	if !pieced {
		t.Error("no file was held in pieces")
	}
}

// servesBuild checks that srv serves the very files a build without a cache makes of the
// content folder fsys, display as diagnostics name it.
func servesBuild(t *testing.T, what string, srv *Server, fsys fs.FS, display string) {
	t.Helper()
	built := map[string][]byte{}
	if _, err := generator.Generate(fsys, display, site.Options{}, func(p string, data []byte) error {
		built[p] = data
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	served := srv.state.Load().site
	for p, data := range built {
		if got, ok := served.File(p); !ok || !bytes.Equal(got, data) {
			t.Errorf("%s: serve's %s differs from a build's", what, p)
		}
	}
	if served.len() != len(built) {
		t.Errorf("%s: serve has %d files, a build %d", what, served.len(), len(built))
	}
}
