package htmlexec_test

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io"
	"iter"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"text/template/parse"

	"curriculum/generator/internal/htmlexec"
)

// Every test here is differential: a template source is parsed twice, into two sets that share
// nothing, and executed by html/template and by htmlexec, which must give the same bytes and
// the same error (or the same panic), every time.

// pair is one template source parsed twice: want is executed by html/template, got by htmlexec.
type pair struct {
	src  string
	want *template.Template
	got  *htmlexec.Set
	// deterministicOnly passes a template whose executions by html/template differ: a fuzzed
	// template may print the addresses of its fresh data.
	deterministicOnly bool
}

// newPair parses src as the template "t" of two sets, each with its own funcs.
func newPair(src string, funcs func() template.FuncMap) (*pair, error) {
	want, err := template.New("t").Funcs(funcs()).Parse(src)
	if err != nil {
		return nil, err
	}
	gotFuncs := funcs()
	got, err := template.New("t").Funcs(gotFuncs).Parse(src)
	if err != nil {
		return nil, err
	}
	return &pair{src: src, want: want, got: htmlexec.New(got, gotFuncs)}, nil
}

func mustPair(tb testing.TB, src string, funcs func() template.FuncMap) *pair {
	tb.Helper()
	p, err := newPair(src, funcs)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// result is what one execution gives.
type result struct {
	out string
	err string // "error: …" or "panic: …", or "" if there is neither
}

func (r result) String() string {
	if r.err == "" {
		return fmt.Sprintf("%q", r.out)
	}
	return fmt.Sprintf("%q, %s", r.out, r.err)
}

// run executes exec into w, a limitWriter, or a buffer if w is nil, and notes its output and
// its error or panic.
func run(w *limitWriter, exec func(io.Writer) error) (r result) {
	if w == nil {
		w = &limitWriter{n: math.MaxInt}
	}
	defer func() {
		r.out = w.b.String()
		if p := recover(); p != nil {
			r.err = fmt.Sprintf("panic: %v", p)
		}
	}()
	if err := exec(w); err != nil {
		r.err = "error: " + err.Error()
	}
	return r
}

// compare executes the template name with data, by html/template and by htmlexec in turn,
// twice each (htmlexec compiles the template on its first call), and returns an error saying
// how they differ, if they do. data is called for every execution, so that a channel or an
// iterator is fresh each time. Each execution writes to a writer that takes limit bytes.
func (p *pair) compare(name string, data func() any, limit int) error {
	writer := func() *limitWriter { return &limitWriter{n: limit} }
	var want, got [2]result
	for i := range 2 {
		want[i] = run(writer(), func(w io.Writer) error { return p.want.ExecuteTemplate(w, name, data()) })
		got[i] = run(writer(), func(w io.Writer) error { return p.got.ExecuteTemplate(w, name, data()) })
	}
	if p.deterministicOnly && want[0] != want[1] {
		return nil
	}
	for i := range 2 {
		if got[i] != want[i] {
			return fmt.Errorf("template %q of\n\t%s\nexecution %d:\nhtml/template: %v\nhtmlexec:      %v", name, p.src, i+1, want[i], got[i])
		}
	}
	return nil
}

// A case is a template, the data it is executed with, and whether htmlexec executes it itself.
type execCase struct {
	name     string
	src      string                  // the template "t"; it may define more
	exec     string                  // the template executed: "t" if empty
	data     func() any              // newFixture if nil
	funcs    func() template.FuncMap // testFuncs if nil
	fallback bool                    // htmlexec hands the template to html/template
}

func runCases(t *testing.T, cases []execCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			funcs, data := c.funcs, c.data
			if funcs == nil {
				funcs = testFuncs
			}
			if data == nil {
				data = func() any { return newFixture() }
			}
			p := mustPair(t, c.src, funcs)
			name := cmp.Or(c.exec, "t")
			if err := p.compare(name, data, math.MaxInt); err != nil {
				t.Error(err)
			}
			if compiled := htmlexec.Compiled(p.got, name); compiled == c.fallback {
				t.Errorf("%s: htmlexec compiled it: %v, want %v", c.src, compiled, !c.fallback)
			}
		})
	}
}

// value returns data that is always v.
func value(v any) func() any { return func() any { return v } }

// The data.

// Inner is reached through fields; it has a method of each kind of receiver.
type Inner struct{ Name string }

func (i Inner) VName() string  { return "v:" + i.Name }
func (i *Inner) PName() string { return "p:" + i.Name }

// Embedded is embedded in Fixture: its field and method are promoted.
type Embedded struct{ EmbX string }

func (Embedded) EmbMethod() string { return "embedded <method>" }

// Celsius is a Stringer with a value receiver.
type Celsius float64

func (c Celsius) String() string { return strconv.FormatFloat(float64(c), 'f', 1, 64) + "°C <hot>" }

// Tally is a Stringer with a pointer receiver only.
type Tally struct{ N int }

func (t *Tally) String() string { return fmt.Sprintf("tally<%d>", t.N) }

// Name is a named string type.
type Name string

// MyHTML is a named type of template.HTML, which is not HTML to html/template.
type MyHTML template.HTML

// PanicStringer is a Stringer that panics.
type PanicStringer struct{}

func (PanicStringer) String() string { panic("String panicked") }

// Outer embeds a pointer, which can be nil.
type Outer struct{ *Inner }

// Tree is recursive, for recursive templates.
type Tree struct {
	Name string
	Kids []*Tree
}

// Box is a comparable type that can hold a value that is not.
type Box struct{ V any }

// Fixture is the data of most cases.
type Fixture struct {
	Str      string
	Specials string
	Name     Name
	HTML     template.HTML
	URL      template.URL
	Int      int
	Neg      int
	Uint     uint
	Uint8    uint8
	Float    float64
	Complex  complex128
	Bool     bool
	Nil      any
	Iface    any
	Err      error
	NilErr   error
	Stringer fmt.Stringer
	Temp     Celsius
	Tally    Tally
	TallyPtr *Tally
	NilTally *Tally
	Inner    Inner
	Ptr      *Inner
	NilPtr   *Inner
	StrPtr   *string
	NilStr   *string
	Strs     []string
	Empty    []string
	Inners   []Inner
	Arr      [3]int
	IntMap   map[int]string
	StrMap   map[string]int
	InnerMap map[string]Inner
	NilMap   map[string]int
	AnyKeys  map[any]string
	AnyMap   map[string]any
	Nested   map[string][]int
	Ch       chan int
	EmptyCh  chan int
	SendCh   chan<- int
	Seq      iter.Seq[int]
	Seq2     iter.Seq2[int, string]
	EmptySeq iter.Seq[int]
	Fn       func() string
	Value    reflect.Value
	Tree     *Tree
	Boxes    [2]Box
	private  string
	Embedded
}

func fnValue() string { return "fn" }

// sendOnly is shared by every fixture: an error prints its address.
var sendOnly = make(chan int)

func newFixture() *Fixture {
	s := "a string"
	ch := make(chan int, 3)
	ch <- 1
	ch <- 2
	ch <- 3
	close(ch)
	empty := make(chan int)
	close(empty)
	return &Fixture{
		Str:      "hello",
		Specials: `<a href="x">'O'Reilly' & "Sons"+</a>`,
		Name:     "named <string>",
		HTML:     "<b>bold</b> &amp; <i title=\"t\">it</i>",
		URL:      "javascript:alert('<x>')",
		Int:      3,
		Neg:      -1,
		Uint:     3,
		Uint8:    12,
		Float:    2.5,
		Complex:  1 + 2i,
		Bool:     true,
		Iface:    Inner{Name: "in an interface"},
		Err:      errors.New(`an <error> & "quotes"`),
		Stringer: Celsius(-4),
		Temp:     21.5,
		Tally:    Tally{N: 7},
		TallyPtr: &Tally{N: 8},
		Inner:    Inner{Name: "inner"},
		Ptr:      &Inner{Name: "pointed"},
		StrPtr:   &s,
		Strs:     []string{"a<", "b&", "c>"},
		Empty:    []string{},
		Inners:   []Inner{{"one"}, {"two"}},
		Arr:      [3]int{10, 20, 30},
		IntMap:   map[int]string{10: "ten", 2: "two", -1: "minus one", 33: "thirty-three"},
		StrMap:   map[string]int{"b": 2, "a": 1, "c": 3, "B": 20},
		InnerMap: map[string]Inner{"a": {"map value"}},
		AnyKeys:  map[any]string{1: "int", "a": "string", 2.5: "float", true: "bool", 0: "zero"},
		AnyMap:   map[string]any{"i": 1, "s": "<s>", "l": []int{1, 2}, "nil": nil, "m": map[string]int{"x": 1}},
		Nested:   map[string][]int{"a": {1, 2, 3}},
		Ch:       ch,
		EmptyCh:  empty,
		SendCh:   sendOnly,
		Seq:      slices.Values([]int{4, 5, 6}),
		Seq2:     slices.All([]string{"x", "y"}),
		EmptySeq: slices.Values([]int(nil)),
		Fn:       fnValue,
		Value:    reflect.ValueOf("a reflect.Value <v>"),
		Tree:     &Tree{"root", []*Tree{{"left", nil}, {"right", []*Tree{{"leaf", nil}}}}},
		Boxes:    [2]Box{{[]int{1}}, {[]int{1}}},
		private:  "private",
		Embedded: Embedded{EmbX: "promoted"},
	}
}

