package content

import (
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"curriculum/generator/diag"
	"curriculum/generator/model"
)

// mergeSettings merges the settings of an adaptation's layers: from the base up, a field given
// replaces the one below, except variables, whose names merge, and remove, whose lists add
// up. top is the adaptation's own, already parsed; the nodes of the others remember their file.
func (l *loader) mergeSettings(y *yamlFile, top *yaml.Node, layers []Layer) *yaml.Node {
	y.origin = map[*yaml.Node]string{}
	merged := &yaml.Node{Kind: yaml.MappingNode, Line: top.Line, Column: top.Column}
	for i := len(layers) - 1; i >= 0; i-- {
		root := top
		if i > 0 {
			file := layers[i].Display + "/" + SettingsFile
			src, err := fs.ReadFile(layers[i].FS, SettingsFile)
			if err != nil {
				l.diags.Errorf(file, 0, 0, "cannot read: %v", unwrapPathError(err))
				return nil
			}
			ly := &yamlFile{file: file, diags: l.diags}
			if root = ly.parse(src, SettingsFile); root == nil {
				return nil
			}
			remember(y.origin, root, file)
		}
		for k := 0; k+1 < len(root.Content); k += 2 {
			key, value := root.Content[k], root.Content[k+1]
			at := keyIndex(merged, key.Value)
			if at < 0 {
				merged.Content = append(merged.Content, key, value)
				continue
			}
			below := merged.Content[at+1]
			switch {
			case key.Value == "remove" && below.Kind == yaml.SequenceNode && value.Kind == yaml.SequenceNode:
				both := *value
				both.Content = append(slices.Clone(below.Content), value.Content...)
				merged.Content[at+1] = &both
			case key.Value == "variables" && below.Kind == yaml.MappingNode && value.Kind == yaml.MappingNode:
				both := *below
				both.Content = slices.Clone(below.Content)
				for v := 0; v+1 < len(value.Content); v += 2 {
					name := value.Content[v].Value
					if j := keyIndex(&both, name); j >= 0 {
						both.Content[j], both.Content[j+1] = value.Content[v], value.Content[v+1]
					} else {
						both.Content = append(both.Content, value.Content[v], value.Content[v+1])
					}
				}
				merged.Content[at+1] = &both
			default:
				merged.Content[at], merged.Content[at+1] = key, value
			}
		}
	}
	return merged
}

// keyIndex is the index in m.Content of the key named key of the mapping m, or -1.
func keyIndex(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return i
		}
	}
	return -1
}

// remember records file as the origin of n and every node under it.
func remember(origin map[*yaml.Node]string, n *yaml.Node, file string) {
	origin[n] = file
	for _, c := range n.Content {
		remember(origin, c, file)
	}
}

var variableName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// readVariables reads the settings' variables: name: text.
func readVariables(y *yamlFile, n *yaml.Node) map[string]string {
	vars := map[string]string{}
	if n == nil {
		return vars
	}
	if n.Kind != yaml.MappingNode {
		y.errorf(n, "variables must be names and their text, one per line, like `state: Maryland`; found %s", describe(n))
		return vars
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := k.Value
		text, ok := scalarText(v)
		switch {
		case !variableName.MatchString(name):
			y.errorf(k, "the variable name %q must be lowercase letters, digits and _, starting with a letter, like agency or review_year", name)
		case slices.Contains(Embeds, name):
			y.errorf(k, "{{%s}} is a block the generator makes; give the variable another name", name)
		case !ok || strings.ContainsAny(text, "\n\r"):
			y.errorf(v, "the variable %s must be one line of text; found %s", name, describe(v))
		default:
			vars[name] = strings.TrimSpace(text)
		}
	}
	return vars
}

