// Package urlpath computes the relative links of a site that must work from file://: every
// page links to every other by a path relative to itself, always naming index.html.
package urlpath

import "strings"

// Rel returns the link from the page at site path from ("modules/4/index.html") to the site path
// to ("handouts/4.1/index.html#notes"): "../../handouts/4.1/index.html#notes". A link to the page
// itself is its fragment alone ("#notes"), or "" when to has no fragment.
func Rel(from, to string) string {
	path, frag, hasFrag := strings.Cut(to, "#")
	if path == from || path == "" {
		if hasFrag && frag != "" {
			return "#" + frag
		}
		return ""
	}
	return Root(from) + to
}

// Href is Rel for an href that must not be empty: a link to the page itself names it by its
// path from the root ("../../modules/4/index.html").
func Href(from, to string) string {
	if rel := Rel(from, to); rel != "" {
		return rel
	}
	return Root(from) + to
}

// Root returns the relative path from the page at site path from to the site's root folder:
// "" for "index.html", "../../" for "modules/4/index.html".
func Root(from string) string {
	n := strings.Count(from, "/")
	if 3*n <= len(ups) {
		return ups[:3*n] // a layout asks for it hundreds of times a page: no copy
	}
	return strings.Repeat("../", n)
}

// ups is the start of the root of the pages a few folders deep.
const ups = "../../../../../../../../"
