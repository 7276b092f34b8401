package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"curriculum/generator"
	"curriculum/generator/content"
	"curriculum/generator/diag"
	"curriculum/generator/site"
)

// Server serves the last good build of a content folder from memory, with live reload. Its
// zero value is not usable: make one with New, build it with Build, then Serve it.
type Server struct {
	source  string                   // the content folder, as New was given it
	display string                   // the content folder as diagnostics name it
	folders atomic.Pointer[[]string] // of the last build: the content folder and its bases

	building  sync.Mutex  // one build at a time
	collect   *time.Timer // of the collection of the garbage after the last build
	cache     generator.Cache
	state     atomic.Pointer[state]
	hub       hub
	closing   chan struct{} // closed by Close: every event stream ends
	closeOnce sync.Once
}

// state is what the server serves: swapped whole, never changed.
type state struct {
	site   *Site   // the last good build; nil before the first
	failed *report // the errors of the last build, when it failed; nil when it succeeded
}

// report is what a page is told of a build that failed, as the JSON of a build-error event.
type report struct {
	Errors []problem `json:"errors"`
	Note   string    `json:"note"` // what the reader sees meanwhile
}

// problem is one error of a build, for the panel over the page.
type problem struct {
	Where   string `json:"where"` // file:line:col, or "" for an error about no file
	Message string `json:"message"`
}

// Result says what a build did.
type Result struct {
	Duration time.Duration
	// Pages is the number of pages of the site, when the build succeeded.
	Pages int
	// Changed are the paths of the files that differ from the last good build (every file of
	// the first one), sorted; nil when the build failed.
	Changed []string
	// Errors are the errors of a build that failed, sorted by file and line; nil when it
	// succeeded. The last good build is still served.
	Errors diag.Errors
	// Warnings are the diagnostics that did not stop the build.
	Warnings []diag.Diagnostic
}

// ChangedPages is the number of HTML pages among r.Changed.
func (r Result) ChangedPages() int {
	n := 0
	for _, p := range r.Changed {
		if isPage(p) {
			n++
		}
	}
	return n
}

// New returns a Server of the content folder source, which it has not built yet.
func New(source string) (*Server, error) {
	if err := generator.CheckSource(source); err != nil {
		return nil, err
	}
	s := &Server{
		source:  source,
		display: strings.TrimSuffix(filepath.ToSlash(filepath.Clean(source)), "/"),
		closing: make(chan struct{}),
	}
	s.hub.clients = map[*client]struct{}{}
	if layers, err := content.Layers(source, s.display); err == nil {
		s.setFolders(layers) // a chain that does not read is the first build's error
	}
	s.state.Store(&state{})
	return s, nil
}

// Folders are the folders the last build read, or the next will: the content folder and, for
// an adaptation, its bases, each an absolute path. A Watcher should watch them all.
func (s *Server) Folders() []string {
	if f := s.folders.Load(); f != nil {
		return *f
	}
	return nil
}

func (s *Server) setFolders(layers []content.Layer) {
	folders := make([]string, len(layers))
	for i, l := range layers {
		folders[i] = l.Dir
	}
	s.folders.Store(&folders)
}

// Source is the content folder, as diagnostics name it.
func (s *Server) Source() string { return s.display }

// Build builds the site again in memory and serves it from then on, if it succeeded. Each open
// page is told what the build means for it: to reload when its bytes changed (every page, when
// a file that is not a page changed), or to show the errors of a build that failed, or to
// stop showing them. Builds never run at once.
func (s *Server) Build() Result {
	return s.BuildChanged(nil)
}

// BuildChanged is Build after the files at paths changed, were made or were removed, and no
// other file of the content folder: a Watcher's call says which. Of the files that neither
// were added nor removed, only those at paths are read again (and those of calls before whose
// build stopped at the settings); the others' sizes and times are not even looked at. nil
// paths are not known: Build looks at every file. An adaptation's files are all read again.
func (s *Server) BuildChanged(paths []string) Result {
	s.building.Lock()
	defer s.building.Unlock()
	start := time.Now()
	if s.collect != nil {
		s.collect.Stop() // a build after the last has begun: no longer idle
	}
	defer func() { s.collect = time.AfterFunc(settleGC, runtime.GC) }()
	var touched []string // nil: any file may have changed
	if paths != nil {
		touched = make([]string, 0, len(paths))
		for _, p := range paths {
			if rel, err := filepath.Rel(s.source, p); err == nil && filepath.IsLocal(rel) {
				touched = append(touched, filepath.ToSlash(rel))
			}
		}
	}
	s.cache.Touched(touched)
	prev := s.state.Load()
	files := make(map[string]file, prev.site.len()) // about as many as the last build's
	// The cache of the builds before: only the files that changed are read again, and only the
	// pages that show them rendered again.
	// The chain of bases is read again at every build: the settings may name another base.
	var rep generator.Report
	layers, err := content.Layers(s.source, s.display)
	if err == nil {
		s.setFolders(layers)
		// A render never changes the bytes it gave. The trainer's guide, written again place by
		// place, comes in pieces that share the last one's bytes, instead of a copy of 24 MB.
		opts := site.Options{EmitPieces: func(p string, pieces [][]byte) error {
			files[p] = file{pieces: pieces}
			return nil
		}}
		rep, err = generator.GenerateCached(content.NewOverlay(layers), s.display, opts, func(p string, data []byte) error {
			files[p] = file{data: data}
			return nil
		}, &s.cache)
	}
	res := Result{Warnings: rep.Warnings}
	var next *state
	if err != nil {
		res.Errors = asErrors(err)
		next = &state{site: prev.site, failed: newReport(res.Errors, prev.site != nil)}
	} else {
		built := newSite(files, prev.site)
		res.Pages = rep.Pages
		res.Changed = Changed(prev.site, built)
		next = &state{site: built}
	}
	s.state.Store(next)
	res.Duration = time.Since(start)
	s.hub.notify(next, prev.failed != nil)
	return res
}

