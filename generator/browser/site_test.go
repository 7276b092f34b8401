package browser_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"curriculum/generator"
	"curriculum/generator/browser"
	"curriculum/generator/browser/browsertest"
	"curriculum/generator/site"
)

// realSite is the real curriculum built, with its PDFs, the way `curriculum pdf` builds it.
type realSite struct {
	dir     string
	report  generator.Report
	browser *browser.Browser
}

// buildRealSite builds ../../content into a temporary folder with one Chromium, which the
// subtests share.
func buildRealSite(t *testing.T) *realSite {
	start := time.Now()
	b := browsertest.Start(t)
	t.Logf("Chromium started in %s", time.Since(start))
	start = time.Now()
	defer func() { t.Logf("built and printed in %s", time.Since(start)) }()
	dir := filepath.Join(t.TempDir(), "public")
	report, err := generator.Build(generator.Options{
		Source:      "../../content",
		Destination: dir,
		Print: func(tmp string, packets []*site.Packet) error {
			return browser.PrintPackets(t.Context(), b, tmp, packets, browser.PrintOptions{})
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return &realSite{dir: dir, report: report, browser: b}
}

// url is the file:// address of a site path.
func (s *realSite) url(sitePath string) string {
	return browser.FileURL(filepath.Join(s.dir, filepath.FromSlash(sitePath)))
}

func (s *realSite) pdf(t *testing.T, name string) *browser.PDFInfo {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(s.dir, "pdf", name))
	if err != nil {
		t.Fatal(err)
	}
	return readPDF(t, data)
}

// pages lists the site paths of every HTML page of the built site.
func (s *realSite) pages(t *testing.T) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(s.dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// kinds is one page of every kind, for the checks that look at each kind once.
var kinds = []string{
	"index.html",
	"modules/1/index.html",
	"modules/4/index.html",
	"handouts/4.2/index.html",
	"handouts/index.html",
	"transparencies/4.3/index.html",
	"transparencies/index.html",
	"competencies/index.html",
	"schedule/index.html",
	"introduction/trainers/index.html",
	"further-reading/establishing-community-partnerships/index.html",
	"print/index.html",
	"print/handouts/index.html",
	"print/modules/4/index.html",
	"print/transparencies/index.html",
	"print/guide/index.html",
	"present/index.html",
	"checklist/index.html",
	"404.html",
}

// TestRealSiteInChromium opens the real curriculum's site and PDFs in Chromium.
func TestRealSiteInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the browser tests in -short mode")
	}
	s := buildRealSite(t)
	t.Run("TransparencySet", s.testTransparencySet)
	t.Run("HandoutPacket", s.testHandoutPacket)
	t.Run("GuidePacket", s.testGuidePacket)
	t.Run("NoChromeInPrint", s.testNoChromeInPrint)
	t.Run("Accessibility", s.testAccessibility)
	t.Run("LinksFromFile", s.testLinksFromFile)
	t.Run("PresentMode", s.testPresentMode)
	t.Run("Search", s.testSearch)
	t.Run("ChecklistOnOneSheet", s.testChecklist)
	t.Run("PDFsAreReproducible", s.testPDFsAreReproducible)
}

// The PDFs hold no link into the folder they were printed from, and printing the same site
// again, from another folder, gives the same bytes.
func (s *realSite) testPDFsAreReproducible(t *testing.T) {
	var again []*site.Packet
	for _, pk := range s.report.Packets {
		data, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(pk.PDF)))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte("file:")) {
			t.Errorf("%s links to a file:// address, which works only on the machine that printed it", pk.PDF)
		}
		if pk.Kind == "handouts" || pk.Kind == "transparencies" {
			again = append(again, pk)
		}
	}
	// s.dir is not the folder the build printed in: that one was renamed to s.dir.
	copyDir := filepath.Join(t.TempDir(), "copy")
	if err := os.CopyFS(copyDir, os.DirFS(s.dir)); err != nil {
		t.Fatal(err)
	}
	if err := browser.PrintPackets(t.Context(), s.browser, copyDir, again, browser.PrintOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, pk := range again {
		a, _ := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(pk.PDF)))
		b, _ := os.ReadFile(filepath.Join(copyDir, filepath.FromSlash(pk.PDF)))
		if !bytes.Equal(a, b) {
			t.Errorf("%s: printed twice, the PDFs differ", pk.PDF)
		}
	}
}

