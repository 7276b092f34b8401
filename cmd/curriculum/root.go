package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"curriculum/generator/diag"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the content or the command failed
	exitUsage = 2 // the command line is wrong
)

// maxErrors is how many errors a failed build prints: the first ones, in file order, are
// the ones to fix first.
const maxErrors = 100

// usageError marks an error in the command line itself.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

// run executes the command line args and returns the process's exit code.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if _, _, unknown := root.Find(args); unknown != nil && err != nil {
		err = usageError{unknown} // a command that does not exist, like a flag that does not
	}
	if err == nil {
		return exitOK
	}
	var diags diag.Errors
	var usage usageError
	switch {
	case errors.Is(err, errFailed):
		return exitError // check printed why
	case errors.As(err, &diags):
		for i, d := range diags {
			if i == maxErrors {
				fmt.Fprintf(stderr, "… and %d more\n", len(diags)-maxErrors)
				break
			}
			fmt.Fprintln(stderr, d)
		}
		fmt.Fprintf(stderr, "%d %s; nothing was written\n", len(diags), plural(len(diags), "error", "errors"))
		return exitError
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "curriculum: %v\n", usage.err)
		fmt.Fprintln(stderr, "Run 'curriculum help' for usage.")
		return exitUsage
	default:
		fmt.Fprintf(stderr, "curriculum: %v\n", err)
		return exitError
	}
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "curriculum",
		Short: "Publish a training curriculum as a website, handout packets and transparencies",
		Long: `curriculum compiles a training curriculum written in markdown — modules, competencies,
activities, handouts, transparencies, a schedule — into a cross-linked static website that
works offline, opened straight from disk.`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		newBuildCmd(nil),
		newPDFCmd(nil),
		newCheckCmd(nil),
		newStatusCmd(nil),
		newServeCmd(nil),
		newVersionCmd(nil),
		newNewCmd(nil),
	)
	for _, c := range root.Commands() {
		c.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	}
	return root
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
