// Package generator compiles a training curriculum written in markdown into a static site.
//
// The contract: [Build] reads the content folder, checks it, and writes the site to the
// destination folder, or, when the content has an error, writes nothing and returns every error
// it found, each with its file, line and column. The site is written beside the destination
// and swapped in only when it is complete, so that the last good site survives a failed build;
// the same content always gives the same bytes.
//
// The build runs in phases, each in its own package, data flowing one way:
//
//	load     content: files → model (front matter, activities and steps, references)
//	check    check: the model → warnings
//	render   site: the model → pages, through the theme's layouts and the markdown package
//	write    output: pages → the destination folder, atomically
//
// Files are read, and pages rendered, on every core; a document's markdown is rendered once
// into fragments that each page showing it fills in. [GenerateCached] keeps what a build read
// and rendered for the next one, as serve does: a file that did not change is not read again,
// and when only the text of some documents changed, only the pages that show it render.
package generator
