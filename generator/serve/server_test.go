package serve

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
)

// minimalContent is a small valid curriculum: one module, one handout that is also a
// transparency, one page.
const minimalContent = `
-- curriculum.yaml --
title: Serve Curriculum
day:
  start: "9:00"
  agenda:
    - page: introduction
      minutes: 10
    - module: 1
      minutes: 50
-- introduction.md --
---
title: Introduction
---

Welcome.
-- modules/1.md --
---
title: One
competencies:
  - Know.
---

## Activity: First {minutes=50 serves="1"}

### Step: Begin

Refer participants to Handout 1.1 and place Transparency 1.1 on the overhead projector.
-- handouts/1.1.md --
---
title: Plan
transparency: true
---

Plan here.
`

// within is how soon after a save an open page must hear of it.
const within = time.Second

// liveServer is a Server with its Watcher, serving a content folder of the test's own on a
// free port, as curriculum serve does.
type liveServer struct {
	t    *testing.T
	url  string // http://127.0.0.1:PORT
	ctx  context.Context
	stop context.CancelFunc
}

// start writes the archive into content/ of a new folder, which becomes the working folder,
// builds it and serves it. firstOK says whether the first build must succeed.
func start(t *testing.T, archive string, firstOK bool) *liveServer {
	t.Helper()
	writeContent(t, archive)
	srv, err := New("content")
	if err != nil {
		t.Fatal(err)
	}
	if res := srv.Build(); (len(res.Errors) == 0) != firstOK {
		t.Fatalf("first build: errors %v", res.Errors)
	}
	w, err := Watch("content", func(files []string) { srv.BuildChanged(files) }, func(err error) { t.Errorf("watch: %v", err) })
	if err != nil {
		t.Fatal(err)
	}
	ln, err := Listen("127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(t.Context())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		stop()
		select {
		case err := <-served:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(3 * time.Second):
			t.Error("Serve did not return after its context was done, with event streams open")
		}
		w.Close()
	})
	return &liveServer{t: t, url: "http://" + ln.Addr().String(), ctx: ctx, stop: stop}
}

