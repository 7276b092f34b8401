package site

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"unicode/utf8"

	"curriculum/generator/model"
)

// SearchIndexPath is where the search index is written: a script, not JSON, because a page
// opened from file:// may not fetch a file but may load a script.
const SearchIndexPath = "js/search-index.js"

// searchIndex lists, in reading order, the modules, activities, steps (in the trainer's
// edition), competencies, objectives, handouts, transparencies and pages of the edition.
// Each entry is one thing a reader can find: its kind ("Activity") as k, its title as t,
// where it is ("Module 4") as i when it is somewhere, and as u the site path it links to, with
// the fragment of the exact place.
//
// The entries are written straight into the script as JSON, the bytes encoding/json would
// write for them, to w in chunks of 64 KB: at a thousand modules the index is 4.6 MB, and a
// list of entries marshalled whole would hold it several times over.
func (r *renderer) searchIndex(w io.Writer) error {
	const chunk = 64 << 10
	var err error
	b := append(make([]byte, 0, chunk), "// The search index of the site, made by curriculum build.\nwindow.curriculumSearch = ["...)
	first := true
	add := func(kind, title, in, url string) {
		if len(b) > chunk-1024 {
			if err == nil {
				_, err = w.Write(b)
			}
			b = b[:0]
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, `{"k":`...)
		b = appendJSONString(b, kind)
		b = append(b, `,"t":`...)
		b = appendJSONString(b, title)
		if in != "" {
			b = append(b, `,"i":`...)
			b = appendJSONString(b, in)
		}
		b = append(b, `,"u":`...)
		b = appendJSONString(b, url)
		b = append(b, '}')
	}
	cur := r.cur
	for _, m := range cur.Modules {
		add("Module", m.Name()+": "+m.Title, "", m.URL())
		for _, c := range m.Competencies {
			add("Competency", c.Text, m.Name()+", Competency "+c.ID(), m.URL()+"#"+c.Anchor())
			for _, o := range c.Objectives {
				add("Objective", o.Text, m.Name()+", Objective "+o.ID(), m.URL()+"#"+o.Anchor())
			}
		}
		for _, a := range m.Activities {
			add("Activity", "Activity "+strconv.Itoa(a.Number)+": "+a.Title, m.Name(), a.URL())
			if r.participant {
				continue
			}
			for _, s := range a.Steps {
				add("Step", "Step "+strconv.Itoa(s.Number)+": "+s.Title, a.Name(), s.URL())
			}
		}
	}
	for _, h := range cur.Handouts {
		add("Handout", h.Name()+": "+h.Title, moduleName(h.Module), h.URL())
	}
	for _, t := range r.transparencies() {
		add("Transparency", t.Name()+": "+t.Title, moduleName(t.Module), t.URL())
	}
	for _, p := range cur.Pages {
		if r.shows(p) {
			add("Page", p.Title, "", p.URL())
		}
	}
	add("Page", "Competencies at a Glance", "", "competencies/index.html")
	add("Page", "Schedule at a Glance", "", "schedule/index.html")
	if err == nil {
		_, err = w.Write(append(b, "];\n"...))
	}
	return err
}

// streamSearchIndex writes the search index to the file create makes for it.
func (r *renderer) streamSearchIndex(create func(string) (io.WriteCloser, error)) error {
	f, err := create(SearchIndexPath)
	if err != nil {
		return err
	}
	if err := r.searchIndex(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// chunks collects what is written to it, each write copied, and joins it once.
type chunks [][]byte

func (c *chunks) Write(p []byte) (int, error) {
	*c = append(*c, bytes.Clone(p))
	return len(p), nil
}

func (c chunks) bytes() []byte { return slices.Concat(c...) }

const hexDigits = "0123456789abcdef"

// appendJSONString appends s to b as a JSON string, as encoding/json writes one: <, > and &
// escaped for HTML, U+2028 and U+2029 escaped for JavaScript, invalid UTF-8 as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0 // of what is not written yet
	var buf [6]byte
	for i := 0; i < len(s); {
		c, size := rune(s[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(s[i:])
		}
		var esc []byte
		switch {
		case c == '"' || c == '\\':
			esc = append(buf[:0], '\\', byte(c))
		case c == '\b':
			esc = append(buf[:0], `\b`...)
		case c == '\f':
			esc = append(buf[:0], `\f`...)
		case c == '\n':
			esc = append(buf[:0], `\n`...)
		case c == '\r':
			esc = append(buf[:0], `\r`...)
		case c == '\t':
			esc = append(buf[:0], `\t`...)
		case c == utf8.RuneError && size == 1:
			esc = append(buf[:0], `\ufffd`...)
		case c < ' ' || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029':
			esc = append(buf[:0], '\\', 'u', hexDigits[c>>12], hexDigits[c>>8&0xf], hexDigits[c>>4&0xf], hexDigits[c&0xf])
		}
		if esc != nil {
			b = append(append(b, s[start:i]...), esc...)
			start = i + size
		}
		i += size
	}
	return append(append(b, s[start:]...), '"')
}

func moduleName(m *model.Module) string {
	if m == nil {
		return ""
	}
	return m.Name()
}
