package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"curriculum/generator"
	"curriculum/generator/diag"
)

type checkOptions struct {
	Source   string
	Strict   bool
	Format   string
	Out, Err io.Writer
}

func newCheckCmd(runF func(*checkOptions) error) *cobra.Command {
	opts := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check the curriculum without building it",
		Long: `Check runs every check a build runs — the front matter, the references, the minutes,
the objectives every activity serves, the templates of the theme — and writes nothing.

It prints one line per problem, sorted by file and line, compiler-style:

  content/modules/4.md:37:12: error: unknown handout "4.9" (this curriculum has 4.1, 4.2, 4.3)

It exits with 0 when there is no error, 1 when there is one, and with --strict also when
there is a warning. --format json prints the same diagnostics as a JSON array, for CI.`,
		Example: `  curriculum check
  curriculum check --strict
  curriculum check --format json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Out, opts.Err = cmd.OutOrStdout(), cmd.ErrOrStderr()
			if opts.Format != "text" && opts.Format != "json" {
				return usageError{fmt.Errorf("--format is text or json, not %q", opts.Format)}
			}
			if runF != nil {
				return runF(opts)
			}
			return runCheck(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", "content", "the content folder to check")
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "fail on warnings too")
	cmd.Flags().StringVar(&opts.Format, "format", "text", "how to print the diagnostics: text or json")
	return cmd
}

// jsonDiagnostic is a diagnostic as --format json prints it.
type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// errFailed is returned when check printed its diagnostics and must exit 1.
var errFailed = errors.New("check failed")

func runCheck(opts *checkOptions) error {
	report, err := generator.Check(opts.Source)
	var errs diag.Errors
	if err != nil && !errors.As(err, &errs) {
		return err // the source cannot be read at all
	}
	all := slices.Concat([]diag.Diagnostic(errs), report.Warnings)
	diag.Sort(all)
	if opts.Format == "json" {
		out := make([]jsonDiagnostic, len(all))
		for i, d := range all {
			out[i] = jsonDiagnostic{d.File, d.Line, d.Column, d.Severity.String(), d.Message}
		}
		enc := json.NewEncoder(opts.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return err
		}
	} else {
		for _, d := range all {
			fmt.Fprintln(opts.Out, d)
		}
		fmt.Fprintln(opts.Err, summary(len(errs), len(report.Warnings)))
	}
	if len(errs) > 0 || opts.Strict && len(report.Warnings) > 0 {
		return errFailed
	}
	return nil
}

// summary counts the problems: "2 errors, 1 warning", or "no problems".
func summary(errs, warnings int) string {
	switch {
	case errs == 0 && warnings == 0:
		return "no problems"
	case warnings == 0:
		return fmt.Sprintf("%d %s", errs, plural(errs, "error", "errors"))
	case errs == 0:
		return fmt.Sprintf("%d %s", warnings, plural(warnings, "warning", "warnings"))
	}
	return fmt.Sprintf("%d %s, %d %s", errs, plural(errs, "error", "errors"), warnings, plural(warnings, "warning", "warnings"))
}
