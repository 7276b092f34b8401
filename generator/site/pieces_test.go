package site

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPieces holds the pieces of a text, cut at random, to the text itself.
func TestPieces(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		text := strings.Repeat("abcdefghij", rng.IntN(6))[:0]
		for range rng.IntN(40) {
			text += string(rune('a' + rng.IntN(26)))
		}
		var ps pieces
		for rest := text; ; {
			n := rng.IntN(len(rest) + 1)
			if rng.IntN(4) == 0 {
				ps = append(ps, []byte{}) // an empty piece now and then
			}
			ps = append(ps, []byte(rest[:n]))
			rest = rest[n:]
			if rest == "" {
				break
			}
		}
		if got := string(ps.bytes()); got != text || ps.size() != len(text) {
			t.Fatalf("bytes of %q = %q, size %d", text, got, ps.size())
		}
		from := rng.IntN(len(text) + 1)
		to := from + rng.IntN(len(text)-from+1)
		if got := string(ps.slice(from, to).bytes()); got != text[from:to] {
			t.Fatalf("%q [%d:%d] = %q, want %q", text, from, to, got, text[from:to])
		}
		if !ps.equalAt(from, text[from:to]) {
			t.Fatalf("%q: equalAt(%d, %q) = false", text, from, text[from:to])
		}
		if to > from && ps.equalAt(from, text[from:to-1]+"#") {
			t.Fatalf("%q: equalAt(%d) of another text = true", text, from)
		}
		if s, ok := ps.stringAt(from, to-from); ok && s != text[from:to] {
			t.Fatalf("%q: stringAt(%d, %d) = %q", text, from, to-from, s)
		}
	}
}
