package htmlexec

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"text/template/parse"
	"unsafe"
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

// Evaluating pipelines.

// evalPipeline returns the value of a pipeline, and declares or assigns its variables.
func (s *state) evalPipeline(dot reflect.Value, pipe *parse.PipeNode) (value reflect.Value) {
	if pipe == nil {
		return
	}
	s.at(pipe)
	value = s.evalCommands(dot, pipe.Cmds)
	for _, variable := range pipe.Decl {
		if pipe.IsAssign {
			s.setVar(variable.Ident[0], value)
		} else {
			s.push(variable.Ident[0], value)
		}
	}
	return value
}

// evalCommands returns the value of commands, each given the value of the one before.
func (s *state) evalCommands(dot reflect.Value, cmds []*parse.CommandNode) reflect.Value {
	value := missing
	for _, cmd := range cmds {
		value = s.evalCommand(dot, cmd, value)
		// A value of type any is the value inside it.
		if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
			value = value.Elem()
		}
	}
	return value
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

func (s *state) notAFunction(args []parse.Node, final reflect.Value) {
	if len(args) > 1 || !isMissing(final) {
		s.errorf("can't give argument to non-function %s", args[0])
	}
}

func (s *state) evalCommand(dot reflect.Value, cmd *parse.CommandNode, final reflect.Value) reflect.Value {
	firstWord := cmd.Args[0]
	switch n := firstWord.(type) {
	case *parse.FieldNode:
		return s.evalFieldNode(dot, n, cmd.Args, final)
	case *parse.ChainNode:
		return s.evalChainNode(dot, n, cmd.Args, final)
	case *parse.IdentifierNode:
		return s.evalFunction(dot, n, cmd, cmd.Args, final)
	case *parse.PipeNode:
		s.notAFunction(cmd.Args, final)
		return s.evalPipeline(dot, n)
	case *parse.VariableNode:
		return s.evalVariableNode(dot, n, cmd.Args, final)
	}
	s.at(firstWord)
	s.notAFunction(cmd.Args, final)
	switch word := firstWord.(type) {
	case *parse.BoolNode:
		return reflect.ValueOf(word.True)
	case *parse.DotNode:
		return dot
	case *parse.NilNode:
		s.errorf("nil is not a command")
	case *parse.NumberNode:
		return s.idealConstant(word)
	case *parse.StringNode:
		return reflect.ValueOf(word.Text)
	}
	s.errorf("can't evaluate command %q", firstWord)
	panic("not reached")
}

// idealConstant is the value of a number whose type nothing gives: its syntax does.
func (s *state) idealConstant(constant *parse.NumberNode) reflect.Value {
	s.at(constant)
	switch {
	case constant.IsComplex:
		return reflect.ValueOf(constant.Complex128)
	case constant.IsFloat && !isHexInt(constant.Text) && !isRuneInt(constant.Text) &&
		strings.ContainsAny(constant.Text, ".eEpP"):
		return reflect.ValueOf(constant.Float64)
	case constant.IsInt:
		n := int(constant.Int64)
		if int64(n) != constant.Int64 {
			s.errorf("%s overflows int", constant.Text)
		}
		return reflect.ValueOf(n)
	case constant.IsUint:
		s.errorf("%s overflows int", constant.Text)
	}
	return reflect.Value{}
}

func isRuneInt(s string) bool { return len(s) > 0 && s[0] == '\'' }

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}

func (s *state) evalFieldNode(dot reflect.Value, field *parse.FieldNode, args []parse.Node, final reflect.Value) reflect.Value {
	s.at(field)
	return s.evalFieldChain(dot, dot, field, field.Ident, args, final)
}

func (s *state) evalChainNode(dot reflect.Value, chain *parse.ChainNode, args []parse.Node, final reflect.Value) reflect.Value {
	s.at(chain)
	if len(chain.Field) == 0 {
		s.errorf("internal error: no fields in evalChainNode")
	}
	if chain.Node.Type() == parse.NodeNil {
		s.errorf("indirection through explicit nil in %s", chain)
	}
	pipe := s.evalArg(dot, nil, chain.Node)
	return s.evalFieldChain(dot, pipe, chain, chain.Field, args, final)
}

