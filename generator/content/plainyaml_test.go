package content

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"curriculum/generator/internal/corpus"
)

// samePlainYAML fails t when parsePlainYAML reads src and makes other than what yaml.Unmarshal
// makes of it, and reports whether it read it.
func samePlainYAML(t *testing.T, src []byte) bool {
	t.Helper()
	got, ok := parsePlainYAML(src)
	if !ok {
		return false
	}
	var want yaml.Node
	if err := yaml.Unmarshal(src, &want); err != nil {
		t.Fatalf("read %q, which the YAML parser refuses: %v", src, err)
	}
	if !reflect.DeepEqual(got, &want) {
		t.Fatalf("read %q as\n%s\nthe YAML parser as\n%s", src, dumpYAML(got), dumpYAML(&want))
	}
	return true
}

// dumpYAML writes a node tree a node a line, indented by depth.
func dumpYAML(n *yaml.Node) string {
	var b strings.Builder
	var walk func(n *yaml.Node, indent string)
	walk = func(n *yaml.Node, indent string) {
		fmt.Fprintf(&b, "%skind %d tag %q value %q line %d column %d style %d comments %q %q %q anchor %q\n",
			indent, n.Kind, n.Tag, n.Value, n.Line, n.Column, n.Style, n.HeadComment, n.LineComment, n.FootComment, n.Anchor)
		for _, k := range n.Content {
			walk(k, indent+"  ")
		}
	}
	walk(n, "")
	return b.String()
}

var plainYAMLSeeds = []string{
	"title: Court police\nduration: 115\ncompetencies:\n  - competency: Part x.\n    objectives:\n      - A b\n      - C\nmaterials:\n- Overhead\n",
	"a: b  \n\n\nx:   y z  ",
	"a:\n  b: c\n  d:\n    - 1\n    - 20\ne: f",
	"a:\n- b\n- c: d\n  e: f\n-   g\nh: i",
	"a:\n  - b:\n    - c\n    - d\n  - e",
	"a: b\na: c",
	"a:\nb: c",
	"a: b\n  c",
	"a: b: c",
	"a: b:",
	"a: true", "a: True", "a: null", "a: yes", "a: no", "a: on", "a: y", "a: ~", "a: .5", "a: 0", "a: 00", "a: 012", "a: 0x1f",
	"a: 1_000", "a: 12345678901234567890", "a: 123456789012345678", "a: -1", "a: +1", "a: 1.5", "a: 2026-01-02", "a: 3 ways",
	"true: a", "y: b", "on: c", "a-b_c1: d", "1a: b", "_a: b", "-a: b",
	"a: b # c", "a: C#", "a: 'b'", "a: \"b\"", "a: it's", "a: [b]", "a: {b}", "a: b, c", "a: b [c]",
	"a: &x b", "a: *x", "a: !b c", "a: |\n  b", "a: >\n  b", "a: %b", "a: @b", "a: `b`", "a: ?b", "a: -b", "a: - b", "a: :b", "a: b:c", "a: http://x.y/z",
	"a: Trainer’s Checklist", "a: é", "a: \ufffd", "a: b\xffc", "a: 😀 b", "a: \u00a0b", "a: b\u0085c", "a: b\u2028c", "a: \ufeffb", "\ufeffa: b", "a: 😀", "a: \uffff",
	"a: b\tc", "a:\tb", "\ta: b", "a: b\r\nc: d", "a: b\x00", "a: b\x7f",
	"a: b\n...\n", "---\na: b", "a: b\n---\nc: d", "%YAML 1.2\n---\na: b",
	"  a: b", "a: b\n c: d", "a:\n  b: c\n d: e", "a:\n  - b\n - c", "a:\n  - b\n   - c", "- a\n- b", "a",
	"a:\n  - b: c\n    d: e\n  - f: g\nh:\n  i: j\n",
	"a:\n  -  b: c\n     d: e\n", "a:\n  - b: c\n   d: e\n", "a:\n  - b: c\n     d: e\n",
	"a:\n  -\n    b: c", "a:\n  - - b", "a:\n- b\n  - c", "a: b\n\n  \nc: d\n",
	"", "\n", "a:", "a: ", "a:   \nb: c",
}

