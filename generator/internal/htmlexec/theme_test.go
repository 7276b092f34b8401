package htmlexec

import (
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"strings"
	"testing"

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
				if p, refused := s.compile(name); p == nil {
					why := fmt.Sprintf("it does not know %T %s", refused, refused)
					if refused == nil {
						why = fmt.Sprint(s.ht.ExecuteTemplate(io.Discard, name, nil))
					}
					t.Errorf("%s is executed by html/template: %s", name, why)
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