// The methods of Fixture: of each receiver, with arguments or none, with an error, a panic, a
// reflect.Value or a signature a template cannot call.

func (f *Fixture) PtrMethod() string                     { return "ptr<" + f.Str + ">" }
func (f Fixture) ValueMethod() string                    { return "value&" + f.Str }
func (Fixture) Add(a, b int) int                         { return a + b }
func (f *Fixture) Greet(greeting, name string) string    { return greeting + ", " + name + " & " + f.Str }
func (Fixture) Fail() (string, error)                    { return "", errors.New("it failed: <b>&") }
func (Fixture) OK() (string, error)                      { return "fine <ok>", nil }
func (Fixture) Panic() string                            { panic("it panicked <p>") }
func (Fixture) PanicErr() string                         { panic(errors.New("a panic error")) }
func (Fixture) Reflect() reflect.Value                   { return reflect.ValueOf("from reflect <x>") }
func (Fixture) ReflectInvalid() reflect.Value            { return reflect.Value{} }
func (Fixture) Variadic(prefix string, xs ...int) string { return fmt.Sprint(prefix, xs) }
func (Fixture) BadSig() (string, int)                    { return "", 0 }

//lint:ignore ST1008 the signature is what is tested: a method of three results
func (Fixture) TooMany() (string, error, int) { return "", nil, 0 }
func (Fixture) NoResult()                     {}
func (Fixture) Boom() (bool, error)           { return false, errors.New("Boom must not be called") }
func (f *Fixture) Self() *Fixture             { return f }
func (Fixture) Markup() template.HTML         { return "<b>markup</b>" }
func (Fixture) Items() iter.Seq[string]       { return slices.Values([]string{"i1", "i2"}) }
func (Fixture) AnyNil() any                   { return nil }
func (Fixture) Celsius() fmt.Stringer         { return Celsius(100) }
func (Fixture) NilDeref() string              { var p *Inner; return p.Name }

// testFuncs are the functions of most cases: each call gives a new map, with its own counter.
func testFuncs() template.FuncMap {
	n := 0
	return template.FuncMap{
		"upper":      strings.ToUpper,
		"join":       func(sep string, xs []string) string { return strings.Join(xs, sep) },
		"add":        func(a, b int) int { return a + b },
		"fail":       func(msg string) (string, error) { return "", errors.New(msg) },
		"panics":     func() string { panic("a func panicked") },
		"toHTML":     func(s string) template.HTML { return template.HTML(s) },
		"toURL":      func(s string) template.URL { return template.URL(s) },
		"toCSS":      func(s string) template.CSS { return template.CSS(s) },
		"ptrArg":     func(i *Inner) string { return "ptrArg:" + i.Name },
		"valArg":     func(i Inner) string { return "valArg:" + i.Name },
		"anyArg":     func(v any) string { return fmt.Sprintf("%T:%v", v, v) },
		"ifaceArg":   func(e error) string { return fmt.Sprintf("%v", e) },
		"reflectArg": func(v reflect.Value) string { return fmt.Sprintf("%v:%v", v.IsValid(), v) },
		"reflectRet": func(s string) reflect.Value { return reflect.ValueOf(s + "!") },
		"variadic":   func(xs ...string) string { return strings.Join(xs, "+") },
		"seq": func(n int) iter.Seq[int] {
			return func(yield func(int) bool) {
				for i := range n {
					if !yield(i) {
						return
					}
				}
			}
		},
		"reflectVariadic": func(vs ...reflect.Value) string { return fmt.Sprint(len(vs), vs) },
		"words": func(v any) iter.Seq[string] {
			return func(yield func(string) bool) {
				for _, w := range strings.Fields(v.(string)) {
					if !yield(w) {
						return
					}
				}
			}
		},
		"stubbornSeq": func() iter.Seq[int] {
			return func(yield func(int) bool) {
				for i := range 3 {
					yield(i) // whatever it returns
				}
			}
		},
		"counter": func() int { n++; return n },
	}
}

// The cases.

func TestFields(t *testing.T) {
	runCases(t, []execCase{
		{name: "field", src: `<p>{{.Str}} {{.Specials}} {{.Name}}</p>`},
		{name: "nested", src: `{{.Inner.Name}} {{.Ptr.Name}} {{.Tree.Name}} {{(index .Tree.Kids 1).Name}}`},
		{name: "promoted", src: `{{.EmbX}} {{.Embedded.EmbX}} {{.EmbMethod}}`},
		{name: "numbers", src: `{{.Int}} {{.Neg}} {{.Uint}} {{.Uint8}} {{.Float}} {{.Complex}} {{.Bool}}`},
		{name: "typed", src: `{{.HTML}}|{{.URL}}|<a href="{{.URL}}">|<a title="{{.HTML}}">`},
		{name: "pointers", src: `{{.StrPtr}} {{.NilStr}} {{.Ptr}} {{.NilPtr}} {{.TallyPtr}} {{.NilTally}}`},
		{name: "stringers", src: `{{.Temp}} {{.Tally}} {{.Stringer}} {{.Err}} {{.NilErr}} {{.Celsius}}`},
		{name: "interface field", src: `{{.Iface}} {{.Iface.Name}} {{.Iface.VName}} [{{.Nil}}]`},
		{name: "nil interface field", src: `{{.Nil.Name}}`},
		{name: "nil error field", src: `{{.NilErr.Error}}`},
		{name: "collections", src: `{{.Strs}} {{.Empty}} {{.Arr}} {{.IntMap}} {{.StrMap}} {{.AnyMap}} {{.NilMap}}`},
		{name: "funcs and channels", src: `{{.Fn}} {{printf "%T" .Ch}} {{printf "%T" .Seq}}`},
		{name: "reflect.Value field", src: `{{.Value}} {{.Value.Kind}}`},
		{name: "map keys", src: `{{.StrMap.a}} [{{.StrMap.missing}}] [{{.NilMap.a}}] {{.InnerMap.a.Name}} {{.AnyMap.s}} [{{.AnyMap.nil}}] {{.AnyMap.m.x}}`},
		{name: "map of int keys by name", src: `{{.IntMap.a}}`},
		{name: "nil pointer", src: `{{.NilPtr.Name}}`},
		{name: "nil pointer, no field", src: `{{.NilPtr.Missing}}`},
		{name: "no field", src: `{{.Missing}}`},
		{name: "field of string", src: `{{.Str.Foo}}`},
		{name: "unexported field", src: `{{.private}}`},
		{name: "field with args", src: `{{.Str 1}}`},
		{name: "map key with args", src: `{{.StrMap.a 1}}`},
		{name: "field of nil data", src: `[{{.X}}] [{{.X.Y}}]`, data: value(nil)},
		{name: "dot of nil data", src: `[{{.}}]`, data: value(nil)},
		{name: "map data", src: `{{.a}} {{.b.c}} [{{.z}}]`, data: value(map[string]any{"a": "<A>", "b": map[string]int{"c": 1}})},
		{name: "reflect.Value data", src: `{{.Str}} {{.Inner.Name}}`, data: func() any { return reflect.ValueOf(newFixture()) }},
		{name: "field through a nil embedded pointer", src: `{{.Name}}`, data: value(Outer{})},
		{name: "method through a nil embedded pointer", src: `{{.PName}}`, data: value(Outer{})},
		{name: "promoted through an embedded pointer", src: `{{.Name}} {{.PName}} {{.VName}}`, data: value(Outer{&Inner{"outer"}})},
		{name: "field of a pointer to a string", src: `{{.StrPtr.Foo}}`},
		{name: "field of a nil pointer to a string", src: `{{.NilStr.Foo}}`},
		{name: "field of a missing key", src: `[{{.NilMap.a.b}}] [{{.StrMap.missing.x}}]`},
		{name: "variables", src: `{{$x := .Str}}{{$x}} {{$y := 1}}{{$y = 2}}{{$y}} {{$.Int}} {{with .Inner}}{{$.Str}}{{.Name}}{{end}}`},
		{name: "variable assigned in a block", src: `{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}} {{with $y := .Str}}{{$y}}{{end}}`},
		{name: "variable field", src: `{{$f := .}}{{$f.Inner.Name}} {{$f.Add 1 2}} {{$.Ptr.PName}}`},
		{name: "variable with args", src: `{{$x := 1}}{{$x 2}}`},
		{name: "dot with args", src: `{{with .Int}}{{. 2}}{{end}}`},
		{name: "dollar assigned", src: `{{$ = .Inner}}{{$.Name}} {{.Str}}`},
	})
}

