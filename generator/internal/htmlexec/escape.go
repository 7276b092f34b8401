package htmlexec

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"
)

// The escapers below are html/template's, under the names its escaped trees call them by, and
// they give the same bytes for the same values: the tests hold each one to html/template's own
// in the context that calls it alone. html/template does not export them, so they are written
// again here; an escaped tree that calls one not here is executed by html/template.

// contentType is the kind of safe content a value is typed as (template.HTML, template.URL, …).
type contentType uint8

const (
	contentPlain contentType = iota
	contentCSS
	contentHTML
	contentHTMLAttr
	contentJS
	contentJSStr
	contentURL
	contentSrcset
)

// escaper escapes s, of type t, for a context of the page.
type escaper func(s string, t contentType) string

// escapers are the escapers a tree may call, by the names html/template gives them.
var escapers = map[string]escaper{
	"_html_template_htmlescaper":    escapeHTML,
	"_html_template_attrescaper":    escapeAttr,
	"_html_template_rcdataescaper":  escapeRCDATA,
	"_html_template_urlfilter":      filterURL,
	"_html_template_urlnormalizer":  normalizeURL,
	"_html_template_urlescaper":     escapeURL,
	"_html_template_cssescaper":     escapeCSS,
	"_html_template_cssvaluefilter": filterCSSValue,
}

// filterFailsafe is what a filter gives for a value it refuses.
const filterFailsafe = "ZgotmplZ"

var stringType = reflect.TypeFor[string]()

// stringify is what the first escaper of an action makes of the pipeline's value: its text,
// and the kind of safe content it is typed as. Nil is "".
func stringify(v reflect.Value) (string, contentType) {
	if !v.IsValid() {
		return "", contentPlain
	}
	if v.Kind() == reflect.String {
		switch v.Type() {
		case stringType:
			return v.String(), contentPlain
		case htmlType:
			return v.String(), contentHTML
		}
	}
	return stringifyAny(v.Interface())
}

var htmlType = reflect.TypeFor[template.HTML]()

// stringifyAny is html/template's stringify of one argument.
func stringifyAny(arg any) (string, contentType) {
	switch s := indirectAny(arg).(type) {
	case string:
		return s, contentPlain
	case template.CSS:
		return string(s), contentCSS
	case template.HTML:
		return string(s), contentHTML
	case template.HTMLAttr:
		return string(s), contentHTMLAttr
	case template.JS:
		return string(s), contentJS
	case template.JSStr:
		return string(s), contentJSStr
	case template.URL:
		return string(s), contentURL
	case template.Srcset:
		return string(s), contentSrcset
	}
	if arg == nil {
		return "", contentPlain
	}
	return fmt.Sprint(indirectToStringerOrError(arg)), contentPlain
}

// indirectAny follows the pointers of a to what they point at, or to nil.
func indirectAny(a any) any {
	if a == nil {
		return nil
	}
	if reflect.TypeOf(a).Kind() != reflect.Pointer {
		return a
	}
	v := reflect.ValueOf(a)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

// indirectToStringerOrError follows the pointers of a until a Stringer, an error, a value that
// is neither a pointer nor nil.
func indirectToStringerOrError(a any) any {
	v := reflect.ValueOf(a)
	for !v.Type().Implements(stringerType) && !v.Type().Implements(errorType) && v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

// escapeHTML escapes for the text of an element.
func escapeHTML(s string, t contentType) string {
	if t == contentHTML {
		return s
	}
	return replaceHTML(s, &htmlReplacements)
}

// escapeAttr escapes for a quoted attribute's value: HTML loses its tags.
func escapeAttr(s string, t contentType) string {
	if t == contentHTML {
		return attrOfHTML(s)
	}
	return replaceHTML(s, &htmlReplacements)
}

// escapeRCDATA escapes for the text of a title or textarea element.
func escapeRCDATA(s string, t contentType) string {
	if t == contentHTML {
		return replaceHTML(s, &htmlNormReplacements)
	}
	return replaceHTML(s, &htmlReplacements)
}

// htmlReplacements are the replacements of the characters that must be escaped in text and in
// quoted attributes; htmlNormReplacements leave & alone, not to escape an entity twice.
var htmlReplacements, htmlNormReplacements = func() (all, norm [128]string) {
	all = [128]string{0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;"}
	norm = all
	norm['&'] = ""
	return all, norm
}()

// replaceHTML replaces in s the characters of table, a rune at a time as decoded from UTF-8.
// Only ASCII is replaced, so that bytes of invalid UTF-8 pass as they are.
func replaceHTML(s string, table *[128]string) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || table[c] == "" {
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteString(table[c])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

// attrOfHTML is what html/template makes of HTML put in an attribute: its text without its
// tags, escaped but for its entities. It is asked of html/template itself, in an attribute that
// calls the attribute escaper alone, as stripping the tags takes html/template's own state
// machine; HTML put in an attribute is rare.
func attrOfHTML(s string) string {
	const prefix, suffix = `<a title="`, `">`
	var b strings.Builder
	if err := attrTemplate().Execute(&b, template.HTML(s)); err != nil {
		panic(err) // the template is fixed, and takes any string
	}
	out := b.String()
	return out[len(prefix) : len(out)-len(suffix)]
}

var attrTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("attr").Parse(`<a title="{{.}}">`))
})

// filterURL refuses a URL of a scheme other than http, https and mailto.
func filterURL(s string, t contentType) string {
	if t == contentURL {
		return s
	}
	if !isSafeURL(s) {
		return "#" + filterFailsafe
	}
	return s
}

// isSafeURL reports whether s is relative or of the scheme http, https or mailto.
func isSafeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return false
		}
	}
	return true
}

