// Package adapt tells a state what its adaptation changes against its base curriculum, and
// which of the base's files it replaced have changed upstream since it last looked: the
// corrections it may want to merge. It also starts a new adaptation.
//
// An adaptation records, in the hidden file .curriculum-base.sum, the SHA-256 of each base
// file it replaces, as the base was when the adaptation took it (curriculum status --record).
package adapt

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"curriculum/generator/content"
	"curriculum/generator/scaffold"
)

// SumFile is where an adaptation records the base files it replaces, by their hashes.
const SumFile = ".curriculum-base.sum"

// File is a file of an adaptation against its base.
type File struct {
	Path string // in the content folder: "handouts/4.2.md"
	// Base is the display path of the base file an override replaces: "content/handouts/4.2.md".
	Base string
	// Recorded is false for an override whose base file was never recorded; Changed is set when
	// the base file's hash differs from the recorded one.
	Recorded, Changed bool

	sum string // the base file's hash, now
}

// Report is what an adaptation changes against its base.
type Report struct {
	Adaptation string   // its display path
	Bases      []string // the display paths of its bases, nearest first
	Overrides  []File   // files that replace the base's
	Additions  []string // files the base does not have
	Removals   []string // what the settings remove, as written: "activity: 1.4"
}

// Status compares the adaptation in dir (display in messages) with its bases.
func Status(dir, display string) (*Report, error) {
	layers, err := content.Layers(dir, display)
	if err != nil {
		return nil, err
	}
	if len(layers) < 2 {
		return nil, fmt.Errorf("%s is not an adaptation: its %s names no base (add base: and the path of the base curriculum's folder)", display, content.SettingsFile)
	}
	top, below := layers[0], layers[1:]
	r := &Report{Adaptation: display}
	for _, l := range below {
		r.Bases = append(r.Bases, l.Display)
	}
	sums, err := readSums(top.FS)
	if err != nil {
		return nil, err
	}
	base := content.NewOverlay(below)
	err = fs.WalkDir(top.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && content.EditorFile(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || p == content.SettingsFile {
			return nil
		}
		data, err := fs.ReadFile(base, p)
		if errors.Is(err, fs.ErrNotExist) {
			r.Additions = append(r.Additions, p)
			return nil
		}
		if err != nil {
			return err
		}
		f := File{Path: p, Base: origin(below, p) + "/" + p, sum: hash(data)}
		if sum, ok := sums[p]; ok {
			f.Recorded, f.Changed = true, sum != f.sum
		}
		r.Overrides = append(r.Overrides, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	r.Removals, err = removals(top.FS)
	return r, err
}

// Record writes the hashes of the base files the adaptation in dir replaces, as they are now:
// the adaptation has taken in the base's changes to them.
func Record(dir, display string) (*Report, error) {
	r, err := Status(dir, display)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(sumHeader)
	for i, f := range r.Overrides {
		fmt.Fprintf(&b, "%s  %s\n", f.sum, f.Path)
		r.Overrides[i].Recorded, r.Overrides[i].Changed = true, false
	}
	return r, os.WriteFile(filepath.Join(dir, SumFile), b.Bytes(), 0o644)
}

// sumHeader opens the file of recorded hashes.
const sumHeader = "# The base files this adaptation replaces, as they were when it took them in.\n# Written by curriculum status --record; curriculum status compares the base with them.\n"

func hash(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// readSums reads the recorded hashes: "HASH  path" lines.
func readSums(fsys fs.FS) (map[string]string, error) {
	sums := map[string]string{}
	data, err := fs.ReadFile(fsys, SumFile)
	if errors.Is(err, fs.ErrNotExist) {
		return sums, nil
	}
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		sum, p, ok := strings.Cut(line, "  ")
		if ok {
			sums[strings.TrimSpace(p)] = sum
		}
	}
	return sums, sc.Err()
}

// origin is the display path of the top-most layer that has the file p.
func origin(layers []content.Layer, p string) string {
	for _, l := range layers {
		if _, err := fs.Stat(l.FS, p); err == nil {
			return l.Display
		}
	}
	return ""
}

// removals lists the items of the adaptation's own remove list, as written.
func removals(fsys fs.FS) ([]string, error) {
	src, err := fs.ReadFile(fsys, content.SettingsFile)
	if err != nil {
		return nil, err
	}
	var s struct {
		Remove []map[string]string `yaml:"remove"`
	}
	if err := yaml.Unmarshal(src, &s); err != nil {
		return nil, nil // the build reports it, at its line
	}
	var out []string
	for _, item := range s.Remove {
		for _, k := range slices.Sorted(maps.Keys(item)) {
			out = append(out, k+": "+item[k])
		}
	}
	return out, nil
}

// New starts an adaptation in dir of the curriculum in base: its settings, naming the base
// and giving example variables and removals as comments, an example colour stylesheet, and the
// record of the (still no) base files it replaces. dir must not exist or be empty.
func New(dir, base string) ([]string, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s already holds files: start an adaptation in a new folder", dir)
	}
	if info, err := os.Stat(filepath.Join(base, content.SettingsFile)); err != nil || info.IsDir() {
		return nil, fmt.Errorf("%s has no %s: --base names the content folder of the curriculum to adapt", base, content.SettingsFile)
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	absBase, err := filepath.Abs(base)
	if err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(absDir, absBase)
	if err != nil {
		return nil, err
	}
	files := map[string]string{
		content.SettingsFile:          fmt.Sprintf(settingsTemplate, filepath.ToSlash(rel)),
		"theme/static/css/custom.css": customCSS,
		SumFile:                       sumHeader,
	}
	var written []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := scaffold.Create(dir, scaffold.File{Path: name, Name: name, Text: []byte(files[name])}); err != nil {
			return written, err
		}
		written = append(written, path.Join(filepath.ToSlash(dir), name))
	}
	return written, nil
}

const settingsTemplate = `# An adaptation of a curriculum: this folder holds only what it changes.
#
# - A file here at the same path as one of the base (modules/4.md, handouts/4.2.md)
#   replaces it; a new file (handouts/4.4.md) adds to it.
# - A setting here (title, participants, the day…) replaces the base's; the others stay.
# - curriculum status lists what this folder changes, and which base files it replaces
#   have changed since: run curriculum status --record once you have taken them in.

# The base curriculum's content folder, relative to this folder.
base: %s

# Names the text can use as {{state}} or {{agency}}: "Call the {{agency}} hotline".
variables:
  state: Your State
  agency: Your Agency

# What to take out of the base. Numbers are the base's.
# remove:
#   - handout: 4.3
#   - activity: 1.4
#   - page: further-reading/developing-community-partnerships
`

const customCSS = `/*
 * This adaptation's colours and fonts: the custom properties of the default theme's
 * style.css. Keep text at 4.5:1 contrast or more on its background (WCAG 2.1 AA).
 *
 * :root { --brand: #5c2d91; --font-body: Georgia, serif; }
 */
`
