package browser

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// pdfFile gives access to the objects of a PDF file through its cross-reference data: classic
// xref tables, xref streams and object streams (PDF 32000-1:2008 §7.5).
type pdfFile struct {
	data    []byte
	xref    map[int64]xrefEntry
	trailer pdfDict

	objects   map[int64]any           // resolved objects, by number
	objStms   map[int64][]objStmEntry // parsed object streams, by number
	resolving map[int64]bool          // to break reference cycles
	decoded   map[*pdfStream][]byte   // decoded streams, so that fonts shared by pages decode once
}

// xrefEntry locates an object: at offset in the file, or as the index-th object of the object
// stream numbered stream.
type xrefEntry struct {
	offset        int64
	stream, index int64
	inStream      bool
}

// objStmEntry is one object of an object stream: its number and where it starts.
type objStmEntry struct {
	num    int64
	offset int
}

// maxDecoded bounds the size of one decoded stream, so that a hostile file cannot exhaust memory.
const maxDecoded = 256 << 20

func openPDF(data []byte) (*pdfFile, error) {
	if !bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], " \t\r\n\x00"), []byte("%PDF-")) {
		return nil, errors.New("not a PDF file (it does not start with %PDF-)")
	}
	f := &pdfFile{
		data:      data,
		xref:      map[int64]xrefEntry{},
		objects:   map[int64]any{},
		objStms:   map[int64][]objStmEntry{},
		resolving: map[int64]bool{},
		decoded:   map[*pdfStream][]byte{},
	}
	tail := data[max(0, len(data)-2048):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil, errors.New("no startxref at the end of the file: the PDF is truncated")
	}
	l := &lexer{data: tail, pos: i + len("startxref")}
	l.skipSpace()
	offset, err := strconv.ParseInt(l.regular(), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("bad startxref: %v", err)
	}
	seen := map[int64]bool{}
	for offset >= 0 {
		if seen[offset] {
			break // a /Prev loop
		}
		seen[offset] = true
		trailer, err := f.readXref(offset)
		if err != nil {
			return nil, err
		}
		if f.trailer == nil {
			f.trailer = trailer // the newest trailer names the document's root
		}
		// A hybrid file's table points at an xref stream that holds the newer objects.
		if stm, ok := toInt(trailer["XRefStm"]); ok && !seen[stm] {
			seen[stm] = true
			if _, err := f.readXref(stm); err != nil {
				return nil, err
			}
		}
		prev, ok := toInt(trailer["Prev"])
		if !ok {
			break
		}
		offset = prev
	}
	return f, nil
}

// readXref reads the cross-reference section at offset, either a table or a stream, adds the
// entries that a newer section did not set, and returns the section's trailer dictionary.
func (f *pdfFile) readXref(offset int64) (pdfDict, error) {
	if offset >= int64(len(f.data)) {
		return nil, fmt.Errorf("cross-reference offset %d is past the end of the file", offset)
	}
	l := &lexer{data: f.data, pos: int(offset), refs: true}
	l.skipSpace()
	if bytes.HasPrefix(f.data[l.pos:], []byte("xref")) {
		l.pos += len("xref")
		return f.readXrefTable(l)
	}
	obj, err := f.readObjectAt(offset)
	if err != nil {
		return nil, fmt.Errorf("reading the cross-reference stream: %v", err)
	}
	s, ok := obj.(*pdfStream)
	if !ok {
		return nil, fmt.Errorf("no cross-reference table or stream at offset %d", offset)
	}
	return s.dict, f.readXrefStream(s)
}

func (f *pdfFile) readXrefTable(l *lexer) (pdfDict, error) {
	for {
		l.skipSpace()
		word := l.regular()
		if word == "trailer" {
			obj, err := l.next()
			if err != nil {
				return nil, fmt.Errorf("reading the trailer: %v", err)
			}
			d, ok := obj.(pdfDict)
			if !ok {
				return nil, errors.New("the trailer is not a dictionary")
			}
			return d, nil
		}
		start, err1 := strconv.ParseInt(word, 10, 64)
		l.skipSpace()
		count, err2 := strconv.ParseInt(l.regular(), 10, 64)
		if err1 != nil || err2 != nil || start < 0 || count < 0 {
			return nil, errors.New("malformed cross-reference table")
		}
		for i := int64(0); i < count; i++ {
			l.skipSpace()
			off, err1 := strconv.ParseInt(l.regular(), 10, 64)
			l.skipSpace()
			_, err2 := strconv.ParseInt(l.regular(), 10, 64)
			l.skipSpace()
			kind := l.regular()
			if err1 != nil || err2 != nil || (kind != "n" && kind != "f") {
				return nil, errors.New("malformed cross-reference table entry")
			}
			if _, set := f.xref[start+i]; !set && kind == "n" {
				f.xref[start+i] = xrefEntry{offset: off}
			}
		}
	}
}

