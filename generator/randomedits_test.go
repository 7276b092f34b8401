package generator_test

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"curriculum/generator"
	"curriculum/generator/internal/corpus"
	"curriculum/generator/site"
)

// TestCachedGenerateRandomEdits makes random runs of edits of a small curriculum, as an author
// and the watcher would (words of text, references, titles, handouts and pages made, removed
// and renamed, the settings' removals of handouts and activities), and after each step holds
// a build with the cache (given the packets in pieces, as serve is) to one without it: the
// same errors, the same warnings, the same files. $CURRICULUM_RANDOM_EDITS sets how many runs
// (2; a reviewer ran 80 without a difference).
func TestCachedGenerateRandomEdits(t *testing.T) {
	runs := 2
	if s := os.Getenv("CURRICULUM_RANDOM_EDITS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("CURRICULUM_RANDOM_EDITS=%q: %v", s, err)
		}
		runs = n
	}
	for seed := range runs {
		t.Run(strconv.Itoa(seed), func(t *testing.T) { randomEdits(t, uint64(seed)) })
	}
}

// generateAll builds the curriculum in dir, with cache, and returns its files, its warnings
// and its error, "" for none; with pieces, it takes the packets written again in pieces.
func generateAll(dir string, cache *generator.Cache, pieces bool) (map[string][]byte, []string, string) {
	files := map[string][]byte{}
	opts := site.Options{}
	if pieces {
		opts.EmitPieces = func(p string, ps [][]byte) error {
			files[p] = bytes.Join(ps, nil)
			return nil
		}
	}
	report, err := generator.GenerateCached(os.DirFS(dir), dir, opts, func(p string, data []byte) error {
		files[p] = data
		return nil
	}, cache)
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	return files, warningTexts(report.Warnings), msg
}

