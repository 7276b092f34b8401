package htmlexec

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"text/template"
	"text/template/parse"
)

// The execution below follows text/template's, step for step, so that a template gives the same
// bytes, and an error the same message, as there; where it differs, it is to look a member up
// once per type and to call escapers and builtins without reflect.

// maxExecDepth is how deep templates may call one another, as in text/template.
const maxExecDepth = 100000

// state is one execution of a template.
type state struct {
	prog  *program
	name  string // of the template executing, for errors
	tree  *parse.Tree
	w     io.Writer
	sw    io.StringWriter // w, when it can write strings
	node  parse.Node      // the node executing, for errors
	vars  []variable      // the variables in scope, innermost last
	args  []reflect.Value // the arguments of the calls being made, innermost last
	depth int             // how many templates the one executing was called through
}

type variable struct {
	name  string
	value reflect.Value
}

// missing marks the absence of a value: the final argument of the first command of a pipeline.
type missingType struct{}

var missing = reflect.ValueOf(missingType{})

func isMissing(v reflect.Value) bool {
	return v.IsValid() && v.Type() == reflect.TypeFor[missingType]()
}

// writeError is an error of w, which execute returns as it is.
type writeError struct{ err error }

// control says whether a walk goes on, or breaks or continues the innermost range.
type control uint8

const (
	next control = iota
	breakRange
	continueRange
)

// execute applies the template name to data, writing to w.
func (p *program) execute(w io.Writer, name string, data any) (err error) {
	defer func() {
		switch e := recover().(type) {
		case nil:
		case writeError:
			err = e.err
		case template.ExecError:
			err = e
		default:
			panic(e)
		}
	}()
	value, ok := data.(reflect.Value)
	if !ok {
		value = reflect.ValueOf(data)
	}
	s := &state{prog: p, name: name, tree: p.trees[name], w: w, vars: []variable{{"$", value}}}
	s.sw, _ = w.(io.StringWriter)
	s.walk(value, s.tree.Root)
	return nil
}

func (s *state) at(n parse.Node) { s.node = n }

// errorf stops the execution with an error, as text/template words it.
func (s *state) errorf(format string, args ...any) {
	name := doublePercent(s.name)
	if s.node == nil {
		format = fmt.Sprintf("template: %s: %s", name, format)
	} else {
		location, context := s.tree.ErrorContext(s.node)
		format = fmt.Sprintf("template: %s: executing %q at <%s>: %s", location, name, doublePercent(context), format)
	}
	panic(template.ExecError{Name: s.name, Err: fmt.Errorf(format, args...)})
}

func doublePercent(s string) string { return strings.ReplaceAll(s, "%", "%%") }

func (s *state) write(b []byte) {
	if _, err := s.w.Write(b); err != nil {
		panic(writeError{err})
	}
}

func (s *state) writeString(str string) {
	var err error
	if s.sw != nil {
		_, err = s.sw.WriteString(str)
	} else {
		_, err = io.WriteString(s.w, str)
	}
	if err != nil {
		panic(writeError{err})
	}
}

// Variables.

func (s *state) push(name string, value reflect.Value) {
	s.vars = append(s.vars, variable{name, value})
}

func (s *state) mark() int { return len(s.vars) }

func (s *state) pop(mark int) { s.vars = s.vars[:mark] }

func (s *state) setVar(name string, value reflect.Value) {
	for i := s.mark() - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = value
			return
		}
	}
	s.errorf("undefined variable: %s", name)
}

func (s *state) setTopVar(n int, value reflect.Value) { s.vars[len(s.vars)-n].value = value }

func (s *state) varValue(name string) reflect.Value {
	for i := s.mark() - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value
		}
	}
	s.errorf("undefined variable: %s", name)
	return reflect.Value{}
}

// Walking the tree.

func (s *state) walk(dot reflect.Value, node parse.Node) control {
	s.at(node)
	switch node := node.(type) {
	case *parse.ActionNode:
		if escs, ok := s.prog.escapes[node.Pipe]; ok {
			s.printEscaped(dot, node.Pipe, escs)
			break
		}
		// The variables the action declares stay in scope until the end of the list.
		val := s.evalPipeline(dot, node.Pipe)
		if len(node.Pipe.Decl) == 0 {
			s.printValue(node, val)
		}
	case *parse.BreakNode:
		return breakRange
	case *parse.ContinueNode:
		return continueRange
	case *parse.CommentNode:
	case *parse.IfNode:
		return s.walkIfOrWith(parse.NodeIf, dot, node.Pipe, node.List, node.ElseList)
	case *parse.ListNode:
		for _, n := range node.Nodes {
			if c := s.walk(dot, n); c != next {
				return c
			}
		}
	case *parse.RangeNode:
		return s.walkRange(dot, node)
	case *parse.TemplateNode:
		s.walkTemplate(dot, node)
	case *parse.TextNode:
		s.write(node.Text)
	case *parse.WithNode:
		return s.walkIfOrWith(parse.NodeWith, dot, node.Pipe, node.List, node.ElseList)
	default:
		s.errorf("unknown node: %s", node)
	}
	return next
}

