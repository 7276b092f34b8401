package serve

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Site is one build of the site, held in memory. Its files are never changed once made.
type Site struct {
	files map[string]file // by slash path in the site: "modules/1/index.html"

	// The sums of the files, which make the versions of the pages, are taken when a version
	// is asked for, or kept from the build before for the files that did not change: the
	// guide of a curriculum of a thousand modules is 24 MB, which a rebuild need not read.
	mu     sync.Mutex
	sums   map[string][sha256.Size]byte
	shared *[sha256.Size]byte // sums every file that is not a page: when it changes, every page may look different

	// changed are the files that differ from those of the site it was made after, whose
	// generation is from, as NewSite found them: Changed need not compare the guide's
	// megabytes again. (A generation, not the site, which would keep every site before.)
	gen, from uint64
	changed   []string
}

// generations numbers the sites made.
var generations atomic.Uint64

// A file is the bytes of one file of the site, whole or in pieces.
type file struct {
	data   []byte
	pieces [][]byte // instead of data, for a page a build gave in pieces (see site.Options)
}

// bytes are the file's bytes, joined: a copy for a file in pieces.
func (f file) bytes() []byte {
	if f.pieces == nil {
		return f.data
	}
	return bytes.Join(f.pieces, nil)
}

func (f file) size() int {
	n := len(f.data)
	for _, p := range f.pieces {
		n += len(p)
	}
	return n
}

// equal reports whether f and g hold the same bytes.
func (f file) equal(g file) bool {
	if f.pieces == nil && g.pieces == nil {
		return len(f.data) == len(g.data) && (len(f.data) == 0 || unsafe.SliceData(f.data) == unsafe.SliceData(g.data) || bytes.Equal(f.data, g.data))
	}
	if f.size() != g.size() {
		return false
	}
	a, b := f.chunks(), g.chunks()
	for len(a) > 0 && len(b) > 0 {
		n := min(len(a[0]), len(b[0]))
		if unsafe.SliceData(a[0]) != unsafe.SliceData(b[0]) && !bytes.Equal(a[0][:n], b[0][:n]) {
			return false
		}
		if a[0] = a[0][n:]; len(a[0]) == 0 {
			a = a[1:]
		}
		if b[0] = b[0][n:]; len(b[0]) == 0 {
			b = b[1:]
		}
	}
	return true
}

// chunks are the file's bytes as pieces, in a slice of their own.
func (f file) chunks() [][]byte {
	if f.pieces == nil {
		return [][]byte{f.data}
	}
	return slices.Clone(f.pieces)
}

// NewSite makes a Site of files, by their slash paths in the site. It keeps files; the caller
// must not change them afterwards. A file that holds the bytes it held in prev (nil for none)
// keeps its sum: a build with a cache gives the very bytes of the files it did not render
// again.
func NewSite(files map[string][]byte, prev *Site) *Site {
	fs := make(map[string]file, len(files))
	for p, data := range files {
		fs[p] = file{data: data}
	}
	return newSite(fs, prev)
}

func newSite(files map[string]file, prev *Site) *Site {
	s := &Site{files: files, sums: make(map[string][sha256.Size]byte, len(files)), gen: generations.Add(1)}
	if prev == nil {
		return s
	}
	prev.mu.Lock()
	defer prev.mu.Unlock()
	sharedSame := prev.shared != nil
	s.from, s.changed = prev.gen, []string{}
	if prev.sums != nil {
		s.sums = maps.Clone(prev.sums) // less those of the files that changed, below
	}
	for p, data := range files {
		if !prev.same(p, data) {
			delete(s.sums, p)
			s.changed = append(s.changed, p)
			if !isPage(p) {
				sharedSame = false
			}
		}
	}
	for p := range prev.files {
		if _, ok := files[p]; !ok {
			delete(s.sums, p)
			s.changed = append(s.changed, p)
			if !isPage(p) {
				sharedSame = false
			}
		}
	}
	slices.Sort(s.changed)
	if sharedSame {
		s.shared = prev.shared
	}
	return s
}

