package content

import (
	"github.com/yuin/goldmark/ast"

	"curriculum/generator/diag"
	"curriculum/generator/markdown"
	"curriculum/generator/markdown/fragment"
	"curriculum/generator/model"
)

// compile renders, while its file is read, each part of doc that a layout can show (see
// model.Document) once for every page, keeps what the checks need of the parse (its empty
// sections), and lets the parse go: a curriculum of a thousand modules never holds the parse
// of more files than there are cores. A heading's part is its text, a title.
func (l *loader) compile(doc *model.Document, parts []part) {
	frags := make(map[ast.Node]*fragment.Fragment, len(parts))
	sections := map[ast.Node][]diag.Diagnostic{}
	r := fragment.NewRecorder()
	for _, p := range parts {
		var f *fragment.Fragment
		var err error
		if h, ok := p.node.(*ast.Heading); ok {
			f, err = markdown.CompileText(l.md, r, doc.Source, h)
		} else {
			f, err = markdown.Compile(l.md, r, doc.Source, p.node)
			if d := emptySections(doc, p.node); d != nil {
				sections[p.node] = d
			}
		}
		if err != nil {
			l.diags.Errorf(doc.File, 0, 0, "cannot render: %v", err)
			return
		}
		frags[p.node] = f
	}
	doc.Empty = !doc.Root.HasChildren()
	if f := frags[doc.Root]; f != nil {
		doc.Embeds = f.Embeds()
	}
	// The nodes the model names stay, as keys, without their children.
	for n := range frags {
		n.RemoveChildren(n)
		n.RemoveAttributes()
	}
	doc.Root.RemoveChildren(doc.Root)
	doc.Fragments, doc.Sections = frags, sections
	// Nothing reads the source once its file is read: positions are taken before.
	doc.Version = sumOf(doc.Source)
	doc.Source, doc.Lines = nil, nil
}
