package content

import (
	"bytes"
	"strings"

	"curriculum/generator/diag"
)

// mojibake are the marks of text pasted from a document saved in another encoding, and what
// each probably stood for. The first four are the Mac Roman export the curriculum's own
// sources came in; the rest are UTF-8 read as Windows-1252, as Word and web pages give it.
var mojibake = []struct{ text, means string }{
	{"‹", "an em dash (—)"},
	{"³", "an opening quote (“)"},
	{"²", "a closing quote (”)"},
	{"¹", "an apostrophe (’)"},
	{"â€™", "an apostrophe (’)"},
	{"â€˜", "an opening single quote (‘)"},
	{"â€œ", "an opening quote (“)"},
	{"â€\u009d", "a closing quote (”)"},
	{"â€“", "an en dash (–)"},
	{"â€”", "an em dash (—)"},
	{"â€¦", "an ellipsis (…)"},
	{"Ã©", "é"},
}

const nbsp = "\u00a0"

// checkPasted warns, a line at a time, about the marks pasted text leaves: mojibake, and
// non-breaking spaces used to indent or to fill a line. A single non-breaking space between
// two words is left alone: it is how a writer keeps "10 a.m." together.
func (l *loader) checkPasted(file string, src []byte) {
	if !bytes.Contains(src, []byte("\u00a0")) && !hasMojibake(src) {
		return // the common case, in one pass each
	}
	lines := diag.NewLines(src)
	off := 0
	for text := range strings.Lines(string(src)) {
		l.checkPastedLine(file, lines, off, strings.TrimRight(text, "\r\n"))
		off += len(text)
	}
}

func hasMojibake(src []byte) bool {
	for _, m := range mojibake {
		if bytes.Contains(src, []byte(m.text)) {
			return true
		}
	}
	return false
}

func (l *loader) checkPastedLine(file string, lines *diag.Lines, off int, text string) {
	at := func(i int, format string, args ...any) {
		line, col := lines.Position(off + i)
		l.diags.Warnf(file, line, col, format, args...)
	}
	first, firstAt := -1, len(text) // the mojibake that comes first on the line
	for k, m := range mojibake {
		if i := strings.Index(text, m.text); i >= 0 && i < firstAt {
			first, firstAt = k, i
		}
	}
	if first >= 0 {
		m := mojibake[first]
		at(firstAt, "%q looks like text pasted from a document in another encoding: it probably stands for %s; retype it (and check the rest of the line)", m.text, m.means)
	}
	i := strings.Index(text, nbsp)
	if i < 0 {
		return
	}
	switch blank := strings.Trim(text, " \t"+nbsp); {
	case blank == "":
		at(i, "this line holds only non-breaking spaces, as pasted text does: delete them, and leave the line empty")
	case strings.TrimLeft(text, " \t") != strings.TrimLeft(text, " \t"+nbsp):
		at(i, "non-breaking spaces indent this line, as pasted text does: markdown does not indent with them; delete them")
	case strings.Contains(text, nbsp+nbsp):
		at(strings.Index(text, nbsp+nbsp), "a run of non-breaking spaces, as pasted text has: replace it with one ordinary space")
	case strings.HasSuffix(text, nbsp):
		at(len(text)-len(nbsp), "a non-breaking space ends this line, as pasted text does: delete it")
	}
}
