package generator_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"curriculum/generator"
	"curriculum/generator/content"
	"curriculum/generator/internal/corpus"
	"curriculum/generator/internal/work"
	"curriculum/generator/markdown"
	"curriculum/generator/output"
	"curriculum/generator/site"
)

// corpusDir writes the synthetic curriculum of n modules once per test binary.
var corpusDirs sync.Map

func corpusDir(b testing.TB, n int) string {
	if d, ok := corpusDirs.Load(n); ok {
		return d.(string)
	}
	dir, err := os.MkdirTemp("", "curriculum-corpus-")
	if err != nil {
		b.Fatal(err)
	}
	if err := corpus.Write(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	corpusDirs.Store(n, dir)
	return dir
}

// TestWriteCorpus writes the synthetic curriculum to $CURRICULUM_CORPUS_DIR, N modules from
// $CURRICULUM_CORPUS_N (1000), for measuring a whole curriculum build process:
//
//	CURRICULUM_CORPUS_DIR=/tmp/c1000 go test ./generator -run TestWriteCorpus
//	/usr/bin/time -v go run ./cmd/curriculum build -s /tmp/c1000 -d /tmp/out
func TestWriteCorpus(t *testing.T) {
	dir := os.Getenv("CURRICULUM_CORPUS_DIR")
	if dir == "" {
		t.Skip("set CURRICULUM_CORPUS_DIR to write the synthetic curriculum")
	}
	n := 1000
	if s := os.Getenv("CURRICULUM_CORPUS_N"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := corpus.Write(dir, n, 1); err != nil {
		t.Fatal(err)
	}
}

// TestCorpusBuilds: the synthetic curriculum is valid content, so that the benchmarks measure
// a real build.
func TestCorpusBuilds(t *testing.T) {
	files, report, err := buildDir(t, corpusDir(t, 10))
	if err != nil {
		t.Fatal(err)
	}
	if report.Modules != 10 || report.Handouts != 30 || report.Transparencies != 10 {
		t.Errorf("built %d modules, %d handouts, %d transparencies", report.Modules, report.Handouts, report.Transparencies)
	}
	if !strings.Contains(string(files["modules/3/index.html"]), `class="cue cue-`) {
		t.Error("the synthetic modules have no trainer cues")
	}
}

// outDir is a folder for a benchmark's output: in $CURRICULUM_BENCH_DIR when set, else on
// the RAM disk /dev/shm when the machine has one (as the reference figures were measured), else
// in the test's temporary folder. Both the build and the limit write there, so that the disk is
// the same for both.
func outDir(b *testing.B) string {
	parent := os.Getenv("CURRICULUM_BENCH_DIR")
	if parent == "" {
		if info, err := os.Stat("/dev/shm"); err == nil && info.IsDir() {
			parent = "/dev/shm"
		}
	}
	if parent == "" {
		return b.TempDir()
	}
	dir, err := os.MkdirTemp(parent, "curriculum-bench-")
	if err != nil {
		return b.TempDir()
	}
	b.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func benchmarkBuild(b *testing.B, src string) {
	dest := filepath.Join(outDir(b), "public")
	var pages int
	b.ReportAllocs()
	for b.Loop() {
		report, err := generator.Build(generator.Options{Source: src, Destination: dest})
		if err != nil {
			b.Fatal(err)
		}
		pages = report.Pages
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkBuildRealContent builds the real curriculum, in process.
func BenchmarkBuildRealContent(b *testing.B) { benchmarkBuild(b, "../content") }

// BenchmarkBuild100 and BenchmarkBuild1000 build the synthetic curricula.
func BenchmarkBuild100(b *testing.B)  { benchmarkBuild(b, corpusDir(b, 100)) }
func BenchmarkBuild1000(b *testing.B) { benchmarkBuild(b, corpusDir(b, 1000)) }

// limit is what a build is measured against: reading the markdown files of a curriculum,
// converting them with a plain goldmark (GFM) on GOMAXPROCS goroutines, and writing the HTML.
type limit struct {
	src, dest string
	paths     []string
	md        goldmark.Markdown
}

func newLimit(b *testing.B, src string) *limit {
	l := &limit{src: src, dest: outDir(b), md: goldmark.New(goldmark.WithExtensions(extension.GFM))}
	_ = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			l.paths = append(l.paths, p)
		}
		return err
	})
	return l
}

func (l *limit) run(b *testing.B) {
	work := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf bytes.Buffer
			for p := range work {
				src, err := os.ReadFile(p)
				if err != nil {
					b.Error(err)
					continue
				}
				buf.Reset()
				if err := l.md.Convert(src, &buf); err != nil {
					b.Error(err)
					continue
				}
				rel, _ := filepath.Rel(l.src, p)
				out := filepath.Join(l.dest, strings.ReplaceAll(rel, string(filepath.Separator), "_")+".html")
				if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
					b.Error(err)
				}
			}
		})
	}
	for _, p := range l.paths {
		work <- p
	}
	close(work)
	wg.Wait()
}

