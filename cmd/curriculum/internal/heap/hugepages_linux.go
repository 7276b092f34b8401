//go:build linux

package heap

import (
	"bytes"
	"os"
	"runtime"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// chunk is the size and alignment of the heap's first mapping: Go's page allocator maps the
// heap 4 MB at a time, at addresses aligned to 4 MB.
const chunk = 4 << 20

// hugePages lays out the first reserve bytes of the heap and asks Linux to back them, and the
// heap's first chunk, with huge pages. The reserve is allocated, advised and collected: the
// pages stay mapped, untouched, for the allocator to hand out, and Linux backs each 2 MB of
// them with one page at its first touch. The first chunk, of which the runtime and the
// packages initialised before this one have touched a few hundred small pages, is collapsed
// into huge pages. It must run with the collector off.
func hugePages() {
	if !madviseMode() || strings.Contains(os.Getenv("GODEBUG"), "disablethp=1") {
		return
	}
	first := uintptr(unsafe.Pointer(new([64]byte))) &^ (chunk - 1)
	r := make([]byte, reserve)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(r)))
	madvise(first, chunk, unix.MADV_HUGEPAGE)
	madvise(start, reserve, unix.MADV_HUGEPAGE)
	madvise(first, chunk, unix.MADV_COLLAPSE) // Linux 6.1 and later; best effort
	runtime.KeepAlive(r) // and no further: the collection frees it
	runtime.GC()
}

// madviseMode reports whether Linux backs memory with transparent huge pages only where a
// program asks for them. When it does so everywhere, or never, there is nothing to ask.
func madviseMode() bool {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && bytes.Contains(b, []byte("[madvise]"))
}

// madvise gives advice on n bytes of memory at addr. Advice is advice: an error (an old
// kernel, memory that a huge page cannot be made of) leaves the memory as it was.
func madvise(addr, n uintptr, advice int) {
	_, _, _ = unix.Syscall(unix.SYS_MADVISE, addr, n, uintptr(advice))
}
