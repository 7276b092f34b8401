// Package htmlexec executes the templates of an html/template set as html/template does, to the
// byte and to the error message, but without the reflection html/template pays at every action:
// it looks up a method once per type rather than at every call, and it calls the escapers that
// html/template adds to each action directly rather than through reflect.
//
// html/template still makes every template safe: it escapes each template, and this package
// executes the escaped tree. To have a template escaped without evaluating anything, a Set
// adds to the html/template set a wrapper that calls it in a branch not taken, and executes
// the wrapper. A template whose escaped tree calls what this package does not know (an escaper
// for JavaScript, a template escaped in a context other than text, a function it has not been
// given) stays with html/template.
package htmlexec

import (
	"fmt"
	"html/template"
	"io"
	"reflect"
	"strings"
	"sync"
	"text/template/parse"
)

// Set executes the templates of an html/template set.
type Set struct {
	ht    *template.Template
	funcs map[string]*function
	progs sync.Map // template name → *program, nil for a template html/template executes

	wrapOnce sync.Once
	// trees are the parse trees of the set's templates, by name, as wrap found them: the
	// trees html/template escapes in place. A template's field Tree is not read after, as
	// html/template sets it again, under a lock of its own, the first time it executes one.
	trees map[string]*parse.Tree
	// prefix starts the names of the templates wrap adds, and no other template's name.
	prefix string
}

// wrap adds to the set a wrapper of each of its templates, before it executes anything: a
// template that calls it in a branch not taken, {{if false}}{{template NAME .}}{{end}}, parsed
// with the usual delimiters whatever the set's are. It leaves trees nil, and the set's
// templates are then executed by html/template, if it cannot add them all, or if the set has
// options that htmlexec does not follow (a probe tells: a missing key prints nothing).
func (s *Set) wrap() {
	trees := map[string]*parse.Tree{}
	for _, t := range s.ht.Templates() {
		trees[t.Name()] = t.Tree
	}
	s.prefix = "\x00htmlexec "
	for name := range trees {
		for strings.HasPrefix(name, s.prefix) {
			s.prefix += "\x00"
		}
	}
	for name := range trees {
		w, err := s.ht.New(s.wrapperName(name)).Delims("{{", "}}").Parse(fmt.Sprintf(`{{if false}}{{template %q .}}{{end}}`, name))
		if err != nil || !calls(w.Tree, name) {
			return // the set has executed already
		}
	}
	probe, err := s.ht.New(s.prefix+"probe").Delims("{{", "}}").Parse(`{{.x}}`)
	if err != nil {
		return
	}
	var out strings.Builder
	if err := probe.Execute(&out, map[string]int{}); err != nil || out.Len() != 0 {
		return // missingkey=zero prints 0, missingkey=error fails
	}
	s.trees = trees
}

// wrapperName is the name of the wrapper of the template name.
func (s *Set) wrapperName(name string) string { return s.prefix + "wrapper of " + name }

// calls reports whether the tree is a wrapper of the template name: one if action whose branch
// calls name.
func calls(tree *parse.Tree, name string) bool {
	if tree == nil || len(tree.Root.Nodes) != 1 {
		return false
	}
	n, ok := tree.Root.Nodes[0].(*parse.IfNode)
	if !ok || len(n.List.Nodes) != 1 {
		return false
	}
	call, ok := n.List.Nodes[0].(*parse.TemplateNode)
	return ok && call.Name == name
}

// New returns a Set of the templates of ht, whose functions are funcs (the FuncMap its templates
// were parsed with). The first ExecuteTemplate adds to ht a template of its own for each of
// ht's, under names no other template has. A set with the option missingkey set otherwise than
// to its default is executed by html/template.
func New(ht *template.Template, funcs template.FuncMap) *Set {
	s := &Set{ht: ht, funcs: make(map[string]*function, len(funcs))}
	for name, f := range funcs {
		fn := reflect.ValueOf(f)
		s.funcs[name] = &function{name: name, typ: fn.Type(), fn: fn}
	}
	return s
}

// Templates returns the html/template set.
func (s *Set) Templates() *template.Template { return s.ht }

// ExecuteTemplate applies the template named name to data, writing to w, as html/template's
// ExecuteTemplate does.
func (s *Set) ExecuteTemplate(w io.Writer, name string, data any) error {
	v, ok := s.progs.Load(name)
	if !ok {
		p, _ := s.compile(name)
		v, _ = s.progs.LoadOrStore(name, p)
	}
	if p := v.(*program); p != nil {
		return p.execute(w, name, data)
	}
	return s.ht.ExecuteTemplate(w, name, data)
}

// program is an escaped template and the templates it calls, ready to execute.
type program struct {
	set   *Set
	trees map[string]*parse.Tree // every template reached, by name
	// escapes are the escapers that end the pipeline of each action that prints.
	escapes map[*parse.PipeNode][]escaper
}

