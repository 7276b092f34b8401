package htmlexec

import (
	"cmp"
	"errors"
	"fmt"
	"reflect"
	"slices"
)

// builtins are text/template's builtin functions that this package has, each with its
// signature there, for the count and types of its arguments and for the words of an error.
// The comparisons, not, len and index are called without reflect, with their arguments'
// values; print, printf and println through it. A template that calls another builtin (call,
// slice, html, js, urlquery) stays with html/template.
var builtins = map[string]*function{
	"and":     {name: "and", typ: reflect.TypeFor[func(reflect.Value, ...reflect.Value) reflect.Value](), andOr: true},
	"or":      {name: "or", typ: reflect.TypeFor[func(reflect.Value, ...reflect.Value) reflect.Value](), andOr: true},
	"not":     builtin("not", func(a []reflect.Value) (reflect.Value, error) { return reflect.ValueOf(!truth(a[0])), nil }, reflect.TypeFor[func(reflect.Value) bool]()),
	"len":     builtin("len", length, reflect.TypeFor[func(reflect.Value) (int, error)]()),
	"index":   builtin("index", index, reflect.TypeFor[func(reflect.Value, ...reflect.Value) (reflect.Value, error)]()),
	"eq":      builtin("eq", comparison(eq), reflect.TypeFor[func(reflect.Value, ...reflect.Value) (bool, error)]()),
	"ne":      builtin("ne", comparison(ne), comparisonType),
	"lt":      builtin("lt", comparison(lt), comparisonType),
	"le":      builtin("le", comparison(le), comparisonType),
	"gt":      builtin("gt", comparison(gt), comparisonType),
	"ge":      builtin("ge", comparison(ge), comparisonType),
	"print":   {name: "print", typ: reflect.TypeOf(fmt.Sprint), fn: reflect.ValueOf(fmt.Sprint)},
	"printf":  {name: "printf", typ: reflect.TypeOf(fmt.Sprintf), fn: reflect.ValueOf(fmt.Sprintf)},
	"println": {name: "println", typ: reflect.TypeOf(fmt.Sprintln), fn: reflect.ValueOf(fmt.Sprintln)},
}

var comparisonType = reflect.TypeFor[func(reflect.Value, reflect.Value) (bool, error)]()

func builtin(name string, body func([]reflect.Value) (reflect.Value, error), typ reflect.Type) *function {
	return &function{name: name, typ: typ, builtin: body}
}

// comparison makes a builtin of a comparison of its first argument with the others.
func comparison(compare func(a reflect.Value, b ...reflect.Value) (bool, error)) func([]reflect.Value) (reflect.Value, error) {
	return func(args []reflect.Value) (reflect.Value, error) {
		truth, err := compare(args[0], args[1:]...)
		return reflect.ValueOf(truth), err
	}
}

func truth(arg reflect.Value) bool {
	t, _ := isTrue(indirectInterface(arg))
	return t
}

func length(args []reflect.Value) (reflect.Value, error) {
	item, isNil := indirect(args[0])
	if isNil {
		return reflect.Value{}, fmt.Errorf("len of nil pointer")
	}
	switch item.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
		return reflect.ValueOf(item.Len()), nil
	}
	return reflect.Value{}, fmt.Errorf("len of type %s", item.Type())
}

func index(args []reflect.Value) (reflect.Value, error) {
	item := indirectInterface(args[0])
	if !item.IsValid() {
		return reflect.Value{}, fmt.Errorf("index of untyped nil")
	}
	for _, index := range args[1:] {
		index = indirectInterface(index)
		var isNil bool
		if item, isNil = indirect(item); isNil {
			return reflect.Value{}, fmt.Errorf("index of nil pointer")
		}
		switch item.Kind() {
		case reflect.Array, reflect.Slice, reflect.String:
			x, err := indexArg(index, item.Len())
			if err != nil {
				return reflect.Value{}, err
			}
			item = item.Index(x)
		case reflect.Map:
			index, err := prepareArg(index, item.Type().Key())
			if err != nil {
				return reflect.Value{}, err
			}
			if x := item.MapIndex(index); x.IsValid() {
				item = x
			} else {
				item = reflect.Zero(item.Type().Elem())
			}
		default:
			return reflect.Value{}, fmt.Errorf("can't index item of type %s", item.Type())
		}
	}
	return item, nil
}

