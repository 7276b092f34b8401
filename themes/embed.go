// Package themes holds the default theme — layouts, partials, CSS — embedded into the binary
// so that a build needs nothing but the content folder.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:default
var files embed.FS

// Default is the default theme: layouts/, partials/ and static/.
var Default fs.FS = mustSub(files, "default")

func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // the embedded folder is part of the binary; it always exists
	}
	return sub
}
