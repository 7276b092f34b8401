// Package heap readies the Go heap for a command that reads, renders and exits within a
// fraction of a second, on a machine where every page of new memory is dear: in a virtual
// machine a page fault can cost 15–30 µs, and a build of the real curriculum spent a third of
// its 60 ms faulting in pages. Importing it, for its init, does two things.
//
//   - The first heap memory is backed by transparent huge pages where Linux gives them only
//     on request (the "madvise" mode, common on servers and virtual machines): one fault for
//     2 MB instead of 512 faults. Go's runtime has not asked for huge pages since Go 1.21.1.
//     GODEBUG=disablethp=1, Go's own switch for huge pages, turns this off.
//   - The collector waits until the process holds [Floor] bytes before its first cycle, and
//     then collects as GOGC=100 does: a small site is built without collecting at all, and a
//     catalogue's build keeps the usual pace, peak and memory. GOGC or GOMEMLIMIT in the
//     environment leave the collector as they say.
package heap

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
)

// Floor is how much memory the process may take before its first garbage collection.
const Floor = 48 << 20

// reserve is how much of the heap is laid out at start, and backed by huge pages where that is
// asked for: more than a build of a few modules allocates all told.
const reserve = 32 << 20

func init() {
	_, gogc := os.LookupEnv("GOGC")
	_, limit := os.LookupEnv("GOMEMLIMIT")
	percent := debug.SetGCPercent(-1) // no collection may start while the heap is laid out
	hugePages()
	if gogc || limit {
		debug.SetGCPercent(percent)
		return
	}
	debug.SetMemoryLimit(Floor)
	// The cleanup of an object nothing refers to runs after the first collection.
	runtime.AddCleanup(new([64]byte), func(int) {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	}, 0)
}
