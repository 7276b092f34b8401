package content

import (
	"crypto/sha256"
	"fmt"
	"hash"
	"maps"
	"slices"
)

// sign records what reading one file gave that other pages than the file's own can show — all
// of it but the text of its documents, which Document.Version stands for: titles, numbers,
// minutes, competencies and objectives, materials, the activities and steps, the references
// (where handouts are used), the derived blocks. serve renders again only the pages that show
// a file's text when a file changed and its signature did not.
func (l *loader) sign() [32]byte {
	h := sha256.New()
	w := func(format string, args ...any) { fmt.Fprintf(h, format+"\x00", args...) }
	for _, mf := range l.modules {
		m := mf.module
		w("module %d %q %d %t %q %v", m.Number, m.Title, m.Duration, m.Outline, m.Materials, sortedMap(m.Renumbered))
		for _, c := range m.Competencies {
			w("competency %d %q", c.Number, c.Text)
			for _, o := range c.Objectives {
				w("objective %d %q", o.Number, o.Text)
			}
		}
		for _, a := range m.Activities {
			w("activity %d %q %d", a.Number, a.Title, a.Minutes)
			for _, c := range a.Competencies {
				w("serves %s", c.ID())
			}
			for _, o := range a.Objectives {
				w("serves %s", o.ID())
			}
			for _, s := range a.Steps {
				w("step %d %q", s.Number, s.Title)
			}
		}
		signDoc(h, m.Doc.Empty, m.Doc.Embeds)
	}
	for _, hf := range l.handouts {
		w("handout %s %q %t %t", hf.handout.Number, hf.handout.Title, hf.handout.Form, hf.transparency)
		signDoc(h, hf.handout.Doc.Empty, hf.handout.Doc.Embeds)
	}
	for _, tf := range l.transps {
		w("transparency %s %q", tf.transparency.Number, tf.transparency.Title)
		signDoc(h, tf.transparency.Doc.Empty, tf.transparency.Doc.Embeds)
	}
	for _, pf := range l.pages {
		p := pf.page
		w("page %q %q %q %q %q %q %t", p.Path, p.Title, p.ShortTitle, p.Published, p.Publisher, p.Contact, p.TrainerOnly)
		signDoc(h, p.Doc.Empty, p.Doc.Embeds)
	}
	for _, r := range l.refs {
		w("ref %d %q %q %q %q", r.target, r.number, r.inMod, r.use.Name, r.use.URL)
	}
	w("assets %q removed %v errors %d", l.assets, l.removed, l.diags.Len())
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

func signDoc(h hash.Hash, empty bool, embeds []string) {
	fmt.Fprintf(h, "doc %t %q\x00", empty, embeds)
}

func sortedMap(m map[int]int) [][2]int {
	var out [][2]int
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, [2]int{k, m[k]})
	}
	return out
}