// asErrors returns the diagnostics of a failed build; an error of another kind becomes one
// diagnostic without a place.
func asErrors(err error) diag.Errors {
	var errs diag.Errors
	if errors.As(err, &errs) && len(errs) > 0 {
		return errs
	}
	return diag.Errors{{Severity: diag.Error, Message: err.Error()}}
}

func newReport(errs diag.Errors, haveSite bool) *report {
	r := &report{Note: "The pages show the last good build until the errors are fixed, then reload by themselves."}
	if !haveSite {
		r.Note = "Fix them, and this page shows the site by itself."
	}
	for _, d := range errs {
		where := diag.Pos{File: d.File, Line: d.Line, Column: d.Column}.String()
		r.Errors = append(r.Errors, problem{Where: where, Message: d.Message})
	}
	return r
}

// ServeHTTP serves the last good build: the file at the request's path, the index.html of a
// folder, or the site's 404.html with status 404; every page with the live-reload script.
// Before the first good build, every page is a page listing the build's errors. Nothing is
// cached by the browser.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "curriculum serve only serves GET and HEAD requests", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case EventsPath:
		s.serveEvents(w, r)
		return
	case ScriptPath:
		write(w, r, http.StatusOK, "text/javascript; charset=utf-8", reloadJS)
		return
	case StylePath:
		write(w, r, http.StatusOK, "text/css; charset=utf-8", errorsCSS)
		return
	}
	st := s.state.Load()
	if st.site == nil {
		s.serveFallback(w, r, st)
		return
	}
	name, found, redirect := st.site.lookup(r.URL.Path)
	if redirect {
		// A folder's page is served at the folder's address with its slash, so that its
		// relative links resolve.
		target := "/" + strings.TrimSuffix(name, "index.html")
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusFound)
		return
	}
	data, ok := st.site.File(name)
	if !ok { // a theme without a 404.html
		http.NotFound(w, r)
		return
	}
	status := http.StatusOK
	if !found {
		status = http.StatusNotFound
	}
	if isPage(name) {
		if !found {
			data = notFoundPage(data, r.URL.Path)
		}
		data = Inject(data, st.site.version(r.URL.Path))
	}
	write(w, r, status, contentType(name, data), data)
}

// serveFallback answers while there is no good build: a page listing the errors, which
// reloads by itself when the site builds.
func (s *Server) serveFallback(w http.ResponseWriter, r *http.Request, st *state) {
	if ext := path.Ext(r.URL.Path); ext != "" && ext != ".html" {
		http.Error(w, "the site has not built: its errors are on every page", http.StatusServiceUnavailable)
		return
	}
	var page bytes.Buffer
	err := fallbackPage.Execute(&page, struct {
		Style, Script, Version string
		Report                 *report
	}{StylePath, ScriptPath, st.site.version(r.URL.Path), st.failed})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	write(w, r, http.StatusServiceUnavailable, "text/html; charset=utf-8", page.Bytes())
}

// write answers with data, whole.
func write(w http.ResponseWriter, r *http.Request, status int, contentType string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// contentType is the media type of the file name: from its extension, else from its bytes.
func contentType(name string, data []byte) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// Serve serves s on ln until ctx is done, then ends every event stream, lets the requests
// under way finish, and returns nil. It closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	s.Close() // Shutdown waits for every request, and an event stream never ends by itself
	stop, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := hs.Shutdown(stop); err != nil {
		hs.Close()
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Close ends every event stream, and those opened after, so that an http.Server serving s
// can shut down. Pages keep trying to reconnect, and reload if a server started again
// serves them otherwise.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.closing) })
}

// Listen listens for HTTP on bind:port, saying plainly when the port is taken.
func Listen(bind string, port int) (net.Listener, error) {
	addr := net.JoinHostPort(bind, strconv.Itoa(port))
	ln, err := net.Listen("tcp", addr)
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return nil, fmt.Errorf("cannot serve at %s: the port is in use, perhaps by another curriculum serve: stop it, or choose another port with --port", addr)
	case err != nil:
		return nil, fmt.Errorf("cannot serve at %s: %w", addr, err)
	}
	return ln, nil
}

// IsLoopback reports whether serving at bind reaches this machine only.
func IsLoopback(bind string) bool {
	if bind == "localhost" {
		return true
	}
	ip := net.ParseIP(bind)
	return ip != nil && ip.IsLoopback()
}

// settleGC is how long serve waits after a build, idle, before it collects the garbage of the
// builds so far: a build of a thousand modules makes 50 MB of it, with a 250 MB site held, and
// a collection that came due in the middle of the next build would delay the pages an author
// waits for. An author saves seconds apart; serve is idle meanwhile.
const settleGC = 50 * time.Millisecond
