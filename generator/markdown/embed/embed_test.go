package embed_test

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"testing"

	"curriculum/generator/markdown/embed"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/testutil"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// namingWriter embeds every block as a div holding its name.
type namingWriter struct{ *bufio.Writer }

func (namingWriter) Embed(w util.BufWriter, name string) error {
	if name == "broken" {
		return errors.New("broken embed")
	}
	_, _ = w.WriteString(`<div class="embed">` + name + "</div>\n")
	return nil
}

// namingRenderer hands goldmark's renderer a namingWriter, as the generator's pages do.
type namingRenderer struct{ renderer.Renderer }

func (r namingRenderer) Render(w io.Writer, source []byte, n ast.Node) error {
	nw := namingWriter{bufio.NewWriter(w)}
	if err := r.Renderer.Render(nw, source, n); err != nil {
		return err
	}
	return nw.Flush()
}

func newMarkdown() goldmark.Markdown { return goldmark.New(goldmark.WithExtensions(embed.Extension)) }

func TestEmbedCases(t *testing.T) {
	m := newMarkdown()
	m.SetRenderer(namingRenderer{m.Renderer()})
	testutil.DoTestCaseFile(m, "testdata/embeds.txt", t, testutil.ParseCliCaseArg()...)
}

func TestEmbedOffsetAndError(t *testing.T) {
	m := newMarkdown()
	src := []byte("Intro.\n\n  {{ broken }}\n")
	doc := m.Parser().Parse(text.NewReader(src))
	es := embed.Embeds(doc)
	if len(es) != 1 || es[0].Name != "broken" || string(src[es[0].Offset:es[0].Offset+6]) != "broken" {
		t.Fatalf("Embeds = %+v", es)
	}
	var out bytes.Buffer
	w := namingWriter{bufio.NewWriter(&out)}
	if err := m.Renderer().Render(w, src, doc); err == nil || err.Error() != "broken embed" {
		t.Errorf("Render error = %v, want the embedder's error", err)
	}
}
