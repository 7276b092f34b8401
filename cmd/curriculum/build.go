package main

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"curriculum/generator"
	"curriculum/generator/model"
	"curriculum/generator/site"
)

type buildOptions struct {
	Source      string
	Destination string
	BaseURL     string
	Edition     string
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
	opts.addFlags(cmd)
	return cmd
}

// addFlags adds the flags of a build, which every command that builds takes.
func (opts *buildOptions) addFlags(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&opts.Source, "source", "s", "content", "the content folder to build")
	cmd.Flags().StringVarP(&opts.Destination, "destination", "d", "public", "the folder to write the site to")
	cmd.Flags().StringVar(&opts.BaseURL, "baseURL", "", "the address the site is published at, for canonical links and the sitemap")
	cmd.Flags().StringVar(&opts.Edition, "edition", model.TrainerEdition, "trainer (everything) or participant (objectives, schedule, handouts, further reading; no trainer script)")
}

func runBuild(opts *buildOptions) error {
	return opts.build(nil)
}

// build runs a build with print as its generator.Options.Print, prints its warnings, and
// on success one line saying what it wrote.
func (opts *buildOptions) build(print func(dir string, packets []*site.Packet) error) error {
	if opts.Edition != model.TrainerEdition && opts.Edition != model.ParticipantEdition {
		return usageError{fmt.Errorf("--edition is %s or %s, not %q", model.TrainerEdition, model.ParticipantEdition, opts.Edition)}
	}
	start := time.Now()
	report, err := generator.Build(generator.Options{
		Source:      opts.Source,
		Destination: opts.Destination,
		BaseURL:     opts.BaseURL,
		Edition:     opts.Edition,
		Print:       print,
	})
	for _, w := range report.Warnings {
		fmt.Fprintln(opts.Err, w)
	}
	if err != nil {
		return err
	}
	printed := ""
	if print != nil {
		printed = fmt.Sprintf(" and %d %s", len(report.Packets), plural(len(report.Packets), "PDF", "PDFs"))
	}
	fmt.Fprintf(opts.Out, "Built %d pages (%d %s, %d %s, %d %s)%s into %s in %s\n",
		report.Pages,
		report.Modules, plural(report.Modules, "module", "modules"),
		report.Handouts, plural(report.Handouts, "handout", "handouts"),
		report.Transparencies, plural(report.Transparencies, "transparency", "transparencies"),
		printed, opts.Destination, time.Since(start).Round(time.Millisecond))
	return nil
}

// noArgs rejects positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Errorf("%s takes no arguments, got %q", cmd.CommandPath(), args)}
	}
	return nil
}
