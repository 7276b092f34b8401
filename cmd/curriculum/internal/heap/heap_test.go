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
// GOGC=100 does, with no memory limit.
func TestFloor(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT is set; TestEnvironment checks that they are left alone")
	}
	runtime.GC()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		percent, limit := collector()
		if percent == 100 && limit == math.MaxInt64 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after a collection: GOGC %d, memory limit %d; want 100 and no limit", percent, limit)
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
