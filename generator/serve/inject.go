package serve

import (
	"bytes"
	_ "embed"
	"html/template"
	"net/url"
	"slices"
)

// The paths the server answers itself, under a prefix no built site uses.
const (
	prefix = "/__curriculum/"
	// ScriptPath is the live-reload script that Inject adds to every page.
	ScriptPath = prefix + "reload.js"
	// StylePath is the stylesheet of the panel that shows a failed build's errors.
	StylePath = prefix + "errors.css"
	// EventsPath is the stream of server-sent events that tells a page to reload or to show
	// the errors of a build. A page connects with its own path and version:
	// /__curriculum/events?page=/modules/1/&v=VERSION.
	EventsPath = prefix + "events"
)

var (
	//go:embed reload.js
	reloadJS []byte
	//go:embed errors.css
	errorsCSS []byte
	//go:embed fallback.html
	fallbackHTML string
	fallbackPage = template.Must(template.New("fallback").Parse(fallbackHTML))
)

// Inject returns page with the live-reload script added before its closing body tag (at its
// end when it has none), tagged with the page's version. It adds nothing visible: the script
// shows a panel only when a build fails.
func Inject(page []byte, version string) []byte {
	tag := `<script src="` + ScriptPath + `" data-version="` + template.HTMLEscapeString(version) + `"></script>` + "\n"
	return insertBefore(page, "</body>", tag)
}

// notFoundPage prepares the site's 404.html for urlPath, an address the site does not have,
// at any depth: a base of the root makes its relative links resolve as they do from where the
// site put it, and its links to its own fragments (the skip link) name urlPath, which the
// base would otherwise turn into links to the home page.
func notFoundPage(page []byte, urlPath string) []byte {
	here := template.HTMLEscapeString((&url.URL{Path: urlPath}).EscapedPath())
	page = bytes.ReplaceAll(page, []byte(`href="#`), []byte(`href="`+here+`#`))
	i := indexFold(page, "<head>", false)
	if i < 0 {
		return page
	}
	i += len("<head>")
	return slices.Concat(page[:i], []byte("\n"+`<base href="/">`), page[i:])
}

// insertBefore inserts s before the last occurrence of tag, or at the end when there is none.
func insertBefore(page []byte, tag, s string) []byte {
	i := indexFold(page, tag, true)
	if i < 0 {
		i = len(page)
	}
	return slices.Concat(page[:i], []byte(s), page[i:])
}

// indexFold returns the index of the first (or last) occurrence of the ASCII string s in b,
// ignoring ASCII case, or -1.
func indexFold(b []byte, s string, last bool) int {
	n := len(b) - len(s)
	for k := 0; k <= n; k++ {
		i := k
		if last {
			i = n - k
		}
		if equalFoldASCII(b[i:i+len(s)], s) {
			return i
		}
	}
	return -1
}

func equalFoldASCII(b []byte, s string) bool {
	for i := range len(s) {
		if lower(b[i]) != lower(s[i]) {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
