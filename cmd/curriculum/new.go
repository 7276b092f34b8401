package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/spf13/cobra"

	"curriculum/generator"
	"curriculum/generator/adapt"
	"curriculum/generator/content"
	"curriculum/generator/scaffold"
)

// The kinds of part new starts.
const (
	newModule       = "module"
	newActivity     = "activity"
	newHandout      = "handout"
	newTransparency = "transparency"
)

type newOptions struct {
	Source       string
	Kind         string // newModule, newActivity, newHandout or newTransparency
	Module       int    // the module an activity, handout or transparency belongs to
	Title        string
	Transparency bool // a handout that is also a transparency
	Form         bool // a handout printed with room to write
	Out, Err     io.Writer
}

func newNewCmd(runF func(*newOptions) error) *cobra.Command {
	opts := &newOptions{}
	cmd := &cobra.Command{
		Use:   "new",
		Short: "Start a new module, activity, handout or transparency",
		Long: `New starts a new part of the curriculum from placeholder text, with the next free
number, and prints the path of the file it wrote. It never replaces a file.

The placeholder text builds as it is, and says what to write in its place. Numbers go on
from the highest in use: with Modules 1, 2 and 4 the new module is 5, and with Handouts 4.1
and 4.3 the new handout is 4.4. A handout and a transparency of the same module share their
numbers, since a handout may also be the transparency of its number.`,
		Example: `  curriculum new module --title "Working with Schools"
  curriculum new activity 5
  curriculum new handout 4 --form
  curriculum new transparency 4`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{fmt.Errorf("%s cannot start %q: it starts a module, activity, handout or transparency", cmd.CommandPath(), args[0])}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return usageError{fmt.Errorf("%s needs what to start: module, activity, handout or transparency", cmd.CommandPath())}
		},
	}
	cmd.PersistentFlags().StringVarP(&opts.Source, "source", "s", "content", "the content folder to add to")

	module := newKindCmd(opts, runF, newModule, scaffold.DefaultModuleTitle, &cobra.Command{
		Use:   "module",
		Short: "Start a new module, with the next free number",
		Long: `New module writes modules/N.md, N one more than the highest module, with a title, one
competency and objective, and one activity of one step, all placeholders to replace.
Add the module to the day's agenda in curriculum.yaml to give it a place in the schedule.`,
		Example: `  curriculum new module --title "Working with Schools"`,
		Args:    noArgs,
	})
	activity := newKindCmd(opts, runF, newActivity, scaffold.DefaultActivityTitle, &cobra.Command{
		Use:   "activity MODULE",
		Short: "Add a new activity at the end of a module",
		Long: `New activity adds an activity of 15 minutes with one step at the end of
modules/MODULE.md. Activities are numbered from their order: it says which number the new
one takes, and the line its heading is on.`,
		Example: `  curriculum new activity 4 --title "Sharing Our Plans"`,
		Args:    moduleArg,
	})
	handout := newKindCmd(opts, runF, newHandout, scaffold.DefaultHandoutTitle, &cobra.Command{
		Use:   "handout MODULE",
		Short: "Start a new handout of a module, with the next free number",
		Long: `New handout writes handouts/MODULE.K.md, K one more than the highest handout or
transparency of the module. --transparency makes it the transparency of its number too;
--form makes it a form, printed with room to write, and starts it with a table.`,
		Example: `  curriculum new handout 4
  curriculum new handout 4 --form --transparency --title "My Action Plan"`,
		Args: moduleArg,
	})
	handout.Flags().BoolVar(&opts.Transparency, "transparency", false, "the handout is also the transparency of its number")
	handout.Flags().BoolVar(&opts.Form, "form", false, "the handout is a form, printed with room to write")
	transparency := newKindCmd(opts, runF, newTransparency, scaffold.DefaultTransparencyTitle, &cobra.Command{
		Use:   "transparency MODULE",
		Short: "Start a new transparency of a module, with the next free number",
		Long: `New transparency writes transparencies/MODULE.K.md, K one more than the highest
handout or transparency of the module: a transparency that is not a handout. For one that
is, use curriculum new handout MODULE --transparency.`,
		Example: `  curriculum new transparency 4`,
		Args:    moduleArg,
	})
	var base string
	adaptation := &cobra.Command{
		Use:   "adaptation DIR --base CONTENT",
		Short: "Start an adaptation of a curriculum for a state or county",
		Long: `New adaptation makes the folder DIR for an adaptation of the curriculum in --base: a
settings file naming the base, with example variables and removals, and an example colour
stylesheet. Put in it only the files you change; build it with curriculum build -s DIR.`,
		Example: `  curriculum new adaptation maryland --base content`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("%s needs the folder to make, like: curriculum new adaptation maryland --base content", cmd.CommandPath())}
			}
			written, err := adapt.New(args[0], base)
			for _, p := range written {
				fmt.Fprintln(cmd.OutOrStdout(), p)
			}
			if err == nil {
				fmt.Fprintf(cmd.ErrOrStderr(), "Build it with: curriculum build -s %s -d public-%s\n", args[0], filepath.Base(args[0]))
			}
			return err
		},
	}
	adaptation.Flags().StringVar(&base, "base", "content", "the content folder of the curriculum to adapt")
	cmd.AddCommand(module, activity, handout, transparency, adaptation)
	return cmd
}

