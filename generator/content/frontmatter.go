package content

import (
	"bytes"

	"github.com/yuin/goldmark/text"
	"gopkg.in/yaml.v3"

	"curriculum/generator/diag"
	"curriculum/generator/markdown"
	"curriculum/generator/model"
)

// parseMarkdown parses a markdown file: its front matter, which every file has, and its body.
// It returns the document, the reader of its front matter and the front matter's fields, or
// nil after reporting why the file cannot be read.
func (l *loader) parseMarkdown(p string, src []byte, what string) (*model.Document, *yamlFile, *yaml.Node) {
	file := l.file(p)
	raw, firstLine, ok := frontMatter(src)
	if !ok {
		if firstLine == 0 {
			l.diags.Errorf(file, 1, 1, "%s must start with its front matter: a line ---, its fields (title: …), and a line ---", what)
		} else {
			l.diags.Errorf(file, 1, 1, "the front matter that starts here is never closed: add a line --- after its last field")
		}
		return nil, nil, nil
	}
	y := &yamlFile{file: file, offset: firstLine - 1, diags: l.diags}
	fm := y.parse(raw, "the front matter of "+what)
	if fm == nil {
		return nil, nil, nil
	}
	root := l.md.Parser().Parse(text.NewReader(src))
	doc := &model.Document{File: file, Path: p, Source: src, Lines: diag.NewLines(src)}
	doc.Root = doc.NewPart(root)
	return doc, y, fm
}

// frontMatter finds the YAML between the --- line that starts src and the next --- line. It
// returns the YAML, the line of src it starts on, and whether both lines were found; firstLine
// is 0 when src does not start with ---.
func frontMatter(src []byte) (yml []byte, firstLine int, ok bool) {
	line, _, _ := bytes.Cut(src, []byte("\n"))
	if !markdown.IsFence(line) {
		return nil, 0, false
	}
	start := len(line) + 1
	for off := start; off <= len(src); {
		line, _, found := bytes.Cut(src[off:], []byte("\n"))
		if markdown.IsFence(line) {
			return src[start:off], 2, true
		}
		if !found {
			break
		}
		off += len(line) + 1
	}
	return nil, 2, false
}
