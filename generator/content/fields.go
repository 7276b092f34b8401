package content

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"curriculum/generator/diag"
	"curriculum/generator/markdown"
)

// yamlFile is YAML read from a file: the settings file, or a markdown file's front matter,
// which starts on a later line of its file.
type yamlFile struct {
	file   string // display path
	offset int    // lines of the file before the YAML's first line
	diags  *diag.List
	// origin names the file of nodes that come from another file: the settings of an
	// adaptation merged with its base's.
	origin map[*yaml.Node]string
}

var yamlErrorLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parse reads src as YAML and returns its top-level mapping, or nil after reporting why it
// cannot. An empty document is an empty mapping.
func (y *yamlFile) parse(src []byte, what string) *yaml.Node {
	if doc, ok := parsePlainYAML(src); ok {
		return doc.Content[0] // a mapping, its lines the file's: no break but the line feed
	}
	var doc yaml.Node
	lines := yamlLines(src)
	if err := yaml.Unmarshal(src, &doc); err != nil {
		y.syntaxError(err, what, lines)
		return nil
	}
	if lines != nil {
		relineNodes(&doc, lines)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		y.errorf(root, "%s must be a list of fields, one `name: value` per line; found %s", what, describe(root))
		return nil
	}
	return root
}

// syntaxError reports a YAML syntax error at its line, with a hint for the usual causes.
func (y *yamlFile) syntaxError(err error, what string, lines []int) {
	msg := err.Error()
	line := 1 // the YAML parser leaves the line out of errors on its first line
	if m := yamlErrorLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	hint := ""
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		hint = ` (a value holding ": " must be put in quotes, like title: "Module 4: My Plan")`
	case strings.Contains(msg, "found character that cannot start any token"):
		hint = " (indent with spaces, not tabs)"
	case strings.Contains(msg, "did not find expected ',' or ']'"), strings.Contains(msg, "did not find expected ',' or '}'"):
		hint = " (a value starting with [ or { is read as a list or a group; put text in quotes)"
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected '-' indicator"):
		hint = " (check the indentation of this line and the one before it)"
	}
	y.diags.Errorf(y.file, relined(line, lines)+y.offset, 0, "%s is not valid YAML: %s%s", what, msg, hint)
}

// yamlLines maps the lines of src as the YAML parser counts them to its lines as a file's are
// counted, at each line feed: the parser also breaks a line at a lone carriage return, and at
// NEL, LS and PS. The line of the parser's line n is lines[n-1]; nil when both counts agree.
func yamlLines(src []byte) []int {
	if !bytes.ContainsAny(src, "\r\u0085\u2028\u2029") {
		return nil
	}
	lines := []int{1}
	lf := 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		i += size
		switch r {
		case '\n':
			lf++
		case '\r':
			if i < len(src) && src[i] == '\n' {
				continue // one break with the line feed
			}
		case '\u0085', '\u2028', '\u2029':
		default:
			continue
		}
		lines = append(lines, lf)
	}
	return lines
}

// relined is the file's count of the parser's line n (see yamlLines); past the end, the last.
func relined(n int, lines []int) int {
	if lines == nil {
		return n
	}
	return lines[min(max(n, 1), len(lines))-1]
}

// relineNodes gives every node under n its line as the file counts it (see yamlLines).
func relineNodes(n *yaml.Node, lines []int) {
	n.Line = relined(n.Line, lines)
	for _, c := range n.Content {
		relineNodes(c, lines)
	}
}

// errorf reports an error at the YAML node n.
func (y *yamlFile) errorf(n *yaml.Node, format string, args ...any) {
	y.diags.ErrorAt(y.pos(n), format, args...)
}

// pos is the place of n in the file.
func (y *yamlFile) pos(n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.Pos{File: y.file}
	}
	file := y.file
	if f, ok := y.origin[n]; ok {
		file = f
	}
	return diag.Pos{File: file, Line: n.Line + y.offset, Column: n.Column}
}

// fields reads the fields of one YAML mapping, reporting missing, mistyped and unknown ones.
type fields struct {
	*yamlFile
	node  *yaml.Node // a mapping
	what  string     // "a module's front matter", "an agenda block"
	known []string
}

func (y *yamlFile) fields(n *yaml.Node, what string, known ...string) *fields {
	f := &fields{yamlFile: y, node: n, what: what, known: known}
	f.checkKeys()
	return f
}

