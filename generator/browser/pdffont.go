package browser

import (
	"cmp"
	"slices"
	"sort"
	"unicode/utf16"
)

// pdfFont is what text extraction needs of a font: how to split a string into character codes,
// the text of each code, and the width of its glyph.
type pdfFont struct {
	twoByte    bool    // a Type0 font with 2-byte codes, as Chromium writes (Identity-H)
	toUnicode  *cmap   // nil when the font has none
	widthScale float64 // glyph space to text space: 1/1000, or a Type3 font's FontMatrix

	// Widths, in glyph space. Type0: DW and W; simple fonts: FirstChar and Widths.
	defaultWidth float64
	widths       map[uint32]float64
	widthRanges  []widthRange
}

type widthRange struct {
	lo, hi uint32
	width  float64
}

// maxCodes bounds the maps a font builds from a file, against hostile ranges.
const maxCodes = 1 << 16

// loadFont reads the font dictionary d.
func (f *pdfFile) loadFont(d pdfDict) *pdfFont {
	font := &pdfFont{widthScale: 1.0 / 1000, widths: map[uint32]float64{}}
	if s, ok := f.resolve(d["ToUnicode"]).(*pdfStream); ok {
		if data, err := f.decode(s); err == nil {
			font.toUnicode = parseCMap(data)
		}
	}
	switch f.resolve(d["Subtype"]) {
	case pdfName("Type0"):
		font.twoByte = true
		font.defaultWidth = 1000
		descendants, _ := f.resolve(d["DescendantFonts"]).(pdfArray)
		if len(descendants) == 0 {
			break
		}
		cid, _ := f.resolve(descendants[0]).(pdfDict)
		if w, ok := toFloat(f.resolve(cid["DW"])); ok {
			font.defaultWidth = w
		}
		font.readCIDWidths(f, f.resolve(cid["W"]))
		slices.SortStableFunc(font.widthRanges, func(a, b widthRange) int { return cmp.Compare(a.lo, b.lo) })
	case pdfName("Type3"):
		if m, _ := f.resolve(d["FontMatrix"]).(pdfArray); len(m) == 6 {
			font.widthScale, _ = toFloat(f.resolve(m[0]))
		}
		fallthrough
	default:
		first, _ := toInt(f.resolve(d["FirstChar"]))
		widths, _ := f.resolve(d["Widths"]).(pdfArray)
		for i, w := range widths {
			if i >= maxCodes {
				break
			}
			if v, ok := toFloat(f.resolve(w)); ok {
				font.widths[uint32(first)+uint32(i)] = v
			}
		}
		if desc, ok := f.resolve(d["FontDescriptor"]).(pdfDict); ok {
			font.defaultWidth, _ = toFloat(f.resolve(desc["MissingWidth"]))
		}
	}
	return font
}

// readCIDWidths reads a CIDFont's W array: "c [w1 w2 …]" gives consecutive codes from c their
// widths, "cFirst cLast w" gives a range one width.
func (font *pdfFont) readCIDWidths(f *pdfFile, w any) {
	list, _ := w.(pdfArray)
	for i := 0; i+1 < len(list); {
		first, ok := toInt(f.resolve(list[i]))
		if !ok || first < 0 {
			return
		}
		if ws, isArray := f.resolve(list[i+1]).(pdfArray); isArray {
			for j, v := range ws {
				if len(font.widths) >= maxCodes {
					return
				}
				if width, ok := toFloat(f.resolve(v)); ok {
					font.widths[uint32(first)+uint32(j)] = width
				}
			}
			i += 2
			continue
		}
		if i+2 >= len(list) {
			return
		}
		last, ok1 := toInt(f.resolve(list[i+1]))
		width, ok2 := toFloat(f.resolve(list[i+2]))
		if ok1 && ok2 && last >= first {
			font.widthRanges = append(font.widthRanges, widthRange{uint32(first), uint32(last), width})
		}
		i += 3
	}
}

// codes splits the bytes of a shown string into character codes.
func (font *pdfFont) codes(s pdfString) []uint32 {
	var codes []uint32
	if !font.twoByte {
		for i := 0; i < len(s); i++ {
			codes = append(codes, uint32(s[i]))
		}
		return codes
	}
	for i := 0; i+1 < len(s); i += 2 {
		codes = append(codes, uint32(s[i])<<8|uint32(s[i+1]))
	}
	return codes
}

