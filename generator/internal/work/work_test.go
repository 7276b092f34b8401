package work

import (
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
)

func TestEach(t *testing.T) {
	for _, procs := range []int{1, 4} {
		old := runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 2, 1000} {
			got := make([]int, n)
			Each(n, func(i int) { got[i] += i + 1 })
			for i, v := range got {
				if v != i+1 {
					t.Fatalf("GOMAXPROCS=%d n=%d: place %d holds %d, want %d (each i called exactly once)", procs, n, i, v, i+1)
				}
			}
		}
		runtime.GOMAXPROCS(old)
	}
}

func TestOrdered(t *testing.T) {
	old := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(old)
	for _, window := range []int{1, 3, 64} {
		var got []int
		err := Ordered(500, window, func(i int) (int, error) { return i * i, nil }, func(i, v int) error {
			if v != i*i {
				t.Errorf("result %d is %d", i, v)
			}
			got = append(got, i)
			return nil
		})
		if err != nil || len(got) != 500 {
			t.Fatalf("window %d: consumed %d results, error %v", window, len(got), err)
		}
		for i, v := range got {
			if v != i {
				t.Fatalf("window %d: result %d consumed in place %d", window, v, i)
			}
		}
	}
}

func TestOrderedStopsAtTheFirstError(t *testing.T) {
	old := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(old)
	boom := errors.New("boom")
	var consumed int
	err := Ordered(1000, 8, func(i int) (int, error) {
		if i == 100 || i == 900 {
			return 0, fmt.Errorf("%d: %w", i, boom)
		}
		return i, nil
	}, func(i, v int) error { consumed++; return nil })
	if err == nil || err.Error() != "100: boom" || consumed != 100 {
		t.Fatalf("got error %v after %d results; want the error of 100 after 100", err, consumed)
	}
	err = Ordered(1000, 8, func(i int) (int, error) { return i, nil }, func(i, v int) error {
		if i == 10 {
			return boom
		}
		return nil
	})
	if err != boom {
		t.Fatalf("a consumer's error: got %v", err)
	}
}

func TestStream(t *testing.T) {
	old := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(old)
	var produced atomic.Int64
	s := NewStream(100, 4, func(i int) (int, error) { produced.Add(1); return i * 10, nil })
	if v, err, ok := s.Take(3); !ok || err != nil || v != 30 {
		t.Errorf("Take(3) = %d, %v, %v", v, err, ok)
	}
	if _, _, ok := s.Take(2); ok {
		t.Error("Take(2) after Take(3) gave a value: it was dropped")
	}
	if v, _, ok := s.Take(50); !ok || v != 500 {
		t.Errorf("Take(50) = %d, %v", v, ok)
	}
	s.Close()
	if n := produced.Load(); n > 50+1+4+4 {
		t.Errorf("%d values produced for 51 taken with a window of 4", n)
	}
	// A stream closed before anything is taken ends.
	NewStream(1000, 8, func(i int) (int, error) { return i, nil }).Close()
}
