package content

import (
	"bytes"

	"github.com/yuin/goldmark/ast"

	"curriculum/generator/diag"
	"curriculum/generator/model"
)

// nodeOffset is the byte offset where a block node's text starts, or -1 when it has none.
func nodeOffset(n ast.Node) int {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
		if off := nodeOffset(c); off >= 0 {
			return off
		}
	}
	return -1
}

// nodePos is the position of a block node: its line, column 1.
func (l *loader) nodePos(doc *model.Document, n ast.Node) diag.Pos {
	off := nodeOffset(n)
	if off < 0 {
		return diag.Pos{File: doc.File}
	}
	line, _ := doc.Position(off)
	return diag.Pos{File: doc.File, Line: line, Column: 1}
}

// offsetPos is the position of a byte offset of doc.
func offsetPos(doc *model.Document, off int) diag.Pos {
	line, col := doc.Position(off)
	return diag.Pos{File: doc.File, Line: line, Column: col}
}

func (l *loader) errorAtNode(doc *model.Document, n ast.Node, format string, args ...any) {
	l.diags.ErrorAt(l.nodePos(doc, n), format, args...)
}

// errorAtAttribute reports an error at the attribute called name on heading h's line.
func (l *loader) errorAtAttribute(doc *model.Document, h *ast.Heading, name string, format string, args ...any) {
	pos := l.nodePos(doc, h)
	off := nodeOffset(h)
	if off >= 0 {
		lineStart := bytes.LastIndexByte(doc.Source[:off], '\n') + 1
		lineEnd := len(doc.Source)
		if i := bytes.IndexByte(doc.Source[off:], '\n'); i >= 0 {
			lineEnd = off + i
		}
		if i := bytes.LastIndex(doc.Source[lineStart:lineEnd], []byte(name+"=")); i >= 0 {
			pos = offsetPos(doc, lineStart+i)
		}
	}
	l.diags.ErrorAt(pos, format, args...)
}

// inlinePos is the position of a link or image: its opening bracket ("[" or "![").
func inlinePos(doc *model.Document, n ast.Node, dest []byte) diag.Pos {
	off := nodeOffset(n) // the start of the link's text
	if off <= 0 {
		// An image with no description has no text: find "](dest" after its block's start.
		off = -1
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock {
				if start := nodeOffset(p); start >= 0 {
					if i := bytes.Index(doc.Source[start:], append([]byte("]("), dest...)); i >= 0 {
						off = start + i
					}
				}
				break
			}
		}
		if off < 0 {
			return diag.Pos{File: doc.File}
		}
	}
	src := doc.Source
	for off > 0 && src[off] != '[' {
		off--
	}
	if off > 0 && src[off-1] == '!' {
		off--
	}
	return offsetPos(doc, off)
}
