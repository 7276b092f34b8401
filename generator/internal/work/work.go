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
	type result struct {
		v   T
		err error
	}
	results := make([]chan result, n)
	for i := range results {
		results[i] = make(chan result, 1)
	}
	slots := make(chan struct{}, max(window, 1))
	quit := make(chan struct{})
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for {
				// A slot is taken before an index, so that the lowest index not yet consumed
				// always has one and is being produced.
				select {
				case slots <- struct{}{}:
				case <-quit:
					return
				}
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				v, err := produce(i)
				results[i] <- result{v, err}
			}
		})
	}
	var err error
	for i := range n {
		res := <-results[i]
		<-slots
		if err = res.err; err == nil {
			err = consume(i, res.v)
		}
		if err != nil {
			break
		}
	}
	close(quit)
	wg.Wait()
	return err
}