// writeFile writes content/name.
func writeFile(t *testing.T, name, text string) {
	t.Helper()
	p := filepath.Join("content", filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeContent writes the archive into content/ of a new folder, which becomes the working
// folder.
func writeContent(t *testing.T, archive string) {
	t.Helper()
	t.Chdir(t.TempDir())
	for _, f := range txtar.Parse([]byte(archive)).Files {
		writeFile(t, f.Name, string(f.Data))
	}
}

// edit replaces old with new in content/name, which must hold it.
func edit(t *testing.T, name, old, new string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("content", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not hold %q", name, old)
	}
	writeFile(t, name, strings.Replace(string(b), old, new, 1))
}

type response struct {
	status int
	header http.Header
	body   string
}

// get fetches path, not following redirects.
func (s *liveServer) get(path string) response {
	s.t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(s.url + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, string(b)}
}

var versionAttr = regexp.MustCompile(`<script src="/__curriculum/reload.js" data-version="([^"]+)"></script>\n</body>`)

// page fetches the page at path, which must be served with the live-reload script, and
// returns it and its version.
func (s *liveServer) page(path string, status int) (body, version string) {
	s.t.Helper()
	r := s.get(path)
	if r.status != status {
		s.t.Fatalf("GET %s: status %d, want %d", path, r.status, status)
	}
	if ct := r.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		s.t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	if cc := r.header.Get("Cache-Control"); cc != "no-store" {
		s.t.Errorf("GET %s: Cache-Control %q, want no-store", path, cc)
	}
	m := versionAttr.FindStringSubmatch(r.body)
	if m == nil {
		s.t.Fatalf("GET %s: no live-reload script before </body>:\n%s", path, r.body)
	}
	return r.body, m[1]
}

type sseEvent struct{ name, data string }

// stream is an open event stream, as a page's EventSource holds it.
type stream struct {
	page   string
	events chan sseEvent
}

// listen opens the event stream of the page at path, shown at version.
func (s *liveServer) listen(path, version string) *stream {
	s.t.Helper()
	u := s.url + EventsPath + "?page=" + url.QueryEscape(path) + "&v=" + url.QueryEscape(version)
	req, err := http.NewRequestWithContext(s.ctx, "GET", u, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(func() { resp.Body.Close() })
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		s.t.Fatalf("%s: Content-Type %q", EventsPath, ct)
	}
	st := &stream{page: path, events: make(chan sseEvent, 16)}
	go func() {
		defer close(st.events)
		sc := bufio.NewScanner(resp.Body)
		var e sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "" && e.name != "":
				st.events <- e
				e = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.data += strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return st
}

// next returns the next event of the stream, which must come within d.
func (st *stream) next(t *testing.T, d time.Duration) sseEvent {
	t.Helper()
	select {
	case e, ok := <-st.events:
		if !ok {
			t.Fatalf("%s: the event stream ended", st.page)
		}
		return e
	case <-time.After(d):
		t.Fatalf("%s: no event within %s", st.page, d)
	}
	return sseEvent{}
}

// TestServe edits, breaks and fixes a module while its page and another are open.
func TestServe(t *testing.T) {
	s := start(t, minimalContent, true)

	body, v1 := s.page("/modules/1/", http.StatusOK)
	if !strings.Contains(body, "Refer participants to") {
		t.Errorf("module 1 does not hold its text:\n%s", body)
	}
	_, handoutVersion := s.page("/handouts/1.1/", http.StatusOK)
	module := s.listen("/modules/1/", v1)
	handout := s.listen("/handouts/1.1/", handoutVersion)

	// An edit reloads the page it touches.
	edit(t, "modules/1.md", "### Step: Begin\n", "### Step: Begin\n\nGreet the participants warmly.\n")
	if e := module.next(t, within); e != (sseEvent{eventReload, "/modules/1/"}) {
		t.Fatalf("after an edit of module 1, its page was told %+v, want a reload", e)
	}
	body, v2 := s.page("/modules/1/", http.StatusOK)
	if !strings.Contains(body, "Greet the participants warmly.") {
		t.Errorf("module 1 does not show the edit:\n%s", body)
	}
	if v2 == v1 {
		t.Error("module 1 changed, and its version did not")
	}
	// The handout reloads only if the edit touched it too: only through a file every page
	// uses (a search index, say), since its own text did not change.
	if _, v := s.page("/handouts/1.1/", http.StatusOK); v != handoutVersion {
		if e := handout.next(t, within); e.name != eventReload {
			t.Fatalf("the handout page changed, and was told %+v, want a reload", e)
		}
	}

	// A mistake shows on every open page, and the last good pages are still served.
	edit(t, "modules/1.md", "title: One\n", "title: One\nduration: an hour\n")
	for _, st := range []*stream{module, handout} {
		e := st.next(t, within)
		if e.name != eventError || !strings.Contains(e.data, `"where":"content/modules/1.md:3:11"`) || !strings.Contains(e.data, "duration") {
			t.Fatalf("after a mistake in module 1, %s was told %+v, want its error", st.page, e)
		}
	}
	if body, v := s.page("/modules/1/", http.StatusOK); v != v2 || !strings.Contains(body, "Greet the participants warmly.") {
		t.Errorf("after a mistake, module 1 is not the last good page:\n%s", body)
	}
	// A page loaded while the build is broken hears of it at once.
	late := s.listen("/modules/1/", v2)
	if e := late.next(t, within); e.name != eventError {
		t.Errorf("a page opened after a failed build was told %+v, want the error", e)
	}

	// Fixed, the panel goes: the module's page is the same as before the mistake.
	edit(t, "modules/1.md", "duration: an hour\n", "")
	for _, st := range []*stream{module, handout, late} {
		if e := st.next(t, within); e.name != eventOK {
			t.Fatalf("after the fix, %s was told %+v, want build-ok", st.page, e)
		}
	}

	// A page loaded before a change it has not heard of (the server was down, say) reloads
	// as soon as it connects.
	stale := s.listen("/modules/1/", v1)
	if e := stale.next(t, within); e.name != eventReload {
		t.Errorf("a page of an older build was told %+v, want a reload", e)
	}
}

// TestServeFiles checks what each kind of address gives.
func TestServeFiles(t *testing.T) {
	s := start(t, minimalContent, true)
	for _, tc := range []struct {
		path, contentType string
		status            int
		holds             string
	}{
		{"/", "text/html; charset=utf-8", http.StatusOK, "<h1"},
		{"/modules/1/index.html", "text/html; charset=utf-8", http.StatusOK, "/__curriculum/reload.js"},
		{"/css/style.css", "text/css; charset=utf-8", http.StatusOK, "{"},
		{"/__curriculum/reload.js", "text/javascript; charset=utf-8", http.StatusOK, "EventSource"},
		{"/__curriculum/errors.css", "text/css; charset=utf-8", http.StatusOK, "#curriculum-serve-errors"},
		{"/modules/9/", "text/html; charset=utf-8", http.StatusNotFound, `<base href="/">`},
		{"/modules/9/", "text/html; charset=utf-8", http.StatusNotFound, `<a class="skip-link" href="/modules/9/#main">`},
		{"/no/such/page.html", "text/html; charset=utf-8", http.StatusNotFound, "/__curriculum/reload.js"},
	} {
		r := s.get(tc.path)
		if r.status != tc.status || r.header.Get("Content-Type") != tc.contentType || !strings.Contains(r.body, tc.holds) {
			t.Errorf("GET %s: %d %q, want %d %q holding %q", tc.path, r.status, r.header.Get("Content-Type"), tc.status, tc.contentType, tc.holds)
		}
		if r.header.Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s: Cache-Control %q, want no-store", tc.path, r.header.Get("Cache-Control"))
		}
	}
	notFound := s.get("/modules/9/")
	if !strings.Contains(notFound.body, "There is no page at this address") {
		t.Errorf("a missing page is not the site's 404.html:\n%s", notFound.body)
	}

	if r := s.get("/modules/1"); r.status != http.StatusFound || r.header.Get("Location") != "/modules/1/" {
		t.Errorf("GET /modules/1: %d to %q, want a redirect to /modules/1/", r.status, r.header.Get("Location"))
	}
	if r := s.get("//modules/1?x=1"); r.header.Get("Location") != "/modules/1/?x=1" {
		t.Errorf("GET //modules/1?x=1 redirects to %q, want /modules/1/?x=1", r.header.Get("Location"))
	}
	// The site is in memory: the working folder holds the content, and nothing else.
	if entries, err := os.ReadDir("."); err != nil || len(entries) != 1 {
		t.Errorf("serve wrote to disk: the working folder holds %v (%v)", entries, err)
	}
	resp, err := http.Post(s.url+"/", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %d, want 405", resp.StatusCode)
	}
}

// TestServeFirstBuildFails checks that serve starts on broken content, shows the errors on
// every page, and the site once it is fixed.
func TestServeFirstBuildFails(t *testing.T) {
	broken := strings.Replace(minimalContent, "title: One\n", "title: One\nduration: <b>an hour</b>\n", 1)
	s := start(t, broken, false)
	var version string
	for _, path := range []string{"/", "/anything", "/modules/1/"} {
		var body string
		body, version = s.page(path, http.StatusServiceUnavailable)
		for _, want := range []string{
			`role="alert"`,
			`<button type="button">Dismiss</button>`,
			"<code>content/modules/1.md:3:11</code> duration",
			"&lt;b&gt;an hour&lt;/b&gt;",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s does not hold %q:\n%s", path, want, body)
			}
		}
		if strings.Contains(body, "<b>") {
			t.Errorf("GET %s: a message's text became markup:\n%s", path, body)
		}
	}
	if r := s.get("/css/style.css"); r.status != http.StatusServiceUnavailable {
		t.Errorf("GET /css/style.css before any good build: %d, want 503", r.status)
	}

	// Fixed, the open page of errors reloads into the site.
	st := s.listen("/modules/1/", version)
	if e := st.next(t, within); e.name != eventError {
		t.Errorf("the page of errors was greeted with %+v, want the errors", e)
	}
	edit(t, "modules/1.md", "duration: <b>an hour</b>\n", "")
	if e := st.next(t, within); e.name != eventReload {
		t.Errorf("after the fix, the page of errors was told %+v, want a reload", e)
	}
	s.page("/modules/1/", http.StatusOK)
}

func TestIsLoopback(t *testing.T) {
	for bind, want := range map[string]bool{
		"127.0.0.1":    true,
		"127.0.0.2":    true,
		"localhost":    true,
		"::1":          true,
		"0.0.0.0":      false,
		"::":           false,
		"":             false, // every interface
		"192.168.1.20": false,
		"example.org":  false,
	} {
		if got := IsLoopback(bind); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", bind, got, want)
		}
	}
}