func (s *state) walkIfOrWith(typ parse.NodeType, dot reflect.Value, pipe *parse.PipeNode, list, elseList *parse.ListNode) control {
	defer s.pop(s.mark())
	val := s.evalPipeline(dot, pipe)
	truth, ok := isTrue(indirectInterface(val))
	if !ok {
		s.errorf("if/with can't use %v", val)
	}
	if truth {
		if typ == parse.NodeWith {
			return s.walk(val, list)
		}
		return s.walk(dot, list)
	} else if elseList != nil {
		return s.walk(dot, elseList)
	}
	return next
}

// isTrue reports whether val is not the zero of its type, and whether it has a truth at all.
func isTrue(val reflect.Value) (truth, ok bool) {
	if !val.IsValid() {
		return false, true
	}
	switch val.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		truth = val.Len() > 0
	case reflect.Bool:
		truth = val.Bool()
	case reflect.Complex64, reflect.Complex128:
		truth = val.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		truth = !val.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		truth = val.Int() != 0
	case reflect.Float32, reflect.Float64:
		truth = val.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		truth = val.Uint() != 0
	case reflect.Struct:
		truth = true
	default:
		return
	}
	return truth, true
}

// walkRange walks a range node, and returns how a break or continue in its else list goes on.
func (s *state) walkRange(dot reflect.Value, r *parse.RangeNode) control {
	s.at(r)
	defer s.pop(s.mark())
	val, _ := indirect(s.evalPipeline(dot, r.Pipe))
	mark := s.mark()
	twoVars := len(r.Pipe.Decl) > 1 // the index is wanted
	switch val.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if len(r.Pipe.Decl) > 1 {
			s.errorf("can't use %v to iterate over more than one variable", val)
			break
		}
		// As val.Seq() yields, without a closure that would take s to the heap.
		var n uint64
		if val.CanInt() {
			n = uint64(max(val.Int(), 0))
		} else {
			n = val.Uint()
		}
		if n == 0 {
			break
		}
		for i := range n {
			if !s.rangeOnce(r, mark, reflect.Value{}, reflect.ValueOf(i).Convert(val.Type())) {
				break
			}
		}
		return next
	case reflect.Array, reflect.Slice:
		if val.Len() == 0 {
			break
		}
		for i := 0; i < val.Len(); i++ {
			if !s.rangeOnce(r, mark, indexValue(twoVars, i), val.Index(i)) {
				break
			}
		}
		return next
	case reflect.Map:
		if val.Len() == 0 {
			break
		}
		for _, m := range sortMap(val) {
			if !s.rangeOnce(r, mark, m.key, m.value) {
				break
			}
		}
		return next
	case reflect.Chan:
		if val.IsNil() {
			break
		}
		if val.Type().ChanDir() == reflect.SendDir {
			s.errorf("range over send-only channel %v", val)
			break
		}
		i := 0
		for ; ; i++ {
			elem, ok := val.Recv()
			if !ok {
				break
			}
			if !s.rangeOnce(r, mark, indexValue(twoVars, i), elem) {
				i++
				break
			}
		}
		if i == 0 {
			break
		}
		return next
	case reflect.Invalid:
		// An invalid value is likely a nil map, and ranges as an empty one.
	case reflect.Func:
		if val.Type().CanSeq() || val.Type().CanSeq2() {
			if s.rangeFunc(r, mark, val) {
				return next
			}
			break
		}
		s.errorf("range can't iterate over %v", val)
	default:
		s.errorf("range can't iterate over %v", val)
	}
	if r.ElseList != nil {
		// As in text/template, a break in the else list ends it, and a continue in it is of
		// the range around this one.
		if c := s.walk(dot, r.ElseList); c != breakRange {
			return c
		}
	}
	return next
}

