package heap

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"
)

// collector reads the collector's settings: GOGC, and the memory limit.
func collector() (percent, limit int64) {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64()), int64(s[1].Value.Uint64())
}

// TestMain, run again by TestEnvironment as a program of its own, prints the settings its
// environment left.
func TestMain(m *testing.M) {
	if os.Getenv("HEAP_TEST_PRINT") != "" {
		fmt.Println(collector())
		return
	}
	os.Exit(m.Run())
}

// TestFloor checks that a collection ends the floor: the collector then paces itself as
// GOGC=100 does, within the memory limit pace sets.
func TestFloor(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT is set; TestEnvironment checks that they are left alone")
	}
	runtime.GC()
	waitFor(t, "GOGC 100 and a memory limit of at least Cap", func(percent, limit int64) bool {
		return percent == 100 && limit >= Cap && limit < math.MaxInt64
	})
}

// TestPaceFollowsTheLiveHeap: with more live than Cap leaves room for, the limit rises above
// it, so that the collector does not run continually; and it comes down again once the heap
// is let go.
func TestPaceFollowsTheLiveHeap(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT is set")
	}
	live := make([]byte, 96<<20)
	for i := range live {
		live[i] = byte(i)
	}
	runtime.GC()
	waitFor(t, "a limit of at least twice the live heap", func(percent, limit int64) bool {
		return limit >= 2*int64(len(live))
	})
	// Allocating twice the live heap in garbage takes a collection every 128 MB at most (the
	// room of 3×96 − 2×80 MB): two, and a few more as the limit settles; a limit that did not
	// follow the live heap would have the collector run continually, hundreds of times.
	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)
	before := stats.NumGC
	for range 2 * len(live) / (64 << 10) {
		sink = make([]byte, 64<<10)
	}
	runtime.ReadMemStats(&stats)
	t.Logf("%d collections", stats.NumGC-before)
	if n := stats.NumGC - before; n > 6 {
		t.Errorf("%d collections while allocating twice the live heap; want at most 6", n)
	}
	runtime.KeepAlive(live)
	live = nil
	runtime.GC()
	waitFor(t, "the limit back to Cap", func(percent, limit int64) bool { return limit == Cap })
}

var sink []byte

// waitFor collects until the collector's settings are as ok wants: the limit is set after a
// collection, by a cleanup that runs soon after.
func waitFor(t *testing.T, want string, ok func(percent, limit int64) bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		percent, limit := collector()
		if ok(percent, limit) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("GOGC %d, memory limit %d; want %s", percent, limit, want)
		}
		runtime.GC()
	}
}

func TestLimit(t *testing.T) {
	for _, tc := range []struct{ live, own, want int64 }{
		{0, 0, Cap},
		{40 << 20, 25 << 20, Cap}, // 75 MB: the cap has room
		{48 << 20, 25 << 20, 25<<20 + 48<<20 + 12<<20}, // a quarter of 48 MB
		{60 << 20, 25 << 20, 25<<20 + 60<<20 + 20<<20}, // a room of 20 MB, as 3×60 − 2×80
		{80 << 20, 25 << 20, 25<<20 + 160<<20},         // at the cap, GOGC=100's room
		{1 << 30, 64 << 20, 64<<20 + 4<<30 - 2*Cap},    // a big catalogue: more than GOGC=100
		{math.MaxInt64, 0, math.MaxInt64},              // no overflow
		{0, math.MaxInt64, math.MaxInt64},
	} {
		if got := limit(tc.live, tc.own); got != tc.want {
			t.Errorf("limit(%d, %d) = %d, want %d", tc.live, tc.own, got, tc.want)
		}
	}
}

// TestEnvironment starts this test's program with each environment and checks the collector's
// settings it starts with: off up to the floor, unless GOGC or GOMEMLIMIT says otherwise.
func TestEnvironment(t *testing.T) {
	noLimit := int64(math.MaxInt64)
	for _, tc := range []struct {
		env            string
		percent, limit int64
	}{
		{"", -1, Floor},
		{"GOGC=50", 50, noLimit},
		{"GOGC=off", -1, noLimit},
		{"GOMEMLIMIT=80MiB", 100, 80 << 20},
	} {
		cmd := exec.Command(os.Args[0])
		cmd.Env = []string{"HEAP_TEST_PRINT=1", "GORACE=atexit_sleep_ms=0"}
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "GOGC=") && !strings.HasPrefix(kv, "GOMEMLIMIT=") {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		if tc.env != "" {
			cmd.Env = append(cmd.Env, tc.env)
		}
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%q: %v", tc.env, err)
		}
		if want := fmt.Sprintln(tc.percent, tc.limit); string(out) != want {
			t.Errorf("%q: GOGC and memory limit %q, want %q", tc.env, out, want)
		}
	}
}