// normalizeURL escapes the characters a URL may not hold, leaving its reserved ones and its
// escapes alone.
func normalizeURL(s string, t contentType) string { return processURL(s, true) }

// escapeURL escapes a part of a URL: reserved characters too, unless it is typed a URL.
func escapeURL(s string, t contentType) string { return processURL(s, t == contentURL) }

func processURL(s string, norm bool) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '-', '.', '_', '~':
			continue
		case '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		const hex = "0123456789abcdef"
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// cssReplacements are the escapes of the characters that must be escaped in CSS strings.
var cssReplacements = [128]string{
	0: `\0`, '\t': `\9`, '\n': `\a`, '\f': `\c`, '\r': `\d`, '"': `\22`, '&': `\26`, '\'': `\27`,
	'(': `\28`, ')': `\29`, '+': `\2b`, '/': `\2f`, ':': `\3a`, ';': `\3b`, '<': `\3c`, '>': `\3e`,
	'\\': `\\`, '{': `\7b`, '}': `\7d`,
}

// escapeCSS escapes for a CSS string or identifier, whatever the value is typed as: an escape
// is followed by a space where the next character would be read as part of it.
func escapeCSS(s string, t contentType) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || cssReplacements[c] == "" {
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		repl := cssReplacements[c]
		b.WriteString(s[written:i])
		b.WriteString(repl)
		written = i + 1
		if repl != `\\` && (written == len(s) || isHex(s[written]) || isCSSSpace(s[written])) {
			b.WriteByte(' ')
		}
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isCSSSpace(c byte) bool {
	switch c {
	case '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

// filterCSSValue refuses a CSS value that could leave its property or run script: it gives
// the value with its escapes decoded, or the failsafe.
func filterCSSValue(s string, t contentType) string {
	if t == contentCSS {
		return s
	}
	b, id := decodeCSS([]byte(s)), make([]byte, 0, 64)
	for i, c := range b {
		switch c {
		case 0, '"', '\'', '(', ')', '/', ';', '@', '[', '\\', ']', '`', '{', '}', '<', '>':
			return filterFailsafe
		case '-':
			if i != 0 && b[i-1] == '-' {
				return filterFailsafe
			}
		default:
			if c < utf8.RuneSelf && isCSSNameChar(rune(c)) {
				id = append(id, c)
			}
		}
	}
	id = bytes.ToLower(id)
	if bytes.Contains(id, []byte("expression")) || bytes.Contains(id, []byte("mozbinding")) {
		return filterFailsafe
	}
	return string(b)
}

func isCSSNameChar(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '_' ||
		0x80 <= r && r <= 0xd7ff || 0xe000 <= r && r <= 0xfffd || 0x10000 <= r && r <= 0x10ffff
}

// decodeCSS decodes the escapes of CSS: a backslash and up to six hex digits (and one space
// after them), or a backslash and the character it escapes.
func decodeCSS(s []byte) []byte {
	if bytes.IndexByte(s, '\\') == -1 {
		return s
	}
	b := make([]byte, 0, len(s))
	for len(s) != 0 {
		i := bytes.IndexByte(s, '\\')
		if i == -1 {
			i = len(s)
		}
		b, s = append(b, s[:i]...), s[i:]
		if len(s) < 2 {
			break
		}
		if isHex(s[1]) {
			j := 2
			for j < len(s) && j < 7 && isHex(s[j]) {
				j++
			}
			r := hexRune(s[1:j])
			if r > utf8.MaxRune {
				r, j = r/16, j-1
			}
			b, s = utf8.AppendRune(b, r), skipCSSSpace(s[j:])
		} else {
			_, n := utf8.DecodeRune(s[1:])
			b, s = append(b, s[1:1+n]...), s[1+n:]
		}
	}
	return b
}

func hexRune(s []byte) rune {
	var n rune
	for _, c := range s {
		n <<= 4
		switch {
		case '0' <= c && c <= '9':
			n |= rune(c - '0')
		case 'a' <= c && c <= 'f':
			n |= rune(c-'a') + 10
		default:
			n |= rune(c-'A') + 10
		}
	}
	return n
}

func skipCSSSpace(c []byte) []byte {
	if len(c) == 0 {
		return c
	}
	switch c[0] {
	case '\t', '\n', '\f', ' ':
		return c[1:]
	case '\r':
		if len(c) >= 2 && c[1] == '\n' {
			return c[2:]
		}
		return c[1:]
	}
	return c
}
