package generator

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"curriculum/generator/check"
	"curriculum/generator/content"
	"curriculum/generator/diag"
	"curriculum/generator/markdown"
	"curriculum/generator/model"
	"curriculum/generator/output"
	"curriculum/generator/site"

	"github.com/yuin/goldmark"
)

// Options configure a build.
type Options struct {
	Source      string // the content folder
	Destination string // the site's folder
	BaseURL     string // the address the site is published at, or ""
	Edition     string // model.TrainerEdition (the default) or model.ParticipantEdition
	// Print, when set, is called once the whole site is written, with the folder it was
	// written to (not yet the destination) and the packets to print there; the site links
	// every packet's PDF. An error from Print leaves the destination as it was.
	Print func(dir string, packets []*site.Packet) error
}

// Report says what a build did.
type Report struct {
	site.Stats
	// Warnings are the diagnostics that did not stop the build, sorted by file and line.
	Warnings []diag.Diagnostic
}

// Build compiles the curriculum in opts.Source into a site in opts.Destination. When the
// content has errors, Build returns them as a diag.Errors and leaves the destination alone.
func Build(opts Options) (Report, error) {
	baseURL, err := normalizeBaseURL(opts.BaseURL)
	if err != nil {
		return Report{}, err
	}
	if err := CheckSource(opts.Source); err != nil {
		return Report{}, err
	}
	dest, err := filepath.Abs(opts.Destination)
	if err != nil {
		return Report{}, err
	}
	if err := output.Guard(dest, opts.Source); err != nil {
		return Report{}, err
	}
	// The output folder is created at the first file, so that content errors, which stop the
	// build before any file is rendered, leave no trace on disk.
	var out *output.Dir
	var opening sync.Mutex // pages are written on every core
	open := func() error {
		opening.Lock()
		defer opening.Unlock()
		if out != nil {
			return nil
		}
		var err error
		out, err = output.Create(dest, opts.Source)
		return err
	}
	if opts.Edition != "" && opts.Edition != model.TrainerEdition && opts.Edition != model.ParticipantEdition {
		return Report{}, fmt.Errorf("the edition is %q: it is %s (everything, the default) or %s (no trainer script)", opts.Edition, model.TrainerEdition, model.ParticipantEdition)
	}
	siteOpts := site.Options{BaseURL: baseURL, PDF: opts.Print != nil, Edition: opts.Edition,
		Create: func(p string) (io.WriteCloser, error) {
			if err := open(); err != nil {
				return nil, err
			}
			return out.Create(p)
		}}
	fsys, err := contentFS(opts.Source)
	if err != nil {
		return Report{}, err
	}
	report, err := Generate(fsys, DisplayPath(opts.Source), siteOpts, func(p string, data []byte) error {
		if err := open(); err != nil {
			return err
		}
		return out.WriteFile(p, data)
	})
	if err == nil {
		err = open()
	}
	if err == nil && opts.Print != nil {
		err = opts.Print(out.Path(), report.Packets)
	}
	if err != nil {
		if out != nil {
			out.Abort()
		}
		return report, err
	}
	return report, out.Commit()
}

// Generate builds the site of the curriculum in fsys and hands each file to emit; it writes
// nothing itself. display names the content folder in diagnostics; opts are the render's. When the content has
// errors, emit is never called.
func Generate(fsys fs.FS, display string, opts site.Options, emit site.Emit) (Report, error) {
	return GenerateCached(fsys, display, opts, emit, nil)
}

// A Cache keeps what a Generate read and rendered, so that the next Generate of the same
// content folder reads only the files that changed and renders only the pages they change.
// serve keeps one.
type Cache struct {
	content content.Cache
	site    site.Cache
}

// Touched tells the cache that only the files at paths, slash paths in the content folder, may
// have changed since the last GenerateCached with it, or, with nil paths, that any file may have
// (see content.Cache.Touched).
func (c *Cache) Touched(paths []string) { c.content.Touched(paths) }

