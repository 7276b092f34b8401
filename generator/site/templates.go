package site

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"

	"curriculum/generator/diag"
	"curriculum/generator/internal/htmlexec"
	"curriculum/generator/model"
)

// funcs are the functions layouts may call besides the methods of page.
var funcs = template.FuncMap{
	// minutes says a duration as a trainer does: "1 hour 20 minutes".
	"minutes": model.FormatMinutes,
}

// template returns the parsed layout of a kind of page: the base layout, every partial, and
// the kind's own layout (or the generic page layout), each from the first layer that has it.
//
// Every kind of page is in one set of templates, so that the base layout and the partials are
// parsed, and made safe by html/template, once: the templates a layout defines ("main",
// "scripts") are named for its kind ("main@module"), and the kind's copy of the base layout
// ("baseof@module") calls them.
func (r *renderer) template(kind string) (*htmlexec.Set, error) {
	if t, ok := r.templates[kind]; ok {
		return t, nil
	}
	set, err := r.sharedTemplate()
	if err != nil {
		return nil, err
	}
	all := set.Templates()
	layout, from, err := find(r.layers, layoutCandidates(kind, layerNames(r.layers)))
	if err != nil {
		return nil, err
	}
	r.sources[path.Base(from)] = from
	own, err := template.New(path.Base(from)).Funcs(funcs).Parse(string(layout))
	if err != nil {
		return nil, r.templateError(err)
	}
	defined := map[string]bool{}
	for _, t := range own.Templates() {
		defined[t.Name()] = true
	}
	rename := func(name string) string {
		if defined[name] {
			return name + "@" + kind
		}
		return name
	}
	for _, t := range own.Templates() {
		if t.Tree == nil {
			continue
		}
		renameCalls(t.Tree.Root, rename)
		if _, err := all.AddParseTree(rename(t.Name()), t.Tree); err != nil {
			return nil, err
		}
	}
	base := all.Lookup("baseof").Tree.Copy()
	renameCalls(base.Root, rename)
	if _, err := all.AddParseTree(baseName(kind), base); err != nil {
		return nil, err
	}
	r.templates[kind] = set
	return set, nil
}

// baseName is the name of the base layout of a kind of page.
func baseName(kind string) string { return "baseof@" + kind }

// renameCalls renames the templates that the actions under n call.
func renameCalls(n parse.Node, rename func(string) string) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				renameCalls(c, rename)
			}
		}
	case *parse.TemplateNode:
		n.Name = rename(n.Name)
	case *parse.IfNode:
		renameCalls(n.List, rename)
		renameCalls(n.ElseList, rename)
	case *parse.RangeNode:
		renameCalls(n.List, rename)
		renameCalls(n.ElseList, rename)
	case *parse.WithNode:
		renameCalls(n.List, rename)
		renameCalls(n.ElseList, rename)
	}
}

// sharedTemplate parses, once, what every layout is executed with: the base layout and every
// partial, each from the first layer that has it. Every layout is added to the one set, which
// htmlexec executes once html/template has made each template safe.
func (r *renderer) sharedTemplate() (*htmlexec.Set, error) {
	if r.shared != nil {
		return r.shared, nil
	}
	names := layerNames(r.layers)
	t := template.New("baseof").Funcs(funcs)
	base, from, err := find(r.layers, fileCandidates("layouts/baseof.html", names))
	if err != nil {
		return nil, err
	}
	r.sources["baseof"] = from
	if _, err := t.Parse(string(base)); err != nil {
		return nil, r.templateError(err)
	}
	partials, err := r.partialNames()
	if err != nil {
		return nil, err
	}
	for _, p := range partials {
		b, from, err := find(r.layers, fileCandidates(p, names))
		if err != nil {
			return nil, err
		}
		r.sources[p] = from
		if _, err := t.New(p).Parse(string(b)); err != nil {
			return nil, r.templateError(err)
		}
	}
	r.shared = htmlexec.New(t, funcs)
	return r.shared, nil
}

// partialNames lists the partials of every layer: partials/*.html.
func (r *renderer) partialNames() ([]string, error) {
	var names []string
	for _, l := range r.layers {
		matches, err := fs.Glob(l.FS, "partials/*.html")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", l.Name, err)
		}
		for _, m := range matches {
			if !slices.Contains(names, m) {
				names = append(names, m)
			}
		}
	}
	slices.Sort(names)
	return names, nil
}

// kindSuffix is what a template's name has for the kind of page it is of: "main@module".
var kindSuffix = regexp.MustCompile(`@[a-z0-9]+(")`)

// templateMessage splits the errors of text/template: "template: NAME:LINE[:COL]: MESSAGE".
var templateMessage = regexp.MustCompile(`^template: ([^:]+):(\d+)(?::(\d+))?: ((?s:.*))$`)

// templateError turns an error of text/template, in parsing or executing a template, into a
// diagnostic at the line of the file the template was read from.
func (r *renderer) templateError(err error) error {
	m := templateMessage.FindStringSubmatch(kindSuffix.ReplaceAllString(err.Error(), "$1"))
	if m == nil {
		return err
	}
	src, ok := r.sources[m[1]]
	if !ok {
		return err
	}
	layer, file, _ := strings.Cut(src, ":")
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return diag.Errors{{
		File: layer + "/" + file, Line: line, Column: col, Severity: diag.Error,
		Message: "in the template: " + m[4] + "; fix the template, or delete it to use the default theme's",
	}}
}
