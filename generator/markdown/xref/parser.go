package xref

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// words are the phrases that start a reference, longest first so that "Handouts" is not read
// as "Handout" followed by "s".
var words = []struct {
	word   string
	target Target
}{
	{"Handouts", Handout},
	{"Handout", Handout},
	{"Transparencies", Transparency},
	{"Transparency", Transparency},
	{"Modules", Module},
	{"Module", Module},
	{"Activities", Activity},
	{"Activity", Activity},
}

// numberWords are the numbers a curriculum spells out ("Module Three").
var numberWords = []string{"One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve"}

// separators join the numbers of a list: "4.1, 4.2, and 4.3", "1 or 2". Longest first.
var separators = []string{", and ", ", or ", " and ", " or ", ", "}

type refParser struct{}

// NewParser returns the inline parser that recognises references.
func NewParser() parser.InlineParser { return refParser{} }

// Trigger is a space (which goldmark also uses for the start of a line and the position after
// another inline, such as emphasis) and an opening parenthesis: a reference starts a word.
func (refParser) Trigger() []byte { return []byte{' ', '('} }

func (refParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	lead := 0 // the space or parenthesis before the reference, which stays text
	if len(line) > 0 && (util.IsSpace(line[0]) || line[0] == '(') {
		lead = 1
	} else if prev := block.PrecendingCharacter(); unicode.IsLetter(prev) || unicode.IsDigit(prev) {
		return nil
	}
	if len(line) <= lead || !isInitial(line[lead]) {
		return nil
	}
	target, numbers, end := scan(line[lead:])
	if len(numbers) == 0 {
		return nil
	}
	module := ""
	if target == Module && len(numbers) == 1 {
		// "Module 3, Activity 2" names an activity of another module.
		if act, ok := readSeparatedActivity(line[lead:], end); ok {
			target, module, numbers[0].value, end = Activity, numbers[0].value, act.value, act.end
		}
	}
	start := seg.Start + lead
	if lead > 0 {
		ast.MergeOrAppendTextSegment(parent, text.NewSegment(seg.Start, start))
	}
	block.Advance(lead + end)
	at := func(from, to int) *ast.Text {
		return ast.NewTextSegment(text.NewSegment(start+from, start+to))
	}
	if len(numbers) == 1 {
		ref := &Ref{Target: target, Number: numbers[0].value, Module: module, Offset: start}
		ref.AppendChild(ref, at(0, end))
		return ref
	}
	list := &RefList{}
	prev := 0
	for _, n := range numbers {
		if n.start > prev {
			list.AppendChild(list, at(prev, n.start))
		}
		ref := &Ref{Target: target, Number: n.value, Offset: start + n.start}
		ref.AppendChild(ref, at(n.start, n.end))
		list.AppendChild(list, ref)
		prev = n.end
	}
	return list
}

// isInitial reports whether c can start a reference: the first letter of one of [words].
func isInitial(c byte) bool { return c == 'H' || c == 'T' || c == 'M' || c == 'A' }

type number struct {
	value      string
	start, end int // byte offsets in the line
}

// scan reads a reference at the start of line: a word of [words], a space, and one or more
// numbers joined by [separators]. It returns the numbers found (none when line does not start
// with a reference) and the length of the reference in bytes.
func scan(line []byte) (Target, []number, int) {
	var target Target
	i := -1
	for _, w := range words {
		if hasPrefix(line, w.word) {
			target, i = w.target, len(w.word)
			break
		}
	}
	if i < 0 || i >= len(line) || line[i] != ' ' {
		return 0, nil, 0
	}
	i++
	first, ok := readNumber(line, i, target)
	if !ok {
		return 0, nil, 0
	}
	numbers := []number{first}
	end := first.end
	for {
		next, ok := readSeparated(line, end, target)
		if !ok {
			break
		}
		numbers = append(numbers, next)
		end = next.end
	}
	return target, numbers, end
}

// readSeparatedActivity reads ", Activity N" at line[i:].
func readSeparatedActivity(line []byte, i int) (number, bool) {
	const sep = ", Activity "
	if !hasPrefix(line[i:], sep) {
		return number{}, false
	}
	return readNumber(line, i+len(sep), Activity)
}

// readSeparated reads a separator and a number at line[i:].
func readSeparated(line []byte, i int, target Target) (number, bool) {
	for _, sep := range separators {
		if hasPrefix(line[i:], sep) {
			return readNumber(line, i+len(sep), target)
		}
	}
	return number{}, false
}

// readNumber reads the number of a reference at line[i:]: module.n for handouts and
// transparencies, a whole number (or a number word, for modules) otherwise. The number must
// end the word: "Module 3rd" and "Module 4.1" are not references.
func readNumber(line []byte, i int, target Target) (number, bool) {
	start := i
	digits := func() bool {
		j := i
		for i < len(line) && '0' <= line[i] && line[i] <= '9' {
			i++
		}
		return i > j
	}
	switch {
	case target == Module && i < len(line) && 'A' <= line[i] && line[i] <= 'Z':
		for n, w := range numberWords {
			if hasPrefix(line[i:], w) && !continuesWord(line, i+len(w)) {
				return number{value: strconv.Itoa(n + 1), start: start, end: i + len(w)}, true
			}
		}
		return number{}, false
	case !digits():
		return number{}, false
	}
	if target == Handout || target == Transparency {
		if i+1 >= len(line) || line[i] != '.' {
			return number{}, false
		}
		i++
		if !digits() {
			return number{}, false
		}
	}
	if continuesWord(line, i) || (i+1 < len(line) && line[i] == '.' && isDigit(line[i+1])) {
		return number{}, false
	}
	return number{value: string(line[start:i]), start: start, end: i}, true
}

// continuesWord reports whether line[i] is a letter or digit, so that a number would not end
// its word there.
func continuesWord(line []byte, i int) bool {
	if i >= len(line) {
		return false
	}
	r, _ := utf8.DecodeRune(line[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func hasPrefix(b []byte, s string) bool { return len(b) >= len(s) && string(b[:len(s)]) == s }
