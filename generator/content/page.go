package content

import "curriculum/generator/model"

type pageFile struct {
	page *model.Page
}

var pageFields = []string{"title", "short_title", "published", "publisher", "contact", "edition"}

func (l *loader) readPage(p string, src []byte) {
	doc, y, fm := l.parseMarkdown(p, src, "a page")
	if doc == nil {
		return
	}
	f := y.fields(fm, "a page's front matter", pageFields...)
	pg := &model.Page{
		Path:       p,
		Doc:        doc,
		Title:      f.text("title", true),
		ShortTitle: f.text("short_title", false),
		Published:  f.text("published", false),
		Publisher:  f.text("publisher", false),
		Contact:    f.text("contact", false),
	}
	switch e := f.str("edition", false); e {
	case "", model.TrainerEdition:
		pg.TrainerOnly = e == model.TrainerEdition
	default:
		f.errorf(f.get("edition"), "edition in a page's front matter is %q, the only value it takes: write edition: %s to leave the page out of the participant edition, or delete the line", model.TrainerEdition, model.TrainerEdition)
	}
	l.checkHeadings(doc, doc.Root.Node())
	parts := []part{{doc.Root, model.Use{Name: pg.Title, URL: pg.URL()}, nil}}
	l.link(doc, parts)
	l.compile(doc, parts)
	l.pages = append(l.pages, &pageFile{page: pg})
}