// same reports whether the file at p holds the bytes of f: the very ones, or equal.
func (s *Site) same(p string, f file) bool {
	if s == nil {
		return false
	}
	old, ok := s.files[p]
	return ok && old.equal(f)
}

// sum is the SHA-256 of the file at p, or zero when there is none. The caller holds s.mu.
func (s *Site) sum(p string) [sha256.Size]byte {
	sum, ok := s.sums[p]
	if f, exists := s.files[p]; !ok && exists {
		h := sha256.New()
		h.Write(f.data)
		for _, piece := range f.pieces {
			h.Write(piece)
		}
		h.Sum(sum[:0])
		s.sums[p] = sum
	}
	return sum
}

// sharedSum sums every file that is not a page. The caller holds s.mu.
func (s *Site) sharedSum() [sha256.Size]byte {
	if s.shared == nil {
		h := sha256.New()
		for _, p := range slices.Sorted(maps.Keys(s.files)) {
			if !isPage(p) {
				sum := s.sum(p)
				h.Write([]byte(p))
				h.Write(sum[:])
			}
		}
		var shared [sha256.Size]byte
		h.Sum(shared[:0])
		s.shared = &shared
	}
	return *s.shared
}

// len is how many files s has; 0 for a nil s.
func (s *Site) len() int {
	if s == nil {
		return 0
	}
	return len(s.files)
}

// File returns the bytes of the file at p, a slash path in the site.
func (s *Site) File(p string) ([]byte, bool) {
	f, ok := s.files[p]
	return f.bytes(), ok
}

// Changed returns, sorted, the paths of the files that differ between old and next: added,
// removed, or with other bytes. A nil old is a site without files.
func Changed(old, next *Site) []string {
	if old != nil && next.from == old.gen {
		if len(next.changed) == 0 {
			return nil
		}
		return slices.Clone(next.changed)
	}
	var changed []string
	if old == nil {
		old = &Site{}
	}
	for p, data := range next.files {
		if !old.same(p, data) {
			changed = append(changed, p)
		}
	}
	for p := range old.files {
		if _, ok := next.files[p]; !ok {
			changed = append(changed, p)
		}
	}
	slices.Sort(changed)
	return changed
}

// notFound is the page served for a path the site does not have.
const notFound = "404.html"

// lookup finds the file an HTTP request path names: the file itself, or the index.html of a
// folder. A folder named without its trailing slash is to be redirected to it, so that the
// page's relative links resolve. A path the site does not have gives notFound and found false.
func (s *Site) lookup(urlPath string) (name string, found, redirect bool) {
	p := strings.TrimPrefix(path.Clean("/"+urlPath), "/")
	if p == "" || strings.HasSuffix(urlPath, "/") {
		name = path.Join(p, "index.html")
		if _, ok := s.files[name]; ok {
			return name, true, false
		}
		return notFound, false, false
	}
	if _, ok := s.files[p]; ok {
		return p, true, false
	}
	if _, ok := s.files[p+"/index.html"]; ok {
		return p + "/index.html", true, true
	}
	return notFound, false, false
}

// version identifies what a page at urlPath looks like in s: the bytes served for it, and
// every file that is not a page. Two builds give a page the same version exactly when it
// would look the same in both, so a page open in a browser is reloaded when its version
// changes and only then.
func (s *Site) version(urlPath string) string {
	if s == nil {
		return "none"
	}
	name, _, _ := s.lookup(urlPath)
	s.mu.Lock()
	sum := s.sum(name) // the zero sum when there is no 404.html either
	shared := s.sharedSum()
	s.mu.Unlock()
	h := sha256.New()
	h.Write(sum[:])
	h.Write(shared[:])
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// isPage reports whether the file at p is an HTML page.
func isPage(p string) bool { return path.Ext(p) == ".html" }
