package diag

import (
	"sort"
	"unicode/utf8"
)

// Lines maps byte offsets of one file to the line and column a person sees in an editor.
type Lines struct {
	src    []byte
	starts []int  // byte offset of the start of each line
	ascii  []bool // whether each line is ASCII, where a column is a byte
}

// NewLines indexes the line starts of src.
func NewLines(src []byte) *Lines {
	starts := []int{0}
	ascii := []bool{true}
	for i, c := range src {
		switch {
		case c == '\n':
			starts = append(starts, i+1)
			ascii = append(ascii, true)
		case c >= utf8.RuneSelf:
			ascii[len(ascii)-1] = false
		}
	}
	return &Lines{src: src, starts: starts, ascii: ascii}
}

// Position returns the 1-based line and column of the byte at offset. Columns count characters,
// not bytes, as editors do.
func (l *Lines) Position(offset int) (line, col int) {
	offset = max(0, min(offset, len(l.src)))
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset }) - 1
	if l.ascii[i] {
		return i + 1, offset - l.starts[i] + 1
	}
	return i + 1, utf8.RuneCount(l.src[l.starts[i]:offset]) + 1
}