func (s *state) evalVariableNode(dot reflect.Value, variable *parse.VariableNode, args []parse.Node, final reflect.Value) reflect.Value {
	s.at(variable)
	value := s.varValue(variable.Ident[0])
	if len(variable.Ident) == 1 {
		s.notAFunction(args, final)
		return value
	}
	return s.evalFieldChain(dot, value, variable, variable.Ident[1:], args, final)
}

// evalFieldChain evaluates .X.Y.Z, the last possibly with arguments: dot is what the arguments
// are evaluated against, receiver what the chain starts from.
func (s *state) evalFieldChain(dot, receiver reflect.Value, node parse.Node, ident []string, args []parse.Node, final reflect.Value) reflect.Value {
	n := len(ident)
	for i := 0; i < n-1; i++ {
		receiver = s.evalField(dot, ident[i], node, nil, missing, receiver)
	}
	return s.evalField(dot, ident[n-1], node, args, final, receiver)
}

func (s *state) evalFunction(dot reflect.Value, node *parse.IdentifierNode, cmd parse.Node, args []parse.Node, final reflect.Value) reflect.Value {
	s.at(node)
	f := s.prog.function(node.Ident)
	if f == nil {
		s.errorf("%q is not a defined function", node.Ident)
	}
	return s.evalCall(dot, reflect.Value{}, f, cmd, args, final)
}

// member is what a name given to a value of a type is: a method of the value, or of its address
// when it has one; else a field of a struct, or a key of a map.
type member struct {
	method  int           // the index of the method, or -1
	fn      *function     // the method's signature, for calling it
	field   []int         // the index of a struct's field
	found   bool          // whether the struct has the field
	private bool          // whether the field is not exported
	mapKey  bool          // whether the name can be a key of the map
	nameVal reflect.Value // the name, as a key of the map
}

type memberKey struct {
	typ  reflect.Type // the value's, after indirection
	addr bool         // whether the value has an address: its methods are those of *typ
	name string
}

// members caches each memberKey's member: looking a method up by name is what text/template
// spends most of an action on.
var members sync.Map

// recent is a cache in front of members, without hashing: a name in a template is a string of
// its own, a piece of the template's text, and the slot of its memberKey is picked by where the
// string is. A slot holds the last key looked up in it.
var recent [1 << 12]atomic.Pointer[recentMember]

type recentMember struct {
	name *byte // the name's string
	key  memberKey
	m    *member
}

func lookupMember(ptr, receiver reflect.Value, addr bool, name string) *member {
	key := memberKey{receiver.Type(), addr, name}
	at := unsafe.StringData(name)
	// The names of a chain (.A.B) are bytes apart: the address is mixed (Fibonacci hashing)
	// so that they fall in different slots.
	slot := &recent[uint64(uintptr(unsafe.Pointer(at)))*0x9E3779B97F4A7C15>>(64-12)]
	if r := slot.Load(); r != nil && r.name == at && r.key.typ == key.typ && r.key.addr == addr && len(r.key.name) == len(name) {
		return r.m
	}
	m := lookupMemberSlow(ptr, receiver, key)
	slot.Store(&recentMember{at, key, m})
	return m
}

func lookupMemberSlow(ptr, receiver reflect.Value, key memberKey) *member {
	if m, ok := members.Load(key); ok {
		return m.(*member)
	}
	name := key.name
	m := &member{method: -1}
	if method, ok := ptr.Type().MethodByName(name); ok {
		m.method = method.Index
		m.fn = &function{name: name, typ: ptr.Method(method.Index).Type(), method: method.Index}
		if call, ok := fastCalls.Load(fastKey{ptr.Type(), name}); ok {
			m.fn.fast = call.(fastCall)
		}
	}
	switch receiver.Kind() {
	case reflect.Struct:
		if f, ok := receiver.Type().FieldByName(name); ok {
			m.found, m.field, m.private = true, f.Index, !f.IsExported()
		}
	case reflect.Map:
		m.nameVal = reflect.ValueOf(name)
		m.mapKey = m.nameVal.Type().AssignableTo(receiver.Type().Key())
	}
	v, _ := members.LoadOrStore(key, m)
	return v.(*member)
}