func TestMethods(t *testing.T) {
	notAddressable := func() any { return *newFixture() }
	runCases(t, []execCase{
		{name: "pointer receiver", src: `{{.PtrMethod}} {{.Self.PtrMethod}} {{.Inner.PName}} {{.Ptr.PName}}`},
		{name: "value receiver", src: `{{.ValueMethod}} {{.Inner.VName}} {{.Ptr.VName}}`},
		{name: "value receiver, not addressable", src: `{{.ValueMethod}} {{.Inner.VName}}`, data: notAddressable},
		{name: "pointer receiver, not addressable", src: `{{.PtrMethod}}`, data: notAddressable},
		{name: "pointer receiver of a field, not addressable", src: `{{.Inner.PName}}`, data: notAddressable},
		{name: "pointer receiver of a map value", src: `{{.InnerMap.a.PName}}`},
		{name: "pointer receiver of slice elements", src: `{{range .Inners}}{{.PName}} {{end}}`, data: notAddressable},
		{name: "pointer receiver through a pointer", src: `{{.Ptr.PName}}`, data: notAddressable},
		{name: "args", src: `{{.Add 1 2}} {{.Greet "hi" .Str}} {{.Variadic "v" 1 2 3}} {{.Variadic "none"}}`},
		{name: "final arg", src: `{{.Str | .Greet "hey"}} {{3 | .Add 1}} {{.Int | .Variadic "x" 1}}`},
		{name: "too few args", src: `{{.Add 1}}`},
		{name: "too many args", src: `{{.Add 1 2 3}}`},
		{name: "too few variadic args", src: `{{.Variadic}}`},
		{name: "too many with final", src: `{{1 | .Add 1 2}}`},
		{name: "wrong arg type", src: `{{.Add 1 "x"}}`},
		{name: "wrong final type", src: `{{"x" | .Add 1}}`},
		{name: "wrong field type", src: `{{.Add .Str 1}}`},
		{name: "error result", src: `before {{.Fail}} after`},
		{name: "no error", src: `{{.OK}}`},
		{name: "panic", src: `before {{.Panic}}`},
		{name: "panic with an error", src: `{{.PanicErr}}`},
		{name: "runtime panic", src: `{{.NilDeref}}`},
		{name: "reflect.Value result", src: `{{.Reflect}} [{{.ReflectInvalid}}] {{len .Reflect}}`},
		{name: "bad signature", src: `{{.BadSig}}`},
		{name: "too many results", src: `{{.TooMany}}`},
		{name: "no result", src: `{{.NoResult}}`},
		{name: "HTML result", src: `{{.Markup}} <a title="{{.Markup}}">`},
		{name: "interface results", src: `[{{.AnyNil}}] {{.Celsius}} {{.Celsius.String}}`},
		{name: "method of nil pointer", src: `{{.NilTally.String}}`},
		{name: "method of nil interface", src: `{{.Stringer.String}} {{.NilErr.Error}}`, data: func() any { f := newFixture(); f.Stringer = nil; return f }},
		{name: "method on map", src: `{{.Inner.VName.Foo}}`},
		{name: "chain", src: `{{(.Inner).Name}} {{(index .Inners 1).VName}} {{(.Self).Self.Str}} {{(.Self.Inner).PName}} {{(.Ptr).PName}}`},
		{name: "chain of a function", src: `{{(reflectRet "r").Len}} {{(print .Int).Foo}}`},
		{name: "chain of nil", src: `{{(nil).X}}`},
		{name: "chain of a variable", src: `{{$x := .Self}}{{($x).Inner.Name}} {{($x.Self).Str}}`},
	})
}

func TestControl(t *testing.T) {
	runCases(t, []execCase{
		{name: "if", src: `{{if .Bool}}yes{{end}} {{if .Empty}}no{{else}}else{{end}} {{if .NilPtr}}no{{else if .Int}}elseif{{else}}else{{end}}`},
		{name: "if of each kind", src: `{{if .Nil}}1{{end}}{{if .NilErr}}2{{end}}{{if .Err}}3{{end}}{{if .NilMap}}4{{end}}{{if .Ch}}5{{end}}{{if .Fn}}6{{end}}{{if .Inner}}7{{end}}{{if .Complex}}8{{end}}{{if .Float}}9{{end}}{{if .Uint}}10{{end}}{{if .Arr}}11{{end}}{{if 0}}12{{end}}{{if ""}}13{{end}}`},
		{name: "with", src: `{{with .Str}}[{{.}}]{{else}}none{{end}} {{with .Empty}}x{{else with .Strs}}{{index . 0}}{{end}} {{with .Nil}}x{{else}}nil{{end}} {{with $x := .Inner}}{{$x.Name}}{{.Name}}{{end}}`},
		{name: "else with chain", src: `{{with .Nil}}a{{else with .NilPtr}}b{{else with .Empty}}c{{else}}d{{end}}`},
		{name: "and or short-circuit", src: `{{and .Nil .Boom}}|{{or .Str .Boom}}|{{and .Bool .Int .Str}}|{{or 0 "" .Empty}}|{{or .Nil .Str}}`},
		{name: "and calls what it needs", src: `{{and 1 .Boom}}`},
		{name: "or calls what it needs", src: `{{or 0 .Boom}}`},
		{name: "and or final", src: `{{.Int | and 1}} {{.Int | or 0}} {{"" | and 1}} {{0 | or ""}}`},
		{name: "and with nothing", src: `{{and}}`},
		{name: "and or nil", src: `[{{and nil 1}}] [{{or nil}}] [{{and 1 nil}}] {{not nil}} [{{or .Nil .NilPtr}}]`},
		{name: "and in if", src: `{{if and .Strs (index .Strs 0)}}first {{index .Strs 0}}{{end}} {{if or .Nil (not .Bool)}}x{{else}}y{{end}}`},
		{name: "not", src: `{{not .Bool}} {{not .Nil}} {{not .Strs}} {{not 0}}`},
		{name: "not of nothing", src: `{{not}}`},
		{name: "not of two", src: `{{not 1 2}}`},
		{name: "range slice", src: `{{range .Strs}}<{{.}}>{{end}} {{range $i, $e := .Strs}}{{$i}}={{$e}},{{end}} {{range $e := .Inners}}{{$e.Name}}{{end}}`},
		{name: "range array", src: `{{range .Arr}}{{.}},{{end}} {{range $i, $e := .Arr}}{{$i}}:{{$e}} {{end}}`},
		{name: "range pointer to slice", src: `{{range .}}{{.}}{{end}}`, data: func() any { s := []string{"p", "q"}; return &s }},
		{name: "range map int keys", src: `{{range $k, $v := .IntMap}}{{$k}}={{$v}};{{end}}`},
		{name: "range map string keys", src: `{{range $k, $v := .StrMap}}{{$k}}={{$v}};{{end}} {{range .StrMap}}{{.}}{{end}}`},
		{name: "range map any keys", src: `{{range $k, $v := .AnyKeys}}{{$k}}={{$v}};{{end}}`},
		{name: "range map of values", src: `{{range .InnerMap}}{{.VName}}{{end}}`},
		{name: "range map of values, pointer method", src: `{{range .InnerMap}}{{.PName}}{{end}}`},
		{name: "range int", src: `{{range 3}}{{.}}{{end}} {{range $i := .Int}}[{{$i}}]{{end}} {{range .Uint8}}{{break}}{{end}} {{range 0}}x{{else}}none{{end}} {{range .Neg}}x{{else}}negative{{end}}`},
		{name: "range int, two variables", src: `{{range $i, $e := 3}}{{end}}`},
		{name: "range channel", src: `{{range .Ch}}{{.}}{{end}} {{range .EmptyCh}}x{{else}}empty{{end}}`},
		{name: "range channel, two variables", src: `{{range $i, $e := .Ch}}{{$i}}={{$e}} {{end}}`},
		{name: "range channel, break", src: `{{range .Ch}}{{.}}{{break}}{{end}}|{{range .Ch}}{{.}}{{end}}`},
		{name: "range send-only channel", src: `{{range .SendCh}}{{end}}`},
		{name: "range nil channel", src: `{{range .}}x{{else}}nil{{end}}`, data: value((chan int)(nil))},
		{name: "range seq", src: `{{range .Seq}}{{.}}{{end}} {{range $v := .Seq}}{{$v}}{{end}} {{range .EmptySeq}}x{{else}}empty{{end}} {{range .Items}}{{.}}{{end}} {{range seq 3}}{{.}}{{end}}`},
		{name: "range seq, two variables", src: `{{range $i, $e := .Seq}}{{end}}`},
		{name: "range seq2", src: `{{range .Seq2}}{{.}}{{end}} {{range $i, $e := .Seq2}}{{$i}}={{$e}} {{end}} {{range $k := .Seq2}}{{$k}}{{end}}`},
		{name: "range reflect.Value", src: `{{range .Value}}{{end}}`},
		{name: "range assign int", src: `{{$x := 0}}{{range $x = 3}}{{end}}{{$x}}`},
		// A break unwinds the iterator, as text/template's does, whatever the iterator does
		// once yield has returned false.
		{name: "range iterator that ignores a break", src: `{{range stubbornSeq}}{{.}}{{break}}{{end}}`},
		{name: "range seq, break and continue", src: `{{range .Seq}}{{if eq . 5}}{{continue}}{{end}}{{.}}{{end}}|{{range .Seq}}{{if eq . 5}}{{break}}{{end}}{{.}}{{end}}|{{range .Seq2}}{{break}}{{end}}`},
		{name: "range empty", src: `{{range .Empty}}x{{else}}empty{{end}} {{range .NilMap}}x{{else}}nil map{{end}} {{range .Nil}}x{{else}}nil{{end}} {{range .Missing}}{{end}}`, data: value(map[string]any{"Empty": []int{}, "NilMap": map[string]int(nil), "Nil": nil})},
		{name: "range nil pointer", src: `{{range .NilPtr}}{{end}}`},
		{name: "range nil error", src: `{{range .NilErr}}{{end}}`},
		{name: "range string", src: `{{range .Str}}{{end}}`},
		{name: "range struct", src: `{{range .Inner}}{{end}}`},
		{name: "range func", src: `{{range .Fn}}{{end}}`},
		{name: "break and continue", src: `{{range .Strs}}{{if eq . "b&"}}{{continue}}{{end}}{{.}}{{end}}|{{range .Strs}}{{if eq . "b&"}}{{break}}{{end}}{{.}}{{end}}|{{range $k, $v := .IntMap}}{{if gt $k 5}}{{break}}{{end}}{{$v}}{{end}}`},
		{name: "break in with", src: `{{range .Strs}}{{with .}}{{break}}{{end}}x{{end}}done`},
		{name: "nested range, break inner", src: `{{range .Strs}}[{{range $.Arr}}{{if eq . 20}}{{break}}{{end}}{{.}}{{end}}]{{end}}`},
		{name: "nested range, continue inner", src: `{{range .Strs}}[{{range $.Arr}}{{if eq . 20}}{{continue}}{{end}}{{.}}{{end}}]{{end}}`},
		{name: "range assign", src: `{{$i := 0}}{{$e := ""}}{{range $i, $e = .Strs}}{{end}}{{$i}}{{$e}} {{$x := ""}}{{range $x = .Strs}}{{end}}{{$x}}`},
		{name: "range assign in body", src: `{{$n := 0}}{{range .Arr}}{{$n = .}}{{end}}{{$n}}`},
		{name: "range variables do not leak", src: `{{$x := "out"}}{{range $x := .Strs}}{{end}}{{$x}}`},
		// text/template breaks out of the else of a range inside another range only out of
		// that else: the break is the inner range's.
		{name: "break in the else of an inner range", src: `{{range .Strs}}<{{range $.Empty}}{{else}}{{break}}{{end}}{{.}}>{{end}}`},
		// text/template continues the outer range from the else of an inner one.
		{name: "continue in the else of an inner range", src: `{{range .Strs}}<{{range $.Empty}}{{else}}{{continue}}{{end}}{{.}}>{{end}}`},
		{name: "continue in the else of an inner range, nested", src: `{{range .Strs}}<{{range $.Arr}}{{range $.Empty}}{{else}}{{continue}}{{end}}{{.}}{{end}}{{.}}>{{end}}`},
	})
}

