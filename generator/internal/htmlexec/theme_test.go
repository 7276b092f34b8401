package htmlexec

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"strings"
	"testing"
	"text/template/parse"

	"curriculum/generator/model"
	"curriculum/themes"
)

// TestThemeCompiles checks that htmlexec executes every template the site executes of the
// default theme itself: none is handed to html/template. Each layout is parsed with the base
// layout and the partials, as the site parses them (without its renaming of a kind's templates,
// which changes no context).
func TestThemeCompiles(t *testing.T) {
	funcs := template.FuncMap{"minutes": model.FormatMinutes} // the site's
	layouts, err := fs.Glob(themes.Default, "layouts/*.html")
	if err != nil {
		t.Fatal(err)
	}
	partials, err := fs.Glob(themes.Default, "partials/*.html")
	if err != nil {
		t.Fatal(err)
	}
	var checked []parse.Node
	defer func(f func(parse.Node)) { refused = f }(refused)
	refused = func(n parse.Node) { checked = append(checked, n) }

	for _, layout := range layouts {
		if layout == "layouts/baseof.html" {
			continue
		}
		t.Run(strings.TrimSuffix(path.Base(layout), ".html"), func(t *testing.T) {
			ht := template.New("baseof").Funcs(funcs)
			parseFile(t, ht, "layouts/baseof.html")
			for _, p := range partials {
				parseFile(t, ht.New(p), p)
			}
			parseFile(t, ht.New(path.Base(layout)), layout)
			s := New(ht, funcs)
			for _, tmpl := range ht.Templates() {
				name := tmpl.Name()
				if name != "baseof" && !strings.HasPrefix(name, "article-") && !strings.HasPrefix(name, "embed-") {
					continue // a layout, a partial or a part of one: executed through the base layout
				}
				checked = nil
				if s.compile(name) == nil {
					err := s.ht.ExecuteTemplate(io.Discard, name, nil)
					t.Errorf("%s is executed by html/template: %s", name, whyNotCompiled(s, err, checked))
				}
			}
		})
	}
}

func parseFile(t *testing.T, ht *template.Template, name string) {
	t.Helper()
	b, err := fs.ReadFile(themes.Default, name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ht.Parse(string(b)); err != nil {
		t.Fatal(err)
	}
}

// whyNotCompiled says what kept a template from being compiled: html/template's error, a node
// check refused, or a function neither the set nor this package has.
func whyNotCompiled(s *Set, err error, checked []parse.Node) string {
	var unsafe *template.Error
	if errors.As(err, &unsafe) {
		return err.Error()
	}
	var reasons []string
	for _, n := range checked {
		reasons = append(reasons, fmt.Sprintf("%T %s", n, n))
	}
	p := &program{set: s}
	for _, tmpl := range s.ht.Templates() {
		if tmpl.Tree == nil {
			continue
		}
		for id := range identifiers(tmpl.Tree.Root) {
			if escapers[id] == nil && p.function(id) == nil {
				reasons = append(reasons, fmt.Sprintf("%s calls %s", tmpl.Name(), id))
			}
		}
	}
	return strings.Join(reasons, "; ")
}

// identifiers returns the functions the actions under n call.
func identifiers(n parse.Node) map[string]bool {
	ids := map[string]bool{}
	var walk func(parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n != nil {
				for _, c := range n.Cmds {
					for _, a := range c.Args {
						walk(a)
					}
				}
			}
		case *parse.ChainNode:
			walk(n.Node)
		case *parse.IdentifierNode:
			ids[n.Ident] = true
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			walk(n.Pipe)
		}
	}
	walk(n)
	return ids
}
