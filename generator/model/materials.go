package model

import (
	"slices"
	"strconv"
	"strings"
)

// Material is one line of a module's materials, read for the trainer's checklist: "1 Flip
// Chart (for trainer)" is 1 of "Flip Chart (for trainer)". Count is 0 when the line gives none.
type Material struct {
	Count int
	Name  string
}

// ParseMaterial reads a line of materials: a leading whole number is its count.
func ParseMaterial(s string) Material {
	s = strings.TrimSpace(s)
	head, rest, ok := strings.Cut(s, " ")
	if n, err := strconv.Atoi(head); ok && err == nil && n > 0 && strings.TrimSpace(rest) != "" {
		return Material{Count: n, Name: strings.TrimSpace(rest)}
	}
	return Material{Name: s}
}

// Need is a material the day needs: its name, the most any one module needs at a time (0 when
// no module says), and the modules that use it.
type Need struct {
	Name    string
	Count   int
	Modules []*Module
}

// Needs rolls the materials of the modules up for the day, in the order they first appear.
// Lines that differ only in case are one material; a module's materials are used one module
// at a time, so the day needs the largest count of any module, not their sum.
func Needs(modules []*Module) []*Need {
	var out []*Need
	for _, m := range modules {
		for _, line := range m.Materials {
			mat := ParseMaterial(line)
			i := slices.IndexFunc(out, func(n *Need) bool { return strings.EqualFold(n.Name, mat.Name) })
			if i < 0 {
				out = append(out, &Need{Name: mat.Name})
				i = len(out) - 1
			}
			n := out[i]
			n.Count = max(n.Count, mat.Count)
			if !slices.Contains(n.Modules, m) {
				n.Modules = append(n.Modules, m)
			}
		}
	}
	return out
}
