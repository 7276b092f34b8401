package htmlexec

import (
	"fmt"
	"reflect"
	"sync"
)

// A template calls a method through reflect, which costs more than most methods a layout calls
// do: a method given to Method, Method1, Method2 or their E forms is called directly instead,
// with the same result. Each is given as its method expression, (*T).Name, and is checked to
// be T's method of that name.

// fastCall calls a method given to Method… on recv with args, each of the type the method
// takes. ok is false if an argument is not of that type exactly (a value of another type
// assignable to it, or nil for an interface): the call is then made through reflect.
type fastCall func(recv reflect.Value, args []reflect.Value) (v reflect.Value, err error, ok bool)

type fastKey struct {
	typ  reflect.Type
	name string
}

var fastCalls sync.Map // fastKey → fastCall

// Method makes T's method name, f, be called without reflect.
func Method[T, R any](name string, f func(T) R) {
	register[T, R](name, f, func(recv reflect.Value, _ []reflect.Value) (reflect.Value, error, bool) {
		t, ok := reflect.TypeAssert[T](recv)
		if !ok {
			return reflect.Value{}, nil, false
		}
		return reflect.ValueOf(f(t)), nil, true
	})
}

// MethodE is Method for a method that returns an error as well.
func MethodE[T, R any](name string, f func(T) (R, error)) {
	register[T, R](name, f, func(recv reflect.Value, _ []reflect.Value) (reflect.Value, error, bool) {
		t, ok := reflect.TypeAssert[T](recv)
		if !ok {
			return reflect.Value{}, nil, false
		}
		r, err := f(t)
		return reflect.ValueOf(r), err, true
	})
}

// Method1 is Method for a method of one argument.
func Method1[T, A, R any](name string, f func(T, A) R) {
	register[T, R](name, f, func(recv reflect.Value, args []reflect.Value) (reflect.Value, error, bool) {
		t, ok := reflect.TypeAssert[T](recv)
		a, okA := reflect.TypeAssert[A](args[0])
		if !ok || !okA {
			return reflect.Value{}, nil, false
		}
		return reflect.ValueOf(f(t, a)), nil, true
	})
}

// Method2E is Method for a method of two arguments that returns an error as well.
func Method2E[T, A, B, R any](name string, f func(T, A, B) (R, error)) {
	register[T, R](name, f, func(recv reflect.Value, args []reflect.Value) (reflect.Value, error, bool) {
		t, ok := reflect.TypeAssert[T](recv)
		a, okA := reflect.TypeAssert[A](args[0])
		b, okB := reflect.TypeAssert[B](args[1])
		if !ok || !okA || !okB {
			return reflect.Value{}, nil, false
		}
		r, err := f(t, a, b)
		return reflect.ValueOf(r), err, true
	})
}

// register notes call as the way to call T's method name, after checking that f is that
// method, that its result, R, is of a type whose reflect.ValueOf is the result reflect's call
// gives: not an interface (reflect.ValueOf would give its dynamic type), nor a reflect.Value
// (which text/template unwraps); and that it takes no reflect.Value, which text/template
// passes as it is.
func register[T, R any](name string, f any, call fastCall) {
	t := reflect.TypeFor[T]()
	m, ok := t.MethodByName(name)
	if !ok || reflect.ValueOf(f).Pointer() != m.Func.Pointer() {
		panic(fmt.Sprintf("htmlexec: the function given as %s's method %s is not that method", t, name))
	}
	if r := reflect.TypeFor[R](); r.Kind() == reflect.Interface || r == reflectValueType {
		panic(fmt.Sprintf("htmlexec: %s.%s returns %s, which only reflect can call it for", t, name, r))
	}
	for a := range m.Type.Ins() {
		if a == reflectValueType {
			panic(fmt.Sprintf("htmlexec: %s.%s takes a reflect.Value, which only reflect can call it with", t, name))
		}
	}
	fastCalls.Store(fastKey{t, name}, call)
}

// safeFastCall makes a fast call, and returns a panic of the method as an error, as safeCall
// does.
func safeFastCall(call fastCall, recv reflect.Value, args []reflect.Value) (v reflect.Value, err error, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			ok = true
			if e, isErr := r.(error); isErr {
				err = e
			} else {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	return call(recv, args)
}