// evalField evaluates .Field or .Method args… of receiver; final is the value of the command
// before in the pipeline, if any.
func (s *state) evalField(dot reflect.Value, fieldName string, node parse.Node, args []parse.Node, final, receiver reflect.Value) reflect.Value {
	if !receiver.IsValid() {
		return reflect.Value{}
	}
	typ := receiver.Type()
	receiver, isNil := indirect(receiver)
	if receiver.Kind() == reflect.Interface && isNil {
		s.errorf("nil pointer evaluating %s.%s", typ, fieldName)
		return reflect.Value{}
	}
	// Unless it is an interface, the value's address has all the methods of the value.
	ptr, addr := receiver, false
	if ptr.Kind() != reflect.Interface && ptr.Kind() != reflect.Pointer && ptr.CanAddr() {
		ptr, addr = ptr.Addr(), true
	}
	m := lookupMember(ptr, receiver, addr, fieldName)
	if m.method >= 0 {
		return s.evalCall(dot, ptr, m.fn, node, args, final)
	}
	hasArgs := len(args) > 1 || !isMissing(final)
	switch receiver.Kind() {
	case reflect.Struct:
		if m.found {
			field, err := receiver.FieldByIndexErr(m.field)
			if m.private {
				s.errorf("%s is an unexported field of struct type %s", fieldName, typ)
			}
			if err != nil {
				s.errorf("%v", err)
			}
			if hasArgs {
				s.errorf("%s has arguments but cannot be invoked as function", fieldName)
			}
			return field
		}
	case reflect.Map:
		if m.mapKey {
			if hasArgs {
				s.errorf("%s is not a method but has arguments", fieldName)
			}
			return receiver.MapIndex(m.nameVal)
		}
	case reflect.Pointer:
		etyp := receiver.Type().Elem()
		if etyp.Kind() == reflect.Struct {
			if _, ok := etyp.FieldByName(fieldName); !ok {
				break // "can't evaluate", not "nil pointer evaluating"
			}
		}
		if isNil {
			s.errorf("nil pointer evaluating %s.%s", typ, fieldName)
		}
	}
	s.errorf("can't evaluate field %s in type %s", fieldName, typ)
	panic("not reached")
}

var (
	errorType        = reflect.TypeFor[error]()
	stringerType     = reflect.TypeFor[fmt.Stringer]()
	reflectValueType = reflect.TypeFor[reflect.Value]()
)

// function is a function or method a template calls.
type function struct {
	name string
	typ  reflect.Type  // its signature (a method's without its receiver)
	fn   reflect.Value // the function; unset for a method and a builtin
	// method is the index of a method in its receiver's method set, and fast, if set, calls it
	// without reflect.
	method int
	fast   fastCall
	// builtin is a builtin's body, called with its arguments' values as they are.
	builtin func(args []reflect.Value) (reflect.Value, error)
	andOr   bool // "and" or "or", which evaluate only the arguments they need
}

// evalCall calls f, with the arguments args (args[0] is the function's own node) and final,
// if not missing; f is a method of recv if recv is valid.
func (s *state) evalCall(dot, recv reflect.Value, f *function, node parse.Node, args []parse.Node, final reflect.Value) reflect.Value {
	if args != nil {
		args = args[1:]
	}
	typ := f.typ
	numIn := len(args)
	if !isMissing(final) {
		numIn++
	}
	numFixed := len(args)
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1
		if numIn < numFixed {
			s.errorf("wrong number of args for %s: want at least %d got %d", f.name, typ.NumIn()-1, len(args))
		}
	} else if numIn != typ.NumIn() {
		s.errorf("wrong number of args for %s: want %d got %d", f.name, typ.NumIn(), numIn)
	}
	if err := goodFunc(f.name, typ); err != nil {
		s.errorf("%v", err)
	}

	if f.andOr {
		argType := typ.In(0)
		var v reflect.Value
		for _, arg := range args {
			v = s.evalArg(dot, argType, arg)
			if truth(v) == (f.name == "or") {
				return v
			}
		}
		if !isMissing(final) {
			v = s.validateType(final, argType)
		}
		return v
	}

	// The arguments are held on the state's stack of them: a call made while they are
	// evaluated pushes its own after them, and they are popped once the call is made.
	base := len(s.args)
	s.args = append(s.args, make([]reflect.Value, numIn)...)
	argv := s.args[base : base+numIn : base+numIn]
	i := 0
	for ; i < numFixed && i < len(args); i++ {
		argv[i] = s.evalArg(dot, typ.In(i), args[i])
	}
	if typ.IsVariadic() {
		argType := typ.In(typ.NumIn() - 1).Elem()
		for ; i < len(args); i++ {
			argv[i] = s.evalArg(dot, argType, args[i])
		}
	}
	if !isMissing(final) {
		t := typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				t = typ.In(numIn - 1)
			} else {
				t = t.Elem()
			}
		}
		argv[i] = s.validateType(final, t)
	}

	var v reflect.Value
	var err error
	called := false
	switch {
	case f.builtin != nil:
		v, err = safeBuiltin(f.builtin, argv)
		called = true
	case f.fast != nil:
		v, err, called = safeFastCall(f.fast, recv, argv)
	}
	if !called {
		for i, a := range argv {
			if t := argType(typ, i); t == reflectValueType {
				argv[i] = reflect.ValueOf(a)
			}
		}
		fun := f.fn
		if recv.IsValid() {
			fun = recv.Method(f.method)
		}
		v, err = safeCall(fun, argv)
		if err == nil && v.IsValid() && v.Type() == reflectValueType {
			v = v.Interface().(reflect.Value) // a function's result of type reflect.Value
		}
	}
	clear(argv)
	s.args = s.args[:base]
	if err != nil {
		s.at(node)
		s.errorf("error calling %s: %w", f.name, err)
	}
	return v
}

