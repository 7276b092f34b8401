package fragment_test

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"curriculum/generator/markdown"
	"curriculum/generator/markdown/fragment"
	"curriculum/generator/markdown/xref"
)

// page is a page at a site path, in a packet when prefix is set: it links to the documents it
// holds on the page.
type page struct {
	path, prefix string
	holds        string // a site path the page holds
}

func (p page) RelativeURL(to string) string {
	doc, frag, _ := strings.Cut(to, "#")
	switch {
	case doc == p.holds && frag == "":
		return "#held"
	case doc == p.holds:
		return "#held-" + frag
	case doc == p.path:
		if frag == "" {
			return ""
		}
		return "#" + frag
	}
	return "../../" + to
}

func (p page) Href(to string) string {
	if rel := p.RelativeURL(to); rel != "" {
		return rel
	}
	return "index.html"
}

func (p page) ID(anchor string) string {
	if p.prefix == "" {
		return anchor
	}
	return p.prefix + "-" + anchor
}

func (p page) Embed(w util.BufWriter, name string) error {
	_, err := fmt.Fprintf(w, "<div class=\"embed\">%s for %s</div>\n", name, p.path)
	return err
}

// writer renders straight to a page, as the extensions do with any writer that is a page.
type writer struct {
	*bufio.Writer
	page
}

const source = `## Working together {#together}

Refer participants to Handout 4.1 ("Partners") and see Module 2, then Module 4 and Transparency 4.2.

[The closing](site:modules/4/index.html#closing "Close") and ![A seal](site:images/seal & co.png) and [the web](https://example.org/a?b=1&c=2).

### Notes

{{schedule}}

A *reference* in a link: [see Handout 4.1](site:handouts/4.1/index.html).
`

// TestRenderIsDirectRendering: a fragment compiled once and rendered for a page is the HTML
// of rendering the document for that page directly, for pages that link to the references'
// targets, hold one of them, are one of them, or prefix the ids.
func TestRenderIsDirectRendering(t *testing.T) {
	md := markdown.New()
	src := []byte(source)
	doc := md.Parser().Parse(text.NewReader(src))
	// The references resolve as the content package resolves them.
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if ref, ok := n.(*xref.Ref); ok && entering {
			switch ref.Target {
			case xref.Handout:
				ref.Destination = "handouts/" + ref.Number + "/index.html"
			case xref.Module:
				ref.Destination = "modules/" + ref.Number + "/index.html"
			case xref.Transparency:
				ref.Destination = "transparencies/" + ref.Number + "/index.html"
			}
		}
		return ast.WalkContinue, nil
	})
	f, err := markdown.Compile(md, fragment.NewRecorder(), src, doc)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Embeds(); len(got) != 1 || got[0] != "schedule" {
		t.Errorf("Embeds() = %q", got)
	}
	for _, p := range []page{
		{path: "modules/4/index.html"},
		{path: "modules/2/index.html", prefix: "modules-2"},
		{path: "print/guide/index.html", prefix: "modules-4", holds: "handouts/4.1/index.html"},
		{path: "handouts/4.1/index.html"},
	} {
		var direct bytes.Buffer
		w := writer{bufio.NewWriter(&direct), p}
		if err := md.Renderer().Render(w, src, doc); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := f.Render(&got, p); err != nil {
			t.Fatal(err)
		}
		if got.String() != direct.String() {
			t.Errorf("page %s:\nfragment:\n%s\ndirect:\n%s", p.path, got.String(), direct.String())
		}
		for _, want := range []string{`id="` + p.ID("together") + `"`, "schedule for " + p.path} {
			if !strings.Contains(got.String(), want) {
				t.Errorf("page %s: no %q in\n%s", p.path, want, got.String())
			}
		}
	}
}

func TestTrimSpace(t *testing.T) {
	f := &fragment.Fragment{HTML: []byte(" \n\u00a0a b\n "), Ops: []fragment.Op{{At: 5, Kind: fragment.ID, Arg: "x"}}}
	g := f.TrimSpace()
	var out bytes.Buffer
	if err := g.Render(&out, page{path: "p", prefix: "q"}); err != nil {
		t.Fatal(err)
	}
	if out.String() != "aq-x b" {
		t.Errorf("got %q", out.String())
	}
}
