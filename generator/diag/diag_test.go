package diag

import (
	"errors"
	"slices"
	"testing"
)

func TestListSortedAndErr(t *testing.T) {
	var l List
	l.Warnf("content/modules/4.md", 9, 1, "module lasts %d minutes", 60)
	l.Errorf("content/modules/4.md", 37, 12, "unknown handout %q", "4.9")
	l.Errorf("content/curriculum.yaml", 3, 0, "bad")
	l.Errorf("content/modules/4.md", 37, 12, "unknown handout %q", "4.9") // duplicate
	if !l.HasErrors() {
		t.Fatal("HasErrors = false")
	}
	got := l.Err().Error()
	want := "content/curriculum.yaml:3: error: bad\n" +
		`content/modules/4.md:37:12: error: unknown handout "4.9"`
	if got != want {
		t.Errorf("Err() =\n%s\nwant\n%s", got, want)
	}
	var errs Errors
	if !errors.As(l.Err(), &errs) || len(errs) != 2 {
		t.Errorf("Err() is not Errors of 2: %#v", l.Err())
	}
	if s := l.Sorted(); len(s) != 3 || s[1].Severity != Warning {
		t.Errorf("Sorted() = %v", s)
	}
}

func TestNoErrors(t *testing.T) {
	var l List
	l.Warnf("a.md", 1, 1, "w")
	if l.Err() != nil || l.HasErrors() {
		t.Errorf("warnings alone must not fail: %v", l.Err())
	}
}

func TestPosition(t *testing.T) {
	src := []byte("---\ntitle: Ünïcode\n---\nHandout 4.9\n")
	lines := NewLines(src)
	for _, tc := range []struct {
		offset, line, col int
	}{
		{0, 1, 1},
		{4, 2, 1},
		{11, 2, 8},  // 'Ü' is two bytes, one column
		{13, 2, 9},  // after 'Ü': column counts characters
		{25, 4, 1},  // "Handout"
		{999, 5, 1}, // past the end: clamped
	} {
		line, col := lines.Position(tc.offset)
		if line != tc.line || col != tc.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tc.offset, line, col, tc.line, tc.col)
		}
	}
}

// FuzzLines checks the index of line starts against a plain reading of the bytes: each line's
// start, and whether it is all ASCII.
func FuzzLines(f *testing.F) {
	for _, s := range []string{"", "\n", "a\nb", "ab\n\n", "Ünïcode\nplain ascii line here\n", "12345678é\n\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l := NewLines([]byte(s))
		starts, ascii := []int{0}, []bool{true}
		for i := 0; i < len(s); i++ {
			switch {
			case s[i] == '\n':
				starts, ascii = append(starts, i+1), append(ascii, true)
			case s[i] >= 0x80:
				ascii[len(ascii)-1] = false
			}
		}
		if !slices.Equal(l.starts, starts) || !slices.Equal(l.ascii, ascii) {
			t.Errorf("NewLines(%q): starts %v ascii %v, want %v %v", s, l.starts, l.ascii, starts, ascii)
		}
	})
}
