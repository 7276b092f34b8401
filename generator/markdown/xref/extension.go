package xref

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Extension adds cross-references to a goldmark.Markdown.
var Extension goldmark.Extender = extender{}

type extender struct{}

func (extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(NewParser(), 999)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(Renderer{}, 500),
		util.Prioritized(LinkRenderer{}, 500),
	))
}