// The transparency set prints to exactly one landscape Letter sheet per transparency, and no
// transparency is cut off to fit it.
func (s *realSite) testTransparencySet(t *testing.T) {
	info := s.pdf(t, "transparencies.pdf")
	if got, want := len(info.Pages), s.report.Transparencies; got != want {
		t.Fatalf("transparencies.pdf has %d pages, want %d: one per transparency", got, want)
	}
	for i, p := range info.Pages {
		if p.Width != 792 || p.Height != 612 {
			t.Errorf("page %d is %gx%g points, want US Letter landscape 792x612", i+1, p.Width, p.Height)
		}
		if strings.Contains(p.Text, "page ") {
			t.Errorf("page %d has a footer; a transparency has nothing but itself:\n%s", i+1, p.Text)
		}
	}
	ctx := s.tab(t)
	// The content box of a landscape Letter sheet with half-inch margins, in CSS pixels.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(960, 720)); err != nil {
		t.Fatal(err)
	}
	clipped, err := evalAt[[]string](ctx, s.url("print/transparencies/index.html"), "print", `[...document.querySelectorAll(".transparency")]
		.filter(t => t.scrollHeight > t.clientHeight + 1 || t.scrollWidth > t.clientWidth + 1)
		.map(t => t.querySelector("h1").textContent)`)
	if err != nil {
		t.Fatal(err)
	}
	if len(clipped) > 0 {
		t.Errorf("these transparencies do not fit on their sheet and are cut off: %q", clipped)
	}
}

var pageOf = regexp.MustCompile(`page (\d+) of (\d+)`)

