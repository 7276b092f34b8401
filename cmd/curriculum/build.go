package main

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"curriculum/generator"
)

type buildOptions struct {
	Source      string
	Destination string
	BaseURL     string
	Out, Err    io.Writer
}

func newBuildCmd(runF func(*buildOptions) error) *cobra.Command {
	opts := &buildOptions{}
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the curriculum into a static site",
		Long: `Build compiles the content folder into a static site in the destination folder.

The site is written next to the destination and swapped in only when the whole build
succeeded: a build that fails leaves the last good site as it was. Open index.html in
the destination folder straight from disk; no web server is needed.`,
		Example: `  curriculum build
  curriculum build -s my-state -d site --baseURL https://training.example.gov/partnerships/`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Out, opts.Err = cmd.OutOrStdout(), cmd.ErrOrStderr()
			if runF != nil {
				return runF(opts)
			}
			return runBuild(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", "content", "the content folder to build")
	cmd.Flags().StringVarP(&opts.Destination, "destination", "d", "public", "the folder to write the site to")
	cmd.Flags().StringVar(&opts.BaseURL, "baseURL", "", "the address the site is published at, for canonical links and the sitemap")
	return cmd
}

func runBuild(opts *buildOptions) error {
	start := time.Now()
	report, err := generator.Build(generator.Options{
		Source:      opts.Source,
		Destination: opts.Destination,
		BaseURL:     opts.BaseURL,
	})
	for _, w := range report.Warnings {
		fmt.Fprintln(opts.Err, w)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.Out, "Built %d pages (%d %s, %d %s, %d %s) into %s in %s\n",
		report.Pages,
		report.Modules, plural(report.Modules, "module", "modules"),
		report.Handouts, plural(report.Handouts, "handout", "handouts"),
		report.Transparencies, plural(report.Transparencies, "transparency", "transparencies"),
		opts.Destination, time.Since(start).Round(time.Millisecond))
	return nil
}

// noArgs rejects positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Errorf("%s takes no arguments, got %q", cmd.CommandPath(), args)}
	}
	return nil
}
