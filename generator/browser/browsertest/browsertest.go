// Package browsertest starts headless Chromium for tests that need a real browser: print
// layout, page counts, anything only a browser can tell.
//
// Such a test is skipped, with a message saying how to install Chromium, on a machine that has
// none, so that `go test ./...` passes on a laptop without a browser. On CI it fails instead,
// so that a missing browser cannot turn the browser tests into silent skips.
package browsertest

import (
	"os"
	"strconv"
	"testing"

	"curriculum/generator/browser"
)

// Start starts a headless Chromium for the test t and closes it when t and its subtests end.
// It finds the browser as [browser.Find] does with no flag (CHROME_PATH, then the PATH). When
// there is none, it skips t, or fails it when [Required] is true.
//
// Each call starts its own browser, which takes about a second; a test that prints several
// pages should call Start once and share the browser among its subtests, which may run in
// parallel.
func Start(t testing.TB) *browser.Browser {
	t.Helper()
	path, err := browser.Find("")
	if err != nil {
		missing(t, err, Required())
		return nil
	}
	b, err := browser.Start(t.Context(), path)
	if err != nil {
		// Chromium is there but broken: a skip would hide that, on CI or not.
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Error(err)
		}
	})
	return b
}

// Required reports whether the browser tests must run rather than skip: when the environment
// variable CI is true, as CI services set it.
func Required() bool {
	ci, _ := strconv.ParseBool(os.Getenv("CI"))
	return ci
}

// missing reports to t that no browser was found: a failure when the browser is required,
// else a skip.
func missing(t testing.TB, err error, required bool) {
	t.Helper()
	if required {
		t.Fatalf("%v (CI is true, so the browser tests must run: install Chromium in the CI setup)", err)
		return
	}
	t.Skipf("skipping: %v", err)
}
