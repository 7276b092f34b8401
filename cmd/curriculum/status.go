package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"curriculum/generator"
	"curriculum/generator/adapt"
)

type statusOptions struct {
	Source   string
	Record   bool
	Out, Err io.Writer
}

func newStatusCmd(runF func(*statusOptions) error) *cobra.Command {
	opts := &statusOptions{}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show what an adaptation changes, and what changed in its base",
		Long: `Status lists what an adaptation replaces, adds and removes against its base curriculum,
and flags each base file it replaces that has changed since the adaptation last recorded it:
a correction upstream to look at and, where it applies, to copy into the adaptation's file.

After taking them in, run status --record: it records the base files as they are now.`,
		Example: `  curriculum status -s maryland
  curriculum status -s maryland --record`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Out, opts.Err = cmd.OutOrStdout(), cmd.ErrOrStderr()
			if runF != nil {
				return runF(opts)
			}
			return runStatus(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", "content", "the adaptation's content folder")
	cmd.Flags().BoolVar(&opts.Record, "record", false, "record the base files it replaces as they are now")
	return cmd
}

func runStatus(opts *statusOptions) error {
	status := adapt.Status
	if opts.Record {
		status = adapt.Record
	}
	r, err := status(opts.Source, generator.DisplayPath(opts.Source))
	if err != nil {
		return err
	}
	w := opts.Out
	fmt.Fprintf(w, "%s adapts %s.\n", r.Adaptation, joinVia(r.Bases))
	section := func(title string, n int) {
		fmt.Fprintf(w, "\n%s (%d):\n", title, n)
		if n == 0 {
			fmt.Fprintln(w, "  none")
		}
	}
	changed := 0
	section("Replaces", len(r.Overrides))
	for _, f := range r.Overrides {
		note := ""
		switch {
		case f.Changed:
			note = "  CHANGED UPSTREAM: compare with " + f.Base
			changed++
		case !f.Recorded:
			note = "  not recorded: run curriculum status --record once it matches what you want of " + f.Base
		}
		fmt.Fprintf(w, "  %s%s\n", f.Path, note)
	}
	section("Adds", len(r.Additions))
	for _, p := range r.Additions {
		fmt.Fprintf(w, "  %s\n", p)
	}
	section("Removes", len(r.Removals))
	for _, p := range r.Removals {
		fmt.Fprintf(w, "  %s\n", p)
	}
	switch {
	case opts.Record:
		fmt.Fprintf(w, "\nRecorded the %d base %s it replaces, as they are now.\n", len(r.Overrides), plural(len(r.Overrides), "file", "files"))
	case changed > 0:
		fmt.Fprintf(w, "\n%d base %s changed since recorded: bring in what applies, then run curriculum status --record.\n", changed, plural(changed, "file", "files"))
	}
	return nil
}

// joinVia names the chain of bases: "content", or "state, on content".
func joinVia(bases []string) string {
	s := bases[0]
	for _, b := range bases[1:] {
		s += ", which adapts " + b
	}
	return s
}
