package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"path"
	"slices"
	"strings"
	"unsafe"
)

// Site is one build of the site, held in memory. It is never changed once made.
type Site struct {
	files map[string][]byte // by slash path in the site: "modules/1/index.html"
	sums  map[string][sha256.Size]byte
	// shared sums every file that is not a page: when it changes, every page may look
	// different.
	shared [sha256.Size]byte
}

// NewSite makes a Site of files, by their slash paths in the site. It keeps files; the caller
// must not change them afterwards. A file that holds the very bytes it held in prev (nil for
// none), as a build with a cache gives the files it did not render again, keeps its sum.
func NewSite(files map[string][]byte, prev *Site) *Site {
	s := &Site{files: files, sums: make(map[string][sha256.Size]byte, len(files))}
	shared := sha256.New()
	for _, p := range slices.Sorted(maps.Keys(files)) {
		sum, ok := prev.sameSum(p, files[p])
		if !ok {
			sum = sha256.Sum256(files[p])
		}
		s.sums[p] = sum
		if !isPage(p) {
			shared.Write([]byte(p))
			shared.Write(sum[:])
		}
	}
	shared.Sum(s.shared[:0])
	return s
}

// sameSum is the sum of the file at p when it holds the very bytes of data.
func (s *Site) sameSum(p string, data []byte) ([sha256.Size]byte, bool) {
	if s == nil {
		return [sha256.Size]byte{}, false
	}
	old, ok := s.files[p]
	if !ok || len(old) != len(data) || len(data) == 0 || unsafe.SliceData(old) != unsafe.SliceData(data) {
		return [sha256.Size]byte{}, false
	}
	return s.sums[p], true
}

// File returns the bytes of the file at p, a slash path in the site.
func (s *Site) File(p string) ([]byte, bool) {
	b, ok := s.files[p]
	return b, ok
}

// Changed returns, sorted, the paths of the files that differ between old and next: added,
// removed, or with other bytes. A nil old is a site without files.
func Changed(old, next *Site) []string {
	var changed []string
	if old == nil {
		old = &Site{}
	}
	for p, sum := range next.sums {
		if was, ok := old.sums[p]; !ok || was != sum {
			changed = append(changed, p)
		}
	}
	for p := range old.sums {
		if _, ok := next.sums[p]; !ok {
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
	sum := s.sums[name] // the zero sum when there is no 404.html either
	h := sha256.New()
	h.Write(sum[:])
	h.Write(s.shared[:])
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// isPage reports whether the file at p is an HTML page.
func isPage(p string) bool { return path.Ext(p) == ".html" }