// readRemovals reads the settings' remove list: `- handout: 4.3`, `- transparency: 4.4`,
// `- page: further-reading/x`, `- activity: 1.4` (Module 1's fourth activity).
func readRemovals(y *yamlFile, items []*yaml.Node) []removal {
	var out []removal
	for _, item := range items {
		if item.Kind != yaml.MappingNode || len(item.Content) != 2 {
			y.errorf(item, "each item of remove is one of `handout: 4.3`, `transparency: 4.4`, `page: further-reading/x` or `activity: 1.4`; found %s", describe(item))
			continue
		}
		kind, v := item.Content[0].Value, item.Content[1]
		value, _ := scalarText(v)
		value = strings.TrimSpace(value)
		r := removal{pos: y.pos(v)}
		switch kind {
		case "handout", "transparency":
			n, ok := model.ParseNumber(value)
			if !ok {
				y.errorf(v, "remove: %s %q is not a number like 4.3", kind, value)
				continue
			}
			folder := map[string]string{"handout": HandoutsDir, "transparency": TransparenciesDir}[kind]
			r.file, r.what = folder+"/"+n.String()+".md", upperFirst(kind)+" "+n.String()
		case "page":
			p := strings.TrimSuffix(strings.Trim(value, "/"), ".md")
			if p == "" {
				y.errorf(v, "remove: page is empty; write the page's path, like further-reading/establishing-community-partnerships")
				continue
			}
			r.file, r.what = p+".md", "the page "+p
		case "activity":
			n, ok := model.ParseNumber(value)
			if !ok {
				y.errorf(v, "remove: activity %q must be written module.activity, like 1.4 for Module 1's fourth activity", value)
				continue
			}
			r.module, r.activity, r.what = n.Module, n.N, fmt.Sprintf("Module %d, Activity %d", n.Module, n.N)
		default:
			y.errorf(item.Content[0], "remove takes a handout, transparency, page or activity, not %q", kind)
			continue
		}
		out = append(out, r)
	}
	return out
}

// checkRemovals reports every removal that matched nothing.
func (l *loader) checkRemovals() {
	if l.settings == nil {
		return
	}
	for _, r := range l.settings.removals {
		if !r.done {
			l.diags.ErrorAt(r.pos, "remove: there is no %s to remove; check the number against the base", r.what)
		}
	}
}

// variableRef matches {{name}} in the text.
var variableRef = regexp.MustCompile(`\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}`)

// substitute replaces every {{name}} of a variable in src by its text. A {{name}} that is
// neither a variable nor a derived block is an error at its place. The values hold no line
// breaks, so every line keeps its number.
func (l *loader) substitute(p string, src []byte) []byte {
	matches := variableRef.FindAllSubmatchIndex(src, -1)
	if matches == nil {
		return src
	}
	var vars map[string]string
	if l.settings != nil {
		vars = l.settings.variables
	}
	var lines *diag.Lines
	out := make([]byte, 0, len(src))
	last := 0
	for _, m := range matches {
		start, end, name := m[0], m[1], string(src[m[2]:m[3]])
		if v, ok := vars[name]; ok {
			out = append(append(out, src[last:start]...), v...)
			last = end
			continue
		}
		if slices.Contains(Embeds, name) || aloneOnLine(src, start, end-start) {
			continue
		}
		if lines == nil {
			lines = diag.NewLines(src)
		}
		line, col := lines.Position(start)
		names := slices.Sorted(maps.Keys(vars))
		hint := "the settings define no variables: add it under variables: in " + SettingsFile
		if len(names) > 0 {
			hint = "the variables are " + strings.Join(names, ", ")
			if near := nearest(name, names); near != "" {
				hint = "did you mean {{" + near + "}}? " + hint
			}
		}
		l.diags.Errorf(l.file(p), line, col, "unknown variable {{%s}}: %s", name, hint)
	}
	return append(out, src[last:]...)
}

// aloneOnLine reports whether src[off:off+n] is all its line holds but spaces: a derived
// block's place, which the blocks' own check reports.
func aloneOnLine(src []byte, off, n int) bool {
	start := strings.LastIndexByte(string(src[:off]), '\n') + 1
	end := off + n + strings.IndexByte(string(src[off+n:])+"\n", '\n')
	return strings.TrimSpace(string(src[start:off])) == "" && strings.TrimSpace(string(src[off+n:end])) == ""
}
