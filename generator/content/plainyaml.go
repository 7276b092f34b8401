package content

import (
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// parsePlainYAML reads the YAML most front matter is written in, a tenth as dear as the YAML
// parser: block mappings of simple keys, block sequences, and one-line plain values that are
// text or whole numbers, as in
//
//	title: Building Partnerships
//	duration: 90
//	competencies:
//	  - competency: The worker knows …
//	    objectives:
//	      - Participants will …
//
// It returns the document node yaml.Unmarshal would make of src, and true; or false for any
// YAML it does not read in full (quotes, comments, flows, anchors, tags, empty values, values
// over several lines, numbers other than whole ones, a tab, a control character, a
// repeated key, a mistake), which the YAML parser then reads. FuzzPlainYAML holds it to
// yaml.Unmarshal.
func parsePlainYAML(src []byte) (*yaml.Node, bool) {
	p := plainParser{src: src}
	if !p.check() {
		return nil, false
	}
	p.next()
	if p.indent != 0 || p.eof {
		return nil, false
	}
	root, ok := p.mapping(0)
	if !ok || !p.eof {
		return nil, false
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: root.Line, Column: 1, Content: []*yaml.Node{root}}, true
}

// plainParser reads src a line at a time. The line it is at starts at start (after its
// indent), and is line number line.
type plainParser struct {
	depth  int // of the collections being read, up to maxDepth
	src    []byte
	pos    int // where the next line starts
	line   int // the current line's number, from 1
	indent int // the current line's indent, in spaces
	text   []byte
	eof    bool
}

// check refuses any byte the plain reading leaves to the YAML parser: tabs, carriage returns
// and other control characters, comment marks, bytes that are not UTF-8, and any character
// that is not printable in YAML or that YAML takes for a line break (NEL, LS, PS) or a byte
// order mark. With no line break but the line feed, the lines the plain reading counts are
// the file's (yamlFile.parse renumbers the YAML parser's, which count the others too).
func (p *plainParser) check() bool {
	for i := 0; i < len(p.src); {
		c := p.src[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\n' || c == 0x7f || c == '#' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(p.src[i:])
		if r == utf8.RuneError && size == 1 || r < 0xa0 || r == '\u2028' || r == '\u2029' || r == '\ufeff' || r == 0xfffe || r == 0xffff {
			return false
		}
		i += size
	}
	return true
}

// next moves to the next line that is not blank.
func (p *plainParser) next() {
	for p.pos < len(p.src) {
		end := p.pos
		for end < len(p.src) && p.src[end] != '\n' {
			end++
		}
		line := p.src[p.pos:end]
		p.line++
		p.pos = end + 1
		indent := spaces(line)
		if indent == len(line) {
			continue // blank
		}
		p.indent, p.text = indent, line[indent:]
		return
	}
	p.eof, p.indent, p.text = true, -1, nil
}

// maxDepth is as deep as the plain reading nests collections; the YAML parser refuses
// documents nested past 10,000, and front matter is nested two or three deep.
const maxDepth = 100

// mapping reads the block mapping whose keys stand at column indent (from 0) of this line and
// the lines after it.
func (p *plainParser) mapping(indent int) (*yaml.Node, bool) {
	if p.depth++; p.depth > maxDepth {
		return nil, false
	}
	defer func() { p.depth-- }()
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: p.line, Column: indent + 1}
	for !p.eof && p.indent == indent {
		key, rest, ok := cutKey(p.text)
		if !ok {
			return nil, false
		}
		for i := 0; i < len(m.Content); i += 2 { // front matter has a few keys
			if m.Content[i].Value == key {
				return nil, false // a repeated key: the YAML parser says what it makes of it
			}
		}
		k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: p.line, Column: indent + 1}
		var v *yaml.Node
		if len(rest) > 0 {
			// key: value, on this line
			n := spaces(rest)
			v, ok = p.scalar(rest[n:], indent+len(key)+1+n)
			if !ok {
				return nil, false
			}
			p.next()
			if p.indent > indent {
				return nil, false // a value over several lines, or a mistake
			}
		} else {
			// key:, and a block on the lines below it
			p.next()
			switch {
			case p.eof || p.indent < indent:
				return nil, false // an empty value
			case isItem(p.text):
				v, ok = p.sequence(p.indent)
			case p.indent > indent:
				v, ok = p.mapping(p.indent)
			default:
				return nil, false // an empty value
			}
			if !ok {
				return nil, false
			}
		}
		m.Content = append(m.Content, k, v)
	}
	if p.indent > indent {
		return nil, false
	}
	return m, true
}

