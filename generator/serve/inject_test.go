package serve

import "testing"

func TestInject(t *testing.T) {
	const tag = `<script src="/__curriculum/reload.js" data-version="v1"></script>` + "\n"
	for _, tc := range []struct{ page, want string }{
		{"<html><body><p>x</p></body></html>", "<html><body><p>x</p>" + tag + "</body></html>"},
		{"<BODY>x</BODY>", "<BODY>x" + tag + "</BODY>"},
		// The last closing tag: an earlier one is quoted in the page's text or code.
		{"<body><code></body></code></body>", "<body><code></body></code>" + tag + "</body>"},
		{"no body", "no body" + tag},
		{"", tag},
	} {
		if got := string(Inject([]byte(tc.page), "v1")); got != tc.want {
			t.Errorf("Inject(%q) =\n\t%q\nwant\n\t%q", tc.page, got, tc.want)
		}
	}
	if got := string(Inject([]byte("</body>"), `"><script>`)); got != `<script src="/__curriculum/reload.js" data-version="&#34;&gt;&lt;script&gt;"></script>`+"\n</body>" {
		t.Errorf("the version is not escaped: %s", got)
	}
}

func TestNotFoundPage(t *testing.T) {
	page := "<!DOCTYPE html>\n<html><HEAD>\n<title>x</title></head><body><a href=\"#main\">Skip</a> <a href=\"modules/1/index.html\">One</a></body></html>"
	got := string(notFoundPage([]byte(page), `/a b/"c"/`))
	want := "<!DOCTYPE html>\n<html><HEAD>\n<base href=\"/\">\n<title>x</title></head><body><a href=\"/a%20b/%22c%22/#main\">Skip</a> <a href=\"modules/1/index.html\">One</a></body></html>"
	if got != want {
		t.Errorf("notFoundPage =\n\t%q\nwant\n\t%q", got, want)
	}
}