// text returns the Unicode text of a character code: its ToUnicode entry, or for a simple
// font without one, the code read as Latin-1. A Type0 code that maps to nothing gives "".
func (font *pdfFont) text(code uint32) string {
	if font.toUnicode != nil {
		if s, ok := font.toUnicode.lookup(code); ok {
			return s
		}
	}
	if font.twoByte || code < 0x20 {
		return ""
	}
	return string(rune(code))
}

// width returns the advance of a code's glyph in text space units (before the font size).
func (font *pdfFont) width(code uint32) float64 {
	w, ok := font.widths[code]
	if !ok {
		w = font.defaultWidth
		// The ranges are sorted by their first code; overlapping ones are malformed.
		i := sort.Search(len(font.widthRanges), func(i int) bool { return font.widthRanges[i].lo > code }) - 1
		if i >= 0 && code <= font.widthRanges[i].hi {
			w = font.widthRanges[i].width
		}
	}
	return w * font.widthScale
}

// cmap is a ToUnicode CMap (Adobe Technical Note #5411): single codes and ranges of codes,
// each mapped to UTF-16BE text.
type cmap struct {
	chars  map[uint32]string
	ranges []cmapRange // sorted by lo
}

type cmapRange struct {
	lo, hi uint32
	base   []uint16 // the text of lo; each later code adds one to the last unit
	list   []string // or, when set, the text of each code from lo
}

func (m *cmap) lookup(code uint32) (string, bool) {
	if s, ok := m.chars[code]; ok {
		return s, true
	}
	i := sort.Search(len(m.ranges), func(i int) bool { return m.ranges[i].lo > code }) - 1
	if i >= 0 && code <= m.ranges[i].hi {
		r := m.ranges[i]
		off := code - r.lo
		if r.list != nil {
			if int(off) < len(r.list) {
				return r.list[off], true
			}
			return "", false
		}
		units := append([]uint16(nil), r.base...)
		if len(units) > 0 {
			units[len(units)-1] += uint16(off)
		}
		return string(utf16.Decode(units)), true
	}
	return "", false
}

// parseCMap reads the bfchar and bfrange sections of a CMap and ignores the rest.
func parseCMap(data []byte) *cmap {
	m := &cmap{chars: map[uint32]string{}}
	l := &lexer{data: data}
	var operands []any
	for {
		v, err := l.next()
		if err == errEnd {
			continue
		}
		if err != nil {
			slices.SortStableFunc(m.ranges, func(a, b cmapRange) int { return cmp.Compare(a.lo, b.lo) })
			return m
		}
		op, isOp := v.(pdfKeyword)
		if !isOp {
			operands = append(operands, v)
			continue
		}
		switch op {
		case "endbfchar":
			for i := 0; i+1 < len(operands) && len(m.chars) < maxCodes; i += 2 {
				src, ok1 := operands[i].(pdfString)
				dst, ok2 := operands[i+1].(pdfString)
				if ok1 && ok2 {
					m.chars[codeOf(src)] = utf16BE(dst)
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(operands) && len(m.ranges) < maxCodes; i += 3 {
				lo, ok1 := operands[i].(pdfString)
				hi, ok2 := operands[i+1].(pdfString)
				if !ok1 || !ok2 || codeOf(hi) < codeOf(lo) {
					continue
				}
				r := cmapRange{lo: codeOf(lo), hi: codeOf(hi)}
				switch dst := operands[i+2].(type) {
				case pdfString:
					r.base = units(dst)
				case pdfArray:
					for _, d := range dst {
						s, _ := d.(pdfString)
						r.list = append(r.list, utf16BE(s))
					}
					if r.list == nil {
						continue
					}
				default:
					continue
				}
				m.ranges = append(m.ranges, r)
			}
		}
		operands = operands[:0]
	}
}

// codeOf reads a big-endian character code of up to 4 bytes.
func codeOf(s pdfString) uint32 {
	var c uint32
	for i := 0; i < len(s) && i < 4; i++ {
		c = c<<8 | uint32(s[i])
	}
	return c
}

func units(s pdfString) []uint16 {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return u
}

func utf16BE(s pdfString) string {
	return string(utf16.Decode(units(s)))
}
