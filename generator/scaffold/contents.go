package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"curriculum/generator/content"
	"curriculum/generator/model"
)

// Contents is what a content folder holds, by number, as its file names give it: what the
// number of a new part is derived from.
type Contents struct {
	Modules        []int          // modules/N.md, in order
	Handouts       []model.Number // handouts/N.K.md, in order
	Transparencies []model.Number // transparencies/N.K.md, in order
}

// Read reads the numbers in use from the names of the files in fsys's modules/, handouts/ and
// transparencies/ folders. A missing folder holds nothing; a name that is not a number is
// left out (the build reports it).
func Read(fsys fs.FS) (Contents, error) {
	var c Contents
	names, err := markdownNames(fsys, content.ModulesDir)
	if err != nil {
		return c, err
	}
	for _, name := range names {
		if content.IsModuleFile(name) {
			n, _ := strconv.Atoi(name)
			c.Modules = append(c.Modules, n)
		}
	}
	if c.Handouts, err = numbers(fsys, content.HandoutsDir); err != nil {
		return c, err
	}
	if c.Transparencies, err = numbers(fsys, content.TransparenciesDir); err != nil {
		return c, err
	}
	slices.Sort(c.Modules)
	return c, nil
}

// numbers reads the handout or transparency numbers of the file names in dir.
func numbers(fsys fs.FS, dir string) ([]model.Number, error) {
	names, err := markdownNames(fsys, dir)
	if err != nil {
		return nil, err
	}
	var ns []model.Number
	for _, name := range names {
		if n, ok := model.ParseNumber(name); ok {
			ns = append(ns, n)
		}
	}
	slices.SortFunc(ns, model.Number.Compare)
	return ns, nil
}

// markdownNames lists the names in dir that end in .md, without it. A folder of such a name
// counts too: its name is not free for a new file.
func markdownNames(fsys fs.FS, dir string) ([]string, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the %s folder: %w", dir, err)
	}
	var names []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".md"); ok {
			names = append(names, name)
		}
	}
	return names, nil
}

// HasModule reports whether the content folder holds Module n.
func (c Contents) HasModule(n int) bool { return slices.Contains(c.Modules, n) }

// CheckModule returns an error naming the modules that exist when Module n is not one of them.
func (c Contents) CheckModule(n int) error {
	if c.HasModule(n) {
		return nil
	}
	if len(c.Modules) == 0 {
		return fmt.Errorf("there is no Module %d: this curriculum has no modules yet; start one with curriculum new module", n)
	}
	ns := make([]string, len(c.Modules))
	for i, m := range c.Modules {
		ns[i] = strconv.Itoa(m)
	}
	list := "Module " + ns[0]
	if len(ns) > 1 {
		list = "Modules " + model.JoinAnd(ns)
	}
	return fmt.Errorf("there is no Module %d (this curriculum has %s): give one of those, or start a new module with curriculum new module", n, list)
}
