package content

import "curriculum/generator/model"

type pageFile struct {
	page *model.Page
}

var pageFields = []string{"title", "short_title", "published", "publisher", "contact"}

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
	l.checkHeadings(doc, doc.Root)
	l.pages = append(l.pages, &pageFile{page: pg})
}
