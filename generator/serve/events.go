package serve

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// The events a page receives.
const (
	eventReload = "reload"      // data: the page's path; the page changed
	eventError  = "build-error" // data: a report as JSON; the last build failed
	eventOK     = "build-ok"    // a build succeeded after one that failed
)

// keepAlive is how often an idle event stream says it is alive, so that nothing between the
// browser and the server closes it.
const keepAlive = 30 * time.Second

type event struct{ name, data string }

// client is one open page listening to the events.
type client struct {
	page    string // the page's path, as the browser shows it: /modules/1/
	version string // the version of the page the browser shows; see Site.version
	events  chan event
}

// send queues e without waiting: a page too slow to take 16 events is behind anyway.
func (c *client) send(e event) {
	select {
	case c.events <- e:
	default:
	}
}

// hub knows the open pages.
type hub struct {
	mu      sync.Mutex
	clients map[*client]struct{}
}

func (h *hub) join(page, version string) *client {
	c := &client{page: page, version: version, events: make(chan event, 16)}
	h.mu.Lock()
	h.clients[c] = struct{}{}
	h.mu.Unlock()
	return c
}

func (h *hub) leave(c *client) {
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
}

// notify tells every open page what st means for it; recovered says the build before st
// failed.
func (h *hub) notify(st *state, recovered bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		tell(c, st, recovered)
	}
}

// greet tells a page that just connected what st means for it: a page that changed since the
// browser loaded it reloads at once, whether it changed while the page was loading or while
// the server was down.
func (h *hub) greet(c *client, st *state) {
	h.mu.Lock()
	defer h.mu.Unlock()
	tell(c, st, false)
}

// tell queues what st means for c. The caller holds h.mu: c.version changes here only, so
// that a page is told to reload once for each change.
func tell(c *client, st *state, recovered bool) {
	if v := st.site.version(c.page); v != c.version {
		c.version = v
		c.send(event{eventReload, c.page})
		return
	}
	switch {
	case st.failed != nil:
		data, _ := json.Marshal(st.failed) // strings only: it cannot fail
		c.send(event{eventError, string(data)})
	case recovered:
		c.send(event{eventOK, "ok"})
	}
}

// serveEvents streams the events of one page, until the page goes or the server closes.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page := q.Get("page")
	if p, err := url.PathUnescape(page); err == nil {
		page = p // location.pathname is escaped; a request's path is not
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no") // for a proxy in front: do not hold the events back
	rc := http.NewResponseController(w)

	c := s.hub.join(page, q.Get("v"))
	defer s.hub.leave(c)
	// After join: a build that swaps its site in from now on tells c itself.
	s.hub.greet(c, s.state.Load())

	w.WriteHeader(http.StatusOK)
	io.WriteString(w, "retry: 1000\n\n") // reconnect a second after the server went away
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.closing:
			return
		case e := <-c.events:
			writeEvent(w, e)
		case <-tick.C:
			io.WriteString(w, ": keep-alive\n\n")
		}
		if rc.Flush() != nil {
			return
		}
	}
}

// writeEvent writes e in the text/event-stream format, one data line for each of its lines.
func writeEvent(w io.Writer, e event) {
	var b strings.Builder
	b.WriteString("event: " + e.name + "\n")
	data := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(e.data)
	for _, line := range strings.Split(data, "\n") { // at least one: an event without data is not dispatched
		b.WriteString("data: " + line + "\n")
	}
	b.WriteString("\n")
	io.WriteString(w, b.String())
}