func indexArg(index reflect.Value, cap int) (int, error) {
	var x int64
	switch index.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		x = index.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		x = int64(index.Uint())
	case reflect.Invalid:
		return 0, fmt.Errorf("cannot index slice/array with nil")
	default:
		return 0, fmt.Errorf("cannot index slice/array with type %s", index.Type())
	}
	if x < 0 || int(x) < 0 || int(x) > cap {
		return 0, fmt.Errorf("index out of range: %d", x)
	}
	return int(x), nil
}

func prepareArg(value reflect.Value, argType reflect.Type) (reflect.Value, error) {
	if !value.IsValid() {
		if !canBeNil(argType) {
			return reflect.Value{}, fmt.Errorf("value is nil; should be of type %s", argType)
		}
		value = reflect.Zero(argType)
	}
	if value.Type().AssignableTo(argType) {
		return value, nil
	}
	if intLike(value.Kind()) && intLike(argType.Kind()) && value.Type().ConvertibleTo(argType) {
		return value.Convert(argType), nil
	}
	return reflect.Value{}, fmt.Errorf("value has type %s; should be %s", value.Type(), argType)
}

func intLike(k reflect.Kind) bool {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}

// Comparisons, as text/template compares.

type kind int

const (
	invalidKind kind = iota
	boolKind
	complexKind
	intKind
	floatKind
	stringKind
	uintKind
)

var (
	errBadComparisonType = errors.New("invalid type for comparison")
	errNoComparison      = errors.New("missing argument for comparison")
)

func basicKind(v reflect.Value) (kind, error) {
	switch v.Kind() {
	case reflect.Bool:
		return boolKind, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intKind, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return uintKind, nil
	case reflect.Float32, reflect.Float64:
		return floatKind, nil
	case reflect.Complex64, reflect.Complex128:
		return complexKind, nil
	case reflect.String:
		return stringKind, nil
	}
	return invalidKind, errBadComparisonType
}

func isNil(v reflect.Value) bool {
	if !v.IsValid() {
		return true
	}
	switch v.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return v.IsNil()
	}
	return false
}

func canCompare(v1, v2 reflect.Value) bool {
	k1, k2 := v1.Kind(), v2.Kind()
	return k1 == k2 || k1 == reflect.Invalid || k2 == reflect.Invalid
}

// eq reports whether arg1 equals any of arg2.
func eq(arg1 reflect.Value, arg2 ...reflect.Value) (bool, error) {
	arg1 = indirectInterface(arg1)
	if len(arg2) == 0 {
		return false, errNoComparison
	}
	k1, _ := basicKind(arg1)
	for _, arg := range arg2 {
		arg = indirectInterface(arg)
		k2, _ := basicKind(arg)
		truth := false
		if k1 != k2 {
			switch {
			case k1 == intKind && k2 == uintKind:
				truth = arg1.Int() >= 0 && uint64(arg1.Int()) == arg.Uint()
			case k1 == uintKind && k2 == intKind:
				truth = arg.Int() >= 0 && arg1.Uint() == uint64(arg.Int())
			default:
				if arg1.IsValid() && arg.IsValid() {
					return false, fmt.Errorf("incompatible types for comparison: %v and %v", arg1.Type(), arg.Type())
				}
			}
		} else {
			switch k1 {
			case boolKind:
				truth = arg1.Bool() == arg.Bool()
			case complexKind:
				truth = arg1.Complex() == arg.Complex()
			case floatKind:
				truth = arg1.Float() == arg.Float()
			case intKind:
				truth = arg1.Int() == arg.Int()
			case stringKind:
				truth = arg1.String() == arg.String()
			case uintKind:
				truth = arg1.Uint() == arg.Uint()
			default:
				if !canCompare(arg1, arg) {
					return false, fmt.Errorf("non-comparable types %s: %v, %s: %v", arg1, arg1.Type(), arg.Type(), arg)
				}
				if isNil(arg1) || isNil(arg) {
					truth = isNil(arg) == isNil(arg1)
				} else {
					if !arg.Type().Comparable() {
						return false, fmt.Errorf("non-comparable type %s: %v", arg, arg.Type())
					}
					truth = arg1.Interface() == arg.Interface()
				}
			}
		}
		if truth {
			return true, nil
		}
	}
	return false, nil
}

func ne(arg1 reflect.Value, arg2 ...reflect.Value) (bool, error) {
	equal, err := eq(arg1, arg2...)
	return !equal, err
}

