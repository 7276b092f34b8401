package browser_test

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"curriculum/generator/browser"
	"curriculum/generator/browser/browsertest"
)

var update = flag.Bool("update", false, "rewrite testdata/handout.pdf from Chromium's print of handoutHTML")

// handoutHTML is a page laid out as the site's handouts are: a portrait first page, a named
// landscape page, a running footer in an @page margin box, and a skip link hidden in print.
const handoutHTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Handout 4.2: Giving feedback</title>
<style>
  @page {
    size: letter;
    margin: 0.75in;
    @bottom-center {
      content: "Handout 4.2 page " counter(page) " of " counter(pages);
      font: 9pt sans-serif;
    }
  }
  @page agenda { size: letter landscape; }
  .agenda { page: agenda; }
  h1 { background: #036; color: white; }
  @media print { .skip-link { display: none; } }
</style>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<main id="main">
  <section>
    <h1>Giving feedback</h1>
    <p>Feedback should be specific, timely and kind.</p>
  </section>
  <section class="agenda">
    <h2>Agenda for the afternoon</h2>
    <table>
      <tr><th>Time</th><th>Activity</th></tr>
      <tr><td>13:00</td><td>Role play in pairs</td></tr>
    </table>
  </section>
</main>
</body>
</html>
`

// noteHTML is a plain page with no @page rule: Letter, portrait, three pages long.
const noteHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Trainer notes</title>
<style>section { break-after: page; }</style></head>
<body><section>Note one</section><section>Note two</section><section>Note three</section></body>
</html>
`

// writePage writes html to a file in a folder whose name has a space, as a trainer's folder
// often has, and returns the file's URL.
func writePage(t *testing.T, name, html string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "Training Site")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	return browser.FileURL(path)
}

func printPDF(t *testing.T, b *browser.Browser, url string) *browser.PDFInfo {
	t.Helper()
	pdf, err := b.PDF(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	return readPDF(t, pdf)
}

// readPDF reads a PDF or fails the test.
func readPDF(t *testing.T, data []byte) *browser.PDFInfo {
	t.Helper()
	info, err := browser.ReadPDF(data)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// TestBrowser prints pages with one browser, as the pdf command does, and then closes it.
func TestBrowser(t *testing.T) {
	b := browsertest.Start(t)
	handout := writePage(t, "handout.html", handoutHTML)
	note := writePage(t, "note.html", noteHTML)

	t.Run("handout", func(t *testing.T) {
		pdf, err := b.PDF(t.Context(), handout)
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.WriteFile("testdata/handout.pdf", pdf, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		info, err := browser.ReadPDF(pdf)
		if err != nil {
			t.Fatal(err)
		}
		checkHandout(t, info)
	})

	t.Run("sequence", func(t *testing.T) {
		// A second page in the same browser, with no @page rule of its own.
		info := printPDF(t, b, note)
		if len(info.Pages) != 3 {
			t.Fatalf("got %d pages, want 3", len(info.Pages))
		}
		for i, p := range info.Pages {
			if p.Width != 612 || p.Height != 792 {
				t.Errorf("page %d is %g×%g, want Letter portrait 612×792", i+1, p.Width, p.Height)
			}
		}
		if got := info.Pages[2].Text; got != "Note three" {
			t.Errorf("page 3 text = %q, want %q", got, "Note three")
		}
	})

	t.Run("parallel", func(t *testing.T) {
		var wg sync.WaitGroup
		for _, url := range []string{handout, note} {
			wg.Go(func() {
				if _, err := b.PDF(t.Context(), url); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	})

	t.Run("missing page", func(t *testing.T) {
		missing := strings.TrimSuffix(note, "note.html") + "gone.html"
		_, err := b.PDF(t.Context(), missing)
		if err == nil || !strings.Contains(err.Error(), missing) || !strings.Contains(err.Error(), "ERR_FILE_NOT_FOUND") {
			t.Errorf("PDF of a missing file: error = %v; want one naming the file", err)
		}
	})

	t.Run("canceled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if _, err := b.PDF(ctx, handout); !errors.Is(err, context.Canceled) {
			t.Errorf("PDF with a canceled context: error = %v, want context.Canceled", err)
		}
	})

	// The browser still works after a canceled operation; then Close ends it.
	printPDF(t, b, note)
	profile := browser.Profile(b)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(profile); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after Close, the profile folder %s is still there (%v)", profile, err)
	}
	if err := b.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}
	if _, err := b.PDF(t.Context(), note); err == nil {
		t.Error("PDF after Close succeeded")
	}
}

// checkHandout checks the print of handoutHTML.
func checkHandout(t *testing.T, info *browser.PDFInfo) {
	t.Helper()
	if len(info.Pages) != 2 {
		t.Fatalf("got %d pages, want 2", len(info.Pages))
	}
	first, agenda := info.Pages[0], info.Pages[1]
	if first.Width != 612 || first.Height != 792 || first.Landscape() {
		t.Errorf("page 1 is %g×%g, want Letter portrait 612×792", first.Width, first.Height)
	}
	if agenda.Width != 792 || agenda.Height != 612 || !agenda.Landscape() {
		t.Errorf("page 2 (the named page) is %g×%g, want Letter landscape 792×612", agenda.Width, agenda.Height)
	}
	for i, want := range [][]string{
		{"Giving feedback", "Feedback should be specific, timely and kind.", "Handout 4.2 page 1 of 2"},
		{"Agenda for the afternoon", "Time Activity", "13:00 Role play in pairs", "Handout 4.2 page 2 of 2"},
	} {
		text := info.Pages[i].Text
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("page %d text does not contain %q:\n%s", i+1, w, text)
			}
		}
		if strings.Contains(text, "Skip to main content") {
			t.Errorf("page %d shows the skip link, which print hides:\n%s", i+1, text)
		}
	}
}

func TestStartFails(t *testing.T) {
	notChromium := filepath.Join(t.TempDir(), "not-chromium")
	if err := os.WriteFile(notChromium, []byte("#!/bin/sh\necho 'this is not a browser' >&2\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{notChromium, filepath.Join(t.TempDir(), "missing")} {
		b, err := browser.Start(t.Context(), path)
		if err == nil {
			b.Close()
			t.Fatalf("Start(%q) succeeded", path)
		}
		if !strings.Contains(err.Error(), "cannot start Chromium") || !strings.Contains(err.Error(), path) {
			t.Errorf("Start(%q) error = %v; want one saying Chromium cannot start and naming the path", path, err)
		}
	}
}
