package serve

import (
	"bytes"
	"maps"
	"slices"
	"testing"
)

// TestTell checks what each open page is told after a build: only the pages whose bytes
// changed reload, every page when a file that is not a page changed.
func TestTell(t *testing.T) {
	files := map[string][]byte{
		"404.html":             []byte("not found"),
		"modules/1/index.html": []byte("one"),
		"modules/2/index.html": []byte("two"),
		"css/style.css":        []byte("body{}"),
	}
	first := NewSite(maps.Clone(files), nil) // a Site keeps its map
	h := &hub{clients: map[*client]struct{}{}}
	one := h.join("/modules/1/", first.version("/modules/1/"))
	two := h.join("/modules/2/", first.version("/modules/2/"))
	missing := h.join("/modules/3/", first.version("/modules/3/"))
	stale := h.join("/modules/2/", "an old version")
	h.greet(one, &state{site: first})
	h.greet(stale, &state{site: first})
	expect(t, "greeting a page up to date", one)
	expect(t, "greeting a page that changed since it was loaded", stale, eventReload)

	files["modules/1/index.html"] = []byte("one, edited")
	edited := NewSite(maps.Clone(files), first)
	h.notify(&state{site: edited}, false)
	expect(t, "module 1 edited: module 1", one, eventReload)
	expect(t, "module 1 edited: module 2", two)
	expect(t, "module 1 edited: a missing page", missing)
	expect(t, "module 1 edited: module 2, reloaded", stale)

	failed := &state{site: edited, failed: newReport(asErrors(bytes.ErrTooLarge), true)}
	h.notify(failed, false)
	for _, c := range []*client{one, two, missing} {
		expect(t, "a failed build", c, eventError)
	}
	h.notify(&state{site: edited}, true)
	for _, c := range []*client{one, two, missing} {
		expect(t, "a build after a failed one, with no change", c, eventOK)
	}

	files["modules/3/index.html"] = []byte("three")
	added := NewSite(maps.Clone(files), edited)
	h.notify(&state{site: added}, false)
	expect(t, "module 3 added: module 3", missing, eventReload)
	expect(t, "module 3 added: module 1", one)

	files["css/style.css"] = []byte("body{color:red}")
	restyled := NewSite(maps.Clone(files), added)
	h.notify(&state{site: restyled}, false)
	for _, c := range []*client{one, two, missing} {
		expect(t, "the stylesheet changed", c, eventReload)
	}
}

// expect checks that c was told exactly the events named.
func expect(t *testing.T, when string, c *client, names ...string) {
	t.Helper()
	var got []string
	for len(c.events) > 0 {
		got = append(got, (<-c.events).name)
	}
	if !slices.Equal(got, names) {
		t.Errorf("%s: %s was told %q, want %q", when, c.page, got, names)
	}
}

func TestWriteEvent(t *testing.T) {
	for _, tc := range []struct {
		e    event
		want string
	}{
		{event{"reload", "/modules/1/"}, "event: reload\ndata: /modules/1/\n\n"},
		{event{"reload", ""}, "event: reload\ndata: \n\n"},
		{event{"reload", "a\nb\rc\r\nd"}, "event: reload\ndata: a\ndata: b\ndata: c\ndata: d\n\n"},
	} {
		var b bytes.Buffer
		writeEvent(&b, tc.e)
		if b.String() != tc.want {
			t.Errorf("writeEvent(%q) = %q, want %q", tc.e, b.String(), tc.want)
		}
	}
}