// The handout packet: a cover sheet, then each handout from the top of a new portrait page,
// every page with the footer.
func (s *realSite) testHandoutPacket(t *testing.T) {
	info := s.pdf(t, "handouts.pdf")
	if len(info.Pages) < 1+s.report.Handouts {
		t.Fatalf("handouts.pdf has %d pages, want a cover and at least one per handout (%d)", len(info.Pages), s.report.Handouts)
	}
	if !strings.Contains(info.Pages[0].Text, "what to copy") || !strings.Contains(info.Pages[0].Text, "20 participants") {
		t.Errorf("page 1 is not the cover sheet saying how many copies a session of 20 needs:\n%s", info.Pages[0].Text)
	}
	handoutRe := regexp.MustCompile(`Handout (\d+\.\d+)`)
	var order []string // the handout of each page after the cover
	for i, p := range info.Pages {
		if p.Width != 612 || p.Height != 792 {
			t.Errorf("page %d is %gx%g points, want US Letter portrait 612x792", i+1, p.Width, p.Height)
		}
		m := pageOf.FindStringSubmatch(p.Text)
		if m == nil || m[1] != fmt.Sprint(i+1) || m[2] != fmt.Sprint(len(info.Pages)) {
			t.Errorf("page %d's footer does not say \"page %d of %d\":\n%s", i+1, i+1, len(info.Pages), p.Text)
		}
		if !strings.Contains(p.Text, "Community Partnerships & Linkages") {
			t.Errorf("page %d's footer lacks the curriculum's short title:\n%s", i+1, p.Text)
		}
		if i == 0 {
			continue
		}
		// The footer names the handout; the kicker at the top names it too, in capitals.
		var footer []string
		for _, line := range strings.Split(p.Text, "\n") {
			if m := handoutRe.FindStringSubmatch(line); m != nil && strings.Contains(line, "page ") {
				footer = append(footer, m[1])
			}
		}
		if len(footer) != 1 {
			t.Errorf("page %d's footer names %d handouts, want 1:\n%s", i+1, len(footer), p.Text)
			continue
		}
		order = append(order, footer[0])
		if len(order) == 1 || order[len(order)-2] != footer[0] {
			if !strings.HasPrefix(p.Text, "HANDOUT "+footer[0]) {
				t.Errorf("Handout %s does not start at the top of page %d:\n%s", footer[0], i+1, p.Text)
			}
		}
	}
	got := slices.Compact(slices.Clone(order))
	var want []string
	entries, _ := os.ReadDir(filepath.Join(s.dir, "handouts"))
	for _, e := range entries {
		if e.IsDir() {
			want = append(want, e.Name())
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("handouts in the packet, page by page: %v; want each of %v once, in order", order, want)
	}
}

// The trainer's guide: portrait, footed, every module from a new page.
func (s *realSite) testGuidePacket(t *testing.T) {
	info := s.pdf(t, "guide.pdf")
	starts := 0
	for i, p := range info.Pages {
		if p.Width != 612 || p.Height != 792 {
			t.Errorf("page %d is %gx%g points, want US Letter portrait", i+1, p.Width, p.Height)
		}
		if !pageOf.MatchString(p.Text) {
			t.Errorf("page %d has no page number", i+1)
		}
		if strings.HasPrefix(p.Text, "MODULE ") {
			starts++
		}
	}
	if len(info.Pages) < 2 || !strings.HasPrefix(info.Pages[1].Text, "Introduction to the Curriculum for the") {
		t.Errorf("the guide's title sheet does not fit on page 1: page 2 does not start with the trainers' introduction")
	}
	if starts != s.report.Modules {
		t.Errorf("%d pages of the guide start with a module, want %d", starts, s.report.Modules)
	}
}

// chromeSelector matches the screen chrome that must not print.
const chromeSelector = `.skip-link, .site-header, .sidebar, nav, .site-footer, button, .prints, .used-in, .present-bar, .print-actions`

// No navigation, buttons or other screen chrome prints, on any kind of page.
func (s *realSite) testNoChromeInPrint(t *testing.T) {
	ctx := s.tab(t)
	for _, p := range kinds {
		printed, err := evalAt[[]string](ctx, s.url(p), "print", `[...document.querySelectorAll(`+"`"+chromeSelector+"`"+`)]
			.filter(e => e.getClientRects().length > 0)
			.map(e => e.outerHTML.slice(0, 80))`)
		if err != nil {
			t.Fatal(err)
		}
		if len(printed) > 0 {
			t.Errorf("%s prints screen chrome: %q", p, printed)
		}
	}
	for _, name := range []string{"guide.pdf", "handouts.pdf", "transparencies.pdf", "modules-4.pdf"} {
		for i, p := range s.pdf(t, name).Pages {
			for _, chrome := range []string{"Skip to main content", "Print this packet", "Download the PDF", "Print and Present", "Print:"} {
				if strings.Contains(p.Text, chrome) {
					t.Errorf("%s page %d prints %q", name, i+1, chrome)
				}
			}
		}
	}
}

// axe-core finds no WCAG 2.1 A or AA violation on a page of any kind.
func (s *realSite) testAccessibility(t *testing.T) {
	axe := axeSource(t)
	ctx := s.tab(t)
	type violation struct {
		ID, Help string
		Nodes    []struct{ Target []any }
	}
	for _, p := range kinds {
		if _, err := evalAt[bool](ctx, s.url(p), "screen", axe+";true"); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r => r.violations)`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, v := range vs {
			var where []string
			for _, n := range v.Nodes {
				where = append(where, fmt.Sprint(n.Target...))
			}
			t.Errorf("%s: %s (%s) at %s", p, v.ID, v.Help, strings.Join(where, ", "))
		}
	}
}

// axeSource reads axe.min.js: $AXE_CORE, else node_modules/axe-core in the repository. Without
// it the test skips, or fails under CI.
func axeSource(t *testing.T) string {
	t.Helper()
	candidates := []string{os.Getenv("AXE_CORE"), "../../node_modules/axe-core/axe.min.js"}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if b, err := os.ReadFile(c); err == nil {
			return string(b)
		}
	}
	msg := "axe-core not found: run `npm install --no-save axe-core` in the repository, or set AXE_CORE to its axe.min.js"
	if browsertest.Required() {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Every page opens from file:// with no console error and no request that leaves the
// machine, and every link between pages reaches a file and an id that exist.
func (s *realSite) testLinksFromFile(t *testing.T) {
	ctx := s.tab(t)
	var mu sync.Mutex
	var requests, failures, console []string
	err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			requests = append(requests, ev.Request.URL)
		case *network.EventLoadingFailed:
			failures = append(failures, ev.ErrorText)
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			console = append(console, msg)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				console = append(console, string(ev.Type))
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				console = append(console, ev.Entry.Text)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	type pageLinks struct {
		IDs   []string
		Links []string
	}
	ids := map[string][]string{} // file URL → ids
	links := map[string][]string{}
	for _, p := range s.pages(t) {
		got, err := evalAt[pageLinks](ctx, s.url(p), "screen", `({
			ids: [...document.querySelectorAll("[id]")].map(e => e.id),
			links: [...document.querySelectorAll("a[href], link[href], script[src], img[src]")].map(e => e.href || e.src)
		})`)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		ids[s.url(p)] = got.IDs
		links[p] = got.Links
		mu.Lock()
		for _, r := range requests {
			if u, err := url.Parse(r); err != nil || (u.Scheme != "file" && u.Scheme != "data") {
				t.Errorf("%s requests %s, which leaves the machine", p, r)
			}
		}
		for _, f := range failures {
			t.Errorf("%s: a file failed to load: %s", p, f)
		}
		for _, c := range console {
			t.Errorf("%s: console: %s", p, c)
		}
		requests, failures, console = nil, nil, nil
		mu.Unlock()
	}
	checked := 0
	for p, ls := range links {
		for _, l := range ls {
			u, err := url.Parse(l)
			if err != nil || u.Scheme != "file" {
				continue
			}
			frag := u.Fragment
			u.Fragment = ""
			target := u.String()
			if _, err := os.Stat(u.Path); err != nil {
				t.Errorf("%s links to %s, which does not exist", p, l)
				continue
			}
			if frag != "" && strings.HasSuffix(u.Path, ".html") && !slices.Contains(ids[target], frag) {
				t.Errorf("%s links to %s, whose page has no id %q", p, l, frag)
			}
			checked++
		}
	}
	if checked < 500 {
		t.Errorf("checked only %d links; the walk missed pages", checked)
	}
}

// Present mode shows one transparency at a time and answers the keys a trainer and a
// presentation clicker send.
func (s *realSite) testPresentMode(t *testing.T) {
	ctx := s.tab(t)
	state := func() (st struct {
		Presenting, Notes bool
		Counter           string
		Visible           []string
		NotesText         string
	}) {
		st, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
			Presenting, Notes bool
			Counter           string
			Visible           []string
			NotesText         string
		}](`({
			presenting: document.documentElement.classList.contains("presenting"),
			notes: [...document.querySelectorAll(".notes")].some(n => n.getClientRects().length > 0),
			counter: document.querySelector(".present-counter").textContent,
			visible: [...document.querySelectorAll(".present-slide")].filter(e => e.getClientRects().length > 0).map(e => e.id),
			notesText: [...document.querySelectorAll(".present-slide")].filter(e => !e.hidden).map(e => (e.querySelector(".notes") || {}).innerText || "").join(" ")
		})`))
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url("present/index.html")+"#transparencies-4-2")); err != nil {
		t.Fatal(err)
	}
	n := s.report.Transparencies
	steps := []struct {
		key, counter string
	}{
		{"", fmt.Sprintf("Transparency 4.2: 2 of %d", n)},
		{kb.End, fmt.Sprintf("Transparency 4.%d: %d of %d", n, n, n)},
		{kb.Home, fmt.Sprintf("Transparency 4.1: 1 of %d", n)},
		{kb.PageDown, fmt.Sprintf("Transparency 4.2: 2 of %d", n)},
		{kb.PageUp, fmt.Sprintf("Transparency 4.1: 1 of %d", n)},
		{kb.PageUp, fmt.Sprintf("Transparency 4.1: 1 of %d", n)}, // stays on the first
		{kb.ArrowRight, fmt.Sprintf("Transparency 4.2: 2 of %d", n)},
		{kb.ArrowLeft, fmt.Sprintf("Transparency 4.1: 1 of %d", n)},
	}
	for _, st := range steps {
		if st.key != "" {
			if err := chromedp.Do(ctx, chromedp.KeyEvent(st.key)); err != nil {
				t.Fatal(err)
			}
		}
		got := state()
		if !got.Presenting || got.Counter != st.counter || len(got.Visible) != 1 {
			t.Errorf("after %q: presenting %v, counter %q, visible %v; want one slide and %q", st.key, got.Presenting, got.Counter, got.Visible, st.counter)
		}
	}
	if state().Notes {
		t.Error("the notes show before N is pressed")
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent("n")); err != nil {
		t.Fatal(err)
	}
	got := state()
	if !got.Notes || !strings.Contains(got.NotesText, "Module 4, Activity 1") {
		t.Errorf("after N, the notes show %v, with %q; want the script of the step that uses Transparency 4.1", got.Notes, got.NotesText)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	got = state()
	if got.Presenting || len(got.Visible) != n {
		t.Errorf("after Esc: presenting %v, %d slides visible; want the list of all %d", got.Presenting, len(got.Visible), n)
	}
}

// tab opens a tab of the shared browser for one subtest.
func (s *realSite) tab(t *testing.T) context.Context {
	ctx, cancel := s.browser.Tab(t.Context())
	t.Cleanup(cancel)
	return ctx
}

// evalAt opens the page at u for a medium, "screen" or "print" (as the print dialog lays it
// out), and evaluates expr there.
func evalAt[T any](ctx context.Context, u, media, expr string) (T, error) {
	var zero T
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
		return zero, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		return zero, fmt.Errorf("opening %s: %w", u, err)
	}
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr))
}

// Search works from file://: typing a word of an objective finds it, the arrow key reaches the
// result, and following it lands on the objective's own place.
func (s *realSite) testSearch(t *testing.T) {
	ctx := s.tab(t)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(s.url("handouts/4.2/index.html")),
		chromedp.Click("#search-input"),
		chromedp.SendKeys("#search-input", "ecomap"),
	); err != nil {
		t.Fatal(err)
	}
	type result struct {
		Status string
		Links  []string
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[result](`({
		status: document.querySelector(".search-status").textContent,
		links: [...document.querySelectorAll(".search-results a")].map(a => a.getAttribute("href") + " " + a.textContent)
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Links) == 0 || !strings.HasPrefix(got.Links[0], "../../modules/1/index.html#module-1-objective-2-2 Participants can develop an ecomap") {
		t.Fatalf("searching for ecomap: %q, %q; want Module 1's objective 2.2 first", got.Status, got.Links)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.getAttribute("href")`))
	if err != nil || focused != "../../modules/1/index.html#module-1-objective-2-2" {
		t.Fatalf("after the down arrow the focus is on %q (%v); want the first result", focused, err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	at, err := chromedp.Run(ctx, chromedp.Evaluate[string](`new Promise(resolve => {
		const where = () => resolve(location.pathname.split("/").slice(-3).join("/") + location.hash + " " + (document.getElementById(location.hash.slice(1)) !== null));
		if (document.readyState === "complete") where(); else addEventListener("load", where);
	})`, chromedp.EvalAwaitPromise))
	if err != nil || at != "modules/1/index.html#module-1-objective-2-2 true" {
		t.Errorf("following the result led to %q (%v)", at, err)
	}
}

// The trainer's checklist prints on one sheet.
func (s *realSite) testChecklist(t *testing.T) {
	data, err := s.browser.PDF(t.Context(), s.url("checklist/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	info := readPDF(t, data)
	if len(info.Pages) != 1 {
		t.Errorf("the checklist prints on %d pages, want 1", len(info.Pages))
	}
	if p := info.Pages[0]; !strings.Contains(p.Text, "Handouts to copy") || !strings.Contains(p.Text, "Flip Chart (for trainer) 1") {
		t.Errorf("the checklist's sheet lacks its handouts or materials:\n%s", p.Text)
	}
}
