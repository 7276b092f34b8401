package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Typography gives a line of plain text from front matter (a title, a competency) the
// typographer's substitutions that markdown bodies get: curly quotes and apostrophes, en and em
// dashes from -- and ---, an ellipsis from ...
func Typography(s string) string {
	if !strings.ContainsAny(s, `"'-.`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	prev := ' ' // the start of the text counts as a space
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case strings.HasPrefix(s[i:], "---"):
			b.WriteString("—")
			n, r = 3, '—'
		case strings.HasPrefix(s[i:], "--"):
			b.WriteString("–")
			n, r = 2, '–'
		case strings.HasPrefix(s[i:], "..."):
			b.WriteString("…")
			n, r = 3, '…'
		case r == '"':
			if opens(prev) {
				b.WriteString("“")
			} else {
				b.WriteString("”")
			}
		case r == '\'':
			if opens(prev) {
				b.WriteString("‘")
			} else {
				b.WriteString("’")
			}
		default:
			b.WriteString(s[i : i+n])
		}
		prev = r
		i += n
	}
	return b.String()
}

// opens reports whether a quote after r opens a quotation: after a space, an opening bracket
// or a dash.
func opens(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("([{—–-/“‘", r)
}