// GenerateCached is Generate with a cache, which it uses and updates; a nil cache is no cache.
// Generate with a cache one folder, one at a time.
func GenerateCached(fsys fs.FS, display string, opts site.Options, emit site.Emit, cache *Cache) (Report, error) {
	md := markdown.New()
	var contentCache *content.Cache
	var siteCache *site.Cache
	if cache != nil {
		contentCache, siteCache = &cache.content, &cache.site
	}
	cur, diags := content.LoadCached(fsys, display, md, contentCache)
	if err := diags.Err(); err != nil || cur == nil {
		// Not checked with errors: a module whose duration did not read, or a reference that
		// did not resolve, would make the checks report their consequences as mistakes of
		// their own. The loader's own warnings (pasted text, images) come either way.
		return Report{Warnings: warnings(diags)}, err
	}
	// The checks only warn, and only read the model, as the render does: they run alongside
	// it, on the core it leaves free while it lists the pages.
	checked := make(chan struct{})
	go func() {
		defer close(checked)
		check.Run(cur, diags)
	}()
	report, err := render(cur, md, fsys, display, opts, emit, siteCache)
	<-checked
	report.Warnings = warnings(diags)
	if err == nil && diags.HasErrors() { // were a check to stop the build
		if siteCache != nil {
			*siteCache = site.Cache{}
		}
		return report, diags.Err()
	}
	return report, err
}

// warnings are the warnings of diags, sorted by file and line.
func warnings(diags *diag.List) []diag.Diagnostic {
	var ws []diag.Diagnostic
	for _, d := range diags.Sorted() {
		if d.Severity == diag.Warning {
			ws = append(ws, d)
		}
	}
	return ws
}

// render renders the site of cur, with the theme folders of the content folder fsys.
func render(cur *model.Curriculum, md goldmark.Markdown, fsys fs.FS, display string, opts site.Options, emit site.Emit, siteCache *site.Cache) (Report, error) {
	// The theme folders of the content, an adaptation's before its base's, come before the
	// default theme, each named as the user knows it.
	layers := []content.Layer{{FS: fsys, Display: display}}
	if o, ok := fsys.(interface{ Layers() []content.Layer }); ok {
		layers = o.Layers()
	}
	var themes []site.Layer
	for _, l := range layers {
		if info, err := fs.Stat(l.FS, content.ThemeDir); err == nil && info.IsDir() {
			theme, _ := fs.Sub(l.FS, content.ThemeDir)
			themes = append(themes, site.Layer{Name: l.Display + "/" + content.ThemeDir, FS: theme})
		}
	}
	opts.Layers = append(themes, opts.Layers...)
	stats, err := site.RenderCached(cur, md, fsys, opts, emit, siteCache)
	return Report{Stats: stats}, err
}

// Check runs every check a build runs on the curriculum in source, rendering every page
// through the theme, and writes nothing. The report's Warnings are the warnings; the error is
// a diag.Errors when the content has errors, or another error when source cannot be read.
func Check(source string) (Report, error) {
	if err := CheckSource(source); err != nil {
		return Report{}, err
	}
	fsys, err := contentFS(source)
	if err != nil {
		return Report{}, err
	}
	return Generate(fsys, DisplayPath(source), site.Options{}, func(string, []byte) error { return nil })
}

// contentFS is the content folder at source as the build reads it: with an adaptation's
// bases under it (see content.Layers).
func contentFS(source string) (fs.FS, error) {
	layers, err := content.Layers(source, DisplayPath(source))
	if err != nil {
		return nil, err
	}
	return content.NewOverlay(layers), nil
}

// checkSource says plainly when the source folder is missing.
func CheckSource(source string) error {
	info, err := os.Stat(source)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("the source folder %s does not exist: run curriculum in the folder that holds content/, or name the folder with -s", source)
	case err != nil:
		return fmt.Errorf("cannot read the source folder: %w", err)
	case !info.IsDir():
		return fmt.Errorf("the source %s is a file: -s names the content folder", source)
	}
	return nil
}

// DisplayPath is how diagnostics name the content folder: as the user gave it, with slashes.
func DisplayPath(source string) string {
	return strings.TrimSuffix(filepath.ToSlash(filepath.Clean(source)), "/")
}

// normalizeBaseURL checks the base URL and gives it a trailing slash.
func normalizeBaseURL(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("--baseURL %q is not a web address: write it in full, like https://training.example.gov/partnerships/", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String(), nil
}
