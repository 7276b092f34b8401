package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"

	"curriculum/generator/content"
)

// A File is a new file of the content folder.
type File struct {
	Path string // in the content folder, with slashes: "handouts/4.4.md"
	Name string // what the curriculum's text calls it: "Handout 4.4", "Module 5"
	Text []byte
}

// NewModule is a new module with the next free number: title, one placeholder competency
// and objective, and one activity of one step that serves them.
func NewModule(c Contents, title string) File {
	n := NextModule(c.Modules)
	return File{
		Path: path.Join(content.ModulesDir, strconv.Itoa(n)+".md"),
		Name: "Module " + strconv.Itoa(n),
		Text: moduleText(title),
	}
}

// HandoutOptions says what a new handout is.
type HandoutOptions struct {
	Title        string
	Transparency bool // also a transparency, of the same number
	Form         bool // printed with room to write: starts with a table
}

// NewHandout is a new handout of module with the next number free among the module's
// handouts and transparencies. It is an error when the module does not exist.
func NewHandout(c Contents, module int, opts HandoutOptions) (File, error) {
	if err := c.CheckModule(module); err != nil {
		return File{}, err
	}
	n := NextNumber(module, c.Handouts, c.Transparencies)
	name := "Handout " + n.String()
	if opts.Transparency {
		name += " and Transparency " + n.String()
	}
	return File{
		Path: path.Join(content.HandoutsDir, n.String()+".md"),
		Name: name,
		Text: handoutText(opts.Title, opts.Transparency, opts.Form),
	}, nil
}

// NewTransparency is a new transparency of module, not a handout, with the next number free
// among the module's handouts and transparencies. It is an error when the module does not
// exist.
func NewTransparency(c Contents, module int, title string) (File, error) {
	if err := c.CheckModule(module); err != nil {
		return File{}, err
	}
	n := NextNumber(module, c.Handouts, c.Transparencies)
	return File{
		Path: path.Join(content.TransparenciesDir, n.String()+".md"),
		Name: "Transparency " + n.String(),
		Text: transparencyText(title),
	}, nil
}

// Create writes f into the content folder dir, making f's folder when it is missing. It never
// replaces a file: when one of f's name exists, made since the numbers were read, it returns
// an error and writes nothing.
func Create(dir string, f File) (err error) {
	p := filepath.Join(dir, filepath.FromSlash(f.Path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("cannot make the folder for %s: %w", f.Name, err)
	}
	out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists (made while this command ran?): nothing was written; run the command again to take the next free number", p)
	}
	if err != nil {
		return fmt.Errorf("cannot create %s: %w", f.Name, err)
	}
	defer func() {
		if cerr := out.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("cannot write %s: %w", p, cerr)
		}
		if err != nil {
			os.Remove(p) // leave no half-written file behind
		}
	}()
	if _, err := out.Write(f.Text); err != nil {
		return fmt.Errorf("cannot write %s: %w", p, err)
	}
	return nil
}
