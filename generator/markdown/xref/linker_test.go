package xref_test

import (
	"bufio"
	"io"
	"strings"
)

// linker is a minimal fragment.Page for pages two folders deep.
type linker struct {
	*bufio.Writer
	page string
}

func bufioWriter(w io.Writer) *bufio.Writer { return bufio.NewWriter(w) }

func (l linker) Href(path string) string {
	if rel := l.RelativeURL(path); rel != "" {
		return rel
	}
	return "../../" + path
}

func (l linker) RelativeURL(path string) string {
	p, frag, _ := strings.Cut(path, "#")
	if p == l.page {
		if frag == "" {
			return ""
		}
		return "#" + frag
	}
	return "../../" + path
}