func TestTemplates(t *testing.T) {
	runCases(t, []execCase{
		{name: "template", src: `{{define "x"}}[{{.}}]{{end}}{{template "x" .Str}}{{template "x"}}{{template "x" .Specials}}`},
		{name: "template of a field", src: `{{define "x"}}{{.Name}}{{.PName}}{{end}}{{template "x" .Inner}}`},
		{name: "template variables", src: `{{define "x"}}{{$}}{{end}}{{$y := 1}}{{template "x" .Int}}{{$y}}`},
		{name: "block", src: `{{block "b" .Str}}default {{.}}{{end}}`},
		{name: "defined template", exec: "x", src: `{{define "x"}}<p title="{{.Str}}">{{.Int}}</p>{{end}}`},
		{name: "recursion", src: `{{define "tree"}}<li>{{.Name}}{{with .Kids}}<ul>{{range .}}{{template "tree" .}}{{end}}</ul>{{end}}</li>{{end}}<ul>{{template "tree" .Tree}}</ul>`},
		{name: "error in a template", src: `{{define "x"}}in x {{.Missing}}{{end}}before {{template "x" .}}`},
		{name: "error in a pipeline of a template", src: `{{define "x"}}{{.}}{{end}}{{template "x" .Missing}}`},
		{name: "defined template with quotes in its name", exec: "we\"ird\n", src: `{{define "we\"ird\n"}}<p>{{.Str}}</p>{{end}}`},
		{name: "template with a percent", src: `{{define "100%"}}{{.Missing}}{{end}}{{template "100%" .}}`},
		{name: "break in a template's range", src: `{{define "x"}}{{range .}}{{if eq . "b&"}}{{break}}{{end}}{{.}}{{end}}{{end}}{{template "x" .Strs}}{{template "x" .Strs}}`},
		{name: "too deep", src: `{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}`},
		{name: "nested templates", src: `{{define "a"}}a({{template "b" .}}){{end}}{{define "b"}}b({{template "c" .}}){{end}}{{define "c"}}c{{.}}{{end}}{{template "a" .Int}}`},
		// A template of the set may have any name, the name of a wrapper included: it must be
		// executed as the set defines it, from the tree html/template escaped.
		{name: "template named like a wrapper", exec: "\x00htmlexec wrapper of t", src: `<p>{{.Str}}</p>{{define "\x00htmlexec wrapper of t"}}<b>{{.Str}}</b><!-- c -->{{end}}`},
		// The escapers html/template puts before a function given as html are not compiled.
		{name: "template named like a wrapper, escaped by html", exec: "\x00htmlexec wrapper of t", src: `<p>{{.Str}}</p>{{define "\x00htmlexec wrapper of t"}}<a href="{{.URL | print | html}}">{{end}}`, funcs: htmlFuncs, fallback: true},
	})
}

