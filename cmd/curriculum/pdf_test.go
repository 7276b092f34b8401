package main

import (
	"testing"
	"time"
)

func TestPDFDate(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "86400")
	d, err := pdfDate()
	if err != nil || !d.Equal(time.Unix(86400, 0)) {
		t.Errorf("pdfDate() = %v, %v; want 1970-01-02", d, err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if _, err := pdfDate(); err == nil {
		t.Error("pdfDate() accepted SOURCE_DATE_EPOCH=yesterday")
	}
}
