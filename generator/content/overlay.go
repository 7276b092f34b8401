package content

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"curriculum/generator/internal/plainfile"
)

// An adaptation is a content folder whose settings name a base ("base: ../content"): it holds
// only what it changes. A file at the same path replaces the base's; a new file adds; the
// settings' remove list takes out pages, handouts, transparencies and activities of the base;
// the other settings replace the base's one by one. Adaptations stack: a county on a state on
// the national base.

// Layer is one folder of an adaptation's chain: the adaptation first, its base last.
type Layer struct {
	FS      fs.FS
	Dir     string // on disk
	Display string // in diagnostics: "content", "maryland"
}

// Layers reads the chain of bases from the content folder at dir, shown as display in
// diagnostics: the folder itself, then its base, its base's base, and so on.
func Layers(dir, display string) ([]Layer, error) {
	var layers []Layer
	for {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return nil, err
		}
		if slices.ContainsFunc(layers, func(l Layer) bool { return l.Dir == abs }) {
			return nil, fmt.Errorf("%s/%s: base: the bases go round in a circle back to %s; a base must not name an adaptation built on it", display, SettingsFile, display)
		}
		l := Layer{FS: plainfile.DirFS(dir), Dir: abs, Display: display}
		layers = append(layers, l)
		base, line, err := readBase(l.FS)
		if err != nil || base == "" {
			return layers, nil // a settings file that does not read is reported by Load
		}
		next := filepath.Join(dir, filepath.FromSlash(base))
		if info, err := os.Stat(next); err != nil || !info.IsDir() {
			return nil, fmt.Errorf("%s/%s:%d: base: %s is not a folder (looked for %s): write the path of the base curriculum's content folder, relative to %s", display, SettingsFile, line, base, next, display)
		}
		dir, display = next, path.Clean(path.Join(display, base))
	}
}

// readBase reads the base named by the settings file of fsys, and its line.
func readBase(fsys fs.FS) (string, int, error) {
	src, err := fs.ReadFile(fsys, SettingsFile)
	if err != nil {
		return "", 0, err
	}
	var doc struct {
		Base yaml.Node `yaml:"base"`
	}
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return "", 0, err
	}
	return strings.TrimSpace(doc.Base.Value), doc.Base.Line, nil
}

// overlay is the merged view of an adaptation's layers: a path is the top-most layer's.
type overlay struct {
	layers []Layer
}

// NewOverlay returns the merged view of layers, the adaptation first. It reads as one content
// folder; Origin tells which layer a file comes from.
func NewOverlay(layers []Layer) fs.FS {
	if len(layers) == 1 {
		return layers[0].FS
	}
	return &overlay{layers: layers}
}

func (o *overlay) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	var lastErr error
	for _, l := range o.layers {
		f, err := l.FS.Open(name)
		if err == nil {
			return f, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

// ReadDir merges the folder's entries in every layer, the top-most winning.
func (o *overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	var out []fs.DirEntry
	found := false
	var lastErr error
	for _, l := range o.layers {
		entries, err := fs.ReadDir(l.FS, name)
		if err != nil {
			lastErr = err
			continue
		}
		found = true
		for _, e := range entries {
			if !slices.ContainsFunc(out, func(x fs.DirEntry) bool { return x.Name() == e.Name() }) {
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, lastErr
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// Origin is the display path of the layer the file at name comes from.
func (o *overlay) Origin(name string) string {
	for _, l := range o.layers {
		if _, err := fs.Stat(l.FS, name); err == nil {
			return l.Display
		}
	}
	return o.layers[0].Display
}

// Layers are the overlay's layers, the adaptation first.
func (o *overlay) Layers() []Layer { return o.layers }

// layered is what Load asks of an overlay.
type layered interface {
	Origin(name string) string
	Layers() []Layer
}