func TestBuiltins(t *testing.T) {
	runCases(t, []execCase{
		{name: "eq", src: `{{eq .Int 3}} {{eq .Int 1 2 3}} {{eq .Int 1 2}} {{eq .Str "hello"}} {{eq .Bool true}} {{eq .Float 2.5}} {{eq .Complex 1+2i}} {{eq 'a' 97}}`},
		{name: "eq of int and uint", src: `{{eq .Uint 3}} {{eq .Int .Uint}} {{eq .Uint .Int}} {{eq .Neg .Uint}} {{eq .Uint8 12}} {{eq .Uint .Neg}}`},
		{name: "eq of nil", src: `{{eq .Nil nil}} {{eq .NilPtr nil}} {{eq .Ptr nil}} {{eq .Nil .Str}} {{eq .NilMap nil}} {{eq .Ptr .Ptr}} {{eq .Inner .Inner}} {{eq .Iface .Inner}}`},
		{name: "eq of interfaces", src: `{{eq .AnyMap.i 1}} {{eq .AnyMap.s "<s>"}} {{eq .Iface .Iface}}`},
		{name: "eq incompatible", src: `{{eq .Str 1}}`},
		{name: "eq incompatible later", src: `{{eq .Int 1 "x" 3}}`},
		{name: "eq non-comparable", src: `{{eq .Strs .Strs}}`},
		{name: "eq non-comparable kinds", src: `{{eq .Strs .StrMap}}`},
		{name: "eq missing argument", src: `{{eq .Int}}`},
		{name: "eq nothing", src: `{{eq}}`},
		{name: "eq of boxes holding slices", src: `{{eq (index .Boxes 0) (index .Boxes 1)}}`},
		{name: "ne", src: `{{ne .Int 3}} {{ne .Str "x"}} {{ne .Uint .Neg}}`},
		{name: "ne incompatible", src: `{{ne .Int "3"}}`},
		{name: "ne of three", src: `{{ne 1 2 3}}`},
		{name: "lt le gt ge", src: `{{lt .Int 5}} {{le .Int 3}} {{gt .Float 1.5}} {{ge .Str "a"}} {{lt -1 .Uint}} {{lt .Uint -1}} {{gt .Uint .Neg}} {{le .Neg .Uint}} {{ge 3 .Uint}} {{lt "a" "b"}}`},
		{name: "lt of bools", src: `{{lt .Bool true}}`},
		{name: "lt of complex", src: `{{lt 1i 2i}}`},
		{name: "lt incompatible", src: `{{lt .Int .Float}}`},
		{name: "lt of nil", src: `{{lt .Nil 1}}`},
		{name: "le of a slice", src: `{{le .Strs 1}}`},
		{name: "gt incompatible", src: `{{gt .Str 1}}`},
		{name: "ge of three", src: `{{ge 1 2 3}}`},
		{name: "len", src: `{{len .Strs}} {{len .StrMap}} {{len .Str}} {{len .Arr}} {{len .Ch}} {{len .Empty}} {{len .NilMap}} {{len .StrPtr}}`},
		{name: "len of an int", src: `{{len .Int}}`},
		{name: "len of a nil pointer", src: `{{len .NilPtr}}`},
		{name: "len of a nil interface", src: `{{len .NilErr}}`},
		{name: "len of nil", src: `{{len nil}}`},
		{name: "len of a missing key", src: `{{len .StrMap.missing}}`},
		{name: "index", src: `{{index .Strs 1}} {{index .Arr 2}} {{index .StrMap "b"}} {{index .StrMap "missing"}} {{index .IntMap 10}} {{index .IntMap 11}} {{index .Nested "a" 2}} {{index .Str 1}} {{index .Strs}} {{index .AnyMap "l" 1}} {{index .Strs .Uint8 | printf "%v"}}`},
		{name: "index with converted keys", src: `{{index .IntMap .Uint}} {{index .}}`, data: value(map[uint8]string{44: "wrapped", 3: "three"})},
		{name: "index uint8 key", src: `{{index . 300}} {{index . 3}}`, data: value(map[uint8]string{44: "wrapped", 3: "three"})},
		{name: "index out of range", src: `{{index .Strs 5}}`},
		{name: "index negative", src: `{{index .Strs -1}}`},
		{name: "index at the length of a slice", src: `{{index .Strs 3}}`},
		{name: "index at the length of a string", src: `{{index .Str 5}}`},
		{name: "index at the length of an array", src: `{{index .Arr 3}}`},
		{name: "index with a string", src: `{{index .Strs "x"}}`},
		{name: "index with nil", src: `{{index .Strs nil}}`},
		{name: "index map with a wrong key", src: `{{index .StrMap 1}}`},
		{name: "index map with nil", src: `{{index .StrMap nil}}`},
		{name: "index of nil", src: `{{index nil 1}}`},
		{name: "index of a nil pointer", src: `{{index .NilPtr 1}}`},
		{name: "index of an int", src: `{{index .Int 1}}`},
		{name: "index of a nil map", src: `[{{index .NilMap "a"}}]`},
		{name: "index of an unhashable key", src: `{{index .AnyKeys .Strs}}`},
		// index gives an element of type reflect.Value as it is, as text/template's index does:
		// the value it holds is not unwrapped, and is printed as a reflect.Value, escaped.
		{name: "index of reflect.Values", src: `{{index .L 0}} {{index .M "k"}} {{printf "%T" (index .L 0)}}`, data: reflectValues},
		{name: "print", src: `{{print 1 "a" .Str nil .Int}} {{print}} {{print .Nil}} {{print .Inner .Ptr .NilPtr}}`},
		{name: "printf", src: `{{printf "%d-%s-%v-%q" .Int .Str .Inner .Specials}} {{printf "%d" "x"}} {{printf "%v %v" .Nil}} {{.Int | printf "%05d"}} {{printf "%T %T" .Nil .Temp}}`},
		{name: "printf with no format", src: `{{printf}}`},
		{name: "printf with a number format", src: `{{printf 1}}`},
		{name: "println", src: `{{println .Int .Str}}{{println}}`},
		{name: "numbers", src: `{{1}} {{-1}} {{1.5}} {{1e3}} {{0x10}} {{0x1p4}} {{'a'}} {{2i}} {{1_000}} {{0b101}} {{0o17}} {{true}} {{"s<"}} {{(1)}} {{("x")}}`},
		{name: "number overflow", src: `{{9999999999999999999}}`},
		{name: "nil command", src: `{{nil}}`},
		{name: "literal with args", src: `{{1 2}}`},
		{name: "pipeline with args", src: `{{(1) 2}}`},
	})
}

func TestFuncs(t *testing.T) {
	runCases(t, []execCase{
		{name: "call", src: `{{upper .Str}} {{.Str | upper}} {{add 1 2}} {{join ", " .Strs}} {{.Strs | join "; "}} {{variadic}} {{variadic "a" "b"}} {{"z" | variadic "y"}}`},
		{name: "pipeline", src: `{{.Str | printf "%s!" | upper}} {{.Int | add 2 | printf "%03d"}}`},
		{name: "error", src: `before {{fail "it failed <b>"}} after`},
		{name: "error in a pipeline", src: `{{"x" | fail}}`},
		{name: "panic", src: `{{panics}}`},
		{name: "too few args", src: `{{add 1}}`},
		{name: "too many args", src: `{{add 1 2 3}}`},
		{name: "wrong type", src: `{{add 1 "x"}}`},
		{name: "wrong type of a field", src: `{{add .Int .Uint}}`},
		{name: "wrong type of a final", src: `{{.Str | add 1}}`},
		{name: "bool for int", src: `{{add true 1}}`},
		{name: "typed results", src: `{{toHTML .Specials}} <a title="{{toHTML .Specials}}" href="{{toURL .URL}}" style="color:{{toCSS "expression(x)"}}">`},
		{name: "pointer and value args", src: `{{ptrArg .Inner}} {{ptrArg .Ptr}} {{valArg .Ptr}} {{valArg .Inner}} {{ptrArg .NilPtr | printf "%.0s"}}`},
		{name: "pointer arg, not addressable", src: `{{ptrArg .InnerMap.a}}`},
		{name: "nil pointer arg for value", src: `{{valArg .NilPtr}}`},
		{name: "nil for a value", src: `{{valArg nil}}`},
		{name: "missing key for a value", src: `{{valArg .InnerMap.b}}`},
		{name: "any args", src: `{{anyArg nil}} {{anyArg .Nil}} {{anyArg 1}} {{anyArg 1.5}} {{anyArg .Inner}} {{anyArg .Ptr}} {{anyArg .StrMap.missing}} {{anyArg .Iface}} {{.Uint8 | anyArg}}`},
		{name: "interface args", src: `{{ifaceArg .Err}} {{ifaceArg nil}} {{ifaceArg .NilErr}}`},
		{name: "interface arg of a wrong type", src: `{{ifaceArg .Str}}`},
		{name: "reflect.Value args", src: `{{reflectArg .Int}} {{reflectArg nil}} {{reflectArg 3}} {{reflectArg "s"}} {{reflectArg .Nil}} {{reflectArg .Value}} {{.Str | reflectArg}} {{reflectArg .StrMap.missing}}`},
		{name: "reflect.Value result", src: `{{reflectRet "r"}} {{reflectRet "r" | len}}`},
		{name: "reflect.Value variadic", src: `{{reflectVariadic}} {{reflectVariadic 1 "a" nil .Nil .Inner}} {{.Int | reflectVariadic 2}}`},
		// Making a template safe evaluates nothing: not an iterator of the data given nil.
		{name: "iterator of nil data", src: `{{range words .Str}}[{{.}}]{{end}}`},
		{name: "func overrides a builtin", src: `{{len .Strs}} {{slice 1}} {{.Specials | html}}`, funcs: func() template.FuncMap {
			return template.FuncMap{
				"len":   func(v any) string { return fmt.Sprintf("my len of %v", v) },
				"slice": func(i int) int { return i * 10 },
				"html":  func(s string) string { return "my html " + s },
			}
		}},
		// Making a template safe evaluates nothing: a function is called as often as by
		// html/template.
		{name: "stateful func", src: `{{counter}} {{counter}}`},
	})
}

