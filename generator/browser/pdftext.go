package browser

import (
	"math"
	"slices"
	"strings"
)

// Text extraction runs a page's content stream far enough to know where each glyph lands
// (PDF 32000-1:2008 §9.4), then lays the glyphs out again as lines of text: top to bottom,
// left to right, with a space wherever two runs of text are a word gap apart. Chromium draws
// many runs separately (table cells, flex items, the counters in @page margin boxes, every
// glyph of letter-spaced text), so the stream order of strings alone loses words and spaces.

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n: the transformation m, then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

// graphicsState is the part of the graphics state that text extraction needs; q and Q save
// and restore it.
type graphicsState struct {
	ctm  matrix
	font *pdfFont
	size float64 // of the font, in text space

	// The text state operators' values: Tc, Tw, Tz (as a fraction), TL and Ts.
	charSpace, wordSpace, scale, leading, rise float64
}

// glyph is one shown character code, in default user space (points, y up).
type glyph struct {
	x, y, end float64 // where the glyph starts and ends on its baseline
	size      float64 // the font size on the page
	text      string
}

// Bounds on the work one page may ask for, against hostile files: form XObjects nest at most
// maxFormDepth deep; a page runs at most maxOperators operators, its forms' included (a form
// drawn 20 times by a form drawn 20 times by … would otherwise run for ever), and shows at most
// maxGlyphs glyphs. A page of a handout has a few thousand of each.
const (
	maxFormDepth = 8
	maxOperators = 1_000_000
	maxGlyphs    = 1 << 20
)

// pageText collects the glyphs of one page.
type pageText struct {
	file   *pdfFile
	fonts  map[pdfRef]*pdfFont
	glyphs []glyph

	drawing   map[*pdfStream]bool // the forms being drawn, which may not draw themselves
	operators int                 // how many operators the page has run
}

// run interprets a content stream with the resources res, starting with the given state.
func (p *pageText) run(data []byte, res pdfDict, gs graphicsState, depth int) {
	var (
		stack    []graphicsState
		tm, tlm  = identity, identity
		operands []any
		marked   []actualText // the open marked-content sequences
	)
	show := func(s pdfString) {
		if gs.font == nil {
			return
		}
		for _, code := range gs.font.codes(s) {
			if len(p.glyphs) >= maxGlyphs {
				return
			}
			w := gs.font.width(code)
			trm := tm.mul(gs.ctm)
			x, y := trm.apply(0, gs.rise)
			end, _ := trm.apply(w*gs.size*gs.scale, gs.rise)
			p.glyphs = append(p.glyphs, glyph{
				x: x, y: y, end: end,
				size: gs.size * math.Hypot(trm[2], trm[3]),
				text: gs.font.text(code),
			})
			tx := w*gs.size + gs.charSpace
			if !gs.font.twoByte && code == ' ' {
				tx += gs.wordSpace
			}
			tm = matrix{1, 0, 0, 1, tx * gs.scale, 0}.mul(tm)
		}
	}
	moveLine := func(tx, ty float64) {
		tlm = matrix{1, 0, 0, 1, tx, ty}.mul(tlm)
		tm = tlm
	}
	num := func(i int) float64 {
		if i < 0 || i >= len(operands) {
			return 0
		}
		f, _ := toFloat(operands[i])
		return f
	}
	last := func() any {
		if len(operands) == 0 {
			return nil
		}
		return operands[len(operands)-1]
	}

	l := &lexer{data: data}
	for {
		v, err := l.next()
		if err == errEnd {
			continue
		}
		if err != nil {
			return
		}
		op, isOp := v.(pdfKeyword)
		if !isOp {
			if len(operands) < 64 {
				operands = append(operands, v)
			}
			continue
		}
		if p.operators++; p.operators > maxOperators {
			return
		}
		n := len(operands)
		switch op {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, gs)
			}
		case "Q":
			if len(stack) > 0 {
				gs, stack = stack[len(stack)-1], stack[:len(stack)-1]
			}
		case "cm":
			if n >= 6 {
				gs.ctm = matrix{num(n - 6), num(n - 5), num(n - 4), num(n - 3), num(n - 2), num(n - 1)}.mul(gs.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if n >= 2 {
				name, _ := operands[n-2].(pdfName)
				gs.font, gs.size = p.font(res, name), num(n-1)
			}
		case "Tc":
			gs.charSpace = num(n - 1)
		case "Tw":
			gs.wordSpace = num(n - 1)
		case "Tz":
			gs.scale = num(n-1) / 100
		case "TL":
			gs.leading = num(n - 1)
		case "Ts":
			gs.rise = num(n - 1)
		case "Td":
			moveLine(num(n-2), num(n-1))
		case "TD":
			gs.leading = -num(n - 1)
			moveLine(num(n-2), num(n-1))
		case "Tm":
			if n >= 6 {
				tlm = matrix{num(n - 6), num(n - 5), num(n - 4), num(n - 3), num(n - 2), num(n - 1)}
				tm = tlm
			}
		case "T*":
			moveLine(0, -gs.leading)
		case "Tj":
			s, _ := last().(pdfString)
			show(s)
		case "'":
			moveLine(0, -gs.leading)
			s, _ := last().(pdfString)
			show(s)
		case "\"":
			if n >= 3 {
				gs.wordSpace, gs.charSpace = num(n-3), num(n-2)
			}
			moveLine(0, -gs.leading)
			s, _ := last().(pdfString)
			show(s)
		case "TJ":
			list, _ := last().(pdfArray)
			for _, item := range list {
				switch item := item.(type) {
				case pdfString:
					show(item)
				default:
					// A number moves the next glyph left by thousandths of the font size.
					if adj, ok := toFloat(item); ok {
						tm = matrix{1, 0, 0, 1, -adj / 1000 * gs.size * gs.scale, 0}.mul(tm)
					}
				}
			}
		case "Do":
			name, _ := last().(pdfName)
			p.form(res, name, gs, depth)
		case "BI":
			skipInlineImage(l)
		case "BMC":
			marked = append(marked, actualText{})
		case "BDC":
			marked = append(marked, actualText{start: len(p.glyphs), text: p.actualText(res, last())})
		case "EMC":
			if len(marked) > 0 {
				p.replaceText(marked[len(marked)-1])
				marked = marked[:len(marked)-1]
			}
		}
		operands = operands[:0]
	}
}

