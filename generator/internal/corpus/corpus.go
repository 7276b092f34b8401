// Package corpus writes synthetic curricula for benchmarks: N modules in the real content
// format, each with competencies and objectives, five or six timed activities with steps and
// trainer cues, references to other modules and to handouts, and three handouts, one of them
// also a transparency. The same N and seed give the same bytes.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// words are the vocabulary of the synthetic text.
var words = strings.Fields(`community partnership linkage agency family child welfare worker supervisor
administrator resource strategy collaboration service plan assessment review outcome safety
permanency well-being practice network school health court provider mentor goal progress
meeting referral trust culture support neighborhood volunteer leader faith business police`)

// Files returns the files of a synthetic curriculum of n modules, by slash path in its content
// folder.
func Files(n int, seed uint64) map[string]string {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	files := map[string]string{}
	var settings strings.Builder
	fmt.Fprintf(&settings, "title: Synthetic Curriculum of %d Modules\nshort_title: Synthetic\nparticipants: 20\nroom: Round tables\ncontents:\n  - modules\nday:\n  start: \"8:30\"\n  agenda:\n", n)
	for m := 1; m <= min(n, 4); m++ {
		fmt.Fprintf(&settings, "    - module: %d\n", m)
	}
	files["curriculum.yaml"] = settings.String()
	for m := 1; m <= n; m++ {
		files[fmt.Sprintf("modules/%d.md", m)] = module(r, m, n)
		for h := 1; h <= 3; h++ {
			files[fmt.Sprintf("handouts/%d.%d.md", m, h)] = handout(r, h == 3)
		}
	}
	return files
}

// Write writes the curriculum of n modules into dir.
func Write(dir string, n int, seed uint64) error {
	for name, text := range Files(n, seed) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func sentence(r *rand.Rand, min, max int) string {
	n := min + r.IntN(max-min+1)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[r.IntN(len(words))]
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func title(r *rand.Rand) string {
	s := sentence(r, 3, 6)
	return strings.TrimSuffix(s, ".")
}

func module(r *rand.Rand, m, n int) string {
	var b strings.Builder
	acts := 5 + r.IntN(2)
	minutes := make([]int, acts)
	total := 0
	for i := range minutes {
		minutes[i] = 10 + 5*r.IntN(6)
		total += minutes[i]
	}
	fmt.Fprintf(&b, "---\ntitle: %s\nduration: %d\ncompetencies:\n", title(r), total)
	for c := 1; c <= 2; c++ {
		fmt.Fprintf(&b, "  - competency: Participants can %s\n    objectives:\n", strings.ToLower(sentence(r, 8, 14)))
		for o := 1; o <= 2; o++ {
			fmt.Fprintf(&b, "      - Participants will %s\n", strings.ToLower(sentence(r, 8, 14)))
		}
	}
	b.WriteString("materials:\n  - Overhead Projector\n  - 1 Flip Chart (for trainer)\n  - Markers\n---\n\n## Overview\n\n")
	b.WriteString(paragraph(r, 4) + "\n")
	other := func() int { return 1 + r.IntN(n) }
	for a := 1; a <= acts; a++ {
		serves := fmt.Sprintf("%d.%d", 1+(a-1)%2, 1+(a/2)%2)
		fmt.Fprintf(&b, "\n## Activity: %s {minutes=%d serves=\"%s\"}\n", title(r), minutes[a-1], serves)
		for s := 1; s <= 2+r.IntN(2); s++ {
			fmt.Fprintf(&b, "\n### Step: %s\n\n", title(r))
			switch (a + s) % 3 {
			case 0:
				b.WriteString("Say the following:\n\n")
				for i := 0; i < 3; i++ {
					fmt.Fprintf(&b, "- %s\n", paragraph(r, 2))
				}
				fmt.Fprintf(&b, "- Refer participants to Handout %d.1 and place Transparency %d.3 on the overhead projector.\n", m, m)
			case 1:
				fmt.Fprintf(&b, "Ask the following:\n\n%s As we saw in Module %d, Activity %d?\n\nGenerate responses that might include:\n\n", sentence(r, 6, 10), other(), 1+r.IntN(5))
				for i := 0; i < 4; i++ {
					fmt.Fprintf(&b, "- %s\n", sentence(r, 4, 9))
				}
				fmt.Fprintf(&b, "\nRefer participants to Handout %d.2.\n", m)
			default:
				fmt.Fprintf(&b, "Explain the following:\n\n%s See Module %d and Handout %d.3.\n\n%s\n", paragraph(r, 3), other(), m, paragraph(r, 2))
			}
		}
	}
	return b.String()
}

func paragraph(r *rand.Rand, sentences int) string {
	s := make([]string, sentences)
	for i := range s {
		s[i] = sentence(r, 8, 16)
	}
	return strings.Join(s, " ")
}

func handout(r *rand.Rand, transparency bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\n", title(r))
	if transparency {
		b.WriteString("transparency: true\nform: true\n")
	}
	b.WriteString("---\n\n")
	if transparency {
		b.WriteString("| Strategy | Notes |\n| --- | --- |\n")
		for i := 1; i <= 4; i++ {
			fmt.Fprintf(&b, "| %d. %s | |\n", i, title(r))
		}
		return b.String()
	}
	b.WriteString(paragraph(r, 3) + "\n\n")
	for i := 0; i < 3; i++ {
		fmt.Fprintf(&b, "- %s\n", sentence(r, 5, 10))
	}
	return b.String()
}
