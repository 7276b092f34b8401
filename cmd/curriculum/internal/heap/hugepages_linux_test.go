package heap

import (
	"cmp"
	"fmt"
	"slices"
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
	// The ranges may touch or overlap, and Linux merges touching mappings of the same flags.
	union := slices.Clone(advised)
	slices.SortFunc(union, func(a, b [2]uintptr) int { return cmp.Compare(a[0], b[0]) })
	for i := 1; i < len(union); {
		if union[i][0] <= union[i-1][1] {
			union[i-1][1] = max(union[i-1][1], union[i][1])
			union = slices.Delete(union, i, i+1)
		} else {
			i++
		}
	}
	in := func(lo, hi uintptr) bool {
		for _, a := range union {
			if a[0] <= lo && hi <= a[1] {
				return true
			}
		}
		return false
	}
	ms := mappings(t)
	for _, m := range ms {
		if hg := slices.Contains(m.flags, "hg"); hg != in(m.lo, m.hi) {
			t.Errorf("mapping %#x-%#x (%d kB) has flags %v: want hg exactly in %s", m.lo, m.hi, (m.hi-m.lo)>>10, m.flags, ranges(advised))
		}
	}
	for _, a := range advised {
		covered := a[0]
		for _, m := range ms {
			if m.lo <= covered && covered < m.hi {
				covered = m.hi
			}
		}
		if covered < a[1] {
			t.Errorf("%#x-%#x was advised but %#x-%#x is not mapped", a[0], a[1], covered, a[1])
		}
	}
}

func ranges(rs [][2]uintptr) string {
	s := ""
	for _, r := range rs {
		s += fmt.Sprintf(" %#x-%#x", r[0], r[1])
	}
	return s
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