// newKindCmd completes sub, the command that starts one kind of part: its --title flag, whose
// placeholder is title, and its RunE.
func newKindCmd(opts *newOptions, runF func(*newOptions) error, kind, title string, sub *cobra.Command) *cobra.Command {
	sub.Flags().StringVar(&title, "title", title, "the title")
	sub.RunE = func(cmd *cobra.Command, args []string) error {
		opts.Out, opts.Err = cmd.OutOrStdout(), cmd.ErrOrStderr()
		opts.Kind, opts.Title = kind, title
		if err := scaffold.CheckTitle(title); err != nil {
			return usageError{fmt.Errorf("--title: %w", err)}
		}
		if len(args) == 1 {
			opts.Module, _ = parseModule(args[0]) // checked by moduleArg
		}
		if runF != nil {
			return runF(opts)
		}
		return runNew(opts)
	}
	return sub
}

// parseModule reads a module's number as its file is named: 4, not 04 or +4.
func parseModule(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 1 && strconv.Itoa(n) == s
}

// moduleArg accepts one argument, a module's number.
func moduleArg(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return usageError{fmt.Errorf("%s takes the number of a module, like %s 4; got %d arguments", cmd.CommandPath(), cmd.CommandPath(), len(args))}
	}
	if _, ok := parseModule(args[0]); !ok {
		return usageError{fmt.Errorf("%s takes the number of a module, like %s 4; %q is not one", cmd.CommandPath(), cmd.CommandPath(), args[0])}
	}
	return nil
}

func runNew(opts *newOptions) error {
	if err := generator.CheckSource(opts.Source); err != nil {
		return err
	}
	c, err := scaffold.Read(os.DirFS(opts.Source))
	if err != nil {
		return err
	}
	if opts.Kind == newActivity {
		return addActivity(opts, c)
	}
	var f scaffold.File
	switch opts.Kind {
	case newModule:
		f = scaffold.NewModule(c, opts.Title)
	case newHandout:
		f, err = scaffold.NewHandout(c, opts.Module, scaffold.HandoutOptions{Title: opts.Title, Transparency: opts.Transparency, Form: opts.Form})
	case newTransparency:
		f, err = scaffold.NewTransparency(c, opts.Module, opts.Title)
	default:
		return fmt.Errorf("curriculum new cannot start a %q", opts.Kind)
	}
	if err != nil {
		return err
	}
	if err := scaffold.Create(opts.Source, f); err != nil {
		return err
	}
	fmt.Fprintln(opts.Out, filepath.Join(opts.Source, filepath.FromSlash(f.Path)))
	if opts.Kind == newModule {
		settings := filepath.Join(opts.Source, content.SettingsFile)
		fmt.Fprintf(opts.Err, "Refer to it as %s in the text, and add it to the day's agenda in %s (- module: %d) to give it a place in the schedule.\n", f.Name, settings, scaffold.NextModule(c.Modules))
	} else {
		fmt.Fprintf(opts.Err, "Refer to it as %s in a module's text.\n", f.Name)
	}
	return nil
}

// addActivity appends a new activity to the end of Module opts.Module.
func addActivity(opts *newOptions, c scaffold.Contents) error {
	if err := c.CheckModule(opts.Module); err != nil {
		return err
	}
	p := filepath.Join(opts.Source, content.ModulesDir, strconv.Itoa(opts.Module)+".md")
	src, err := os.ReadFile(p)
	if err != nil {
		return fmt.Errorf("cannot read Module %d: %w", opts.Module, err)
	}
	add, err := scaffold.NewActivity(src, opts.Title)
	if err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	if err := scaffold.Append(p, src, add.Text); err != nil {
		return err
	}
	fmt.Fprintln(opts.Out, p)
	fmt.Fprintf(opts.Err, "%s:%d: added Activity %d of Module %d; refer to it as Activity %d in the module's text.\n", p, add.Line, add.Number, opts.Module, add.Number)
	return nil
}
