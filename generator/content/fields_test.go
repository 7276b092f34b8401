package content

import (
	"slices"
	"testing"
)

// TestYAMLLines: the YAML parser's lines, which also break at a lone CR and at NEL, LS and PS,
// are counted back to the file's, which break at LF only.
func TestYAMLLines(t *testing.T) {
	if got := yamlLines([]byte("a: 1\nb: 2\n")); got != nil {
		t.Errorf("lines with LF only: %v, want nil", got)
	}
	if got, want := yamlLines([]byte("a: 1\r\nb: 2\r\n")), []int{1, 2, 3}; !slices.Equal(got, want) {
		t.Errorf("lines with CRLF: %v, want %v", got, want)
	}
	lines := yamlLines([]byte("a\rb\r\nc\u2028d\ne"))
	if want := []int{1, 1, 2, 2, 3}; !slices.Equal(lines, want) {
		t.Fatalf("yamlLines = %v, want %v", lines, want)
	}
	for _, c := range []struct{ n, want int }{{1, 1}, {2, 1}, {4, 2}, {5, 3}, {9, 3}, {0, 1}} {
		if got := relined(c.n, lines); got != c.want {
			t.Errorf("relined(%d) = %d, want %d", c.n, got, c.want)
		}
	}
}
