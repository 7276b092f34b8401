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
// of more files than there are cores. blocks are the parts rendered as blocks; heads the
// headings whose text is a title.
func (l *loader) compile(doc *model.Document, blocks []ast.Node, heads []*ast.Heading) {
	frags := make(map[ast.Node]*fragment.Fragment, len(blocks)+len(heads))
	sections := map[ast.Node][]diag.Diagnostic{}
	r := fragment.NewRecorder()
	for _, n := range blocks {
		f, err := markdown.Compile(l.md, r, doc.Source, n)
		if err != nil {
			l.diags.Errorf(doc.File, 0, 0, "cannot render: %v", err)
			return
		}
		frags[n] = f
		if d := emptySections(doc, n); d != nil {
			sections[n] = d
		}
	}
	for _, h := range heads {
		f, err := markdown.CompileText(l.md, r, doc.Source, h)
		if err != nil {
			l.diags.Errorf(doc.File, 0, 0, "cannot render: %v", err)
			return
		}
		frags[h] = f
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

// compileModule compiles a module's preamble, activities and steps.
func (l *loader) compileModule(m *model.Module) {
	blocks := []ast.Node{m.Preamble}
	var heads []*ast.Heading
	for _, a := range m.Activities {
		blocks = append(blocks, a.Intro)
		heads = append(heads, a.Heading)
		for _, s := range a.Steps {
			blocks = append(blocks, s.Body)
			heads = append(heads, s.Heading)
		}
	}
	l.compile(m.Doc, blocks, heads)
}