func (f *pdfFile) readXrefStream(s *pdfStream) error {
	data, err := f.decode(s)
	if err != nil {
		return fmt.Errorf("decoding the cross-reference stream: %v", err)
	}
	w, _ := s.dict["W"].(pdfArray)
	if len(w) != 3 {
		return errors.New("cross-reference stream without /W [a b c]")
	}
	var widths [3]int
	rowLen := 0
	for i, v := range w {
		n, ok := toInt(v)
		if !ok || n < 0 || n > 8 {
			return errors.New("cross-reference stream with a bad /W")
		}
		widths[i] = int(n)
		rowLen += int(n)
	}
	if rowLen == 0 {
		return errors.New("cross-reference stream with a bad /W")
	}
	index, _ := s.dict["Index"].(pdfArray)
	if index == nil {
		size, _ := toInt(s.dict["Size"])
		index = pdfArray{int64(0), size}
	}
	row := 0
	for i := 0; i+1 < len(index); i += 2 {
		start, _ := toInt(index[i])
		count, _ := toInt(index[i+1])
		for j := int64(0); j < count; j++ {
			if (row+1)*rowLen > len(data) {
				return nil // fewer rows than /Index says: keep what there is
			}
			fields := data[row*rowLen:]
			row++
			var v [3]int64
			for k, n := range widths {
				for _, b := range fields[:n] {
					v[k] = v[k]<<8 | int64(b)
				}
				fields = fields[n:]
			}
			if widths[0] == 0 {
				v[0] = 1 // the type defaults to an object at an offset
			}
			num := start + j
			if _, set := f.xref[num]; set {
				continue
			}
			switch v[0] {
			case 1:
				f.xref[num] = xrefEntry{offset: v[1]}
			case 2:
				f.xref[num] = xrefEntry{stream: v[1], index: v[2], inStream: true}
			}
		}
	}
	return nil
}

// readObjectAt reads the indirect object "num gen obj … endobj" at offset.
func (f *pdfFile) readObjectAt(offset int64) (any, error) {
	if offset < 0 || offset >= int64(len(f.data)) {
		return nil, fmt.Errorf("object offset %d is outside the file", offset)
	}
	l := &lexer{data: f.data, pos: int(offset), refs: true}
	for _, want := range []string{"num", "gen"} {
		l.skipSpace()
		if _, err := strconv.ParseInt(l.regular(), 10, 64); err != nil {
			return nil, fmt.Errorf("no object at offset %d (bad %s)", offset, want)
		}
	}
	l.skipSpace()
	if l.regular() != "obj" {
		return nil, fmt.Errorf("no object at offset %d", offset)
	}
	obj, err := l.next()
	if err != nil {
		return nil, err
	}
	d, ok := obj.(pdfDict)
	if !ok {
		return obj, nil
	}
	l.skipSpace()
	if !bytes.HasPrefix(f.data[l.pos:], []byte("stream")) {
		return d, nil
	}
	l.pos += len("stream")
	// The keyword is followed by CR LF or LF, then the data.
	if l.pos < len(f.data) && f.data[l.pos] == '\r' {
		l.pos++
	}
	if l.pos < len(f.data) && f.data[l.pos] == '\n' {
		l.pos++
	}
	start := l.pos
	if n, ok := toInt(f.resolve(d["Length"])); ok && n >= 0 && int64(start)+n <= int64(len(f.data)) {
		end := start + int(n)
		rest := bytes.TrimLeft(f.data[end:min(end+64, len(f.data))], " \t\r\n\f\x00")
		if bytes.HasPrefix(rest, []byte("endstream")) {
			return &pdfStream{dict: d, raw: f.data[start:end]}, nil
		}
	}
	// A wrong or missing /Length: the data ends before the endstream keyword.
	end := bytes.Index(f.data[start:], []byte("endstream"))
	if end < 0 {
		return nil, fmt.Errorf("stream at offset %d has no endstream", offset)
	}
	raw := bytes.TrimSuffix(f.data[start:start+end], []byte("\n"))
	raw = bytes.TrimSuffix(raw, []byte("\r"))
	return &pdfStream{dict: d, raw: raw}, nil
}

// resolve follows references until it reaches a direct object. A missing object is null.
func (f *pdfFile) resolve(v any) any {
	for range 32 { // a chain of references to references is bounded
		r, ok := v.(pdfRef)
		if !ok {
			return v
		}
		v = f.object(r.num)
	}
	return nil
}

// object returns the object numbered num, or nil when it is missing or cannot be read.
func (f *pdfFile) object(num int64) any {
	if v, ok := f.objects[num]; ok {
		return v
	}
	if f.resolving[num] {
		return nil // a cycle
	}
	f.resolving[num] = true
	defer delete(f.resolving, num)

	var v any
	if e, ok := f.xref[num]; ok {
		if e.inStream {
			v = f.objectInStream(e.stream, e.index, num)
		} else if obj, err := f.readObjectAt(e.offset); err == nil {
			v = obj
		}
	}
	f.objects[num] = v
	return v
}