func lt(arg1 reflect.Value, args ...reflect.Value) (bool, error) {
	arg1 = indirectInterface(arg1)
	k1, err := basicKind(arg1)
	if err != nil {
		return false, err
	}
	arg2 := indirectInterface(args[0])
	k2, err := basicKind(arg2)
	if err != nil {
		return false, err
	}
	truth := false
	if k1 != k2 {
		switch {
		case k1 == intKind && k2 == uintKind:
			truth = arg1.Int() < 0 || uint64(arg1.Int()) < arg2.Uint()
		case k1 == uintKind && k2 == intKind:
			truth = arg2.Int() >= 0 && arg1.Uint() < uint64(arg2.Int())
		default:
			return false, fmt.Errorf("incompatible types for comparison: %v and %v", arg1.Type(), arg2.Type())
		}
	} else {
		switch k1 {
		case boolKind, complexKind:
			return false, errBadComparisonType
		case floatKind:
			truth = arg1.Float() < arg2.Float()
		case intKind:
			truth = arg1.Int() < arg2.Int()
		case stringKind:
			truth = arg1.String() < arg2.String()
		case uintKind:
			truth = arg1.Uint() < arg2.Uint()
		}
	}
	return truth, nil
}

func le(arg1 reflect.Value, args ...reflect.Value) (bool, error) {
	lessThan, err := lt(arg1, args...)
	if lessThan || err != nil {
		return lessThan, err
	}
	return eq(arg1, args...)
}

func gt(arg1 reflect.Value, args ...reflect.Value) (bool, error) {
	lessOrEqual, err := le(arg1, args...)
	if err != nil {
		return false, err
	}
	return !lessOrEqual, nil
}

func ge(arg1 reflect.Value, args ...reflect.Value) (bool, error) {
	lessThan, err := lt(arg1, args...)
	if err != nil {
		return false, err
	}
	return !lessThan, nil
}

// A map ranges in the order of its keys, as fmt prints it.

type keyValue struct{ key, value reflect.Value }

func sortMap(m reflect.Value) []keyValue {
	sorted := make([]keyValue, 0, m.Len())
	iter := m.MapRange()
	for iter.Next() {
		sorted = append(sorted, keyValue{iter.Key(), iter.Value()})
	}
	slices.SortStableFunc(sorted, func(a, b keyValue) int { return compareKeys(a.key, b.key) })
	return sorted
}

func compareKeys(aVal, bVal reflect.Value) int {
	if aVal.Type() != bVal.Type() {
		return -1 // no good answer, but not 0: they are not equal
	}
	switch aVal.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return cmp.Compare(aVal.Int(), bVal.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return cmp.Compare(aVal.Uint(), bVal.Uint())
	case reflect.String:
		return cmp.Compare(aVal.String(), bVal.String())
	case reflect.Float32, reflect.Float64:
		return cmp.Compare(aVal.Float(), bVal.Float())
	case reflect.Complex64, reflect.Complex128:
		a, b := aVal.Complex(), bVal.Complex()
		if c := cmp.Compare(real(a), real(b)); c != 0 {
			return c
		}
		return cmp.Compare(imag(a), imag(b))
	case reflect.Bool:
		a, b := aVal.Bool(), bVal.Bool()
		switch {
		case a == b:
			return 0
		case a:
			return 1
		default:
			return -1
		}
	case reflect.Pointer, reflect.UnsafePointer:
		return cmp.Compare(aVal.Pointer(), bVal.Pointer())
	case reflect.Chan:
		if c, ok := nilCompare(aVal, bVal); ok {
			return c
		}
		return cmp.Compare(aVal.Pointer(), bVal.Pointer())
	case reflect.Struct:
		for i := 0; i < aVal.NumField(); i++ {
			if c := compareKeys(aVal.Field(i), bVal.Field(i)); c != 0 {
				return c
			}
		}
		return 0
	case reflect.Array:
		for i := 0; i < aVal.Len(); i++ {
			if c := compareKeys(aVal.Index(i), bVal.Index(i)); c != 0 {
				return c
			}
		}
		return 0
	case reflect.Interface:
		if c, ok := nilCompare(aVal, bVal); ok {
			return c
		}
		if c := compareKeys(reflect.ValueOf(aVal.Elem().Type()), reflect.ValueOf(bVal.Elem().Type())); c != 0 {
			return c
		}
		return compareKeys(aVal.Elem(), bVal.Elem())
	}
	panic("bad type in compare: " + aVal.Type().String())
}

func nilCompare(aVal, bVal reflect.Value) (int, bool) {
	if aVal.IsNil() {
		if bVal.IsNil() {
			return 0, true
		}
		return -1, true
	}
	if bVal.IsNil() {
		return 1, true
	}
	return 0, false
}
