// Package diag holds the positioned diagnostics every phase of a build reports: an error or a
// warning at a file, line and column, printed the way compilers print them.
//
//	content/modules/4.md:37:12: error: unknown handout "4.9" (this curriculum has 4.1, 4.2, 4.3)
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	// Error stops the build: nothing is written.
	Error Severity = iota
	// Warning is reported, and the build goes on.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one thing wrong with the input, at a place in a file. Line and Column count
// from 1; zero means the diagnostic is about the whole file (or the line).
type Diagnostic struct {
	File     string // slash-separated path, as the user knows it (e.g. content/modules/4.md)
	Line     int
	Column   int
	Severity Severity
	Message  string // what is wrong and what to do about it
}

// String formats d compiler-style: file:line:col: severity: message.
func (d Diagnostic) String() string {
	var b strings.Builder
	if d.File != "" {
		b.WriteString(d.File)
		if d.Line > 0 {
			fmt.Fprintf(&b, ":%d", d.Line)
			if d.Column > 0 {
				fmt.Fprintf(&b, ":%d", d.Column)
			}
		}
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(d.Message)
	return b.String()
}

// List collects the diagnostics of a build. The zero value is ready to use.
type List struct {
	items []Diagnostic
}

// Errorf adds an error at file:line:col.
func (l *List) Errorf(file string, line, col int, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Column: col, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at file:line:col.
func (l *List) Warnf(file string, line, col int, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Column: col, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Add adds d.
func (l *List) Add(d Diagnostic) { l.items = append(l.items, d) }

// Merge adds every diagnostic of other.
func (l *List) Merge(other *List) { l.items = append(l.items, other.items...) }

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	return slices.ContainsFunc(l.items, func(d Diagnostic) bool { return d.Severity == Error })
}

// Len is the number of diagnostics.
func (l *List) Len() int { return len(l.items) }

// Sorted returns the diagnostics ordered by file, line and column, without duplicates.
func (l *List) Sorted() []Diagnostic {
	out := slices.Clone(l.items)
	Sort(out)
	return slices.Compact(out)
}

// Sort sorts diagnostics by file, line and column, errors before warnings at one place.
func Sort(ds []Diagnostic) {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Err returns the errors of l as one error, or nil when there are none. Warnings are left out:
// they are for the caller to print.
func (l *List) Err() error {
	var errs Errors
	for _, d := range l.Sorted() {
		if d.Severity == Error {
			errs = append(errs, d)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// Errors is the error a failed build returns: every error it found, sorted.
type Errors []Diagnostic

func (e Errors) Error() string {
	lines := make([]string, len(e))
	for i, d := range e {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// Pos is a place in a file, for the model to remember where a thing was written so that a
// later check can point at it.
type Pos struct {
	File         string
	Line, Column int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Column == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// ErrorAt adds an error at pos.
func (l *List) ErrorAt(pos Pos, format string, args ...any) {
	l.Errorf(pos.File, pos.Line, pos.Column, format, args...)
}

// WarnAt adds a warning at pos.
func (l *List) WarnAt(pos Pos, format string, args ...any) {
	l.Warnf(pos.File, pos.Line, pos.Column, format, args...)
}
