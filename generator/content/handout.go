package content

import (
	"strings"

	"curriculum/generator/diag"
	"curriculum/generator/model"
)

type handoutFile struct {
	handout      *model.Handout
	transparency bool // the front matter says transparency: true
}

type transparencyFile struct {
	transparency *model.Transparency
}

// readNumber reads the number of a handout or transparency from its file name: 4.1.md.
func (l *loader) readNumber(p, dir, what string) (model.Number, bool) {
	name := strings.TrimSuffix(p[len(dir)+1:], ".md")
	n, ok := model.ParseNumber(name)
	if !ok {
		l.diags.Errorf(l.file(p), 0, 0, "a %s's file is named by its number, module.n, like %s/4.1.md; rename %s", what, dir, p)
	}
	return n, ok
}

func (l *loader) readHandout(p string, src []byte) {
	n, ok := l.readNumber(p, HandoutsDir, "handout")
	if !ok {
		return
	}
	doc, y, fm := l.parseMarkdown(p, src, "a handout")
	if doc == nil {
		return
	}
	f := y.fields(fm, "a handout's front matter", "title", "transparency", "form")
	h := &model.Handout{Number: n, Doc: doc, Pos: diag.Pos{File: doc.File}}
	h.Title = f.text("title", true)
	h.Form = f.boolean("form")
	l.checkHeadings(doc, doc.Root.Node())
	parts := []part{{doc.Root, model.Use{Name: h.Name(), URL: h.URL()}, nil}}
	l.link(doc, parts)
	l.compile(doc, parts)
	l.handouts = append(l.handouts, &handoutFile{handout: h, transparency: f.boolean("transparency")})
}

func (l *loader) readTransparency(p string, src []byte) {
	n, ok := l.readNumber(p, TransparenciesDir, "transparency")
	if !ok {
		return
	}
	doc, y, fm := l.parseMarkdown(p, src, "a transparency")
	if doc == nil {
		return
	}
	f := y.fields(fm, "a transparency's front matter", "title")
	t := &model.Transparency{Number: n, Doc: doc, Title: f.text("title", true), Pos: diag.Pos{File: doc.File}}
	l.checkHeadings(doc, doc.Root.Node())
	parts := []part{{doc.Root, model.Use{Name: t.Name(), URL: t.URL()}, nil}}
	l.link(doc, parts)
	l.compile(doc, parts)
	l.transps = append(l.transps, &transparencyFile{transparency: t})
}
