package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// BenchmarkBuildProcess measures what a trainer waits for: a whole `curriculum build`
// process, from exec to exit, on the real content, written to the RAM disk when the machine
// has one. It reports the median of its runs; the target is under 50 ms. start-ms is the
// median of as many runs of `curriculum version`, between them: what merely starting the
// program takes on the machine.
//
//	go test ./cmd/curriculum -run '^$' -bench BuildProcess -benchtime 21x
func BenchmarkBuildProcess(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "curriculum")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	dest := filepath.Join(dir, "public")
	if info, err := os.Stat("/dev/shm"); err == nil && info.IsDir() {
		shm, err := os.MkdirTemp("/dev/shm", "curriculum-bench-")
		if err == nil {
			b.Cleanup(func() { os.RemoveAll(shm) })
			dest = filepath.Join(shm, "public")
		}
	}
	src, err := filepath.Abs("../../content")
	if err != nil {
		b.Fatal(err)
	}
	var runs, starts []time.Duration
	for b.Loop() {
		start := time.Now()
		if out, err := exec.Command(bin, "build", "-s", src, "-d", dest).CombinedOutput(); err != nil {
			b.Fatalf("curriculum build: %v\n%s", err, out)
		}
		runs = append(runs, time.Since(start))
		b.StopTimer()
		start = time.Now()
		if out, err := exec.Command(bin, "version").CombinedOutput(); err != nil {
			b.Fatalf("curriculum version: %v\n%s", err, out)
		}
		starts = append(starts, time.Since(start))
		b.StartTimer()
	}
	b.ReportMetric(median(runs), "median-ms")
	b.ReportMetric(median(starts), "start-ms")
}

// median is the median of runs, in milliseconds.
func median(runs []time.Duration) float64 {
	slices.Sort(runs)
	return float64(runs[len(runs)/2].Microseconds()) / 1000
}
