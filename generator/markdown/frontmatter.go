package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// frontMatter takes a file's front matter, the YAML between the --- line that starts the file
// and the next --- line, out of the body: the content package decodes it, with a position for
// every field. A file whose front matter is never closed never gets here.
type frontMatter struct{}

func (frontMatter) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(frontMatter{}, 0)))
}

func (frontMatter) Trigger() []byte { return []byte{'-'} }

func (frontMatter) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if line, _ := reader.Position(); line != 0 {
		return nil, parser.NoChildren
	}
	if line, _ := reader.PeekLine(); !IsFence(line) {
		return nil, parser.NoChildren
	}
	return ast.NewTextBlock(), parser.NoChildren
}

func (frontMatter) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, segment := reader.PeekLine()
	if IsFence(line) {
		reader.Advance(segment.Len())
		return parser.Close
	}
	return parser.Continue | parser.NoChildren
}

func (frontMatter) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	node.Parent().RemoveChild(node.Parent(), node)
}

func (frontMatter) CanInterruptParagraph() bool { return false }

func (frontMatter) CanAcceptIndentedLine() bool { return false }

// IsFence reports whether line is a front matter fence: dashes and nothing else, around them
// spaces (--- by convention).
func IsFence(line []byte) bool {
	line = bytes.TrimSpace(line)
	return len(line) > 0 && len(bytes.Trim(line, "-")) == 0
}