// htmlFuncs gives html, which escapes as the builtin does.
func htmlFuncs() template.FuncMap { return template.FuncMap{"html": template.HTMLEscapeString} }

// reflectValues is data whose elements are reflect.Values holding HTML.
func reflectValues() any {
	return map[string]any{
		"L": []reflect.Value{reflect.ValueOf(template.HTML("<script>alert(1)</script>"))},
		"M": map[string]reflect.Value{"k": reflect.ValueOf(template.HTML("<b>k</b>"))},
	}
}

// Fast has methods registered to be called without reflect: they must give what reflect's
// calls give.
type Fast struct{ Name string }

func (f *Fast) Hello() string { return "hello <" + f.Name + ">" }
func (f *Fast) Check() (string, error) {
	if f.Name == "" {
		return "", errors.New("no <name>")
	}
	return f.Name, nil
}
func (f *Fast) Repeat(n int) string { return strings.Repeat(f.Name, n) }
func (f *Fast) Pair(a string, b any) (*Inner, error) {
	if b == nil {
		return nil, errors.New("b is nil")
	}
	return &Inner{Name: fmt.Sprint(a, b)}, nil
}
func (f Fast) Value() string { return "value of " + f.Name }

// FastData holds Fast values every way a method can be called on them.
type FastData struct {
	F     *Fast
	Nil   *Fast
	Value Fast
	Empty *Fast
	Any   any
	N     int
}

var registerFast = sync.OnceFunc(func() {
	htmlexec.Method("Hello", (*Fast).Hello)
	htmlexec.MethodE("Check", (*Fast).Check)
	htmlexec.Method1("Repeat", (*Fast).Repeat)
	htmlexec.Method2E("Pair", (*Fast).Pair)
	htmlexec.Method("Value", (*Fast).Value)
})

func TestRegisteredMethods(t *testing.T) {
	registerFast()
	data := func() any {
		return &FastData{F: &Fast{"f"}, Value: Fast{"v"}, Empty: &Fast{}, Any: &Fast{"any"}, N: 2}
	}
	notAddressable := func() any { return *data().(*FastData) }
	runCases(t, []execCase{
		{name: "no args", src: `{{.F.Hello}} {{.Value.Hello}} {{.Any.Hello}} {{.F.Value}} {{.Value.Value}}`, data: data},
		{name: "error", src: `{{.F.Check}} {{.Empty.Check}}`, data: data},
		{name: "one arg", src: `{{.F.Repeat 3}} {{.F.Repeat .N}} {{.N | .F.Repeat}} {{.F.Repeat 0}}`, data: data},
		{name: "two args", src: `{{.F.Pair "a" 1}} {{(.F.Pair "a" .F).Name}} {{.F.Pair "a" .Any | printf "%v"}}`, data: data},
		{name: "nil for an interface", src: `{{.F.Pair "a" nil}}`, data: data},
		{name: "wrong arg type", src: `{{.F.Repeat "x"}}`, data: data},
		{name: "too many args", src: `{{.F.Repeat 1 2}}`, data: data},
		{name: "nil receiver", src: `{{.Nil.Hello}}`, data: data},
		{name: "nil receiver of a value method", src: `{{.Nil.Value}}`, data: data},
		{name: "not addressable", src: `{{.Value.Value}} {{.F.Hello}}`, data: notAddressable},
		{name: "pointer method, not addressable", src: `{{.Value.Hello}}`, data: notAddressable},
	})
}

// TestFallback holds templates that htmlexec hands to html/template, and must still match.
func TestFallback(t *testing.T) {
	runCases(t, []execCase{
		{name: "script", src: `<script>var x = {{.Str}}, y = {{.Strs}}, z = "{{.Specials}}";</script><p>{{.Str}}</p>`, fallback: true},
		{name: "event handler", src: `<a onclick="f({{.Str}})">`, fallback: true},
		{name: "unquoted attribute", src: `<a title={{.Specials}}>`, fallback: true},
		{name: "attribute name", src: `<a {{.Str}}="x">`, fallback: true},
		{name: "srcset", src: `<img srcset="{{.Str}} 1x">`, fallback: true},
		{name: "slice", src: `{{slice .Strs 1 2}}`, fallback: true},
		{name: "call", src: `{{call .Fn}}`, fallback: true},
		{name: "html", src: `{{html .Specials}} {{.Specials | html}}`, fallback: true},
		{name: "js", src: `{{js .Specials}}`, fallback: true},
		{name: "urlquery", src: `<a href="/?q={{urlquery .Specials}}">{{urlquery .Str}}</a>`, fallback: true},
		{name: "template in an attribute", src: `{{define "x"}}{{.}}{{end}}<a title="{{template "x" .Specials}}">{{template "x" .Str}}`, fallback: true},
		{name: "template in a script", src: `{{define "x"}}{{.}}{{end}}<script>var x = {{template "x" .Str}};</script>`, fallback: true},
		{name: "undefined template", src: `{{template "x"}}`, fallback: true},
		{name: "ends in an attribute", src: `<a href="{{.Str}}`, fallback: true},
		{name: "ambiguous URL", src: `<a href="{{if .Bool}}/a?{{else}}/b{{end}}{{.Str}}">`, fallback: true},
		{name: "unknown name", exec: "nope", src: `{{.Str}}`, fallback: true},
		{name: "calls a fallback", src: `{{define "s"}}<script>{{.}}</script>{{end}}{{template "s" .Str}}`, fallback: true},
		{name: "comment", src: `<!-- {{.Str}} -->{{.Str}}`, fallback: true},
		{name: "JS in a called template", src: `{{define "x"}}<a onclick="{{.}}">{{end}}<p>{{.Str}}</p>{{template "x" .Str}}`, fallback: true},
	})
}

// The escapers.

// contexts are the places of a page whose escapers htmlexec has.
var contexts = []struct{ name, src string }{
	{"text", `<p>{{.}}</p>`},
	{"quoted attribute", `<a title="{{.}}">`},
	{"single-quoted attribute", `<a title='{{.}}'>`},
	{"title", `<title>{{.}}</title>`},
	{"textarea", `<textarea>{{.}}</textarea>`},
	{"URL", `<a href="{{.}}">`},
	{"single-quoted URL", `<a href='{{.}}'>`},
	{"URL path", `<a href="/x/{{.}}">`},
	{"URL query", `<a href="/x?q={{.}}">`},
	{"URL fragment", `<a href="#{{.}}">`},
	{"two URL parts", `<a href="{{.}}?q={{.}}#{{.}}">`},
	{"CSS string", `<style>p{content:"{{.}}"}</style>`},
	{"CSS single-quoted string", `<style>p{content:'{{.}}'}</style>`},
	{"CSS value", `<style>p{color:{{.}}}</style>`},
	{"CSS URL", `<style>p{background:url({{.}})}</style>`},
	{"CSS quoted URL", `<style>p{background:url("{{.}}")}</style>`},
	{"CSS URL query", `<style>p{background:url("/x?{{.}}")}</style>`},
	{"style attribute", `<p style="color:{{.}}">`},
	{"style attribute string", `<p style="content:'{{.}}'">`},
	{"style attribute URL", `<p style="background:url({{.}})">`},
	{"image source", `<img src="{{.}}">`},
	{"data URL attribute", `<a data-url="{{.}}">`},
	{"namespaced URL attribute", `<svg><a xlink:href="{{.}}"></a></svg>`},
	{"upper-case attribute", `<a HREF="{{.}}">`},
	{"mailto URL", `<a href="mailto:{{.}}">`},
	{"URL after URL", `<a href="{{.}}{{.}}">`},
	{"value attribute", `<input value="{{.}}">`},
	{"srcdoc attribute", `<iframe srcdoc="{{.}}">`},
	{"attribute of a textarea", `<textarea title="{{.}}">{{.}}</textarea>`},
	{"script of a template type", `<script type="text/template">{{.}}</script>`},
	{"CSS value before a comment", `<style>p{x:{{.}}/*c*/}</style>`},
	{"meta refresh", `<meta http-equiv="refresh" content="{{.}}">`},
	{"meta refresh URL", `<meta http-equiv="refresh" content="0;url={{.}}">`},
	{"all", `{{.}}<a title="{{.}}" href="{{.}}?{{.}}" style="x:{{.}}"><title>{{.}}</title><style>p{a:"{{.}}";b:{{.}}}</style>`},
}

