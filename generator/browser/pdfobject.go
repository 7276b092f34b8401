package browser

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// The PDF object model (PDF 32000-1:2008 §7.3), as this reader holds it. An object is one of:
// nil (null), bool, int64, float64, pdfString, pdfName, pdfArray, pdfDict, pdfRef, *pdfStream,
// or, in a content stream or a CMap, a pdfKeyword (an operator).
type (
	pdfString  string // the raw bytes of a literal or hexadecimal string
	pdfName    string // without the slash, #xx escapes decoded
	pdfKeyword string // a bare word: obj, stream, R, or a content-stream operator
	pdfArray   []any
	pdfDict    map[pdfName]any
	pdfRef     struct{ num, gen int64 }
	pdfStream  struct {
		dict pdfDict
		raw  []byte // as stored in the file, still encoded
	}
)

// maxNesting bounds how deep arrays and dictionaries nest, so that a hostile file cannot
// exhaust the stack.
const maxNesting = 64

// errEnd is what next returns at a closing ] or >>, for the caller that opened it.
var errEnd = errors.New("end of array or dictionary")

// lexer reads objects from PDF syntax: a file body, an object stream, a content stream or a
// CMap.
type lexer struct {
	data []byte
	pos  int
	refs bool // whether "n g R" is a reference; off in content streams and CMaps
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelimiter(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

// skipSpace skips white space and comments.
func (l *lexer) skipSpace() {
	for l.pos < len(l.data) {
		switch c := l.data[l.pos]; {
		case isSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.data) && l.data[l.pos] != '\n' && l.data[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// regular reads a run of regular characters: a number or a keyword.
func (l *lexer) regular() string {
	start := l.pos
	for l.pos < len(l.data) && !isSpace(l.data[l.pos]) && !isDelimiter(l.data[l.pos]) {
		l.pos++
	}
	return string(l.data[start:l.pos])
}

// next reads the next object. It returns errEOF at the end of the data, and errEnd at a ] or
// >> that closes nothing it read.
func (l *lexer) next() (any, error) {
	return l.object(0)
}

var errEOF = errors.New("unexpected end of data")

func (l *lexer) object(depth int) (any, error) {
	if depth > maxNesting {
		return nil, errors.New("arrays or dictionaries nested too deeply")
	}
	l.skipSpace()
	if l.pos >= len(l.data) {
		return nil, errEOF
	}
	switch c := l.data[l.pos]; c {
	case '/':
		l.pos++
		return l.name(), nil
	case '(':
		l.pos++
		return l.literalString(), nil
	case '<':
		if l.pos+1 < len(l.data) && l.data[l.pos+1] == '<' {
			l.pos += 2
			return l.dict(depth)
		}
		l.pos++
		return l.hexString(), nil
	case '[':
		l.pos++
		var a pdfArray
		for {
			v, err := l.object(depth + 1)
			if err == errEnd {
				return a, nil
			}
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case ']':
		l.pos++
		return nil, errEnd
	case '>':
		l.pos++
		if l.pos < len(l.data) && l.data[l.pos] == '>' {
			l.pos++
		}
		return nil, errEnd
	case '{', '}', ')':
		l.pos++
		return pdfKeyword(c), nil
	}
	word := l.regular()
	switch word {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	if n, ok := number(word); ok {
		if i, isInt := n.(int64); isInt && l.refs {
			if r, ok := l.ref(i); ok {
				return r, nil
			}
		}
		return n, nil
	}
	return pdfKeyword(word), nil
}

// ref reads the rest of "num gen R" after num, or reports false and leaves the position alone.
func (l *lexer) ref(num int64) (pdfRef, bool) {
	save := l.pos
	l.skipSpace()
	gen, ok := number(l.regular())
	g, isInt := gen.(int64)
	l.skipSpace()
	if ok && isInt && l.regular() == "R" {
		return pdfRef{num, g}, true
	}
	l.pos = save
	return pdfRef{}, false
}

// number parses an integer or a real number, as int64 or float64.
func number(s string) (any, bool) {
	if s == "" {
		return nil, false
	}
	if c := s[0]; !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
		return nil, false
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, true
	}
	return nil, false
}

func (l *lexer) dict(depth int) (pdfDict, error) {
	d := pdfDict{}
	for {
		k, err := l.object(depth + 1)
		if err == errEnd {
			return d, nil
		}
		if err != nil {
			return nil, err
		}
		key, ok := k.(pdfName)
		if !ok {
			return nil, fmt.Errorf("dictionary key is %v, not a name", k)
		}
		v, err := l.object(depth + 1)
		if err == errEnd {
			return d, nil // a key without a value: keep what we have
		}
		if err != nil {
			return nil, err
		}
		d[key] = v
	}
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (l *lexer) name() pdfName {
	raw := l.regular()
	var b []byte
	for i := 0; i < len(raw); i++ {
		if raw[i] == '#' && i+2 < len(raw) {
			hi, ok1 := unhex(raw[i+1])
			lo, ok2 := unhex(raw[i+2])
			if ok1 && ok2 {
				b = append(b, hi<<4|lo)
				i += 2
				continue
			}
		}
		b = append(b, raw[i])
	}
	return pdfName(b)
}

func (l *lexer) hexString() pdfString {
	var b []byte
	var half byte
	odd := false
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v, ok := unhex(c)
		if !ok {
			continue // white space, or junk we ignore
		}
		if odd {
			b = append(b, half<<4|v)
		} else {
			half = v
		}
		odd = !odd
	}
	if odd {
		b = append(b, half<<4) // a missing last digit is 0
	}
	return pdfString(b)
}

func (l *lexer) literalString() pdfString {
	var b []byte
	depth := 1
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return pdfString(b)
			}
		case '\\':
			if l.pos >= len(l.data) {
				return pdfString(b)
			}
			c = l.data[l.pos]
			l.pos++
			switch c {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.data) && l.data[l.pos] == '\n' {
					l.pos++
				}
				continue // a line continuation
			case '\n':
				continue
			default:
				if c >= '0' && c <= '7' {
					v := c - '0'
					for n := 1; n < 3 && l.pos < len(l.data) && l.data[l.pos] >= '0' && l.data[l.pos] <= '7'; n++ {
						v = v<<3 | (l.data[l.pos] - '0')
						l.pos++
					}
					c = v
				}
			}
		}
		b = append(b, c)
	}
	return pdfString(b)
}

// Typed accessors. They return the zero value for a missing key or a value of another type,
// which is how a lenient reader treats a malformed file.

// toFloat returns a number as float64.
func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

// toInt returns an integer, or a real with no fraction, as int64.
func toInt(v any) (int64, bool) {
	switch n := v.(type) {
	case int64:
		return n, true
	case float64:
		if n == float64(int64(n)) {
			return int64(n), true
		}
	}
	return 0, false
}