// actualText is a marked-content sequence that gives the text of the glyphs it wraps (PDF
// 32000-1:2008 §14.9.4). Skia wraps glyphs that its ToUnicode maps cannot express in one,
// such as a ligature typed as one character (U+FB01 "ﬁ") or a glyph a font lacks.
type actualText struct {
	start int // the first glyph of the sequence
	text  string
}

// actualText reads the ActualText of the properties of a BDC operator: a dictionary, or the
// name of one in the resources' /Properties.
func (p *pageText) actualText(res pdfDict, props any) string {
	if name, ok := props.(pdfName); ok {
		named, _ := p.file.resolve(res["Properties"]).(pdfDict)
		props = named[name]
	}
	d, _ := p.file.resolve(props).(pdfDict)
	s, _ := p.file.resolve(d["ActualText"]).(pdfString)
	return textString(s)
}

// replaceText gives the glyphs of an ended marked-content sequence its ActualText: all of it
// to the first glyph, nothing to the others.
func (p *pageText) replaceText(m actualText) {
	if m.text == "" || m.start >= len(p.glyphs) {
		return
	}
	p.glyphs[m.start].text = m.text
	for i := m.start + 1; i < len(p.glyphs); i++ {
		p.glyphs[i].text = ""
	}
}

// textString decodes a PDF text string: UTF-16BE after a byte order mark, else PDFDocEncoding,
// which this reads as Latin-1.
func textString(s pdfString) string {
	if rest, ok := strings.CutPrefix(string(s), "\xfe\xff"); ok {
		return utf16BE(pdfString(rest))
	}
	r := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		r[i] = rune(s[i])
	}
	return string(r)
}

// font returns the font named name in the resources res, loading it once per page.
func (p *pageText) font(res pdfDict, name pdfName) *pdfFont {
	fonts, _ := p.file.resolve(res["Font"]).(pdfDict)
	entry := fonts[name]
	r, isRef := entry.(pdfRef)
	if isRef {
		if font, ok := p.fonts[r]; ok {
			return font
		}
	}
	d, ok := p.file.resolve(entry).(pdfDict)
	if !ok {
		return nil
	}
	font := p.file.loadFont(d)
	if isRef {
		p.fonts[r] = font
	}
	return font
}

