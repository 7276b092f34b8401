package site

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// Layer is one source of layouts, partials and static files. Layers are searched in order:
// an adapter's theme folder first, then the default theme.
type Layer struct {
	Name string // for messages: "theme", "content/theme"
	FS   fs.FS
}

// layoutCandidates returns, in the order they are tried, the files a page of this kind may be
// rendered with, as "layer:path": the kind's own layout in every layer, then the generic
// page layout in every layer.
func layoutCandidates(kind string, layers []string) []string {
	var out []string
	for _, l := range layers {
		out = append(out, l+":layouts/"+kind+".html")
	}
	if kind != "page" {
		for _, l := range layers {
			out = append(out, l+":layouts/page.html")
		}
	}
	return out
}

// fileCandidates returns, in order, the places a file at path may come from: every layer.
func fileCandidates(path string, layers []string) []string {
	out := make([]string, len(layers))
	for i, l := range layers {
		out[i] = l + ":" + path
	}
	return out
}

// find returns the first candidate that exists, its content and the candidate itself.
func find(layers []Layer, candidates []string) ([]byte, string, error) {
	for _, c := range candidates {
		name, path, _ := strings.Cut(c, ":")
		for _, l := range layers {
			if l.Name != name {
				continue
			}
			b, err := fs.ReadFile(l.FS, path)
			if err == nil {
				return b, c, nil
			}
			if !errors.Is(err, fs.ErrNotExist) {
				return nil, c, fmt.Errorf("%s: %w", c, err)
			}
		}
	}
	return nil, "", fmt.Errorf("none of %s exists", strings.Join(candidates, ", "))
}

func layerNames(layers []Layer) []string {
	names := make([]string, len(layers))
	for i, l := range layers {
		names[i] = l.Name
	}
	return names
}