// compile readies the template name, or returns nil if it cannot be made safe or calls what the
// set does not know: html/template executes it, to give its error or its output. The node
// refused says what, if anything, p cannot execute.
func (s *Set) compile(name string) (p *program, refused parse.Node) {
	// html/template makes a template safe, and the templates it calls, the first time it
	// executes it, before it executes anything. The wrapper of name calls it in a branch not
	// taken: executing the wrapper makes name safe, in the context a page starts in, as
	// executing name would, and evaluates nothing. Any error is left for html/template to
	// give again.
	s.wrapOnce.Do(s.wrap)
	if s.trees == nil || s.ht.ExecuteTemplate(io.Discard, s.wrapperName(name), nil) != nil {
		return nil, nil
	}
	p = &program{set: s, trees: map[string]*parse.Tree{}, escapes: map[*parse.PipeNode][]escaper{}}
	if refused := p.add(name); refused != nil {
		return nil, refused
	}
	return p, nil
}

// The checks below return the node p cannot execute, or nil if it can execute all they check.

// add adds the template name and those it calls to p.
func (p *program) add(name string) parse.Node {
	if _, ok := p.trees[name]; ok {
		return nil
	}
	t := p.set.trees[name]
	if t == nil || t.Root == nil {
		// A template escaped in another context than text has a derived name, not the set's.
		return parse.NewIdentifier(name)
	}
	p.trees[name] = t
	return p.check(t.Root)
}

// check checks the node n and what is under it.
func (p *program) check(n parse.Node) parse.Node {
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			if refused := p.check(c); refused != nil {
				return refused
			}
		}
		return nil
	case *parse.TextNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
		return nil
	case *parse.ActionNode:
		return p.checkPipe(n.Pipe, len(n.Pipe.Decl) == 0)
	case *parse.IfNode:
		return p.checkBranch(&n.BranchNode)
	case *parse.WithNode:
		return p.checkBranch(&n.BranchNode)
	case *parse.RangeNode:
		return p.checkBranch(&n.BranchNode)
	case *parse.TemplateNode:
		if n.Pipe != nil {
			if refused := p.checkPipe(n.Pipe, false); refused != nil {
				return refused
			}
		}
		return p.add(n.Name)
	}
	return n
}

func (p *program) checkBranch(n *parse.BranchNode) parse.Node {
	if refused := p.checkPipe(n.Pipe, false); refused != nil {
		return refused
	}
	if refused := p.check(n.List); refused != nil || n.ElseList == nil {
		return refused
	}
	return p.check(n.ElseList)
}

// checkPipe checks a pipeline, which prints or not. The escapers that end a pipeline that
// prints are noted; an escaper anywhere else is not known.
func (p *program) checkPipe(pipe *parse.PipeNode, prints bool) parse.Node {
	cmds := pipe.Cmds
	var escs []escaper
	for prints && len(cmds) > 0 {
		e := escaperOf(cmds[len(cmds)-1])
		if e == nil {
			break
		}
		escs = append([]escaper{e}, escs...)
		cmds = cmds[:len(cmds)-1]
	}
	if prints && escs == nil && !endsWithPredefinedEscaper(cmds) {
		// html/template ends every action that prints with an escaper of its own, or with the
		// escaper html or urlquery it was given: this tree is not one it has made safe.
		return pipe
	}
	for _, cmd := range cmds {
		for _, arg := range cmd.Args {
			if refused := p.checkArg(arg); refused != nil {
				return refused
			}
		}
	}
	if escs != nil {
		p.escapes[pipe] = escs
	}
	return nil
}

// endsWithPredefinedEscaper reports whether the last command calls html or urlquery, which
// html/template leaves at the end of a pipeline in place of its own escaper.
func endsWithPredefinedEscaper(cmds []*parse.CommandNode) bool {
	if len(cmds) == 0 {
		return false
	}
	id, ok := cmds[len(cmds)-1].Args[0].(*parse.IdentifierNode)
	return ok && (id.Ident == "html" || id.Ident == "urlquery")
}

// escaperOf returns the escaper cmd calls, if cmd is a call of a known escaper and no more.
func escaperOf(cmd *parse.CommandNode) escaper {
	if len(cmd.Args) != 1 {
		return nil
	}
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	if !ok {
		return nil
	}
	return escapers[id.Ident]
}

func (p *program) checkArg(n parse.Node) parse.Node {
	switch n := n.(type) {
	case *parse.IdentifierNode:
		if p.function(n.Ident) == nil {
			return n
		}
	case *parse.PipeNode:
		return p.checkPipe(n, false)
	case *parse.ChainNode:
		return p.checkArg(n.Node)
	case *parse.FieldNode, *parse.VariableNode, *parse.DotNode, *parse.NilNode, *parse.BoolNode,
		*parse.NumberNode, *parse.StringNode:
	default:
		return n
	}
	return nil
}

// function returns the function a template calls by name: the set's own first, then the
// builtins this package has; nil for any other.
func (p *program) function(name string) *function {
	if f, ok := p.set.funcs[name]; ok {
		return f
	}
	return builtins[name]
}
