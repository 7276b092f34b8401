package site

import (
	"errors"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"

	"curriculum/generator/internal/work"
	"curriculum/generator/markdown"
	"curriculum/generator/markdown/fragment"
	"curriculum/generator/model"
)

// compile compiles every document of cur that is not yet, on every core: each part of a
// document that a layout can show (see model.Document) renders once, however many pages show
// it, and its parse is freed.
func compile(cur *model.Curriculum, md goldmark.Markdown) error {
	type job struct {
		doc   *model.Document
		parts []ast.Node // rendered as blocks
		heads []*ast.Heading
	}
	var jobs []job
	add := func(j job) {
		if j.doc != nil && j.doc.Fragments == nil {
			jobs = append(jobs, j)
		}
	}
	for _, m := range cur.Modules {
		j := job{doc: m.Doc, parts: []ast.Node{m.Doc.Root, m.Preamble}}
		for _, a := range m.Activities {
			j.parts = append(j.parts, a.Intro)
			j.heads = append(j.heads, a.Heading)
			for _, s := range a.Steps {
				j.parts = append(j.parts, s.Body)
				j.heads = append(j.heads, s.Heading)
			}
		}
		add(j)
	}
	for _, h := range cur.Handouts {
		add(job{doc: h.Doc, parts: []ast.Node{h.Doc.Root}})
	}
	for _, t := range cur.Transparencies {
		if t.Handout == nil {
			add(job{doc: t.Doc, parts: []ast.Node{t.Doc.Root}})
		}
	}
	for _, p := range cur.Pages {
		add(job{doc: p.Doc, parts: []ast.Node{p.Doc.Root}})
	}
	if cur.Home != nil {
		add(job{doc: cur.Home.Doc, parts: []ast.Node{cur.Home.Doc.Root}})
	}
	errs := make([]error, len(jobs))
	work.Each(len(jobs), func(i int) {
		j := jobs[i]
		errs[i] = compileDocument(md, j.doc, j.parts, j.heads)
	})
	return errors.Join(errs...)
}

func compileDocument(md goldmark.Markdown, doc *model.Document, parts []ast.Node, heads []*ast.Heading) error {
	frags := make(map[ast.Node]*fragment.Fragment, len(parts)+len(heads))
	r := fragment.NewRecorder()
	for _, n := range parts {
		if n == nil {
			continue
		}
		f, err := markdown.Compile(md, r, doc.Source, n)
		if err != nil {
			return fmt.Errorf("%s: %w", doc.File, err)
		}
		frags[n] = f
	}
	for _, h := range heads {
		f, err := markdown.CompileText(md, r, doc.Source, h)
		if err != nil {
			return fmt.Errorf("%s: %w", doc.File, err)
		}
		frags[h] = f
	}
	doc.Empty = !doc.Root.HasChildren()
	doc.Embeds = frags[doc.Root].Embeds()
	// The parse is freed: the nodes the model names stay, as keys, without their children.
	for n := range frags {
		n.RemoveChildren(n)
	}
	doc.Fragments = frags
	doc.Source = nil
	return nil
}