func randomEdits(t *testing.T, seed uint64) {
	dir := t.TempDir()
	const n = 5
	if err := corpus.Write(dir, n, seed); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(seed, 99))
	mod := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	abs := func(f string) string { return filepath.Join(dir, filepath.FromSlash(f)) }
	read := func(f string) string { b, _ := os.ReadFile(abs(f)); return string(b) }
	write := func(f, s string) {
		os.MkdirAll(filepath.Dir(abs(f)), 0o755)
		if err := os.WriteFile(abs(f), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		mod = mod.Add(time.Second)
		os.Chtimes(abs(f), mod, mod)
	}
	exists := func(f string) bool { _, err := os.Stat(abs(f)); return err == nil }
	words := []string{"trust", "alpha", "omega", "plan", "goal", "child", "court"}
	w := func() string { return words[r.IntN(len(words))] }
	settings0 := read("curriculum.yaml")
	removes := map[string]bool{}
	writeSettings := func() {
		s := settings0
		if len(removes) > 0 {
			s += "remove:\n"
			for _, k := range slices.Sorted(maps.Keys(removes)) {
				s += "  - " + k + "\n"
			}
		}
		write("curriculum.yaml", s)
	}
	// toggle adds the removal k to the settings, or takes it away.
	toggle := func(k string) []string {
		if removes[k] {
			delete(removes, k)
		} else {
			removes[k] = true
		}
		writeSettings()
		return []string{"curriculum.yaml"}
	}
	type edit struct {
		name string
		do   func() []string
	}
	replaceN := func(f, old, new string) bool {
		s := read(f)
		idx := []int{}
		for i := 0; ; {
			j := strings.Index(s[i:], old)
			if j < 0 {
				break
			}
			idx = append(idx, i+j)
			i += j + 1
		}
		if len(idx) == 0 {
			return false
		}
		k := idx[r.IntN(len(idx))]
		write(f, s[:k]+new+s[k+len(old):])
		return true
	}
	edits := []edit{
		{"overview word", func() []string {
			f := fmt.Sprintf("modules/%d.md", 1+r.IntN(n))
			replaceN(f, "## Overview\n\n", "## Overview\n\n"+w()+" ")
			return []string{f}
		}},
		{"same-length word", func() []string {
			f := fmt.Sprintf("modules/%d.md", 1+r.IntN(n))
			if !replaceN(f, "trust", "alpha") {
				replaceN(f, "alpha", "trust")
			}
			return []string{f}
		}},
		{"step word", func() []string {
			f := fmt.Sprintf("modules/%d.md", 1+r.IntN(n))
			replaceN(f, ":\n\n- ", ":\n\n- "+w()+" ")
			return []string{f}
		}},
		{"handout word", func() []string {
			f := fmt.Sprintf("handouts/%d.%d.md", 1+r.IntN(n), 1+r.IntN(3))
			if !exists(f) {
				return nil
			}
			replaceN(f, "---\n\n", "---\n\n"+w()+" ")
			return []string{f}
		}},
		{"transparency cell", func() []string {
			f := fmt.Sprintf("handouts/%d.3.md", 1+r.IntN(n))
			if !exists(f) {
				return nil
			}
			replaceN(f, "| 1. ", "| 1. "+w()+" ")
			return []string{f}
		}},
		{"ref change", func() []string {
			m := 1 + r.IntN(n)
			f := fmt.Sprintf("modules/%d.md", m)
			a, b := 1+r.IntN(3), 1+r.IntN(3)
			replaceN(f, fmt.Sprintf("Handout %d.%d", m, a), fmt.Sprintf("Handout %d.%d", m, b))
			return []string{f}
		}},
		{"ref to other module's handout", func() []string {
			m := 1 + r.IntN(n)
			f := fmt.Sprintf("modules/%d.md", m)
			replaceN(f, fmt.Sprintf("Handout %d.", m), fmt.Sprintf("Handout %d.", 1+r.IntN(n)))
			return []string{f}
		}},
		{"activity title", func() []string {
			f := fmt.Sprintf("modules/%d.md", 1+r.IntN(n))
			replaceN(f, "## Activity: ", "## Activity: "+w()+" ")
			return []string{f}
		}},
		{"step title", func() []string {
			f := fmt.Sprintf("modules/%d.md", 1+r.IntN(n))
			replaceN(f, "### Step: ", "### Step: "+w()+" ")
			return []string{f}
		}},
		{"new handout", func() []string {
			f := fmt.Sprintf("handouts/%d.%d.md", 1+r.IntN(n), 4+r.IntN(2))
			write(f, "---\ntitle: New "+w()+"\n---\n\nText "+w()+". See Handout 1.1.\n")
			return []string{f}
		}},
		{"remove handout", func() []string {
			f := fmt.Sprintf("handouts/%d.%d.md", 1+r.IntN(n), 4+r.IntN(3))
			if !exists(f) {
				return nil
			}
			os.Remove(abs(f))
			h := strings.TrimSuffix(strings.TrimPrefix(f, "handouts/"), ".md")
			if removes["handout: "+h] {
				delete(removes, "handout: "+h)
				writeSettings()
				return []string{f, "curriculum.yaml"}
			}
			return []string{f}
		}},
		{"rename handout", func() []string {
			f := fmt.Sprintf("handouts/%d.%d.md", 1+r.IntN(n), 4+r.IntN(3))
			g := fmt.Sprintf("handouts/%d.%d.md", 1+r.IntN(n), 4+r.IntN(3))
			if !exists(f) || exists(g) {
				return nil
			}
			os.Rename(abs(f), abs(g))
			h := strings.TrimSuffix(strings.TrimPrefix(f, "handouts/"), ".md")
			if removes["handout: "+h] {
				delete(removes, "handout: "+h)
				writeSettings()
				return []string{f, g, "curriculum.yaml"}
			}
			return []string{f, g}
		}},
		{"settings remove handout", func() []string {
			h := fmt.Sprintf("%d.%d", 1+r.IntN(n), 4+r.IntN(3))
			k := "handout: " + h
			if !exists("handouts/"+h+".md") && !removes[k] {
				return nil
			}
			return toggle(k)
		}},
		{"settings remove activity", func() []string {
			m := 1 + r.IntN(n)
			if strings.Count(read(fmt.Sprintf("modules/%d.md", m)), "## Activity:") < 6 {
				return nil
			}
			return toggle(fmt.Sprintf("activity: %d.6", m))
		}},
		{"new page", func() []string {
			f := fmt.Sprintf("notes/p%d.md", r.IntN(3))
			write(f, "---\ntitle: Page "+w()+"\n---\n\nSee Handout 2.1 and Module 1, Activity 2. "+w()+"\n")
			return []string{f}
		}},
		{"remove page", func() []string {
			f := fmt.Sprintf("notes/p%d.md", r.IntN(3))
			if !exists(f) {
				return nil
			}
			os.Remove(abs(f))
			return []string{f}
		}},
		{"page text", func() []string {
			f := fmt.Sprintf("notes/p%d.md", r.IntN(3))
			if !exists(f) {
				return nil
			}
			replaceN(f, "See ", "See "+w()+" ")
			return []string{f}
		}},
		{"activity ref", func() []string {
			m := 1 + r.IntN(n)
			f := fmt.Sprintf("modules/%d.md", m)
			d := fmt.Sprint(1 + r.IntN(4))
			for _, o := range []string{"1", "2", "3", "4", "5"} {
				if r.IntN(2) == 0 && replaceN(f, "Activity "+o+"?", "Activity "+d+"?") {
					break
				}
			}
			return []string{f}
		}},
	}
	cache := &generator.Cache{}
	var log []string
	for step := 0; step < 60; step++ {
		var touched []string
		k := 1 + r.IntN(2)
		for range k {
			e := edits[r.IntN(len(edits))]
			tp := e.do()
			log = append(log, fmt.Sprintf("%s %v", e.name, tp))
			touched = append(touched, tp...)
		}
		if r.IntN(10) > 0 {
			cache.Touched(touched)
		}
		cf, cw, ce := generateAll(dir, cache, true)
		ff, fw, fe := generateAll(dir, nil, false)
		bad := false
		if ce != fe {
			t.Errorf("step %d: errors differ:\ncached %q\nfull   %q", step, ce, fe)
			bad = true
		}
		if !slices.Equal(cw, fw) {
			t.Errorf("step %d: warnings differ:\ncached %q\nfull   %q", step, cw, fw)
			bad = true
		}
		if fe == "" && ce == "" && !maps2Equal(cf, ff) {
			t.Errorf("step %d: files differ: %v", step, diffPaths(cf, ff))
			bad = true
		}
		if bad {
			t.Fatalf("edits: %s", strings.Join(log, "\n"))
		}
	}
}