// BenchmarkLimit1000 measures the limit alone, on the synthetic curriculum of 1,000 modules.
func BenchmarkLimit1000(b *testing.B) {
	l := newLimit(b, corpusDir(b, 1000))
	b.ReportAllocs()
	for b.Loop() {
		l.run(b)
	}
	b.ReportMetric(float64(len(l.paths))*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}

// BenchmarkBuildVsLimit1000 runs the whole build and the limit of the synthetic curriculum of
// 1,000 modules in turn, in the same run, and reports each one's time and their ratio: the
// target is a ratio of 1.5 or less.
func BenchmarkBuildVsLimit1000(b *testing.B) {
	src := corpusDir(b, 1000)
	l := newLimit(b, src)
	dest := filepath.Join(outDir(b), "public")
	var build, lim time.Duration
	for b.Loop() {
		start := time.Now()
		l.run(b)
		lim += time.Since(start)
		start = time.Now()
		if _, err := generator.Build(generator.Options{Source: src, Destination: dest}); err != nil {
			b.Fatal(err)
		}
		build += time.Since(start)
	}
	b.ReportMetric(float64(build.Milliseconds())/float64(b.N), "build-ms")
	b.ReportMetric(float64(lim.Milliseconds())/float64(b.N), "limit-ms")
	b.ReportMetric(float64(build)/float64(lim), "build/limit")
}

// BenchmarkBuild300 sits between the two, for profiles that finish quickly.
func BenchmarkBuild300(b *testing.B) { benchmarkBuild(b, corpusDir(b, 300)) }

// parse reads the limit's files and parses each with md, on GOMAXPROCS goroutines, and
// renders nothing.
func (l *limit) parse(b *testing.B, md goldmark.Markdown) {
	work.Each(len(l.paths), func(i int) {
		src, err := os.ReadFile(l.paths[i])
		if err != nil {
			b.Error(err)
			return
		}
		md.Parser().Parse(text.NewReader(src))
	})
}

// BenchmarkFloorVsLimit1000 measures, in the same run as the limit, parts of a build of
// the synthetic curriculum of 1,000 modules that no rendering is in: the load alone (reading,
// parsing, linking and checking every file, and rendering its markdown into fragments, as a
// build does before any page) and the writing alone (the 6,013 pages and other files a build
// writes, already rendered and held in memory, written into a new folder on every core and
// swapped for the previous site, which is removed, as a build does). It reports as well the
// parse alone: reading the files and parsing them with the curriculum's markdown, which the
// load does and renders nothing of. The sum of the load and the writing against the
// limit is how close a build that rendered its pages in no time at all could come to it.
func BenchmarkFloorVsLimit1000(b *testing.B) {
	src := corpusDir(b, 1000)
	l := newLimit(b, src)
	type file struct {
		path string
		data []byte
	}
	var files []file
	_, err := generator.Generate(os.DirFS(src), src, site.Options{}, func(p string, data []byte) error {
		files = append(files, file{p, data})
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	dest := filepath.Join(outDir(b), "public")
	var parse, load, write, lim time.Duration
	md := markdown.New()
	for b.Loop() {
		start := time.Now()
		l.run(b)
		lim += time.Since(start)

		start = time.Now()
		l.parse(b, md)
		parse += time.Since(start)

		start = time.Now()
		layers, err := content.Layers(src, src)
		if err != nil {
			b.Fatal(err)
		}
		cur, diags := content.Load(content.NewOverlay(layers), src, markdown.New())
		if cur == nil || diags.HasErrors() {
			b.Fatal(diags.Err())
		}
		load += time.Since(start)

		start = time.Now()
		out, err := output.Create(dest, src)
		if err != nil {
			b.Fatal(err)
		}
		errs := make([]error, len(files))
		work.Each(len(files), func(i int) { errs[i] = out.WriteFile(files[i].path, files[i].data) })
		if err := errors.Join(errs...); err != nil {
			b.Fatal(err)
		}
		if err := out.Commit(); err != nil {
			b.Fatal(err)
		}
		write += time.Since(start)
	}
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(lim.Milliseconds())/float64(b.N), "limit-ms")
	b.ReportMetric(float64(parse.Milliseconds())/float64(b.N), "parse-ms")
	b.ReportMetric(float64(load.Milliseconds())/float64(b.N), "load-ms")
	b.ReportMetric(float64(write.Milliseconds())/float64(b.N), "write-ms")
	b.ReportMetric(float64(load+write)/float64(lim), "floor/limit")
}
