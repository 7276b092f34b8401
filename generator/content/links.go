package content

import (
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"

	"curriculum/generator/markdown/xref"
	"curriculum/generator/model"
)

// sitePaths maps the files of the content folder, at paths, to their place in the site: a
// markdown file to its page, any other file to itself. A file that turns out not to be
// readable is reported where it is read.
func sitePaths(paths []string) map[string]string {
	m := map[string]string{}
	for _, p := range paths {
		if path.Ext(p) != ".md" {
			m[p] = p
			continue
		}
		dir, name := path.Split(p)
		name = strings.TrimSuffix(name, ".md")
		switch strings.TrimSuffix(dir, "/") {
		case ModulesDir:
			if IsModuleFile(name) {
				m[p] = ModulesDir + "/" + name + "/index.html"
			}
		case HandoutsDir:
			if n, ok := model.ParseNumber(name); ok {
				m[p] = (&model.Handout{Number: n}).URL()
			}
		case TransparenciesDir:
			if n, ok := model.ParseNumber(name); ok {
				m[p] = (&model.Transparency{Number: n}).URL()
			}
		default:
			m[p] = model.PageURL(p)
		}
	}
	return m
}

// resolveLinks checks the links and images under n and points the ones to files of the
// content folder at their place in the site. An image must be a file of the content folder,
// described in words.
func (l *loader) resolveLinks(doc *model.Document, n ast.Node, sites map[string]string) {
	dir := path.Dir(doc.Path)
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Link:
			if dest, ok := l.resolveDestination(doc, c, dir, string(c.Destination), sites, "this link points to"); ok {
				c.Destination = dest
			}
		case *ast.Image:
			raw := string(c.Destination)
			if u, err := url.Parse(raw); err == nil && (u.Scheme != "" || strings.HasPrefix(raw, "//")) {
				l.diags.ErrorAt(inlinePos(doc, c, c.Destination), "the image %s is on the web: copy it into the content folder and use its path there (the site must work offline)", raw)
				return ast.WalkSkipChildren, nil
			}
			if dest, ok := l.resolveDestination(doc, c, dir, raw, sites, "this image is"); ok {
				c.Destination = dest
			}
			if len(xref.AltText(c, doc.Source)) == 0 {
				l.diags.WarnAt(inlinePos(doc, c, []byte(raw)), "the image %s has no description: write what it shows between the brackets, like ![State seal of Maryland](%s), for readers who cannot see it", raw, raw)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// resolveDestination resolves a relative destination against the folder of the document. It
// returns the new destination and true for a file of the content folder; false leaves the
// destination as it is (a web address, a fragment, or an error already reported).
func (l *loader) resolveDestination(doc *model.Document, n ast.Node, dir, raw string, sites map[string]string, what string) ([]byte, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasPrefix(raw, "/") {
		if strings.HasPrefix(raw, "/") {
			l.diags.ErrorAt(inlinePos(doc, n, []byte(raw)), "%s %s, a path from the root of a web server, which does not work from a USB stick: write it relative to this file", what, raw)
		}
		return nil, false
	}
	target := path.Join(dir, u.Path)
	site, ok := sites[target]
	if !ok && !strings.HasSuffix(target, ".md") {
		site, ok = sites[target+".md"]
	}
	if !ok {
		l.diags.ErrorAt(inlinePos(doc, n, []byte(raw)), "%s %s, which is not a file of the content folder (looked for %s)", what, raw, path.Join(l.display, target))
		return nil, false
	}
	if u.Fragment != "" {
		site += "#" + u.Fragment
	}
	return []byte(xref.SiteScheme + site), true
}
