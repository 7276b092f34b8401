package site

import "unsafe"

// pieces are the bytes of a file in pieces, in order. A packet written again place by place
// (see splice) is the pieces of its last render that did not change and the places rendered
// again, not a copy of them all: the trainer's guide of a catalogue is 24 MB.
type pieces [][]byte

// maxPieces is how many pieces a packet's page may be in before it is joined into one.
const maxPieces = 64

// size is the number of bytes of ps.
func (ps pieces) size() int {
	n := 0
	for _, p := range ps {
		n += len(p)
	}
	return n
}

// slice returns the bytes [from, to) of ps, as pieces that share ps's bytes.
func (ps pieces) slice(from, to int) pieces {
	var out pieces
	at := 0 // where the piece p starts
	for _, p := range ps {
		end := at + len(p)
		if end > from && at < to {
			out = append(out, p[max(from-at, 0):min(to-at, len(p))])
		}
		if end >= to {
			break
		}
		at = end
	}
	return out
}

// stringAt returns the n bytes at at as a string that shares ps's bytes, when one piece holds
// them all.
func (ps pieces) stringAt(at, n int) (string, bool) {
	for _, p := range ps {
		if at < len(p) {
			if at+n > len(p) {
				return "", false
			}
			return unsafe.String(unsafe.SliceData(p[at:]), n), true
		}
		at -= len(p)
	}
	return "", n == 0
}

// equalAt reports whether the bytes of ps at at are s.
func (ps pieces) equalAt(at int, s string) bool {
	for _, p := range ps.slice(at, at+len(s)) {
		if string(p) != s[:len(p)] {
			return false
		}
		s = s[len(p):]
	}
	return s == ""
}

// bytes are the bytes of ps, joined: the one piece itself when there is one.
func (ps pieces) bytes() []byte {
	if len(ps) == 1 {
		return ps[0]
	}
	b := make([]byte, 0, ps.size())
	for _, p := range ps {
		b = append(b, p...)
	}
	return b
}
