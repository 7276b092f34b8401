package browsertest

import (
	"fmt"
	"strings"
	"testing"

	"curriculum/generator/browser"
)

// recorder is a testing.TB that records a skip or a failure instead of ending the test.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper()                          {}
func (r *recorder) Skipf(format string, args ...any) { r.skipped = fmt.Sprintf(format, args...) }
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
}

func TestMissing(t *testing.T) {
	notFound := fmt.Errorf("%w (looked for chromium): install it", browser.ErrNotFound)
	for _, tc := range []struct {
		required     bool
		skip, failed bool
	}{
		{required: false, skip: true},
		{required: true, failed: true},
	} {
		r := &recorder{TB: t}
		missing(r, notFound, tc.required)
		if got := r.skipped != ""; got != tc.skip {
			t.Errorf("required=%v: skipped = %q, want a skip: %v", tc.required, r.skipped, tc.skip)
		}
		if got := r.failed != ""; got != tc.failed {
			t.Errorf("required=%v: failed = %q, want a failure: %v", tc.required, r.failed, tc.failed)
		}
		if msg := r.skipped + r.failed; !strings.Contains(msg, "no Chromium found") || !strings.Contains(msg, "install it") {
			t.Errorf("required=%v: message %q does not pass on the error", tc.required, msg)
		}
	}
}

func TestRequired(t *testing.T) {
	for value, want := range map[string]bool{"true": true, "1": true, "": false, "false": false, "yes": false} {
		t.Setenv("CI", value)
		if got := Required(); got != want {
			t.Errorf("CI=%q: Required() = %v, want %v", value, got, want)
		}
	}
}

func TestStart(t *testing.T) {
	if b := Start(t); b == nil {
		t.Fatal("Start returned nil without ending the test")
	}
}