// rangeFunc ranges over an iterator function, and reports whether it yielded anything. The
// loops yield to closures, which take a copy of s, not s, to the heap. A break unwinds the
// iterator with a panic, as in text/template, whatever the iterator does after its yield
// returns false.
func (s *state) rangeFunc(r *parse.RangeNode, mark int, val reflect.Value) (run bool) {
	h := *s
	defer func() {
		s.node, s.vars, s.args = h.node, h.vars, h.args
		if e := recover(); e != nil && e != errBreak {
			panic(e)
		}
	}()
	if val.Type().CanSeq() {
		if len(r.Pipe.Decl) > 1 {
			h.errorf("can't use %v iterate over more than one variable", val)
		}
		for v := range val.Seq() {
			run = true
			if !h.rangeOnce(r, mark, reflect.Value{}, v) {
				panic(errBreak)
			}
		}
		return run
	}
	for i, v := range val.Seq2() {
		run = true
		index, elem := reflect.Value{}, i
		if len(r.Pipe.Decl) > 1 {
			index, elem = i, v
		}
		if !h.rangeOnce(r, mark, index, elem) {
			panic(errBreak)
		}
	}
	return run
}

// errBreak unwinds an iterator function on a break.
var errBreak = errors.New("break")

// rangeOnce walks the body of a range once, for an element and its index, and reports whether
// the range goes on.
func (s *state) rangeOnce(r *parse.RangeNode, mark int, index, elem reflect.Value) bool {
	if len(r.Pipe.Decl) > 0 {
		if r.Pipe.IsAssign {
			if len(r.Pipe.Decl) > 1 {
				s.setVar(r.Pipe.Decl[0].Ident[0], index)
			} else {
				s.setVar(r.Pipe.Decl[0].Ident[0], elem)
			}
		} else {
			s.setTopVar(1, elem)
		}
	}
	if len(r.Pipe.Decl) > 1 {
		if r.Pipe.IsAssign {
			s.setVar(r.Pipe.Decl[1].Ident[0], elem)
		} else {
			s.setTopVar(2, index)
		}
	}
	c := s.walk(elem, r.List)
	s.pop(mark)
	return c != breakRange
}

// indexValue is the index i of a range's element, if it is wanted.
func indexValue(wanted bool, i int) reflect.Value {
	if !wanted {
		return reflect.Value{}
	}
	return reflect.ValueOf(i)
}

func (s *state) walkTemplate(dot reflect.Value, t *parse.TemplateNode) {
	s.at(t)
	tree := s.prog.trees[t.Name]
	if tree == nil {
		s.errorf("template %q not defined", t.Name)
	}
	if s.depth == maxExecDepth {
		s.errorf("exceeded maximum template depth (%v)", maxExecDepth)
	}
	dot = s.evalPipeline(dot, t.Pipe)
	called := *s
	called.depth++
	called.name, called.tree = t.Name, tree
	// Templates inherit no variables. The called template's variables and arguments are
	// pushed after the caller's, which wait for it.
	called.vars = append(s.vars[len(s.vars):], variable{"$", dot})
	called.args = s.args[len(s.args):]
	called.walk(dot, tree.Root)
}

// printEscaped prints the value of a pipeline that ends with escapers: they are called on the
// value the commands before them give, in turn.
func (s *state) printEscaped(dot reflect.Value, pipe *parse.PipeNode, escs []escaper) {
	s.at(pipe)
	value := s.evalCommands(dot, pipe.Cmds[:len(pipe.Cmds)-len(escs)])
	var str string
	t := contentPlain
	if !isMissing(value) {
		str, t = stringify(value)
	}
	for _, e := range escs {
		str, t = e(str, t), contentPlain
	}
	s.writeString(str)
}

// printValue prints the value of an action that has no escaper, as fmt.Fprint does.
func (s *state) printValue(n parse.Node, v reflect.Value) {
	s.at(n)
	iface, ok := printableValue(v)
	if !ok {
		s.errorf("can't print %s of type %s", n, v.Type())
	}
	if _, err := fmt.Fprint(s.w, iface); err != nil {
		panic(writeError{err})
	}
}

func printableValue(v reflect.Value) (any, bool) {
	if v.Kind() == reflect.Pointer {
		v, _ = indirect(v)
	}
	if !v.IsValid() {
		return "<no value>", true
	}
	if !v.Type().Implements(errorType) && !v.Type().Implements(stringerType) {
		if v.CanAddr() && (reflect.PointerTo(v.Type()).Implements(errorType) || reflect.PointerTo(v.Type()).Implements(stringerType)) {
			v = v.Addr()
		} else {
			switch v.Kind() {
			case reflect.Chan, reflect.Func:
				return nil, false
			}
		}
	}
	return v.Interface(), true
}
