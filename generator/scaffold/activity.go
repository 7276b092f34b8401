package scaffold

import (
	"bytes"
	"fmt"
	"os"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"curriculum/generator/content"
	"curriculum/generator/markdown"
)

// An Addition is text to add at the end of a module's file: a new activity, with the number
// it takes and the line its heading lands on.
type Addition struct {
	Text   []byte
	Number int // activities are numbered from their order: the count, new one included
	Line   int // of its heading, 1-based, in the file with Text appended
}

// md is the build's markdown, made once.
var md = sync.OnceValue(markdown.New)

// NewActivity is a new activity, titled title, to append to module, the source of a module's
// file. It parses the module as the build does to number the activity, and returns an error
// when the end of the module would swallow the new heading (an unclosed code block).
func NewActivity(module []byte, title string) (Addition, error) {
	sep := "\n\n"
	switch {
	case len(module) == 0:
		sep = ""
	case bytes.HasSuffix(module, []byte("\n\n")):
		sep = ""
	case bytes.HasSuffix(module, []byte("\n")):
		sep = "\n"
	}
	add := []byte(sep + activityText(title, ""))
	src := append(module[:len(module):len(module)], add...)
	root := md().Parser().Parse(text.NewReader(src))
	a := Addition{Text: add}
	var last *ast.Heading
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok && h.Level == 2 && content.IsActivityHeading(markdown.PlainText(h, src)) {
			a.Number++
			last = h
		}
	}
	if last == nil || last.Lines().Len() == 0 || last.Lines().At(0).Start < len(module) {
		return Addition{}, fmt.Errorf("a heading added at the end would not start an activity: does the module end inside a code block (``` never closed)? Close it, then run the command again")
	}
	a.Line = bytes.Count(src[:last.Lines().At(0).Start], []byte("\n")) + 1
	return a, nil
}

// Append adds add at the end of the file p, whose contents were read as old. It returns an
// error, and writes nothing, when the file has changed since: the activity's number and line
// were computed from old.
func Append(p string, old, add []byte) (err error) {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return fmt.Errorf("cannot open %s to add to it: %w", p, err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("cannot write %s: %w", p, cerr)
		}
	}()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if info.Size() != int64(len(old)) {
		return fmt.Errorf("%s changed while this command ran: nothing was added; run the command again", p)
	}
	if _, err := f.Write(add); err != nil {
		return fmt.Errorf("cannot write %s: %w", p, err)
	}
	return nil
}
