package heap

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// TestHugePages checks that the heap's first chunk and the reserve, and nothing else, are
// advised to be backed by huge pages ("hg" among a mapping's flags), where Linux gives them
// only on request.
func TestHugePages(t *testing.T) {
	if !madviseMode() {
		t.Skip("this machine's transparent huge pages are not in the madvise mode")
	}
	if len(advised) == 0 {
		t.Fatal("nothing was advised")
	}
	if p, a := uintptr(unsafe.Pointer(probe)), advised[0]; p < a[0] || p >= a[1] {
		t.Errorf("the probe at %#x is not in the first chunk advised, %#x-%#x", p, a[0], a[1])
	}
	if reserve := advised[1][1] - advised[1][0]; reserve < 32<<20 {
		t.Errorf("%d MB of reserve advised, want 32 or more", reserve>>20)
	}
	ms := mappings(t)
	var mapped [][2]uintptr
	for _, m := range ms {
		mapped = append(mapped, [2]uintptr{m.lo, m.hi})
		if hg := slices.Contains(m.flags, "hg"); hg != covered(advised, m.lo, m.hi) {
			t.Errorf("mapping %#x-%#x (%d kB) has flags %v: want hg exactly in %#x", m.lo, m.hi, (m.hi-m.lo)>>10, m.flags, advised)
		}
	}
	for _, a := range advised {
		if !covered(mapped, a[0], a[1]) {
			t.Errorf("%#x-%#x was advised but is not all mapped", a[0], a[1])
		}
	}
}

// covered reports whether the ranges, which may touch or overlap, cover [lo, hi) between them:
// Linux merges touching mappings of the same flags, and splits one whose flags change in part.
func covered(ranges [][2]uintptr, lo, hi uintptr) bool {
	for reached := true; reached && lo < hi; {
		reached = false
		for _, r := range ranges {
			if r[0] <= lo && lo < r[1] {
				lo, reached = r[1], true
			}
		}
	}
	return lo >= hi
}

func TestTHPDisabled(t *testing.T) {
	for godebug, want := range map[string]bool{
		"":                            false,
		"disablethp=1":                true,
		"disablethp=0":                false,
		"disablethp=10":               true,
		"disablethp=1,disablethp=0":   false,
		"madvdontneed=1,disablethp=1": true,
		"xdisablethp=1":               false,
		"disablethp=x":                false,
	} {
		if got := thpDisabled(godebug); got != want {
			t.Errorf("thpDisabled(%q) = %v, want %v", godebug, got, want)
		}
	}
}

// mapping is one of the process's mappings, from /proc/self/smaps.
type mapping struct {
	lo, hi uintptr
	flags  []string
}

// mappings lists the process's mappings.
func mappings(t *testing.T) []mapping {
	t.Helper()
	b, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	var ms []mapping
	for line := range strings.Lines(string(b)) {
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && len(ms) > 0 {
			ms[len(ms)-1].flags = strings.Fields(flags)
			continue
		}
		// A mapping's first line is its range: "7f0c3a200000-7f0c3a600000 rw-p ...". The
		// other lines start with a name and a colon ("AnonHugePages:", whose A is a hex digit).
		lohi, _, _ := strings.Cut(line, " ")
		l, h, ok := strings.Cut(lohi, "-")
		if !ok {
			continue
		}
		lo, err1 := strconv.ParseUint(l, 16, 64)
		hi, err2 := strconv.ParseUint(h, 16, 64)
		if err1 == nil && err2 == nil {
			ms = append(ms, mapping{lo: uintptr(lo), hi: uintptr(hi)})
		}
	}
	return ms
}