// TestPlainYAMLDepth: past maxDepth, the plain reading leaves a document to the YAML parser,
// which refuses one nested past 10,000.
func TestPlainYAMLDepth(t *testing.T) {
	var b strings.Builder
	for i := range maxDepth + 1 {
		b.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	b.WriteString(strings.Repeat(" ", maxDepth+1) + "a: b\n")
	if _, ok := parsePlainYAML([]byte(b.String())); ok {
		t.Errorf("read %d mappings nested, past maxDepth", maxDepth+2)
	}
	b.Reset()
	for i := range maxDepth - 1 {
		b.WriteString(strings.Repeat(" ", i) + "a:\n")
	}
	b.WriteString(strings.Repeat(" ", maxDepth-1) + "a: b\n")
	if !samePlainYAML(t, []byte(b.String())) {
		t.Errorf("did not read %d mappings nested", maxDepth)
	}
}

func FuzzPlainYAML(f *testing.F) {
	for _, s := range plainYAMLSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		samePlainYAML(t, []byte(src))
	})
}

// TestPlainYAMLReadsTheFrontMatter: the plain reading takes every front matter of the synthetic
// curriculum, and of the real one all but those with a comment, quotes or a block of lines
// (three of thirteen), as the YAML parser does.
func TestPlainYAMLReadsTheFrontMatter(t *testing.T) {
	synthetic := t.TempDir()
	if err := corpus.Write(synthetic, 20, 3); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		dir  string
		want float64 // the least share read plainly
	}{{"../../content", 0.75}, {synthetic, 1}} {
		dir := c.dir
		read, all := 0, 0
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !strings.HasSuffix(p, ".md") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			raw, _, ok := frontMatter(src)
			if !ok {
				return nil
			}
			all++
			if samePlainYAML(t, raw) {
				read++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if all == 0 || float64(read) < c.want*float64(all) {
			t.Errorf("%s: the plain reading took %d of %d front matters; want at least %.0f %%", dir, read, all, 100*c.want)
		}
		t.Logf("%s: %d of %d front matters read plainly", dir, read, all)
	}
}

// TestPlainYAMLOnRandomBlocks holds the plain reading to the YAML parser on documents of
// random mappings and sequences, indented at random, with values of every kind and a line
// now and then put out of place: documents the fuzzer would take long to build.
func TestPlainYAMLOnRandomBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	keys := []string{"a", "b", "title", "x-y_1", "Key", "true", "null", "y", "1a"}
	values := []string{"v", "two words", "10", "0", "007", "1 Flip Chart", "2026-01-02", "true", "False",
		"null", "-1", "- x", "a: b", "a:b", "it's", `"q"`, "é", "x:", "[a]", "|", "~", "", "C#", "v  "}
	value := func() string {
		if rng.IntN(3) > 0 {
			return values[rng.IntN(3)]
		}
		return values[rng.IntN(len(values))]
	}
	var block func(b *strings.Builder, indent, depth int, inline bool)
	// block writes a mapping or sequence at indent; inline, its first line goes on from what
	// is written already (after a dash).
	block = func(b *strings.Builder, indent, depth int, inline bool) {
		seq := rng.IntN(2) == 0
		for i := range 1 + rng.IntN(3) {
			if !inline || i > 0 {
				b.WriteString(strings.Repeat(" ", indent))
			}
			if seq {
				dash := "-" + strings.Repeat(" ", 1+rng.IntN(2))
				b.WriteString(dash)
				if depth < 3 && rng.IntN(3) == 0 {
					block(b, indent+len(dash), depth+1, true)
					continue
				}
				b.WriteString(value() + "\n")
				continue
			}
			b.WriteString(keys[rng.IntN(3)] + ":")
			if depth < 3 && rng.IntN(3) == 0 {
				b.WriteString("\n")
				block(b, indent+rng.IntN(4), depth+1, false)
				continue
			}
			b.WriteString(" " + value() + "\n")
		}
	}
	read := 0
	for range 20000 {
		var b strings.Builder
		block(&b, 0, 0, false)
		lines := strings.Split(b.String(), "\n")
		if rng.IntN(3) == 0 { // a line out of place
			j := rng.IntN(len(lines))
			if rng.IntN(2) == 0 {
				lines[j] = " " + lines[j]
			} else {
				lines[j] = strings.TrimPrefix(lines[j], " ")
			}
		}
		if rng.IntN(4) == 0 { // a key YAML reads otherwise
			j := rng.IntN(len(lines))
			lines[j] = strings.Replace(lines[j], "a:", keys[rng.IntN(len(keys))]+":", 1)
		}
		if samePlainYAML(t, []byte(strings.Join(lines, "\n"))) {
			read++
		}
	}
	if read < 2000 {
		t.Errorf("the plain reading took %d of 20,000 random documents: the test tries too little", read)
	}
	t.Logf("the plain reading took %d of 20,000 random documents", read)
}
