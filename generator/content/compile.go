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
	r := fragment.NewRecorder()
	for _, p := range parts {
		node := p.part.Node()
		var f *fragment.Fragment
		var sections []diag.Diagnostic
		var err error
		if h, ok := node.(*ast.Heading); ok {
			f, err = markdown.CompileText(l.md, r, doc.Source, h)
		} else {
			f, err = markdown.Compile(l.md, r, doc.Source, node)
			sections = emptySections(doc, node)
		}
		if err != nil {
			l.diags.Errorf(doc.File, 0, 0, "cannot render: %v", err)
			return
		}
		p.part.Compiled(f, sections)
	}
	doc.Empty = !doc.Root.Node().HasChildren()
	if f := doc.Root.Fragment(); f != nil {
		doc.Embeds = f.Embeds()
	}
	doc.DropParse()
	// Nothing reads the source once its file is read: positions are taken before.
	doc.Version = sumOf(doc.Source)
	doc.Source, doc.Lines = nil, nil
}
