package htmlexec

import (
	"fmt"
	"reflect"
	"strings"
	"text/template/parse"
)

// Evaluating pipelines, commands and their arguments, and calling functions and methods, as
// text/template does.

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
