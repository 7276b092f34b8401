package browser

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"
)

// PDF opens the page at url (usually a [FileURL] of a built page), waits until it and its web
// fonts have loaded, and prints it as Chromium's print dialog would with "Background graphics"
// on: on the paper size and margins of the page's CSS @page rules (Letter with 1 cm margins
// where it has none), with no header or footer of the browser's own, since the page's @page
// margin boxes draw its running headers and footers. It returns the bytes of the PDF file.
//
// The page has its own tab, closed on return. The call ends when ctx does, or after two
// minutes.
func (b *Browser) PDF(ctx context.Context, url string) ([]byte, error) {
	return b.print(ctx, url, "")
}

// pageTimeout bounds one print, so that a page that never finishes loading (one that waits for
// the network, say) gives an error rather than a build that hangs.
const pageTimeout = 2 * time.Minute

// print is PDF, running the script prepare on the page first when it is not empty. The page
// has its own tab, closed on return; the call ends when ctx does, or after pageTimeout.
func (b *Browser) print(ctx context.Context, url, prepare string) ([]byte, error) {
	ctx, cancel := context.WithTimeoutCause(ctx, pageTimeout,
		fmt.Errorf("%s took more than %v to load and print: check that the page loads nothing from the network", url, pageTimeout))
	defer cancel()
	tabCtx, closeTab := b.Tab(ctx)
	defer closeTab()

	if err := chromedp.Do(tabCtx, chromedp.Navigate(url)); err != nil {
		return nil, pageError(ctx, url, err)
	}
	// The load event can come before web fonts are ready, and a page printed then would be
	// laid out with fallback fonts.
	if _, err := chromedp.Run(tabCtx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return nil, pageError(ctx, url, err)
	}
	if prepare != "" {
		if _, err := chromedp.Run(tabCtx, chromedp.Evaluate[bool](prepare)); err != nil {
			return nil, fmt.Errorf("preparing %s for print: %w", url, contextError(ctx, err))
		}
	}
	pdf, err := chromedp.Run(tabCtx, chromedp.PrintToPDF(
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
		chromedp.PDFStream(), // a handout can be megabytes; do not send it as one message
	))
	if err != nil {
		return nil, fmt.Errorf("printing %s to PDF: %w", url, contextError(ctx, err))
	}
	return pdf, nil
}

// pageError explains why the page at url could not be opened.
func pageError(ctx context.Context, url string, err error) error {
	var load *chromedp.LoadError
	if errors.As(err, &load) {
		return fmt.Errorf("cannot open %s in Chromium (%s): check that the site was built and the file exists", url, load.ErrorText)
	}
	return fmt.Errorf("opening %s in Chromium: %w", url, contextError(ctx, err))
}

// contextError returns why ctx ended, when it has: the operation then failed because its tab
// was closed, and the error chromedp returns says only that.
func contextError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	return err
}

// FileURL returns the file:// URL of the file at path, which should be absolute (a relative
// path is made absolute from the working directory). Spaces and other characters that a URL
// cannot hold are escaped, so the URL opens the file whatever its name.
func FileURL(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	path = filepath.ToSlash(path)
	if filepath.VolumeName(path) != "" {
		path = "/" + path // C:/x becomes file:///C:/x
	}
	return (&url.URL{Scheme: "file", Path: path}).String()
}
