// Package xref is a goldmark extension that turns the references a curriculum writes in plain
// text — "Handout 4.1", "Handouts 4.1 and 4.2", "Transparency 4.3", "Module 3", "Module Three",
// "Activity 2" — into links.
//
// The parser only recognises the phrases; a [Resolver] decides what each one points to, and
// returns an error for a target that does not exist, which the caller reports with the file,
// line and column of [Ref.Offset]. The renderer links a resolved reference relative to the page
// being rendered, through fragment.WriteRef: into a fragment.Recorder, or for the writer when it
// is a page (fragment.Page).
package xref

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
)

// Target is the kind of thing a reference points to.
type Target int

// The kinds of target.
const (
	Handout Target = iota
	Transparency
	Module
	Activity
)

var targetNames = [...]string{Handout: "handout", Transparency: "transparency", Module: "module", Activity: "activity"}

// String returns "handout", "transparency", "module" or "activity".
func (t Target) String() string {
	if t < 0 || int(t) >= len(targetNames) {
		return fmt.Sprintf("Target(%d)", int(t))
	}
	return targetNames[t]
}

// KindRef is the ast.NodeKind of a [Ref]; KindRefList that of a [RefList].
var (
	KindRef     = ast.NewNodeKind("Ref")
	KindRefList = ast.NewNodeKind("RefList")
)

// A Ref is one reference: "Handout 4.1", or the "4.2" of "Handouts 4.1 and 4.2". Its children
// are the text that becomes the link.
type Ref struct {
	ast.BaseInline
	Target Target
	// Number is the number referred to, in digits: "4.1", "3" (for "Module Three").
	Number string
	// Module is, for an activity written with its module ("Module 3, Activity 2"), the
	// module's number; "" for an activity of the module the reference is in.
	Module string
	// Offset is the byte offset in the source of the start of the reference, for diagnostics.
	Offset int
	// Destination is the site path the reference links to ("handouts/4.1/index.html",
	// "modules/4/index.html#activity-2"), set by Resolve. Empty means: not a link.
	Destination string
}

// Kind implements ast.Node.
func (n *Ref) Kind() ast.NodeKind { return KindRef }

// Dump implements ast.Node.
func (n *Ref) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{
		"Target": n.Target.String(), "Number": n.Number, "Module": n.Module, "Destination": n.Destination,
	}, nil)
}

// A RefList holds a reference to several numbers, "Handouts 4.1 and 4.2": text and Refs.
type RefList struct {
	ast.BaseInline
}

// Kind implements ast.Node.
func (n *RefList) Kind() ast.NodeKind { return KindRefList }

// Dump implements ast.Node.
func (n *RefList) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// Refs returns every Ref under n, in document order.
func Refs(n ast.Node) []*Ref {
	var refs []*Ref
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if r, ok := n.(*Ref); ok && entering {
			refs = append(refs, r)
		}
		return ast.WalkContinue, nil
	})
	return refs
}
