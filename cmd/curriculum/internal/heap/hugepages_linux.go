//go:build linux

package heap

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// chunk is the size and alignment of what Go's page allocator maps of the heap at a time.
const chunk = 4 << 20

// probe is a heap object made at start: the chunk that holds it is the one the heap has been
// handing out small objects from, which the runtime and the packages initialised before this
// one have begun to touch.
var probe *[64]byte

// advised are the ranges of memory that hugePages asked Linux to back with huge pages, [lo, hi).
var advised [][2]uintptr

// hugePages asks Linux to back with huge pages the chunk small objects come from, and reserve
// bytes of heap laid out after it. The reserve is allocated, advised and collected: its pages
// stay mapped, untouched, for the allocator to hand out, and Linux backs each 2 MB of them with
// one page at their first touch. The small pages already touched in the first chunk are
// collapsed into huge pages. The collector must be off.
func hugePages() {
	if !madviseMode() || thpDisabled(os.Getenv("GODEBUG")) {
		return
	}
	probe = new([64]byte)
	first := uintptr(unsafe.Pointer(probe)) &^ (chunk - 1)
	r := make([]byte, reserve)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(r)))
	// The heap is mapped a chunk at a time, so the reserve's chunks are mapped whole.
	lo, hi := start&^(chunk-1), (start+reserve+chunk-1)&^(chunk-1)
	advised = [][2]uintptr{{first, first + chunk}, {lo, hi}}
	for _, a := range advised {
		madvise(a[0], a[1]-a[0], unix.MADV_HUGEPAGE)
	}
	// Linux 6.1 and later. Best effort: it fails (EINVAL) for the 2 MB not yet touched.
	madvise(first, chunk, unix.MADV_COLLAPSE)
	runtime.KeepAlive(r) // and no further: the collection frees it
	runtime.GC()
}

// madviseMode reports whether Linux backs memory with transparent huge pages only where a
// program asks for them. When it does so everywhere, or never, there is nothing to ask.
func madviseMode() bool {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && bytes.Contains(b, []byte("[madvise]"))
}

// thpDisabled reports whether a GODEBUG setting turns huge pages off, as Go's runtime reads it:
// settings apply left to right, and disablethp is on when its last value is a number other
// than 0.
func thpDisabled(godebug string) bool {
	off := false
	for _, kv := range strings.Split(godebug, ",") {
		if v, ok := strings.CutPrefix(kv, "disablethp="); ok {
			if n, err := strconv.ParseInt(v, 10, 32); err == nil {
				off = n != 0
			}
		}
	}
	return off
}

// madvise gives advice on n bytes of memory at addr. Advice is advice: an error (an old
// kernel, memory that a huge page cannot be made of) leaves the memory as it was.
func madvise(addr, n uintptr, advice int) {
	_, _, _ = unix.Syscall(unix.SYS_MADVISE, addr, n, uintptr(advice))
}