// checkKeys reports keys that are not known, suggesting the nearest known one, and keys given
// twice.
func (f *fields) checkKeys() {
	seen := map[string]bool{}
	for i := 0; i+1 < len(f.node.Content); i += 2 {
		k := f.node.Content[i]
		if seen[k.Value] {
			f.errorf(k, "%q is given twice in %s; keep one", k.Value, f.what)
		}
		seen[k.Value] = true
		if contains(f.known, k.Value) {
			continue
		}
		if near := nearest(k.Value, f.known); near != "" {
			f.errorf(k, "unknown field %q in %s: did you mean %q? (the fields are %s)", k.Value, f.what, near, strings.Join(f.known, ", "))
		} else {
			f.errorf(k, "unknown field %q in %s (the fields are %s)", k.Value, f.what, strings.Join(f.known, ", "))
		}
	}
}

// get returns the value of key, or nil.
func (f *fields) get(key string) *yaml.Node {
	for i := 0; i+1 < len(f.node.Content); i += 2 {
		if f.node.Content[i].Value == key {
			return f.node.Content[i+1]
		}
	}
	return nil
}

// has reports whether key is given.
func (f *fields) has(key string) bool { return f.get(key) != nil }

// str returns the text of key; a required key that is missing or empty is an error.
func (f *fields) str(key string, required bool) string {
	v := f.get(key)
	if v == nil || (v.Kind == yaml.ScalarNode && v.Tag == "!!null") {
		if required {
			f.missing(key)
		}
		return ""
	}
	s, ok := scalarText(v)
	if !ok {
		f.errorf(v, "%s in %s must be text; found %s", key, f.what, describe(v))
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		f.errorf(v, "%s in %s is empty; write it after %q", key, f.what, key+":")
	}
	return strings.TrimSpace(s)
}

// text is str for text a reader sees: it gets the typographer's curly quotes and dashes.
func (f *fields) text(key string, required bool) string {
	return markdown.Typography(f.str(key, required))
}

// integer returns the whole number of key (0 when missing), which must be at least min.
func (f *fields) integer(key string, required bool, min int, unit string) int {
	v := f.get(key)
	if v == nil {
		if required {
			f.missing(key)
		}
		return 0
	}
	n, err := strconv.Atoi(v.Value)
	if v.Kind != yaml.ScalarNode || err != nil {
		f.errorf(v, "%s in %s must be a whole number of %s, like %s: %d; found %s", key, f.what, unit, key, max(min, 10), describe(v))
		return 0
	}
	if n < min {
		f.errorf(v, "%s in %s must be at least %d; found %d", key, f.what, min, n)
		return 0
	}
	return n
}

// boolean returns the truth of key (false when missing).
func (f *fields) boolean(key string) bool {
	v := f.get(key)
	if v == nil {
		return false
	}
	switch strings.ToLower(v.Value) {
	case "true", "yes":
		return true
	case "false", "no":
		return false
	}
	f.errorf(v, "%s in %s must be true or false; found %s", key, f.what, describe(v))
	return false
}

// list returns the items of the list at key (nil when missing).
func (f *fields) list(key string) []*yaml.Node {
	v := f.get(key)
	if v == nil || v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		f.errorf(v, "%s in %s must be a list, one item per line starting with \"- \"; found %s", key, f.what, describe(v))
		return nil
	}
	return v.Content
}

// strings returns the texts of the list at key.
func (f *fields) strings(key string) []string {
	var out []string
	for _, item := range f.list(key) {
		s, ok := scalarText(item)
		if !ok || strings.TrimSpace(s) == "" {
			f.errorf(item, "each item of %s in %s must be text; found %s", key, f.what, describe(item))
			continue
		}
		out = append(out, markdown.Typography(strings.TrimSpace(s)))
	}
	return out
}

func (f *fields) missing(key string) {
	f.diags.ErrorAt(f.pos(f.node), "%s has no %s: add a line \"%s: …\"", f.what, key, key)
}

// scalarText is the text of a scalar, whatever YAML thinks its type is: a title may be "1999"
// or "No" and is still text.
func scalarText(n *yaml.Node) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		return "", false
	}
	return n.Value, true
}

// describe says what a YAML value is, for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a group of fields"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return strconv.Quote(n.Value)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// nearest returns the known word within two edits of s, for "did you mean".
func nearest(s string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := editDistance(strings.ToLower(s), k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
