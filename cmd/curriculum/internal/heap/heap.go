// Package heap readies the Go heap for a command that reads, renders and exits within a
// fraction of a second, on a machine where every page of new memory is dear: in a virtual
// machine a page fault can cost 15–30 µs, and a build of the real curriculum spent a third of
// its 60 ms faulting in pages. Importing it, for its init, does two things.
//
//   - The heap's first memory is backed by transparent huge pages where Linux gives them only
//     on request (the "madvise" mode, common on servers and virtual machines): one fault for
//     2 MB instead of 512 faults. Go's runtime has not asked for huge pages for the heap since
//     Go 1.21.1 (it still does for its own metadata once a heap's goal passes 1 GB).
//     GODEBUG=disablethp=1, Go's own switch for huge pages, turns this off.
//   - The collector waits until the process's memory reaches [Floor] before its first cycle,
//     and then collects as GOGC=100 does, within a memory limit of [Cap] while the live heap
//     leaves it room: a small site is built without collecting at all, and a catalogue's build
//     stays under 100 MB where GOGC=100 alone would let it reach 110–125 MB. The limit always
//     leaves the heap a quarter of what is live to grow by, and more once the live heap is past
//     two thirds of the cap, until at the cap it leaves as much as GOGC=100 does ([limit]): a
//     catalogue too big for the cap is collected as GOGC=100 collects it, never continually. GOGC or
//     GOMEMLIMIT in the environment leave the collector as they say.
package heap

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// Floor is the memory limit the collector keeps to until its first cycle: the process's memory
// (the heap, with the runtime's own) may reach it before anything is collected.
const Floor = 48 << 20

// reserve is how much of the heap is laid out at start, and backed by huge pages where that is
// asked for: more than a build of a few modules allocates all told.
const reserve = 32 << 20

// Cap is the memory the collector keeps the process's memory under, past the floor, while the
// live heap leaves it room: with the program's own pages, a process of under 100 MB.
const Cap = 80 << 20

func init() {
	_, gogc := os.LookupEnv("GOGC")
	_, limit := os.LookupEnv("GOMEMLIMIT")
	// While the heap is laid out the collector starts no cycle of its own, and the cycle
	// hugePages runs aims at no more than the floor: a goal past 1 GB would have the runtime
	// back its own metadata with huge pages for good.
	percent := debug.SetGCPercent(-1)
	was := debug.SetMemoryLimit(min(Floor, debug.SetMemoryLimit(-1)))
	hugePages()
	if gogc || limit {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(was)
		return
	}
	// The cleanup of an object nothing refers to runs after the first collection.
	runtime.AddCleanup(new([64]byte), func(int) {
		debug.SetGCPercent(100)
		pace()
	}, 0)
}

// pace sets the memory limit from what the last collection found live, and again after each
// collection.
func pace() {
	// What counts towards the limit besides the heap's objects: the runtime's own memory
	// (stacks, the collector's metadata), and the room in the heap's spans that no object
	// fills (free spans are reused, and count as room).
	s := []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
	}
	metrics.Read(s)
	var v [6]uint64
	for i := range s {
		if s[i].Value.Kind() == metrics.KindUint64 {
			v[i] = s[i].Value.Uint64()
		}
	}
	runtimeOwn := int64(v[1]) - int64(v[2]) - int64(v[3]) - int64(v[4]) - int64(v[5])
	debug.SetMemoryLimit(limit(int64(v[0]), max(runtimeOwn, 0)+int64(v[4])))
	runtime.AddCleanup(new([64]byte), func(int) { pace() }, 0)
}

// limit is the memory limit for a live heap of live bytes and other bytes besides: [Cap],
// unless that would leave the heap less room to grow by before a collection than a quarter of
// live, or than three times live less twice the cap: GOGC=100's room, live, once live
// reaches the cap.
func limit(live, other int64) int64 {
	if live > math.MaxInt64/4 || other > math.MaxInt64/4 {
		return math.MaxInt64
	}
	return max(Cap, other+live+max(live/4, 3*live-2*Cap))
}