// trickyStrings are what escapers escape, or do not.
var trickyStrings = []string{
	"", "plain", " ", "<", ">", "&", "'", `"`, "+", "`", "=", "\x00", "a\x00b", "\xff", "a\xffb\xfe", "\xe2\x82",
	`<script>alert("x&y")</script>`, `'"+&<>`, `&amp; &lt; &#34; &unknown;`, "<b>bold</b> & <i>it</i>",
	"héllo wörld ✓ 日本語", "\uFFFD", "\U0001F600", "\u2028\u2029", "\ufdd0\ufffe\uffff", "\u00a0",
	"javascript:alert(1)", "JavaScript:alert(1)", " javascript:x", "java\tscript:x", "jav&#x61;script:x",
	"vbscript:x", "data:text/html,<x>", "http://example.com/a b?c=d&e=f#g", "HTTPS://EXAMPLE.COM",
	"mailto:a@b.c", "MailTo:x", "/path/to:colon", "./x:y", "?q=a:b", "#frag:x", "//host/x",
	"%", "%4", "%41", "%zz", "%4g", "100%", "a%20b%2", "%E2%9C%93", "~-._", "!#$&*+,/:;=?@[]", "()'",
	`\`, `\\`, `\41`, `\41 x`, `\0`, `\110000`, `\d800`, `\FFFFFF`, `\a`, `\a b`, "\\\r\n", `\"`, `a\`,
	"expression(alert(1))", `Expr\65ssion(x)`, "-moz-binding:url(x)", "mozbinding", "--", "a-b", "-x",
	"#fff", "10px", "1.5em", "red;background:x", "red}", "@import", "{}", "[]", "/* x */", "x/y",
	"a\tb\nc\fd\re", " \r\n ", "\v", "\x7f", "\x1b[31m",
}

// escaperValues are the values each context is executed with.
func escaperValues() []any {
	var vs []any
	for _, s := range trickyStrings {
		vs = append(vs, s, template.HTML(s), template.HTMLAttr(s), template.URL(s), template.CSS(s),
			template.JS(s), template.JSStr(s), template.Srcset(s), Name(s), &s)
	}
	html := template.HTML("<b>x</b>")
	return append(vs, MyHTML("<b>my</b>"), (*template.HTML)(nil), PanicStringer{},
		42, -7, uint8(200), 3.25, 1e21, math.NaN(), math.Inf(-1), 1+2i, 'x', true, false, nil,
		(*string)(nil), (*Inner)(nil), &html, Celsius(21.5), &Tally{N: 2}, Tally{N: 3}, (*Tally)(nil),
		errors.New(`<err> & "quoted"`), []string{"a<", "b&"}, []any{nil, 1, "<"}, Inner{Name: "<x>"},
		&Inner{Name: "<y>"}, map[string]int{"b": 2, "a": 1}, []byte("bytes<"), struct{ A, b string }{"<A>", "b"},
		reflect.ValueOf("<in a reflect.Value>"), Box{V: "<boxed>"}, []template.HTML{"<b>"},
	)
}

func TestEscapers(t *testing.T) {
	values := escaperValues()
	for _, c := range contexts {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := mustPair(t, c.src, testFuncs)
			for _, v := range values {
				if err := p.compare("t", value(v), math.MaxInt); err != nil {
					t.Errorf("%#v: %v", v, err)
				}
			}
			if !htmlexec.Compiled(p.got, "t") {
				t.Errorf("%s: htmlexec handed it to html/template", c.src)
			}
		})
	}
}

// TestEscaperTypes executes each typed string through every kind of value that can hold it.
func TestEscaperTypes(t *testing.T) {
	src := `{{.HTML}} {{.HTMLPtr}} {{.Any}} {{.Stringer}}<a title="{{.HTML}}{{.HTMLPtr}}{{.Any}}" href="{{.URL}}">`
	type data struct {
		HTML     template.HTML
		HTMLPtr  *template.HTML
		Any      any
		URL      any
		Stringer fmt.Stringer
	}
	p := mustPair(t, src, testFuncs)
	for _, s := range trickyStrings {
		h := template.HTML(s)
		d := data{HTML: h, HTMLPtr: &h, Any: template.HTMLAttr(s), URL: template.URL(s), Stringer: Celsius(len(s))}
		if err := p.compare("t", value(d), math.MaxInt); err != nil {
			t.Error(err)
		}
	}
}

// The Set.

// TestConcurrent executes the templates of fresh Sets from many goroutines at once, first
// calls included; run it with -race.
func TestConcurrent(t *testing.T) {
	src := `{{define "a"}}<p title="{{.Str}}">{{range .Strs}}{{.}}{{end}}</p>{{end}}` +
		`{{define "b"}}<a href="{{.URL}}?q={{.Specials}}">{{.Inner.PName}}</a>{{template "c" .}}{{end}}` +
		`{{define "c"}}<style>p{color:{{.Str}};content:"{{.Specials}}"}</style>{{.HTML}}{{end}}` +
		`{{define "d"}}{{range $k, $v := .StrMap}}{{$k}}={{$v}}{{end}}{{.Missing}}{{end}}` +
		`{{define "e"}}<script>var x = {{.Str}};</script>{{end}}` +
		`{{define "f"}}<p>{{.Str}}</p>{{template "e" .}}{{end}}` +
		`{{template "a" .}}{{template "b" .}}`
	names := []string{"t", "a", "b", "c", "d", "e", "f", "nope"}
	want := map[string]result{}
	p := mustPair(t, src, testFuncs)
	for _, name := range names {
		want[name] = run(nil, func(w io.Writer) error { return p.want.ExecuteTemplate(w, name, newFixture()) })
	}
	for range 50 {
		p := mustPair(t, src, testFuncs)
		var wg sync.WaitGroup
		for g := range 2 * len(names) {
			wg.Go(func() {
				for i := range 3 {
					name := names[(g+i)%len(names)]
					got := run(nil, func(w io.Writer) error { return p.got.ExecuteTemplate(w, name, newFixture()) })
					if got != want[name] {
						t.Errorf("%s:\nhtml/template: %v\nhtmlexec:      %v", name, want[name], got)
					}
				}
			})
		}
		wg.Wait()
	}
}

// limitWriter takes n bytes, and fails after.
type limitWriter struct {
	b bytes.Buffer
	n int
}

var errFull = errors.New("the writer is full")

func (w *limitWriter) Write(p []byte) (int, error) {
	if w.b.Len()+len(p) > w.n {
		k := w.n - w.b.Len()
		w.b.Write(p[:k])
		return k, errFull
	}
	return w.b.Write(p)
}

// TestWriteError stops the writer at every byte: the output and the error must be the same.
func TestWriteError(t *testing.T) {
	src := `<p title="{{.Str}}">{{range .Strs}}<{{.}}>{{end}}</p>{{template "x" .}}{{define "x"}}<a href="{{.URL}}">{{.Specials}}</a>{{end}}`
	p := mustPair(t, src, testFuncs)
	full := run(nil, func(w io.Writer) error { return p.want.ExecuteTemplate(w, "t", newFixture()) })
	for n := range len(full.out) + 1 {
		if err := p.compare("t", func() any { return newFixture() }, n); err != nil {
			t.Errorf("writer of %d bytes: %v", n, err)
		}
	}
}

// TestDelims executes the contexts with other delimiters: htmlexec must execute the escaped
// templates still.
func TestDelims(t *testing.T) {
	for _, c := range contexts {
		src := strings.ReplaceAll(c.src, "{{.}}", "[[.]]")
		parse := func() *template.Template {
			return template.Must(template.New("t").Delims("[[", "]]").Parse(src))
		}
		p := &pair{src: src, want: parse(), got: htmlexec.New(parse(), nil)}
		for _, v := range []any{`javascript:<script>alert("x")</script>`, "expression(x)", template.HTML("<b>")} {
			if err := p.compare("t", value(v), math.MaxInt); err != nil {
				t.Error(err)
			}
		}
	}
}

// TestOption executes a set with the option missingkey: htmlexec must give what html/template
// gives, or leave the set to html/template.
func TestOption(t *testing.T) {
	src := `[{{.missing}}]`
	for _, option := range []string{"missingkey=zero", "missingkey=error"} {
		parse := func() *template.Template {
			return template.Must(template.New("t").Option(option).Parse(src))
		}
		p := &pair{src: src, want: parse(), got: htmlexec.New(parse(), nil)}
		if err := p.compare("t", value(map[string]int{}), math.MaxInt); err != nil {
			t.Errorf("%s: %v", option, err)
		}
	}
}

