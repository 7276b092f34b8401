// Package cue is a goldmark extension for trainer cues: the "Say the following:", "Ask the
// following:", "Generate responses that could include:" paragraphs of a trainer's script and the
// words, questions and expected answers that follow them.
//
// A cue starts at a paragraph that ends with one of the phrases of [Types]. The paragraph may
// begin with its own words ("When participants have finished, say the following:"). The cue
// holds that paragraph and then either the list right after it, or, when no list follows, the
// paragraphs after it up to the next cue, heading, list or other block. The markdown stays
// exactly as a curriculum prints it; the cue becomes a labelled block in HTML.
package cue

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
)

// KindCue is the ast.NodeKind of a [Cue].
var KindCue = ast.NewNodeKind("Cue")

// Type is what a cue asks the trainer to do.
type Type int

// The types of cue, in the order of [Types].
const (
	Say Type = iota
	Explain
	Ask
	SayAndDo
	Do
	Responses
	Examples
)

// Types lists every Type.
var Types = []Type{Say, Explain, Ask, SayAndDo, Do, Responses, Examples}

var typeInfo = [...]struct{ name, label string }{
	Say:       {"say", "Say"},
	Explain:   {"explain", "Explain"},
	Ask:       {"ask", "Ask"},
	SayAndDo:  {"say-and-do", "Say and do"},
	Do:        {"do", "Do"},
	Responses: {"responses", "Expected responses"},
	Examples:  {"examples", "Examples"},
}

// String returns the type's short name, used as its CSS class suffix: "say", "responses", …
func (t Type) String() string {
	if t < 0 || int(t) >= len(typeInfo) {
		return fmt.Sprintf("Type(%d)", int(t))
	}
	return typeInfo[t].name
}

// Label is the label a reader sees on the cue: "Say", "Expected responses", …
func (t Type) Label() string {
	if t < 0 || int(t) >= len(typeInfo) {
		return t.String()
	}
	return typeInfo[t].label
}

// A Cue is a block holding a trainer cue. Its first child is the paragraph that opened it (the
// lead, "Say the following:"); the rest are the cue's body.
type Cue struct {
	ast.BaseBlock
	CueType Type
}

// Kind implements ast.Node.
func (n *Cue) Kind() ast.NodeKind { return KindCue }

// Lead returns the paragraph that opened the cue.
func (n *Cue) Lead() *ast.Paragraph {
	p, _ := n.FirstChild().(*ast.Paragraph)
	return p
}

// Dump implements ast.Node.
func (n *Cue) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Type": n.CueType.String()}, nil)
}

// NewCue returns an empty Cue of type t.
func NewCue(t Type) *Cue { return &Cue{CueType: t} }