// argType is the type of the argument i of a function of type typ.
func argType(typ reflect.Type, i int) reflect.Type {
	if typ.IsVariadic() && i >= typ.NumIn()-1 {
		return typ.In(typ.NumIn() - 1).Elem()
	}
	return typ.In(i)
}

// goodFunc reports whether a function of type typ can be called from a template: it returns one
// value, or a value and an error.
func goodFunc(name string, typ reflect.Type) error {
	switch numOut := typ.NumOut(); {
	case numOut == 1:
		return nil
	case numOut == 2 && typ.Out(1) == errorType:
		return nil
	case numOut == 2:
		return fmt.Errorf("invalid function signature for %s: second return value should be error; is %s", name, typ.Out(1))
	default:
		return fmt.Errorf("function %s has %d return values; should be 1 or 2", name, typ.NumOut())
	}
}

// safeCall calls fun, and returns a panic of it as an error.
func safeCall(fun reflect.Value, args []reflect.Value) (val reflect.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = panicError(r)
		}
	}()
	ret := fun.Call(args)
	if len(ret) == 2 && !ret[1].IsNil() {
		return ret[0], ret[1].Interface().(error)
	}
	return ret[0], nil
}

// safeBuiltin calls a builtin, and returns a panic of it as an error, as safeCall does.
func safeBuiltin(builtin func([]reflect.Value) (reflect.Value, error), args []reflect.Value) (v reflect.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = reflect.Value{}, panicError(r)
		}
	}()
	return builtin(args)
}

// panicError is the error a panic of a called function is given as.
func panicError(r any) error {
	if e, ok := r.(error); ok {
		return e
	}
	return fmt.Errorf("%v", r)
}

// canBeNil reports whether nil can be given for a value of type typ.
func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return typ == reflectValueType
	}
	return false
}

// validateType returns value as an argument of type typ, or stops with an error if it is not
// one. An argument of type reflect.Value is the value itself, here: evalCall wraps it for a
// function that is not a builtin.
func (s *state) validateType(value reflect.Value, typ reflect.Type) reflect.Value {
	if !value.IsValid() {
		if typ == nil || typ == reflectValueType {
			return reflect.Value{}
		}
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		s.errorf("invalid value; expected %s", typ)
	}
	if typ == reflectValueType {
		if value.Type() == reflectValueType {
			return value.Interface().(reflect.Value)
		}
		return value
	}
	if typ != nil && !value.Type().AssignableTo(typ) {
		if value.Kind() == reflect.Interface && !value.IsNil() {
			value = value.Elem()
			if value.Type().AssignableTo(typ) {
				return value
			}
		}
		switch {
		case value.Kind() == reflect.Pointer && value.Type().Elem().AssignableTo(typ):
			value = value.Elem()
			if !value.IsValid() {
				s.errorf("dereference of nil pointer of type %s", typ)
			}
		case reflect.PointerTo(value.Type()).AssignableTo(typ) && value.CanAddr():
			value = value.Addr()
		default:
			s.errorf("wrong type for value; expected %s; got %s", typ, value.Type())
		}
	}
	return value
}

