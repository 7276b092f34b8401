// Package highlight colours fenced code blocks with chroma, through CSS classes. It carries
// its own small set of chroma's lexers (and the one style the site's stylesheet is made from)
// and reads them the first time a code block asks for one: chroma's registries of every
// lexer and style are read when a program starts, which would cost every run of curriculum
// some 40 ms, more than building the whole seed curriculum, for code blocks that a training
// curriculum seldom has.
//
// The lexers and the style are chroma's own definitions (see COPYING.chroma): bash, CSS, diff,
// HTML, INI, JavaScript, JSON, plain text, PowerShell, Python, SQL, TOML, XML and YAML. A block
// in another language is written as goldmark writes it, unhighlighted.
package highlight

import (
	"bytes"
	"embed"
	"io/fs"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// StyleName is the chroma style the site's stylesheet of code is made from.
const StyleName = "github"

//go:embed lexers/*.xml styles/*.xml
var definitions embed.FS

var (
	loadRegistry = sync.OnceValue(func() *chroma.LexerRegistry {
		reg := chroma.NewLexerRegistry()
		paths, _ := fs.Glob(definitions, "lexers/*.xml")
		for _, p := range paths {
			// The definitions are chroma's, embedded: TestDefinitions reads every one.
			reg.Register(chroma.MustNewXMLLexer(definitions, p))
		}
		return reg
	})
	loadStyle = sync.OnceValues(func() (*chroma.Style, error) {
		f, err := definitions.Open("styles/" + StyleName + ".xml")
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return chroma.NewXMLStyle(f)
	})
)

// Lexer is the lexer of a code block's language, by name or alias as chroma knows them
// ("yaml", "sh", "JSON"), or nil.
func Lexer(language string) chroma.Lexer { return loadRegistry().Get(language) }

// CSS is the stylesheet of the classes highlighted code is written with.
func CSS() ([]byte, error) {
	style, err := loadStyle()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := formatter.WriteCSS(&buf, style); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

var formatter = chromahtml.New(chromahtml.WithClasses(true))

// Extension renders fenced code blocks highlighted.
var Extension goldmark.Extender = extension{}

type extension struct{}

func (extension) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(codeRenderer{html.NewWriter()}, 200)))
}

type codeRenderer struct{ writer html.Writer }

func (r codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.render)
}

func (r codeRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	language := n.Language(source)
	var code bytes.Buffer
	for i := range n.Lines().Len() {
		line := n.Lines().At(i)
		code.Write(line.Value(source))
	}
	if language != nil {
		if lexer := Lexer(string(language)); lexer != nil {
			style, err := loadStyle()
			if err != nil {
				return ast.WalkStop, err
			}
			tokens, err := chroma.Coalesce(lexer).Tokenise(nil, code.String())
			if err == nil {
				return ast.WalkContinue, formatter.Format(w, style, tokens)
			}
		}
	}
	_, _ = w.WriteString("<pre><code")
	if language != nil {
		_, _ = w.WriteString(` class="language-`)
		r.writer.Write(w, language)
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	r.writer.RawWrite(w, code.Bytes())
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkContinue, nil
}
