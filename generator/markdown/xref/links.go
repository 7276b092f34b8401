package xref

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"curriculum/generator/markdown/fragment"
	"curriculum/generator/markdown/plain"
)

// SiteScheme marks a link or image destination that the resolver has turned into a site path
// ("site:closing/index.html#follow-up"). The renderer writes such a destination relative to the
// page being rendered, so that a markdown link to another file works from any page that shows
// it, at any depth, from file://.
const SiteScheme = "site:"

// LinkRenderer renders links and images, writing site: destinations relative to the page. It
// replaces goldmark's renderers for the two kinds and otherwise writes what they write.
type LinkRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (r LinkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, r.renderLink)
	reg.Register(ast.KindImage, r.renderImage)
}

// writeDestination writes the URL of a link or image, relative to the page for a site path.
func writeDestination(w util.BufWriter, dest []byte) {
	if path, ok := bytes.CutPrefix(dest, []byte(SiteScheme)); ok {
		fragment.WriteURL(w, string(path))
		return
	}
	if !html.IsDangerousURL(dest) {
		_, _ = w.Write(util.EscapeHTML(util.URLEscape(dest, true)))
	}
}

// writeTitle writes the title attribute of a link or image, when it has one.
func writeTitle(w util.BufWriter, title []byte) {
	if title == nil {
		return
	}
	_, _ = w.WriteString(` title="`)
	_, _ = w.Write(util.EscapeHTML(title))
	_ = w.WriteByte('"')
}

func (LinkRenderer) renderLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	writeDestination(w, n.Destination)
	_ = w.WriteByte('"')
	writeTitle(w, n.Title)
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func (LinkRenderer) renderImage(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	_, _ = w.WriteString(`<img src="`)
	writeDestination(w, n.Destination)
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.Write(util.EscapeHTML(AltText(n, source)))
	_ = w.WriteByte('"')
	writeTitle(w, n.Title)
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.ImageAttributeFilter)
	}
	_, _ = w.WriteString(">")
	return ast.WalkSkipChildren, nil
}

// AltText is the text of an image's description: ![this text](file.png).
func AltText(n *ast.Image, source []byte) []byte { return bytes.TrimSpace(plain.Text(n, source)) }
