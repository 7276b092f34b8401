package urlpath

import "testing"

func TestHref(t *testing.T) {
	if got := Href("modules/4/index.html", "modules/4/index.html"); got != "../../modules/4/index.html" {
		t.Errorf("Href to the page itself = %q", got)
	}
	if got := Href("modules/4/index.html", "modules/4/index.html#a"); got != "#a" {
		t.Errorf("Href to a fragment of the page = %q", got)
	}
}

func TestRel(t *testing.T) {
	for _, tc := range []struct{ from, to, want string }{
		{"index.html", "modules/4/index.html", "modules/4/index.html"},
		{"modules/4/index.html", "handouts/4.1/index.html", "../../handouts/4.1/index.html"},
		{"modules/4/index.html", "modules/4/index.html#activity-2", "#activity-2"},
		{"modules/4/index.html", "modules/4/index.html", ""},
		{"modules/4/index.html", "modules/3/index.html#activity-1", "../../modules/3/index.html#activity-1"},
		{"print/modules/4/index.html", "css/style.css", "../../../css/style.css"},
		{"404.html", "index.html", "index.html"},
		{"a/b/c/d/e/f/g/h/index.html", "x.css", "../../../../../../../../x.css"},
		{"a/b/c/d/e/f/g/h/i/index.html", "x.css", "../../../../../../../../../x.css"},
	} {
		if got := Rel(tc.from, tc.to); got != tc.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}
