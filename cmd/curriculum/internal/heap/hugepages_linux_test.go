package heap

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// TestHugePages checks that the memory the heap hands out after start is advised to be backed
// by huge pages ("hg" among the mapping's flags), where Linux gives them only on request.
func TestHugePages(t *testing.T) {
	if !madviseMode() {
		t.Skip("this machine's transparent huge pages are not in the madvise mode")
	}
	if strings.Contains(os.Getenv("GODEBUG"), "disablethp=1") {
		t.Skip("GODEBUG=disablethp=1")
	}
	small := new([64]byte)
	large := make([]byte, 8<<20)
	for _, addr := range []uintptr{uintptr(unsafe.Pointer(small)), uintptr(unsafe.Pointer(unsafe.SliceData(large)))} {
		if flags := vmFlags(t, addr); !slices.Contains(flags, "hg") {
			t.Errorf("the mapping that holds %#x has flags %v, without hg", addr, flags)
		}
	}
}
