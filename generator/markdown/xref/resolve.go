package xref

import "github.com/yuin/goldmark/ast"

// A Resolver decides what a reference points to. Resolve returns the site path of the target
// (with a fragment if it is part of a page), "" to leave the reference as text, or an error
// that says what is wrong and what exists instead.
type Resolver interface {
	Resolve(ref *Ref) (string, error)
}

// Resolve sets the Destination of every Ref under n. It calls report for each reference the
// resolver rejects, and goes on, so that one build reports every bad reference at once.
func Resolve(n ast.Node, r Resolver, report func(ref *Ref, err error)) {
	for _, ref := range Refs(n) {
		dest, err := r.Resolve(ref)
		if err != nil {
			report(ref, err)
			continue
		}
		ref.Destination = dest
	}
}