// form draws the form XObject named name, whose content has its own matrix and resources.
func (p *pageText) form(res pdfDict, name pdfName, gs graphicsState, depth int) {
	if depth >= maxFormDepth {
		return
	}
	xobjects, _ := p.file.resolve(res["XObject"]).(pdfDict)
	s, ok := p.file.resolve(xobjects[name]).(*pdfStream)
	if !ok || p.file.resolve(s.dict["Subtype"]) != pdfName("Form") || p.drawing[s] {
		return
	}
	p.drawing[s] = true
	defer delete(p.drawing, s)
	data, err := p.file.decode(s)
	if err != nil {
		return
	}
	if m, _ := p.file.resolve(s.dict["Matrix"]).(pdfArray); len(m) == 6 {
		var fm matrix
		for i := range fm {
			fm[i], _ = toFloat(p.file.resolve(m[i]))
		}
		gs.ctm = fm.mul(gs.ctm)
	}
	formRes, ok := p.file.resolve(s.dict["Resources"]).(pdfDict)
	if !ok {
		formRes = res
	}
	p.run(data, formRes, gs, depth+1)
}

// skipInlineImage moves l past the data of an inline image, "BI … ID data EI".
func skipInlineImage(l *lexer) {
	for {
		v, err := l.next()
		if err != nil && err != errEnd {
			return
		}
		if v == pdfKeyword("ID") {
			break
		}
	}
	l.pos++ // the single white-space character after ID
	for l.pos+2 < len(l.data) {
		if isSpace(l.data[l.pos]) && l.data[l.pos+1] == 'E' && l.data[l.pos+2] == 'I' &&
			(l.pos+3 == len(l.data) || isSpace(l.data[l.pos+3]) || isDelimiter(l.data[l.pos+3])) {
			l.pos += 3
			return
		}
		l.pos++
	}
	l.pos = len(l.data)
}

// Layout thresholds, as fractions of the font size: glyphs whose baselines are closer than
// sameLine share a line (so superscripts stay with their line); a gap wider than wordGap
// between two runs is a space. A normal space is about 0.25em, letter-spacing rarely exceeds
// 0.15em.
const (
	sameLine = 0.5
	wordGap  = 0.2
)

// textLine is a line of glyphs on one baseline.
type textLine struct {
	y, size float64
	glyphs  []glyph
}

// layout arranges glyphs into lines of text, dropping those outside the page's box.
func layout(glyphs []glyph, box [4]float64) string {
	var lines []*textLine
	var cur *textLine
	for _, g := range glyphs {
		tol := g.size
		if g.x < box[0]-tol || g.x > box[2]+tol || g.y < box[1]-tol || g.y > box[3]+tol {
			continue
		}
		if cur == nil || !onLine(cur, g) {
			cur = nil
			for _, l := range slices.Backward(lines) {
				if onLine(l, g) {
					cur = l
					break
				}
			}
			if cur == nil {
				cur = &textLine{y: g.y, size: g.size}
				lines = append(lines, cur)
			}
		}
		cur.glyphs = append(cur.glyphs, g)
	}
	slices.SortStableFunc(lines, func(a, b *textLine) int {
		return -cmpFloat(a.y, b.y) // top of the page first
	})
	var out []string
	for _, l := range lines {
		slices.SortStableFunc(l.glyphs, func(a, b glyph) int { return cmpFloat(a.x, b.x) })
		var b strings.Builder
		end := math.Inf(-1)
		for _, g := range l.glyphs {
			text := b.String()
			if g.x-end > wordGap*max(g.size, l.size) && text != "" &&
				!strings.HasSuffix(text, " ") && !strings.HasPrefix(g.text, " ") {
				b.WriteByte(' ')
			}
			b.WriteString(g.text)
			end = max(end, g.end)
		}
		if s := strings.TrimSpace(b.String()); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, "\n")
}

func onLine(l *textLine, g glyph) bool {
	return math.Abs(g.y-l.y) < sameLine*max(g.size, l.size)
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
