package browser

import (
	"bytes"
	"testing"
	"time"
)

func TestSetPDFDates(t *testing.T) {
	in := []byte("<</Creator (x)\n/CreationDate (D:20261123110124+00'00')\n/ModDate (D:20261123110125+00'00')>>")
	want := []byte("<</Creator (x)\n/CreationDate (D:20000101000000+00'00')\n/ModDate (D:20000101000000+00'00')>>")
	got := setPDFDates(in, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	if !bytes.Equal(got, want) {
		t.Errorf("setPDFDates:\n got %s\nwant %s", got, want)
	}
	if len(got) != len(in) {
		t.Errorf("the length changed from %d to %d; the PDF's offsets would break", len(in), len(got))
	}
}
