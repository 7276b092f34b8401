package generator_test

import (
	"curriculum/generator/model"
	"net/url"
	"path"
	"regexp"
	"strings"
	"testing"
)

var (
	hrefs = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	ids   = regexp.MustCompile(` id="([^"]*)"`)
)

// TestRealContentLinksResolve follows every link and image of the built site the way a
// browser does from file://: every relative link names an existing file, every fragment an
// existing id, and nothing points off the machine but the links a reader clicks.
func TestRealContentLinksResolve(t *testing.T) {
	for _, edition := range []string{model.TrainerEdition, model.ParticipantEdition} {
		t.Run(edition, func(t *testing.T) {
			raw, _ := buildRealEdition(t, edition)
			checkLinks(t, raw)
		})
	}
}

func checkLinks(t *testing.T, raw map[string][]byte) {
	files := map[string]string{}
	for p, b := range raw {
		files[p] = string(b)
	}
	pageIDs := map[string]map[string]bool{}
	for p, html := range files {
		set := map[string]bool{}
		for _, m := range ids.FindAllStringSubmatch(html, -1) {
			if set[m[1]] {
				t.Errorf("%s: the id %q is given twice", p, m[1])
			}
			set[m[1]] = true
		}
		pageIDs[p] = set
	}
	links := 0
	for p, html := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		for _, m := range hrefs.FindAllStringSubmatch(html, -1) {
			ref := strings.ReplaceAll(m[1], "&amp;", "&")
			u, err := url.Parse(ref)
			if err != nil {
				t.Errorf("%s: bad URL %q", p, ref)
				continue
			}
			if u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "mailto" || u.Scheme == "tel" {
				if strings.Contains(m[0], "src=") {
					t.Errorf("%s: %s loads from the network", p, ref)
				}
				continue
			}
			if u.Scheme != "" || strings.HasPrefix(ref, "/") {
				t.Errorf("%s: %q is not relative", p, ref)
				continue
			}
			links++
			target := p
			if u.Path != "" {
				if !strings.HasSuffix(u.Path, ".html") && !strings.Contains(path.Base(u.Path), ".") {
					t.Errorf("%s: %q names a folder, which file:// does not open as index.html", p, ref)
				}
				target = path.Join(path.Dir(p), u.Path)
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s: %q points to %s, which the build did not write", p, ref, target)
				continue
			}
			if u.Fragment != "" && !pageIDs[target][u.Fragment] {
				t.Errorf("%s: %q points to #%s, which %s does not have", p, ref, u.Fragment, target)
			}
		}
	}
	if links < 500 {
		t.Errorf("followed only %d links", links)
	}
}
