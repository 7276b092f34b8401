package browser

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// The files in testdata are Chromium's print of handoutHTML in browser_test.go (go test
// -update rewrites handout.pdf), and the same file rewritten by
// `qpdf --object-streams=generate`, which holds its objects in object streams and its
// cross-reference table in a compressed stream, as other PDF writers do.
func TestReadPDFChromium(t *testing.T) {
	for _, name := range []string{"testdata/handout.pdf", "testdata/handout-objstm.pdf"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			info, err := ReadPDF(data)
			if err != nil {
				t.Fatal(err)
			}
			want := []PDFPage{
				{612, 792, "Giving feedback\nFeedback should be specific, timely and kind.\nHandout 4.2 page 1 of 2"},
				{792, 612, "Agenda for the afternoon\nTime Activity\n13:00 Role play in pairs\nHandout 4.2 page 2 of 2"},
			}
			if len(info.Pages) != len(want) {
				t.Fatalf("got %d pages, want %d", len(info.Pages), len(want))
			}
			for i, got := range info.Pages {
				if got != want[i] {
					t.Errorf("page %d:\ngot  %g×%g %q\nwant %g×%g %q", i+1, got.Width, got.Height, got.Text, want[i].Width, want[i].Height, want[i].Text)
				}
			}
		})
	}
}

// pdfBuilder writes a PDF file object by object, with a correct cross-reference table.
type pdfBuilder struct {
	objects []string
}

// add adds an object and returns its reference, "n 0 R".
func (b *pdfBuilder) add(object string) string {
	b.objects = append(b.objects, object)
	return fmt.Sprintf("%d 0 R", len(b.objects))
}

// stream adds a stream object, compressed when flate is true.
func (b *pdfBuilder) stream(dict, data string, flate bool) string {
	if flate {
		var buf bytes.Buffer
		w := zlib.NewWriter(&buf)
		w.Write([]byte(data))
		w.Close()
		data, dict = buf.String(), dict+" /Filter /FlateDecode"
	}
	return b.add(fmt.Sprintf("<<%s /Length %d>>\nstream\n%s\nendstream", dict, len(data), data))
}

// bytes returns the file, with root as the document catalog.
func (b *pdfBuilder) bytes(root string) []byte {
	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(b.objects))
	for i, obj := range b.objects {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, obj)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(b.objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<</Size %d /Root %s>>\nstartxref\n%d\n%%%%EOF\n", len(b.objects)+1, root, xref)
	return out.Bytes()
}

// TestReadPDFText checks the text operators and the layout on a hand-written file, using what
// Chromium does not: simple fonts, TJ, T*, quote operators, text rise, form XObjects, content
// in several streams, and a page tree that passes its MediaBox down.
func TestReadPDFText(t *testing.T) {
	var b pdfBuilder
	// A simple font whose glyphs are all half an em wide, with no ToUnicode map.
	simple := b.add("<</Type /Font /Subtype /TrueType /BaseFont /Test /FirstChar 32 /LastChar 126 /Widths [" +
		strings.Repeat("500 ", 95) + "]>>")
	// A Type0 font whose ToUnicode maps 2-byte codes: 1-3 to A-C by a range, 4 to "fi", 5 to
	// "é" by a list.
	toUnicode := b.stream("", "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"+
		"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"+
		"1 beginbfchar <0004> <00660069> endbfchar\n"+
		"2 beginbfrange <0001> <0003> <0041> <0005> <0005> [<00E9>] endbfrange\n"+
		"endcmap CMapName currentdict /CMap defineresource pop end end", true)
	cid := b.add("<</Type /Font /Subtype /CIDFontType2 /BaseFont /Test /DW 600 /W [1 [500 500 500] 4 5 700]>>")
	type0 := b.add("<</Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H /DescendantFonts [" + cid + "] /ToUnicode " + toUnicode + ">>")
	form := b.stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Matrix [1 0 0 1 0 -100]",
		"BT /F1 10 Tf 72 500 Td (in a form) Tj ET", false)
	resources := "<</Font <</F1 " + simple + " /F2 " + type0 + ">> /XObject <</X1 " + form + ">>>>"

	page1a := b.stream("", `BT /F1 10 Tf 72 700 Td (Hello) Tj ( world) Tj ET
BT /F1 10 Tf 72 680 Td [(Ker) 80 (ned) -600 (apart)] TJ ET
BT /F1 10 Tf 200 660 Td (right) Tj -128 0 Td (left) Tj ET
BT /F1 10 Tf 14 TL 72 640 Td (line one) Tj T* (line two) Tj (line three) ' 1 0 (spaced) " ET`, true)
	page1b := b.stream("", `q 2 0 0 2 0 0 cm BT /F1 10 Tf 36 260 Td (big) Tj ET Q
/X1 Do
BT /F1 10 Tf 72 380 Td (x) Tj 4 Ts (2) Tj 0 Ts ( + y) Tj ET
BT /F1 10 Tf -500 360 Td (off the page) Tj ET
BT /F2 12 Tf 72 340 Td <00010002000300040005> Tj ET
BT /F2 12 Tf 72 320 Td /Span <</ActualText <FEFF0044>>> BDC <0009> Tj EMC <0001> Tj ET`, false)
	page2 := b.stream("", "BT /F1 10 Tf 72 500 Td (Landscape) Tj ET", false)
	p1 := b.add("<</Type /Page /Parent PAGES /Resources " + resources + " /Contents [" + page1a + " " + page1b + "]>>")
	p2 := b.add("<</Type /Page /Parent PAGES /MediaBox [0 0 792 612] /Resources " + resources + " /Contents " + page2 + ">>")
	pages := b.add("<</Type /Pages /MediaBox [0 0 612 792] /Count 2 /Kids [" + p1 + " " + p2 + "]>>")
	for i := range b.objects {
		b.objects[i] = strings.ReplaceAll(b.objects[i], "PAGES", pages)
	}
	root := b.add("<</Type /Catalog /Pages " + pages + ">>")

	info, err := ReadPDF(b.bytes(root))
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Pages) != 2 {
		t.Fatalf("got %d pages, want 2", len(info.Pages))
	}
	want := strings.Join([]string{
		"Hello world",
		"Kerned apart",
		"left right",
		"line one",
		"line two",
		"line three",
		"spaced",
		"big",
		"in a form", // drawn at 500, moved down by the form's matrix
		"x2 + y",
		"ABCfié",
		"DA",
	}, "\n")
	if got := info.Pages[0]; got.Width != 612 || got.Height != 792 || got.Text != want {
		t.Errorf("page 1 = %g×%g\n%s\nwant 612×792\n%s", got.Width, got.Height, got.Text, want)
	}
	if got := info.Pages[1]; got.Width != 792 || got.Height != 612 || got.Text != "Landscape" || !got.Landscape() {
		t.Errorf("page 2 = %g×%g %q, want 792×612 %q", got.Width, got.Height, got.Text, "Landscape")
	}
}

