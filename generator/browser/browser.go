// Package browser is the one place that drives headless Chromium, through chromedp: it finds
// the program ([Find]), runs one browser process ([Start]), prints built pages to PDF
// ([Browser.PDF]) and reads PDFs back ([ReadPDF]) so that a build or a test can check page
// counts, paper sizes and the words on each page.
//
// Tests that need a real browser start it with the browsertest subpackage, which skips them
// when no Chromium is installed, except on CI.
package browser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
)

// closeTimeout is how long Close waits for Chromium to quit before it kills it.
const closeTimeout = 5 * time.Second

// Browser is one headless Chromium process. Each operation opens a tab of its own and closes
// it when done, so a Browser can serve any number of operations, one after another or from
// several goroutines at once. Close it when done.
type Browser struct {
	// ctx is the chromedp context that owns the process; each operation's tab is a child of it.
	ctx    context.Context
	cancel func() // stops the process: the cancels of the browser and allocator contexts

	// profile is the temporary user-data directory, removed by Close.
	profile string

	closeOnce sync.Once
	closeErr  error
}

// Start runs the Chromium program at execPath (see [Find]) headless, with a fresh profile in a
// temporary directory, and waits until it answers. ctx bounds the start only: the process runs
// until [Browser.Close]. When Chromium cannot start, the error says so and includes what
// Chromium printed.
func Start(ctx context.Context, execPath string) (*Browser, error) {
	profile, err := os.MkdirTemp("", "curriculum-chromium-")
	if err != nil {
		return nil, fmt.Errorf("starting Chromium: making its temporary profile folder: %w", err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.UserDataDir(profile),
		chromedp.Headless,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-component-update", true),
		// Containers often have a tiny /dev/shm, and Chromium crashes when it fills up.
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	if os.Geteuid() == 0 {
		// Chromium refuses to run as root with its sandbox on, and CI runs as root. The pages
		// it opens are our own, built from the curriculum.
		opts = append(opts, chromedp.NoSandbox)
	}

	// The process must outlive ctx, so its contexts hang off a context that ctx's end does
	// not reach; ctx can still stop the start, below.
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.WithoutCancel(ctx), opts...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx,
		// chromedp logs protocol events it does not know; a newer Chromium than cdproto sends
		// some, and they mean nothing to a trainer.
		chromedp.WithLogf(func(string, ...any) {}),
		chromedp.WithErrorf(func(string, ...any) {}),
	)
	b := &Browser{
		ctx:     browserCtx,
		profile: profile,
		// Once only: each cancel func of chromedp waits for a token that a browser that never
		// started holds once, and ctx's end may call this while Start's error path does.
		cancel: sync.OnceFunc(func() {
			cancelBrowser()
			cancelAlloc() // waits for the process to exit
		}),
	}

	stop := context.AfterFunc(ctx, b.cancel)
	err = chromedp.Do(browserCtx) // starts the process and opens its first tab
	stop()
	if err != nil {
		// Not Close: chromedp.Cancel on a browser that never started waits forever.
		b.cancel()
		os.RemoveAll(profile)
		if ctx.Err() != nil {
			return nil, fmt.Errorf("starting Chromium (%s): %w", execPath, ctx.Err())
		}
		return nil, &startError{path: execPath, err: err}
	}
	return b, nil
}

// startError is a failure of Chromium to start. It prints on one line, with what Chromium
// printed, and how to try Chromium by hand.
type startError struct {
	path string
	err  error
}

func (e *startError) Error() string {
	try := fmt.Sprintf("%q --headless --dump-dom about:blank", e.path)
	if os.Geteuid() == 0 {
		try = fmt.Sprintf("%q --headless --no-sandbox --dump-dom about:blank", e.path)
	}
	return fmt.Sprintf("cannot start Chromium (%s): %s; check that it runs with: %s",
		e.path, strings.Join(strings.Fields(e.err.Error()), " "), try)
}

func (e *startError) Unwrap() error { return e.err }

// Close stops the browser process and removes its temporary profile. It is safe to call more
// than once; operations still running fail.
func (b *Browser) Close() error {
	b.closeOnce.Do(func() {
		// A graceful close lets Chromium finish writing its profile before we delete it; a
		// browser that hangs is killed after a while.
		ctx, cancel := context.WithTimeout(b.ctx, closeTimeout)
		err := chromedp.Cancel(ctx)
		cancel()
		if errors.Is(err, context.Canceled) {
			err = nil // the process had already stopped
		}
		b.cancel()
		if rmErr := os.RemoveAll(b.profile); rmErr != nil && err == nil {
			err = rmErr
		}
		if err != nil {
			b.closeErr = fmt.Errorf("closing Chromium: %w", err)
		}
	})
	return b.closeErr
}

// Tab opens a new tab in the browser and returns its chromedp context, which ends when ctx
// does, and the func that closes the tab: for a caller that drives the tab with chromedp.
func (b *Browser) Tab(ctx context.Context) (context.Context, context.CancelFunc) {
	tabCtx, closeTab := chromedp.NewContext(b.ctx)
	stop := context.AfterFunc(ctx, closeTab)
	return tabCtx, func() {
		stop()
		closeTab()
	}
}
