package cue

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// phrases recognise the end of a cue's lead paragraph, each a regular expression matched, in
// any case, after a word boundary and before the colon that ends the paragraph. Order matters:
// "say and do the following:" also ends with "do the following:".
var phrases = []struct {
	re  string
	typ Type
}{
	{`say and do the following`, SayAndDo},
	{`say the following`, Say},
	{`explain the following`, Explain},
	{`ask the following`, Ask},
	{`do the following`, Do},
	{`generate responses that (?:could|may|might) include`, Responses},
	{`give the following as (?:an? )?examples?(?: [\p{L}-]+)?`, Examples},
}

// phrase is the phrases as one regular expression, each a group of its own: a paragraph is
// read once, not once for each. Of the phrases that end a text, the one that starts first is
// matched, which is the first in order (FuzzPhrase checks it).
var phrase = func() *regexp.Regexp {
	groups := make([]string, len(phrases))
	for i, p := range phrases {
		groups[i] = "(" + p.re + ")"
	}
	return regexp.MustCompile(`(?i)\b(?:` + strings.Join(groups, "|") + `):$`)
}()

// mayMatch reports whether text holds "following" or "include", in any case: every phrase
// does, and a paragraph without them is not tried against the phrases one by one. Neither word
// has a letter that case folding matches with a letter beyond ASCII (as ſ matches s).
func mayMatch(text []byte) bool {
	return containsFold(text, "following") || containsFold(text, "include")
}

// containsFold reports whether text holds word, of lower-case ASCII letters, in any case.
func containsFold(text []byte, word string) bool {
	for i := 0; i+len(word) <= len(text); i++ {
		j := 0
		for j < len(word) && text[i+j]|0x20 == word[j] {
			j++
		}
		if j == len(word) {
			return true
		}
	}
	return false
}

// Match reports the type of cue a paragraph of this text would open.
func Match(text []byte) (Type, bool) {
	text = bytes.TrimSpace(text)
	if len(text) == 0 || text[len(text)-1] != ':' || !mayMatch(text) {
		return 0, false
	}
	return matchPhrase(text)
}

// matchPhrase reports the phrase text ends with.
func matchPhrase(text []byte) (Type, bool) {
	m := phrase.FindSubmatchIndex(text)
	for i := 1; 2*i < len(m); i++ {
		if m[2*i] >= 0 {
			return phrases[i-1].typ, true
		}
	}
	return 0, false
}

// transformer groups each cue's lead paragraph and body into a Cue node. It runs after block
// parsing, when the paragraphs and lists are known, which is what a cue is made of.
type transformer struct{}

// NewTransformer returns the parser.ASTTransformer that finds cues.
func NewTransformer() parser.ASTTransformer { return transformer{} }

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	group(doc, reader.Source())
}

// group finds cues among the children of parent, and in the blocks those children contain.
func group(parent ast.Node, source []byte) {
	for c := parent.FirstChild(); c != nil; {
		next := c.NextSibling()
		p, ok := c.(*ast.Paragraph)
		if !ok {
			if c.Type() == ast.TypeBlock && c.HasChildren() {
				group(c, source)
			}
			c = next
			continue
		}
		typ, ok := Match(paragraphText(p, source))
		if !ok {
			c = next
			continue
		}
		cue := NewCue(typ)
		parent.InsertBefore(parent, p, cue)
		cue.AppendChild(cue, p)
		p.SetAttributeString("class", []byte("cue-lead"))
		switch {
		case next == nil:
		case next.Kind() == ast.KindList:
			after := next.NextSibling()
			cue.AppendChild(cue, next)
			next = after
		default:
			for next != nil && next.Kind() == ast.KindParagraph && !opensCue(next, source) {
				after := next.NextSibling()
				cue.AppendChild(cue, next)
				next = after
			}
		}
		c = next
	}
}

func opensCue(n ast.Node, source []byte) bool {
	_, ok := Match(paragraphText(n.(*ast.Paragraph), source))
	return ok
}

// paragraphText is the raw markdown of a paragraph, its lines joined by spaces.
func paragraphText(p *ast.Paragraph, source []byte) []byte {
	lines := p.Lines()
	if lines.Len() == 1 {
		seg := lines.At(0)
		return seg.Value(source)
	}
	var b []byte
	for i := range lines.Len() {
		if i > 0 {
			b = append(b, ' ')
		}
		seg := lines.At(i)
		b = append(b, bytes.TrimSpace(seg.Value(source))...)
	}
	return b
}
