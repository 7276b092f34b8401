package xref_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"curriculum/generator/markdown/xref"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/testutil"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// fakeCurriculum has Handouts and Transparencies 4.1–4.3, Modules 1–4, and two activities.
type fakeCurriculum struct{}

func (fakeCurriculum) Resolve(ref *xref.Ref) (string, error) {
	switch ref.Target {
	case xref.Handout, xref.Transparency:
		if slices.Contains([]string{"4.1", "4.2", "4.3"}, ref.Number) {
			folder := map[xref.Target]string{xref.Handout: "handouts", xref.Transparency: "transparencies"}[ref.Target]
			return folder + "/" + ref.Number + "/index.html", nil
		}
		if ref.Target == xref.Transparency {
			return "", fmt.Errorf("unknown transparency %q", ref.Number)
		}
	case xref.Module:
		if slices.Contains([]string{"1", "2", "3", "4"}, ref.Number) {
			return "modules/" + ref.Number + "/index.html", nil
		}
	case xref.Activity:
		module := "4"
		if ref.Module != "" {
			module = ref.Module
		}
		if slices.Contains([]string{"1", "2"}, ref.Number) {
			return "modules/" + module + "/index.html#activity-" + ref.Number, nil
		}
	}
	return "", fmt.Errorf("unknown %s %q", ref.Target, ref.Number)
}

type resolveTransformer struct{ errs *[]string }

func (r resolveTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	xref.Resolve(doc, fakeCurriculum{}, func(ref *xref.Ref, err error) {
		*r.errs = append(*r.errs, fmt.Sprintf("%d: %v", ref.Offset, err))
	})
}

func newMarkdown(errs *[]string) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(xref.Extension),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(resolveTransformer{errs}, 999))),
	)
}

func TestRefCases(t *testing.T) {
	var errs []string
	testutil.DoTestCaseFile(newMarkdown(&errs), "testdata/refs.txt", t, testutil.ParseCliCaseArg()...)
}

func TestResolveReportsEveryUnknownTarget(t *testing.T) {
	var errs []string
	var out bytes.Buffer
	src := "Refer to Handout 4.9 and Module 7.\n\nSee Transparencies 4.1 and 5.2."
	if err := newMarkdown(&errs).Convert([]byte(src), &out); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`9: unknown handout "4.9"`,
		`25: unknown module "7"`,
		`63: unknown transparency "5.2"`,
	}
	if !slices.Equal(errs, want) {
		t.Errorf("errors = %q\nwant %q", errs, want)
	}
	for _, e := range want[:2] {
		var off int
		fmt.Sscanf(e, "%d:", &off)
		if !strings.HasPrefix(src[off:], "Handout 4.9") && !strings.HasPrefix(src[off:], "Module 7") {
			t.Errorf("offset %d points at %q", off, src[off:])
		}
	}
	if off := 63; !strings.HasPrefix(src[off:], "5.2") {
		t.Errorf("offset of a list's second number points at %q", src[off:])
	}
}

func TestLinkerMakesLinksRelative(t *testing.T) {
	var errs []string
	md := newMarkdown(&errs)
	src := []byte("Module 4. Activity 2 and Handout 4.1")
	doc := md.Parser().Parse(text.NewReader(src))
	var out bytes.Buffer
	w := linker{Writer: bufioWriter(&out), page: "modules/4/index.html"}
	if err := md.Renderer().Render(w, src, doc); err != nil {
		t.Fatal(err)
	}
	_ = w.Flush()
	want := `<p>Module 4. <a class="ref ref-activity" href="#activity-2">Activity 2</a> and <a class="ref ref-handout" href="../../handouts/4.1/index.html">Handout 4.1</a></p>` + "\n"
	if out.String() != want {
		t.Errorf("got  %s\nwant %s", out.String(), want)
	}
}

func TestTargetString(t *testing.T) {
	if got := xref.Target(9).String(); got != "Target(9)" {
		t.Errorf("Target(9).String() = %q", got)
	}
}

// FuzzXref parses and resolves references in arbitrary text: every reference it reports lies
// in the text, and rendering never panics.
func FuzzXref(f *testing.F) {
	for _, s := range []string{
		"Refer participants to Handouts 4.1 and 4.2 and place Transparency 4.3 on the overhead.",
		"As in Module Three, Activity 2 (see Module 3, Activity 2), and Modules 1, 2 and 4.",
		"Handout 4.9, Transparency 4.x, Module Forty, Activity , Handouts 4.1, 4.2, and 4.",
		"[Handout 4.1](../x.md) # Module 4\n\n## Handout 4.2\n`Handout 4.3`",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var errs []string
		md := newMarkdown(&errs)
		doc := md.Parser().Parse(text.NewReader([]byte(src)))
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if ref, ok := n.(*xref.Ref); ok && entering && (ref.Offset < 0 || ref.Offset > len(src)) {
				t.Errorf("a reference at offset %d, outside the text of %d bytes", ref.Offset, len(src))
			}
			return ast.WalkContinue, nil
		})
		var buf bytes.Buffer
		if err := md.Renderer().Render(&buf, []byte(src), doc); err != nil {
			t.Errorf("render: %v", err)
		}
	})
}