func TestReadPDFErrors(t *testing.T) {
	handout, err := os.ReadFile("testdata/handout.pdf")
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		data []byte
		want string
	}{
		"empty":     {nil, "not a PDF"},
		"HTML":      {[]byte("<!doctype html><title>x</title>"), "not a PDF"},
		"truncated": {handout[:len(handout)/2], "truncated"},
		"bad xref":  {bytes.Replace(handout, []byte("startxref\n"), []byte("startxref\n1"), 1), "cross-reference"},
	} {
		_, err := ReadPDF(tc.data)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error = %v, want one containing %q", name, err, tc.want)
		}
	}
}

// FuzzReadPDF checks that no input makes ReadPDF panic or hang.
func FuzzReadPDF(f *testing.F) {
	for _, name := range []string{"testdata/handout.pdf", "testdata/handout-objstm.pdf"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	var b pdfBuilder
	content := b.stream("", "q 1 0 0 1 0 0 cm BT /F1 12 Tf 10 10 Td [(a) 100 (b)] TJ T* (c) ' ET Q BI /W 1 ID x EI", true)
	font := b.add("<</Type /Font /Subtype /Type0 /DescendantFonts [<</W [1 2 3 4 [5]]>>]>>")
	page := b.add("<</Type /Page /MediaBox [0 0 10 10] /Resources <</Font <</F1 " + font + ">>>> /Contents " + content + ">>")
	pages := b.add("<</Type /Pages /Kids [" + page + "]>>")
	f.Add(b.bytes(b.add("<</Type /Catalog /Pages " + pages + ">>")))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := ReadPDF(data)
		if err == nil && info == nil {
			t.Fatal("no error and no info")
		}
	})
}

// TestReadPDFFormLoop checks that forms drawing themselves, or each other many times over,
// cannot make ReadPDF run for ever.
func TestReadPDFFormLoop(t *testing.T) {
	var b pdfBuilder
	// Object 1 draws itself; objects 2 to 9 each draw the next 20 times: 20⁸ draws of 9.
	b.stream("/Type /XObject /Subtype /Form /Resources <</XObject <</X 1 0 R>>>>", "/X Do /X Do", false)
	for i := 2; i <= 9; i++ {
		b.stream(fmt.Sprintf("/Type /XObject /Subtype /Form /Resources <</XObject <</X %d 0 R>>>>", i+1),
			strings.Repeat("/X Do ", 20), false)
	}
	b.stream("/Type /XObject /Subtype /Form", "BT ET", false) // object 10
	content := b.stream("", "/Loop Do /Chain Do", false)
	page := b.add("<</Type /Page /MediaBox [0 0 10 10] /Resources <</XObject <</Loop 1 0 R /Chain 2 0 R>>>> /Contents " + content + ">>")
	pages := b.add("<</Type /Pages /Kids [" + page + "]>>")
	data := b.bytes(b.add("<</Type /Catalog /Pages " + pages + ">>"))

	done := make(chan error)
	go func() {
		_, err := ReadPDF(data)
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ReadPDF still runs after 10s")
	}
}
