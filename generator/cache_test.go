package generator_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"curriculum/generator"
	"curriculum/generator/diag"
	"curriculum/generator/internal/corpus"
	"curriculum/generator/site"
)

// TestCachedGenerateIsGenerate: a Generate with the cache of the ones before it writes the same
// files, byte for byte, as one without, after each of a series of edits of every kind; and
// after an edit of the text of one module it renders only the few pages that show that text.
func TestCachedGenerateIsGenerate(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, 12, 7); err != nil {
		t.Fatal(err)
	}
	mod := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	edit := func(file string, change func(string) string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(file))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(change(string(b))), 0o644); err != nil {
			t.Fatal(err)
		}
		mod = mod.Add(time.Second) // a new time, however fast the edits come
		if err := os.Chtimes(p, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	write := func(file, text string) {
		t.Helper()
		p := writeContentFile(t, dir, file, text)
		mod = mod.Add(time.Second)
		if err := os.Chtimes(p, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	replaceFirst := func(old, new string) func(string) string {
		return func(s string) string {
			if !strings.Contains(s, old) {
				t.Fatalf("no %q to replace", old)
			}
			return strings.Replace(s, old, new, 1)
		}
	}
	afterOverview := func(word string) func(string) string {
		return func(s string) string { return strings.Replace(s, "## Overview\n\n", "## Overview\n\n"+word+" ", 1) }
	}
	steps := []struct {
		name    string
		do      func()
		maxPage int // how many pages may render; 0 for no limit
	}{
		{"first build", func() {}, 0},
		{"nothing changed", func() {}, 0 + 1},
		{"a word of a module's overview", func() { edit("modules/3.md", afterOverview("Partnership")) }, 4},
		{"the word again", func() { edit("modules/3.md", afterOverview("Community")) }, 4},
		{"a word of a step", func() {
			edit("modules/5.md", replaceFirst("### Step: ", "### Step: "))
			edit("modules/5.md", replaceFirst("Say the following:\n\n- ", "Say the following:\n\n- Now, "))
		}, 5},
		{"a word of a handout", func() { edit("handouts/2.1.md", replaceFirst("---\n\n", "---\n\nPlease ")) }, 6},
		{"a word of a handout that is a transparency", func() { edit("handouts/4.3.md", replaceFirst("| 1. ", "| 1. First ")) }, 8},
		{"a module's title", func() { edit("modules/6.md", replaceFirst("title: ", "title: Renamed ")) }, 0},
		{"a new reference", func() { edit("modules/7.md", afterOverview("See Handout 9.1.")) }, 0},
		{"an activity's minutes", func() { edit("modules/8.md", replaceFirst("{minutes=", "{minutes=1")) }, 0},
		{"a new handout", func() {
			if err := os.WriteFile(filepath.Join(dir, "handouts", "2.4.md"), []byte("---\ntitle: Added\n---\n\nText.\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, 0},
		{"the handout removed", func() {
			if err := os.Remove(filepath.Join(dir, "handouts", "2.4.md")); err != nil {
				t.Fatal(err)
			}
		}, 0},
		{"the settings", func() { edit("curriculum.yaml", replaceFirst("title: ", "title: The ")) }, 0},
		{"a word after the settings changed", func() { edit("modules/3.md", afterOverview("Again")) }, 4},
		{"a theme's partial", func() {
			write("theme/partials/logo.html", `<img class="logo" src="{{.Root}}logo.png" alt="State seal">`)
		}, 0},
		{"the partial again", func() {
			write("theme/partials/logo.html", `<img class="logo" src="{{.Root}}logo.png" alt="The state seal">`)
		}, 0},
		{"an image", func() { write("logo.png", "PNG one") }, 0},
		{"the image again", func() { write("logo.png", "PNG two") }, 0},
		{"a word after the image", func() { edit("modules/3.md", afterOverview("Once")) }, 4},
	}
	cache := &generator.Cache{}
	for _, step := range steps {
		step.do()
		cached, cachedReport := generate(t, dir, cache)
		full, _ := generate(t, dir, nil)
		if !maps2Equal(cached, full) {
			for _, p := range diffPaths(cached, full) {
				t.Errorf("%s: %s differs from a build without the cache", step.name, p)
				if os.Getenv("CACHEDIFF") != "" {
					os.WriteFile("/tmp/cached.html", cached[p], 0o644)
					os.WriteFile("/tmp/full.html", full[p], 0o644)
				}
			}
			t.FailNow()
		}
		if step.maxPage > 0 && cachedReport.Rendered > step.maxPage {
			t.Errorf("%s: %d pages rendered, want at most %d", step.name, cachedReport.Rendered, step.maxPage)
		}
		t.Logf("%s: %d of %d pages rendered", step.name, cachedReport.Rendered, cachedReport.Pages)
	}
}

func generate(t *testing.T, dir string, cache *generator.Cache) (map[string][]byte, generator.Report) {
	t.Helper()
	fsys := os.DirFS(dir) // as serve reads it
	files := map[string][]byte{}
	report, err := generator.GenerateCached(fsys, dir, site.Options{}, func(p string, data []byte) error {
		files[p] = data
		return nil
	}, cache)
	if err != nil {
		t.Fatal(err)
	}
	return files, report
}

func maps2Equal(a, b map[string][]byte) bool { return len(diffPaths(a, b)) == 0 }

func diffPaths(a, b map[string][]byte) []string {
	var out []string
	for p, x := range a {
		if y, ok := b[p]; !ok || !bytes.Equal(x, y) {
			out = append(out, p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			out = append(out, p+" (missing)")
		}
	}
	slices.Sort(out)
	return out
}

// TestCachedGenerateTouched: after Cache.Touched, a Generate reads again the files it names,
// even when a save left their size and time as they were, and looks at no other file's.
func TestCachedGenerateTouched(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, 6, 3); err != nil {
		t.Fatal(err)
	}
	// rewrite writes word over the start of the module's overview, and gives the file its time
	// back: its size and time are as they were.
	rewrite := func(file, word string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(file))
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		at := bytes.Index(b, []byte("## Overview\n\n"))
		if at < 0 {
			t.Fatalf("no overview in %s", file)
		}
		at += len("## Overview\n\n")
		copy(b[at:], word)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
			t.Fatal(err)
		}
	}
	shows := func(files map[string][]byte, page, text string) bool {
		return bytes.Contains(files[page], []byte(text))
	}
	cache := &generator.Cache{}
	generate(t, dir, cache)

	// A save within the clock's resolution: size and time as they were.
	rewrite("modules/3.md", "Qzqzqz")
	cache.Touched([]string{"modules/3.md"})
	cached, report := generate(t, dir, cache)
	full, _ := generate(t, dir, nil)
	if !maps2Equal(cached, full) {
		t.Fatalf("after Touched, these differ from a build without the cache: %v", diffPaths(cached, full))
	}
	if !shows(cached, "modules/3/index.html", "Qzqzqz") || report.Rendered > 4 {
		t.Errorf("the touched module: its edit shown %v, %d pages rendered", shows(cached, "modules/3/index.html", "Qzqzqz"), report.Rendered)
	}

	// A file Touched does not name is not looked at; a Generate without Touched looks at all.
	rewrite("modules/4.md", "Yzyzyz")
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(dir, "modules", "4.md"), later, later); err != nil {
		t.Fatal(err)
	}
	cache.Touched([]string{"modules/5.md"})
	cached, _ = generate(t, dir, cache)
	if shows(cached, "modules/4/index.html", "Yzyzyz") {
		t.Error("a file Touched did not name was read again")
	}
	cached, _ = generate(t, dir, cache)
	full, _ = generate(t, dir, nil)
	if !maps2Equal(cached, full) || !shows(cached, "modules/4/index.html", "Yzyzyz") {
		t.Errorf("without Touched, these differ from a build without the cache: %v", diffPaths(cached, full))
	}
}

// TestCachedGenerateListing: with Touched, a Generate lists the folder again only when a file
// it names was made, removed or renamed, or the settings changed; an editor's file or the
// theme's touched leaves the listing as it was.
func TestCachedGenerateListing(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, 4, 5); err != nil {
		t.Fatal(err)
	}
	path := func(file string) string { return filepath.Join(dir, filepath.FromSlash(file)) }
	handout, err := os.ReadFile(path("handouts/2.1.md"))
	if err != nil {
		t.Fatal(err)
	}
	cache := &generator.Cache{}
	generate(t, dir, cache)
	steps := []struct {
		name    string
		change  func() error
		touched []string
		page    string // a page the build has, or has not
		has     bool
	}{
		{"a handout made", func() error { return os.WriteFile(path("handouts/2.9.md"), handout, 0o644) },
			[]string{"handouts/2.9.md"}, "handouts/2.9/index.html", true},
		{"an editor's file beside it", func() error { return os.WriteFile(path("handouts/.2.9.md.swp"), []byte("x"), 0o644) },
			[]string{"handouts/.2.9.md.swp", "theme/partials/none.html"}, "handouts/2.9/index.html", true},
		{"the handout renamed", func() error { return os.Rename(path("handouts/2.9.md"), path("handouts/2.8.md")) },
			[]string{"handouts/2.9.md", "handouts/2.8.md"}, "handouts/2.9/index.html", false},
		{"the handout removed", func() error { return os.Remove(path("handouts/2.8.md")) },
			[]string{"handouts/2.8.md"}, "handouts/2.8/index.html", false},
		{"a page made", func() error {
			if err := os.MkdirAll(path("notes"), 0o755); err != nil {
				return err
			}
			return os.WriteFile(path("notes/extra.md"), []byte("---\ntitle: Extra\n---\n\nA page.\n"), 0o644)
		}, []string{"notes/extra.md"}, "notes/extra/index.html", true},
		{"the page removed by the settings", func() error {
			b, err := os.ReadFile(path("curriculum.yaml"))
			if err != nil {
				return err
			}
			return os.WriteFile(path("curriculum.yaml"), append(b, "remove:\n  - page: notes/extra\n"...), 0o644)
		}, []string{"curriculum.yaml"}, "notes/extra/index.html", false},
		{"a module edited after", func() error {
			b, err := os.ReadFile(path("modules/2.md"))
			if err != nil {
				return err
			}
			return os.WriteFile(path("modules/2.md"), bytes.Replace(b, []byte("## Overview\n\n"), []byte("## Overview\n\nEdited. "), 1), 0o644)
		}, []string{"modules/2.md"}, "notes/extra/index.html", false},
	}
	for _, step := range steps {
		if err := step.change(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		cache.Touched(step.touched)
		cached, report := generate(t, dir, cache)
		full, fullReport := generate(t, dir, nil)
		if !maps2Equal(cached, full) {
			t.Errorf("%s: these differ from a build without the cache: %v", step.name, diffPaths(cached, full))
		}
		if _, ok := cached[step.page]; ok != step.has {
			t.Errorf("%s: %s is there: %v, want %v", step.name, step.page, ok, step.has)
		}
		if !slices.Equal(warningTexts(report.Warnings), warningTexts(fullReport.Warnings)) {
			t.Errorf("%s: the warnings differ from a build without the cache:\n%q\nwant\n%q", step.name, warningTexts(report.Warnings), warningTexts(fullReport.Warnings))
		}
	}
}

// lockedFolders is a folder as a user sees it who may not read some of its folders.
type lockedFolders struct {
	fs.FS
	locked map[string]bool
}

func (l lockedFolders) Open(name string) (fs.File, error) {
	if l.locked[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return l.FS.Open(name)
}

func (l lockedFolders) ReadDir(name string) ([]fs.DirEntry, error) {
	if l.locked[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return fs.ReadDir(l.FS, name)
}

// TestCachedGenerateListingAfterAFailedWalk: a listing that could not read a folder is not
// taken again, nor the one before it, once the folder can be read and the watcher names only
// another file (a reviewer's case: a change of permissions is no event of the watcher's).
func TestCachedGenerateListingAfterAFailedWalk(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, 3, 1); err != nil {
		t.Fatal(err)
	}
	fsys := lockedFolders{os.DirFS(dir), map[string]bool{}}
	build := func(cache *generator.Cache) (map[string][]byte, error) {
		files := map[string][]byte{}
		_, err := generator.GenerateCached(fsys, dir, site.Options{}, func(p string, data []byte) error {
			files[p] = data
			return nil
		}, cache)
		return files, err
	}
	cache := &generator.Cache{}
	if _, err := build(cache); err != nil {
		t.Fatal(err)
	}
	write := func(file, text string) {
		t.Helper()
		writeContentFile(t, dir, file, text)
	}
	module, err := os.ReadFile(filepath.Join(dir, "modules", "2.md"))
	if err != nil {
		t.Fatal(err)
	}
	// A folder is made, with a page, that cannot be read.
	write("notes/extra.md", "---\ntitle: Extra\n---\n\nA page.\n")
	fsys.locked["notes"] = true
	cache.Touched(nil) // a folder was made
	if _, err := build(cache); err == nil {
		t.Fatal("a folder that cannot be read gave no error")
	}
	for _, step := range []struct {
		name   string
		locked bool
	}{{"the folder still locked", true}, {"the folder unlocked", false}} {
		fsys.locked["notes"] = step.locked
		write("modules/2.md", string(module)+"\n"+step.name+".\n")
		cache.Touched([]string{"modules/2.md"})
		cached, cachedErr := build(cache)
		full, fullErr := build(nil)
		if (cachedErr == nil) != (fullErr == nil) {
			t.Errorf("%s: the error with the cache is %v, without it %v", step.name, cachedErr, fullErr)
		}
		if fullErr == nil && !maps2Equal(cached, full) {
			t.Errorf("%s: these differ from a build without the cache: %v", step.name, diffPaths(cached, full))
		}
	}
}

// writeContentFile writes text to the file at the slash path file of the content folder dir,
// making its folder, and returns the file's path.
func writeContentFile(t *testing.T, dir, file, text string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func warningTexts(ds []diag.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return out
}

// TestCachedGenerateTouchedAcrossFailures: the files Touched names are read again by the next
// Generate that gets as far as reading the files with settings, however many stop before; and
// Touched(nil), any file may have changed, overrides what it was told before.
func TestCachedGenerateTouchedAcrossFailures(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, 6, 3); err != nil {
		t.Fatal(err)
	}
	cache := &generator.Cache{}
	generate(t, dir, cache)
	gen := func() (map[string][]byte, error) {
		files := map[string][]byte{}
		_, err := generator.GenerateCached(os.DirFS(dir), dir, site.Options{}, func(p string, b []byte) error {
			files[p] = b
			return nil
		}, cache)
		return files, err
	}
	settings := filepath.Join(dir, "curriculum.yaml")
	saved, err := os.ReadFile(settings)
	if err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	overview := func(module, word string) {
		t.Helper()
		p := filepath.Join(dir, "modules", module+".md")
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), "## Overview\n\n", "## Overview\n\n"+word+" ", 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		later = later.Add(time.Second)
		if err := os.Chtimes(p, later, later); err != nil {
			t.Fatal(err)
		}
	}
	shows := func(files map[string][]byte, module, word string) bool {
		return strings.Contains(string(files["modules/"+module+"/index.html"]), word)
	}

	// The settings away for a while (a checkout, a move), a module edited meanwhile.
	if err := os.Rename(settings, settings+".away"); err != nil {
		t.Fatal(err)
	}
	cache.Touched([]string{"curriculum.yaml", "curriculum.yaml.away"})
	if _, err := gen(); err == nil {
		t.Fatal("a build without settings did not fail")
	}
	overview("3", "Qzqzqz")
	cache.Touched([]string{"modules/3.md"})
	gen()
	if err := os.Rename(settings+".away", settings); err != nil {
		t.Fatal(err)
	}
	cache.Touched([]string{"curriculum.yaml", "curriculum.yaml.away"})
	files, err := gen()
	if err != nil {
		t.Fatal(err)
	}
	if !shows(files, "3", "Qzqzqz") {
		t.Error("a module edited while the settings were away is stale once they are back")
	}

	// Settings that do not read, then any file may have changed.
	if err := os.WriteFile(settings, append([]byte("title: [unclosed\n"), saved...), 0o644); err != nil {
		t.Fatal(err)
	}
	cache.Touched([]string{"curriculum.yaml"})
	if _, err := gen(); err == nil {
		t.Fatal("a build with broken settings did not fail")
	}
	if err := os.WriteFile(settings, saved, 0o644); err != nil {
		t.Fatal(err)
	}
	overview("4", "Yzyzyz")
	cache.Touched(nil)
	files, err = gen()
	if err != nil {
		t.Fatal(err)
	}
	full, _ := generate(t, dir, nil)
	if !shows(files, "4", "Yzyzyz") || !maps2Equal(files, full) {
		t.Errorf("after Touched(nil), these differ from a build without the cache: %v", diffPaths(files, full))
	}
}

// TestCachedGenerateAfterRenderError: a Generate that fails while its pages render leaves
// nothing running that reads its model, which the next Generate with the same cache shares and
// links anew. Run with -race.
func TestCachedGenerateAfterRenderError(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, 200, 7); err != nil { // an index that takes a while
		t.Fatal(err)
	}
	// Every page fails at once, so that the index is the only reader of the model left.
	broken := filepath.Join(dir, "theme", "layouts", "baseof.html")
	if err := os.MkdirAll(filepath.Dir(broken), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(broken, []byte(`{{.NoSuchField}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := &generator.Cache{}
	emit := func(string, []byte) error { return nil }
	for range 10 { // each reads what the one before read, and links it anew
		if _, err := generator.GenerateCached(os.DirFS(dir), dir, site.Options{}, emit, cache); err == nil {
			t.Fatal("a layout that cannot execute: no error")
		}
	}
}