func (s *state) evalArg(dot reflect.Value, typ reflect.Type, n parse.Node) reflect.Value {
	s.at(n)
	switch arg := n.(type) {
	case *parse.DotNode:
		return s.validateType(dot, typ)
	case *parse.NilNode:
		if canBeNil(typ) {
			if typ == reflectValueType {
				return reflect.Value{}
			}
			return reflect.Zero(typ)
		}
		s.errorf("cannot assign nil to %s", typ)
	case *parse.FieldNode:
		return s.validateType(s.evalFieldNode(dot, arg, []parse.Node{n}, missing), typ)
	case *parse.VariableNode:
		return s.validateType(s.evalVariableNode(dot, arg, nil, missing), typ)
	case *parse.PipeNode:
		return s.validateType(s.evalPipeline(dot, arg), typ)
	case *parse.IdentifierNode:
		return s.validateType(s.evalFunction(dot, arg, arg, nil, missing), typ)
	case *parse.ChainNode:
		return s.validateType(s.evalChainNode(dot, arg, nil, missing), typ)
	}
	switch typ.Kind() {
	case reflect.Bool:
		if n, ok := n.(*parse.BoolNode); ok {
			value := reflect.New(typ).Elem()
			value.SetBool(n.True)
			return value
		}
		s.errorf("expected bool; found %s", n)
	case reflect.Complex64, reflect.Complex128:
		if n, ok := n.(*parse.NumberNode); ok && n.IsComplex {
			value := reflect.New(typ).Elem()
			value.SetComplex(n.Complex128)
			return value
		}
		s.errorf("expected complex; found %s", n)
	case reflect.Float32, reflect.Float64:
		if n, ok := n.(*parse.NumberNode); ok && n.IsFloat {
			value := reflect.New(typ).Elem()
			value.SetFloat(n.Float64)
			return value
		}
		s.errorf("expected float; found %s", n)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n, ok := n.(*parse.NumberNode); ok && n.IsInt {
			value := reflect.New(typ).Elem()
			value.SetInt(n.Int64)
			return value
		}
		s.errorf("expected integer; found %s", n)
	case reflect.Interface:
		if typ.NumMethod() == 0 {
			return s.evalEmptyInterface(dot, n)
		}
	case reflect.Struct:
		if typ == reflectValueType {
			return s.evalEmptyInterface(dot, n)
		}
	case reflect.String:
		if n, ok := n.(*parse.StringNode); ok {
			value := reflect.New(typ).Elem()
			value.SetString(n.Text)
			return value
		}
		s.errorf("expected string; found %s", n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if n, ok := n.(*parse.NumberNode); ok && n.IsUint {
			value := reflect.New(typ).Elem()
			value.SetUint(n.Uint64)
			return value
		}
		s.errorf("expected unsigned integer; found %s", n)
	}
	s.errorf("can't handle %s for arg of type %s", n, typ)
	panic("not reached")
}

func (s *state) evalEmptyInterface(dot reflect.Value, n parse.Node) reflect.Value {
	s.at(n)
	switch n := n.(type) {
	case *parse.BoolNode:
		return reflect.ValueOf(n.True)
	case *parse.DotNode:
		return dot
	case *parse.FieldNode:
		return s.evalFieldNode(dot, n, nil, missing)
	case *parse.IdentifierNode:
		return s.evalFunction(dot, n, n, nil, missing)
	case *parse.NilNode:
		s.errorf("evalEmptyInterface: nil (can't happen)")
	case *parse.NumberNode:
		return s.idealConstant(n)
	case *parse.StringNode:
		return reflect.ValueOf(n.Text)
	case *parse.VariableNode:
		return s.evalVariableNode(dot, n, nil, missing)
	case *parse.PipeNode:
		return s.evalPipeline(dot, n)
	}
	s.errorf("can't handle assignment of %s to empty interface argument", n)
	panic("not reached")
}

// indirect follows pointers and interfaces to what they hold, and reports whether it stopped at
// a nil one.
func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface returns the value inside an interface, or v if v is not one.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
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
