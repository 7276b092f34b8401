package markdown_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"curriculum/generator/markdown"
)

// TestConfiguration checks each option of the one goldmark configuration.
func TestConfiguration(t *testing.T) {
	src := "---\ntitle: Front matter\n---\n\n" +
		"## Roles {#roles}\n\n" +
		"\"It's\" -- a test --- of dashes...\n\n" +
		"| A | B |\n| --- | --- |\n| 1. | |\n\n" +
		"```yaml\ntitle: Partners\n```\n\n" +
		"See www.nrcoi.org.\n\n" +
		"<script>alert(1)</script>\n"
	var out bytes.Buffer
	if err := markdown.New().Convert([]byte(src), &out); err != nil {
		t.Fatal(err)
	}
	html := out.String()
	for _, want := range []string{
		`<h2 id="roles">Roles</h2>`,
		"<p>“It’s” – a test — of dashes…</p>",
		"<table>\n<thead>\n<tr>\n<th>A</th>",
		`<pre class="chroma"><code><span class="line"><span class="cl"><span class="nt">title</span>`,
		`<a href="http://www.nrcoi.org">www.nrcoi.org</a>`,
		"<!-- raw HTML omitted -->",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("output does not hold %q:\n%s", want, html)
		}
	}
	for _, bad := range []string{"Front matter", "style=", "<script>"} {
		if strings.Contains(html, bad) {
			t.Errorf("output holds %q:\n%s", bad, html)
		}
	}
}

// TestFrontMatter: the front matter at the top of a file is taken out of the body, whatever
// YAML it holds; a --- line further down is a rule, and --- in the middle of text stays text.
func TestFrontMatter(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"---\ntitle: T\nserves:\n- 1\n- 2\n---\nBody.\n", "<p>Body.</p>\n"},
		{"---  \ntitle: T\n-----\n\nBody.\n\n---\n\nAfter.\n", "<p>Body.</p>\n<hr>\n<p>After.</p>\n"},
		{"---\n---\nBody.\n", "<p>Body.</p>\n"},
		{"Body.\n\n---\ntitle: T\n---\n", "<p>Body.</p>\n<hr>\n<h2>title: T</h2>\n"},
	} {
		var out bytes.Buffer
		if err := markdown.New().Convert([]byte(c.src), &out); err != nil {
			t.Fatal(err)
		}
		if got := regexpID.ReplaceAllString(out.String(), ""); got != c.want {
			t.Errorf("%q: got %q, want %q", c.src, got, c.want)
		}
	}
}

var regexpID = regexp.MustCompile(` id="[^"]*"`)

func TestPlainText(t *testing.T) {
	md := markdown.New()
	src := []byte("## Step: *Debrief* the `exercise`—you can't\ndo it alone!\n")
	doc := md.Parser().Parse(textReader(src))
	got := markdown.PlainText(doc.FirstChild(), src)
	if want := "Step: Debrief the exercise—you can’t"; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
}
