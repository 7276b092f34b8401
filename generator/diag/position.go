package diag

import (
	"bytes"
	"encoding/binary"
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
	n := bytes.Count(src, []byte{'\n'}) + 1
	l := &Lines{src: src, starts: make([]int, 0, n), ascii: make([]bool, 0, n)}
	for start := 0; ; {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		l.starts = append(l.starts, start)
		l.ascii = append(l.ascii, isASCII(src[start:end]))
		if end == len(src) {
			return l
		}
		start = end + 1
	}
}

// isASCII reports whether b is all ASCII, eight bytes at a time.
func isASCII(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
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