// objectInStream returns the index-th object of the object stream numbered stm, which should
// be object num.
func (f *pdfFile) objectInStream(stm, index, num int64) any {
	s, ok := f.object(stm).(*pdfStream)
	if !ok {
		return nil
	}
	data, err := f.decode(s)
	if err != nil {
		return nil
	}
	entries, ok := f.objStms[stm]
	if !ok {
		n, _ := toInt(s.dict["N"])
		first, _ := toInt(s.dict["First"])
		l := &lexer{data: data}
		for i := int64(0); i < n && first >= 0 && first <= int64(len(data)); i++ {
			a, err1 := l.next()
			b, err2 := l.next()
			objNum, ok1 := a.(int64)
			off, ok2 := b.(int64)
			if err1 != nil || err2 != nil || !ok1 || !ok2 || off < 0 || first+off > int64(len(data)) {
				break
			}
			entries = append(entries, objStmEntry{num: objNum, offset: int(first + off)})
		}
		f.objStms[stm] = entries
	}
	if index < 0 || index >= int64(len(entries)) || entries[index].num != num {
		// The index is only a hint; look the object up by number.
		index = -1
		for i, e := range entries {
			if e.num == num {
				index = int64(i)
			}
		}
		if index < 0 {
			return nil
		}
	}
	l := &lexer{data: data, pos: entries[index].offset, refs: true}
	v, err := l.next()
	if err != nil {
		return nil
	}
	return v
}

// decode returns the decoded data of a stream. It knows FlateDecode, with or without a PNG or
// TIFF predictor, which is all that Chromium writes.
func (f *pdfFile) decode(s *pdfStream) ([]byte, error) {
	if data, ok := f.decoded[s]; ok {
		return data, nil
	}
	filters := f.resolve(s.dict["Filter"])
	params := f.resolve(s.dict["DecodeParms"])
	if name, ok := filters.(pdfName); ok {
		filters, params = pdfArray{name}, pdfArray{params}
	}
	list, _ := filters.(pdfArray)
	paramList, _ := params.(pdfArray)
	data := s.raw
	for i, filter := range list {
		var p pdfDict
		if i < len(paramList) {
			p, _ = f.resolve(paramList[i]).(pdfDict)
		}
		var err error
		switch name, _ := f.resolve(filter).(pdfName); name {
		case "FlateDecode", "Fl":
			data, err = inflate(data)
			if err == nil {
				data, err = unpredict(data, p)
			}
		default:
			err = fmt.Errorf("unsupported stream filter /%s", name)
		}
		if err != nil {
			return nil, err
		}
	}
	f.decoded[s] = data
	return data, nil
}

// inflate decompresses zlib data (or raw deflate data, which some writers produce). A stream
// that is cut short keeps what was decompressed.
func inflate(data []byte) ([]byte, error) {
	var r io.Reader
	if zr, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
		r = zr
	} else {
		r = flate.NewReader(bytes.NewReader(data))
	}
	out, err := io.ReadAll(io.LimitReader(r, maxDecoded+1))
	if len(out) > maxDecoded {
		return nil, errors.New("a stream decompresses to more than 256 MiB")
	}
	if err != nil && len(out) == 0 {
		return nil, fmt.Errorf("decompressing a stream: %v", err)
	}
	return out, nil
}

// unpredict undoes the PNG predictors (10–15) that /DecodeParms names, as xref streams use them.
func unpredict(data []byte, p pdfDict) ([]byte, error) {
	predictor, _ := toInt(p["Predictor"])
	if predictor < 10 {
		if predictor == 2 {
			return nil, errors.New("unsupported TIFF predictor")
		}
		return data, nil
	}
	columns, ok := toInt(p["Columns"])
	if !ok {
		columns = 1
	}
	colors, ok := toInt(p["Colors"])
	if !ok {
		colors = 1
	}
	bits, ok := toInt(p["BitsPerComponent"])
	if !ok {
		bits = 8
	}
	if columns < 1 || colors < 1 || bits < 1 || columns*colors*bits > 1<<24 {
		return nil, errors.New("bad predictor parameters")
	}
	bpp := int(max((colors*bits+7)/8, 1))
	rowLen := int((columns*colors*bits + 7) / 8)
	out := make([]byte, 0, len(data))
	prev := make([]byte, rowLen)
	for len(data) > rowLen {
		kind, row := data[0], data[1:rowLen+1]
		data = data[rowLen+1:]
		cur := make([]byte, rowLen)
		for i := range row {
			var left, upLeft byte
			if i >= bpp {
				left, upLeft = cur[i-bpp], prev[i-bpp]
			}
			up := prev[i]
			switch kind {
			case 0:
				cur[i] = row[i]
			case 1:
				cur[i] = row[i] + left
			case 2:
				cur[i] = row[i] + up
			case 3:
				cur[i] = row[i] + byte((int(left)+int(up))/2)
			case 4:
				cur[i] = row[i] + paeth(left, up, upLeft)
			default:
				return nil, fmt.Errorf("bad PNG predictor %d", kind)
			}
		}
		out = append(out, cur...)
		prev = cur
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
