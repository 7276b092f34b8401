package highlight_test

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"

	"curriculum/generator/markdown/highlight"
)

// TestDefinitions: every lexer carried here loads, and colours text exactly as chroma's own
// registry does; the stylesheet is chroma's for the style.
func TestDefinitions(t *testing.T) {
	entries, err := os.ReadDir("lexers")
	if err != nil {
		t.Fatal(err)
	}
	samples := "---\ntitle: Partners\n# a comment\necho \"$HOME\" && ls -la\n<p class=\"x\">a &amp; b</p>\nSELECT 1 FROM t;\n{\"a\": [1, 2.5, true]}\n"
	f := chromahtml.New(chromahtml.WithClasses(true))
	for _, e := range entries {
		data, _ := fs.ReadFile(os.DirFS("lexers"), e.Name())
		name := between(string(data), "<name>", "</name>")
		ours := highlight.Lexer(name)
		if ours == nil {
			t.Errorf("%s: no lexer named %q", e.Name(), name)
			continue
		}
		theirs := lexers.Get(name)
		if theirs == nil || !strings.EqualFold(theirs.Config().Name, name) {
			t.Errorf("%s: chroma has no lexer %q to compare with", e.Name(), name)
			continue
		}
		format := func(l chroma.Lexer) string {
			it, err := chroma.Coalesce(l).Tokenise(nil, samples)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			var b bytes.Buffer
			if err := f.Format(&b, styles.Get(highlight.StyleName), it); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
		if got, want := format(ours), format(theirs); got != want {
			t.Errorf("%s colours differently from chroma's:\n got %s\nwant %s", path.Base(e.Name()), got, want)
		}
	}
	css, err := highlight.CSS()
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := f.WriteCSS(&want, styles.Get(highlight.StyleName)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(css, want.Bytes()) || len(css) < 1000 {
		t.Errorf("the stylesheet differs from chroma's %s style (%d bytes, want %d)", highlight.StyleName, len(css), want.Len())
	}
}

func between(s, open, close string) string {
	_, after, _ := strings.Cut(s, open)
	v, _, _ := strings.Cut(after, close)
	return v
}

// TestBlocks: a known language is coloured with classes; an unknown one, or none, is written
// plainly and escaped.
func TestBlocks(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(highlight.Extension))
	for _, c := range []struct{ src, want string }{
		{"```yaml\ntitle: A\n```\n", `<pre class="chroma"><code><span class="line"><span class="cl"><span class="nt">title</span><span class="p">:</span>`},
		{"```SH\necho hi\n```\n", `<span class="nb">echo</span>`},
		{"```klingon\nQapla' <b>\n```\n", "<pre><code class=\"language-klingon\">Qapla' &lt;b&gt;\n</code></pre>\n"},
		{"```\na < b\n```\n", "<pre><code>a &lt; b\n</code></pre>\n"},
	} {
		var out bytes.Buffer
		if err := md.Convert([]byte(c.src), &out); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), c.want) {
			t.Errorf("%q:\n got %s\nwant %s", c.src, out.String(), c.want)
		}
		if strings.Contains(out.String(), "style=") {
			t.Errorf("%q: inline style in %s", c.src, out.String())
		}
	}
}