// sequence reads the block sequence whose dashes stand at column indent of this line and the
// lines after it.
func (p *plainParser) sequence(indent int) (*yaml.Node, bool) {
	if p.depth++; p.depth > maxDepth {
		return nil, false
	}
	defer func() { p.depth-- }()
	s := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: p.line, Column: indent + 1}
	for !p.eof && p.indent == indent && isItem(p.text) {
		n := 1 + spaces(p.text[1:]) // the dash and the spaces after it
		at := indent + n            // the item's column, from 0
		item := p.text[n:]
		var v *yaml.Node
		if _, _, isMapping := cutKey(item); isMapping {
			// - key: value, a mapping that goes on at the key's column: the rest of this line
			// is read as a line of its own, indented to the key (the line's number stays).
			p.indent, p.text = at, item
			var ok bool
			if v, ok = p.mapping(at); !ok {
				return nil, false
			}
		} else {
			var ok bool
			if v, ok = p.scalar(item, at); !ok {
				return nil, false
			}
			p.next()
			if p.indent > indent {
				return nil, false
			}
		}
		s.Content = append(s.Content, v)
	}
	if p.indent > indent {
		return nil, false
	}
	return s, true
}

// spaces counts the spaces b starts with.
func spaces(b []byte) int {
	n := 0
	for n < len(b) && b[n] == ' ' {
		n++
	}
	return n
}

// isItem reports whether a line's text starts an item of a block sequence: a dash and a space.
func isItem(text []byte) bool {
	return len(text) >= 2 && text[0] == '-' && text[1] == ' '
}

// cutKey splits a line's text "key: value" or "key:" at its key, a word of up to 128 letters,
// digits, dashes and underscores that starts with a letter; ok is false for any other text.
func cutKey(text []byte) (key string, rest []byte, ok bool) {
	i := 0
	for i < len(text) {
		c := text[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && ('0' <= c && c <= '9' || c == '_' || c == '-') {
			i++
			continue
		}
		break
	}
	// (YAML takes a key of more than 1,024 characters for a mistake.)
	if i == 0 || i > 128 || i == len(text) || text[i] != ':' || i+1 < len(text) && text[i+1] != ' ' {
		return "", nil, false
	}
	key = string(text[:i])
	switch key {
	case "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL":
		return "", nil, false // a key that is not text to YAML
	}
	return key, text[i+1:], true
}

// scalar makes the node of a plain value on one line, text at column col (from 0), or false
// for a value that is not text, true or false, or a whole number, or is not plain.
func (p *plainParser) scalar(text []byte, col int) (*yaml.Node, bool) {
	end := len(text)
	for end > 0 && text[end-1] == ' ' {
		end--
	}
	text = text[:end]
	if len(text) == 0 || text[len(text)-1] == ':' {
		return nil, false
	}
	for i := 0; i+1 < len(text); i++ {
		if text[i] == ':' && text[i+1] == ' ' {
			return nil, false // a mapping's value on a mapping's line: a mistake
		}
	}
	tag := "!!str"
	digits := 0
	for digits < len(text) && '0' <= text[digits] && text[digits] <= '9' {
		digits++
	}
	switch c := text[0]; {
	case digits == len(text) && (c != '0' || digits == 1) && digits <= 18:
		tag = "!!int"
	case digits > 0 && digits < len(text) && text[digits] == ' ':
		// text that starts with a number and a space, "1 Flip Chart": no number or date
	case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf:
		// text, unless it is one of YAML's words for true, false and nothing, below
	default:
		return nil, false // a mark YAML gives a meaning to, a sign, a number of another kind, a date
	}
	v := string(text)
	switch v {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		tag = "!!bool"
	case "null", "Null", "NULL":
		return nil, false
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v, Line: p.line, Column: col + 1}, true
}
