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

func TestRenumberNodeIDs(t *testing.T) {
	in := []byte("/ID (node00000138)>> /ID (node00000102)>> /Names [(node00000102) 23 0 R (node00000138) 55 0 R]")
	want := []byte("/ID (node00000002)>> /ID (node00000001)>> /Names [(node00000001) 23 0 R (node00000002) 55 0 R]")
	if got := renumberNodeIDs(in); !bytes.Equal(got, want) {
		t.Errorf("renumberNodeIDs:\n got %s\nwant %s", got, want)
	}
}