// TestFuncsNotGiven gives htmlexec fewer functions than the templates were parsed with: the
// templates that call the others are html/template's.
func TestFuncsNotGiven(t *testing.T) {
	src := `{{define "x"}}{{upper .}}{{end}}{{define "y"}}{{.}}{{end}}`
	want := template.Must(template.New("t").Funcs(testFuncs()).Parse(src))
	ht := template.Must(template.New("t").Funcs(testFuncs()).Parse(src))
	p := &pair{src: src, want: want, got: htmlexec.New(ht, nil)}
	for _, name := range []string{"x", "y"} {
		if err := p.compare(name, value("<s>"), math.MaxInt); err != nil {
			t.Error(err)
		}
	}
	if htmlexec.Compiled(p.got, "x") || !htmlexec.Compiled(p.got, "y") {
		t.Errorf("compiled x, y: %v, %v; want false, true", htmlexec.Compiled(p.got, "x"), htmlexec.Compiled(p.got, "y"))
	}
}

func TestTemplatesMethod(t *testing.T) {
	ht := template.Must(template.New("t").Parse(`x`))
	if got := htmlexec.New(ht, nil).Templates(); got != ht {
		t.Errorf("Templates() = %p, want %p", got, ht)
	}
}

// Fuzzing.

// FuzzEscapers executes a string, plain and typed, in every context htmlexec escapes for.
func FuzzEscapers(f *testing.F) {
	for _, s := range trickyStrings {
		f.Add(s)
	}
	var pairs []*pair
	for _, c := range contexts {
		pairs = append(pairs, mustPair(f, c.src, testFuncs))
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range pairs {
			for _, v := range []any{s, template.HTML(s), template.URL(s), template.CSS(s), template.HTMLAttr(s)} {
				if err := p.compare("t", value(v), math.MaxInt); err != nil {
					t.Errorf("%#v: %v", v, err)
				}
			}
		}
	})
}

// FuzzTemplates executes a template source, when html/template parses it, with a fixture.
func FuzzTemplates(f *testing.F) {
	for _, src := range []string{
		`<p>{{.Str}}</p>`,
		`<a href="{{.URL}}" title="{{.Specials}}">{{.HTML}}</a>`,
		`{{range $i, $e := .Strs}}{{if $i}}, {{end}}{{$e}}{{end}}`,
		`{{range $k, $v := .IntMap}}{{$k}}={{$v}};{{else}}none{{end}}`,
		`{{with .Inner}}{{.Name}} {{.PName}}{{else with .Ptr}}{{.VName}}{{end}}`,
		`{{if and .Bool (not .Nil)}}{{.Add 1 2}}{{else if .Int}}{{.Fail}}{{end}}`,
		`{{define "x"}}[{{.}}]{{end}}{{template "x" .Str}}{{block "y" .Int}}{{.}}{{end}}`,
		`<style>p{color:{{.Str}};content:"{{.Specials}}"}</style><p style="background:url({{.URL}})">`,
		`{{index .Nested "a" 1}} {{len .StrMap}} {{eq .Int 1 2 3}} {{lt .Uint .Neg}}`,
		`{{printf "%d %s %v" .Int .Str .Temp}} {{.Str | upper | printf "%q"}} {{join "," .Strs}}`,
		`{{$x := 0}}{{range .Seq}}{{if eq . 5}}{{continue}}{{end}}{{$x = .}}{{end}}{{$x}}`,
		`{{range .Ch}}{{.}}{{break}}{{end}} {{range seq 3}}{{.}}{{end}} {{range .Seq2}}{{.}}{{end}}`,
		`{{.NilPtr.Name}}`,
		`<title>{{.Specials}}</title><textarea>{{.HTML}}</textarea><a href="/x?q={{.Specials}}#{{.Str}}">`,
		`{{(index .Inners 0).PName}} {{.Greet "hi" .Str}} {{.Self.Self.Tally}} {{.AnyMap.s}}`,
		`{{$v := .Variadic "p" 1 2}}{{$v}} {{or .Nil .Empty .Str}} {{and .Int .Bool .Float}} {{not .Err}}`,
		`{{with $x := .AnyMap}}{{range $k, $v := $x}}{{$k}}:{{$v}} {{end}}{{end}}`,
		`{{range .Inners}}{{.VName}}{{.PName}}{{else}}none{{end}}{{range .InnerMap}}{{.Name}}{{end}}`,
		`<p style="color:{{.Str}}" title='{{.HTML}}'><a href="{{.URL}}#{{.Name}}">{{.Temp}}</a></p>`,
		`{{.Reflect}} {{.OK}} {{.Items}} {{range .Items}}{{.}}{{end}} {{.AnyNil}} {{.Celsius}}`,
		`{{index .Strs 0}}{{index .Arr 2}}{{index .AnyMap "l" 0}}{{len .Str}}{{len .Inners}}`,
		`{{if eq .Uint .Int}}{{printf "%v %T" .Uint .Neg}}{{else}}{{ge .Neg .Uint}}{{end}}`,
		`{{.Err}} {{.NilErr}} {{.Stringer}} {{.TallyPtr}} {{.NilTally}} {{.StrPtr}} {{.NilStr}}`,
		`{{range $i, $c := .Ch}}{{$i}}{{$c}}{{end}}{{range .EmptyCh}}{{else}}e{{end}}{{len .Ch}}`,
		`{{anyArg .Iface}} {{ptrArg .Inner}} {{valArg .Ptr}} {{reflectArg .Int}} {{ifaceArg .Err}} {{variadic "a" .Str}}`,
		`{{block "b" .Inner}}{{.Name}}{{end}}{{define "c"}}<a title="{{.}}">{{end}}{{template "c" .Str}}`,
	} {
		f.Add(src)
	}
	funcs := func() template.FuncMap {
		fm := testFuncs()
		delete(fm, "counter") // its state differs, by design of htmlexec's compiling
		return fm
	}
	f.Fuzz(func(t *testing.T, src string) {
		p, err := newPair(src, funcs)
		if err != nil || !boundedSource(p.want) {
			return
		}
		p.deterministicOnly = true
		var names []string
		for _, tmpl := range p.want.Templates() {
			names = append(names, tmpl.Name())
		}
		slices.Sort(names)
		for _, name := range names {
			if err := p.compare(name, func() any { return newFixture() }, 1<<16); err != nil {
				t.Error(err)
			}
		}
	})
}

// longNumber is a number that could make a template run long: a count or a width.
var longNumber = regexp.MustCompile(`[0-9]{4}`)

// boundedSource reports whether the templates of set run in little time: no recursion, few
// ranges (so little nesting), and small numbers.
func boundedSource(set *template.Template) bool {
	ranges, calls := 0, 0
	graph := map[string][]string{}
	bounded := true
	for _, tmpl := range set.Templates() {
		if tmpl.Tree == nil {
			continue
		}
		walkNodes(tmpl.Tree.Root, func(n parse.Node) {
			switch n := n.(type) {
			case *parse.RangeNode:
				ranges++
			case *parse.TemplateNode:
				calls++
				graph[tmpl.Name()] = append(graph[tmpl.Name()], n.Name)
			case *parse.NumberNode:
				if n.IsComplex || math.Abs(n.Float64) > 64 || longNumber.MatchString(n.Text) {
					bounded = false
				}
			case *parse.StringNode:
				if longNumber.MatchString(n.Text) {
					bounded = false
				}
			}
		})
	}
	return bounded && ranges <= 2 && calls <= 8 && !cyclic(graph)
}

// cyclic reports whether a template of graph calls itself, through others or not.
func cyclic(graph map[string][]string) bool {
	const (
		visiting = 1
		done     = 2
	)
	state := map[string]int{}
	var visit func(string) bool
	visit = func(name string) bool {
		switch state[name] {
		case visiting:
			return true
		case done:
			return false
		}
		state[name] = visiting
		for _, callee := range graph[name] {
			if visit(callee) {
				return true
			}
		}
		state[name] = done
		return false
	}
	for name := range graph {
		if visit(name) {
			return true
		}
	}
	return false
}

// walkNodes calls f for n and every node under it, arguments included.
func walkNodes(n parse.Node, f func(parse.Node)) {
	if n == nil || reflect.ValueOf(n).IsNil() {
		return
	}
	f(n)
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			walkNodes(c, f)
		}
	case *parse.ActionNode:
		walkNodes(n.Pipe, f)
	case *parse.PipeNode:
		for _, c := range n.Cmds {
			walkNodes(c, f)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walkNodes(a, f)
		}
	case *parse.ChainNode:
		walkNodes(n.Node, f)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, f)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, f)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, f)
	case *parse.TemplateNode:
		walkNodes(n.Pipe, f)
	}
}

func walkBranch(n *parse.BranchNode, f func(parse.Node)) {
	walkNodes(n.Pipe, f)
	walkNodes(n.List, f)
	walkNodes(n.ElseList, f)
}
