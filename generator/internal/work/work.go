// Package work runs independent pieces of work on every core.
package work

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls f(i) for every i from 0 to n-1, on GOMAXPROCS goroutines, and returns when all
// calls have returned. The calls may run in any order: f writes its result to the i-th place
// of something the caller reads afterwards, so that the result does not depend on the order.
func Each(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
}

// Ordered calls produce(i) for every i from 0 to n-1 on GOMAXPROCS goroutines and hands each
// result to consume in the order of i, on the calling goroutine, as soon as it and every
// result before it are ready: the consumer (a file writer) runs alongside the producers
// rather than after them. At most window results are produced ahead of the consumer, so that
// memory holds no more than that many. The first error, of produce or of consume, in the order
// of i, stops the work and is returned.
func Ordered[T any](n, window int, produce func(i int) (T, error), consume func(i int, v T) error) error {
	s := NewStream(n, window, produce)
	defer s.Close()
	for i := range n {
		v, err, _ := s.Take(i)
		if err == nil {
			err = consume(i, v)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// A Stream produces the values of 0 to n-1 on GOMAXPROCS goroutines, at most a window of them
// ahead of the last one taken. Take them in order; Close it when done.
type Stream[T any] struct {
	n int
	// results holds the value of i at i % window: no more than a window of values is ever
	// produced and not yet taken.
	results []chan result[T]
	slots   chan struct{}
	quit    chan struct{}
	wg      sync.WaitGroup
	closing sync.Once
	next    int // the first value not taken
}

type result[T any] struct {
	v   T
	err error
}

// NewStream starts producing the values of 0 to n-1 with produce.
func NewStream[T any](n, window int, produce func(i int) (T, error)) *Stream[T] {
	window = max(min(window, n), 1)
	s := &Stream[T]{
		n:       n,
		results: make([]chan result[T], window),
		slots:   make(chan struct{}, window),
		quit:    make(chan struct{}),
	}
	for i := range s.results {
		s.results[i] = make(chan result[T], 1)
	}
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), n) {
		s.wg.Go(func() {
			for {
				// A slot is taken before an index, so that the lowest index not yet taken
				// always has one and is being produced.
				select {
				case s.slots <- struct{}{}:
				case <-s.quit:
					return
				}
				select {
				case <-s.quit:
					return
				default:
				}
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				v, err := produce(i)
				s.results[i%len(s.results)] <- result[T]{v, err}
			}
		})
	}
	return s
}

// Take returns the value of i, once produced, and true; the values before i not taken are
// dropped. It returns false for an i taken or dropped already.
func (s *Stream[T]) Take(i int) (T, error, bool) {
	var res result[T]
	if i < s.next || i >= s.n {
		return res.v, nil, false
	}
	for ; s.next <= i; s.next++ {
		res = <-s.results[s.next%len(s.results)]
		<-s.slots
	}
	return res.v, res.err, true
}

// Close stops the production and waits for the producers to end. It may be called again.
func (s *Stream[T]) Close() {
	s.closing.Do(func() { close(s.quit) })
	s.wg.Wait()
}
