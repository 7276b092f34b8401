package browser

import (
	"bytes"
	"errors"
	"fmt"
	"math"
)

// PDFInfo is what [ReadPDF] learns of a PDF file.
type PDFInfo struct {
	Pages []PDFPage // in order
}

// PDFPage is one page of a PDF file.
type PDFPage struct {
	// Width and Height are the size of the page's MediaBox in points (1/72 inch): US Letter
	// is 612 × 792 in portrait and 792 × 612 in landscape.
	Width, Height float64

	// Text is the text drawn on the page, a line per baseline from the top of the page down,
	// with a space between words: good for finding "Handout 4.2" or "page 1 of 3", not for
	// reproducing the layout. Text outside the page is left out; text hidden by clipping or
	// painted over is not.
	Text string
}

// Landscape reports whether the page is wider than it is tall.
func (p PDFPage) Landscape() bool { return p.Width > p.Height }

// ReadPDF reads a PDF file, as Chromium prints it, and returns its pages. It reads what
// Chromium (Skia) writes: xref tables or streams, object streams, FlateDecode streams, and
// fonts with ToUnicode CMaps. It is not a general PDF reader: encrypted files and other
// compression filters are errors, and text in fonts without ToUnicode maps may come out
// wrong.
func ReadPDF(data []byte) (*PDFInfo, error) {
	info, err := readPDF(data)
	if err != nil {
		return nil, fmt.Errorf("reading PDF: %w", err)
	}
	return info, nil
}

func readPDF(data []byte) (*PDFInfo, error) {
	f, err := openPDF(data)
	if err != nil {
		return nil, err
	}
	if f.trailer["Encrypt"] != nil {
		return nil, errors.New("the PDF is encrypted")
	}
	catalog, ok := f.resolve(f.trailer["Root"]).(pdfDict)
	if !ok {
		return nil, errors.New("the PDF has no document catalog (/Root)")
	}
	root, ok := f.resolve(catalog["Pages"]).(pdfDict)
	if !ok {
		return nil, errors.New("the PDF has no page tree (/Pages)")
	}
	info := &PDFInfo{}
	if err := f.walkPages(root, inherited{}, map[any]bool{}, 0, info); err != nil {
		return nil, err
	}
	return info, nil
}

// inherited holds the page attributes that a page takes from its ancestors when it does not
// set them itself.
type inherited struct {
	mediaBox  any
	resources any
}

// maxPageDepth bounds the depth of the page tree.
const maxPageDepth = 64

// walkPages appends the pages under node to info, in order.
func (f *pdfFile) walkPages(node pdfDict, in inherited, seen map[any]bool, depth int, info *PDFInfo) error {
	if depth > maxPageDepth {
		return errors.New("the page tree is too deep")
	}
	if v, ok := node["MediaBox"]; ok {
		in.mediaBox = v
	}
	if v, ok := node["Resources"]; ok {
		in.resources = v
	}
	kids, isTree := f.resolve(node["Kids"]).(pdfArray)
	if !isTree || f.resolve(node["Type"]) == pdfName("Page") {
		page, err := f.readPage(node, in)
		if err != nil {
			return fmt.Errorf("page %d: %w", len(info.Pages)+1, err)
		}
		info.Pages = append(info.Pages, page)
		return nil
	}
	for _, kid := range kids {
		if r, ok := kid.(pdfRef); ok {
			if seen[r] {
				return errors.New("the page tree has a loop")
			}
			seen[r] = true
		}
		d, ok := f.resolve(kid).(pdfDict)
		if !ok {
			continue
		}
		if err := f.walkPages(d, in, seen, depth+1, info); err != nil {
			return err
		}
	}
	return nil
}

func (f *pdfFile) readPage(node pdfDict, in inherited) (PDFPage, error) {
	box, ok := f.rect(in.mediaBox)
	if !ok {
		return PDFPage{}, errors.New("no valid MediaBox")
	}
	page := PDFPage{Width: box[2] - box[0], Height: box[3] - box[1]}

	var content []byte
	switch c := f.resolve(node["Contents"]).(type) {
	case *pdfStream:
		data, err := f.decode(c)
		if err != nil {
			return PDFPage{}, err
		}
		content = data
	case pdfArray:
		var parts [][]byte
		for _, part := range c {
			s, ok := f.resolve(part).(*pdfStream)
			if !ok {
				continue
			}
			data, err := f.decode(s)
			if err != nil {
				return PDFPage{}, err
			}
			parts = append(parts, data)
		}
		// The parts of a page's content join at token boundaries.
		content = bytes.Join(parts, []byte("\n"))
	}
	res, _ := f.resolve(in.resources).(pdfDict)
	text := &pageText{file: f, fonts: map[pdfRef]*pdfFont{}, drawing: map[*pdfStream]bool{}}
	text.run(content, res, graphicsState{ctm: identity, scale: 1}, 0)
	page.Text = layout(text.glyphs, box)
	return page, nil
}

// rect reads a rectangle [x1 y1 x2 y2] and returns it as [left bottom right top].
func (f *pdfFile) rect(v any) ([4]float64, bool) {
	a, _ := f.resolve(v).(pdfArray)
	if len(a) != 4 {
		return [4]float64{}, false
	}
	var r [4]float64
	for i := range r {
		n, ok := toFloat(f.resolve(a[i]))
		if !ok || math.IsNaN(n) || math.IsInf(n, 0) {
			return [4]float64{}, false
		}
		r[i] = n
	}
	return [4]float64{min(r[0], r[2]), min(r[1], r[3]), max(r[0], r[2]), max(r[1], r[3])}, true
}
