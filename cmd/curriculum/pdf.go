package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"curriculum/generator/browser"
	"curriculum/generator/site"
)

type pdfOptions struct {
	buildOptions
	Chrome string
}

func newPDFCmd(runF func(*pdfOptions) error) *cobra.Command {
	opts := &pdfOptions{}
	cmd := &cobra.Command{
		Use:   "pdf",
		Short: "Build the site and print its packets to PDF",
		Long: `Pdf builds the site, then prints each print packet to PDF with headless Chromium:
the trainer's guide, every handout, the transparency set and each module's handouts, into
pdf/ in the destination folder. The site's pages link the PDFs.

Chromium is found from --chrome, then $CHROME_PATH, then chromium, chromium-browser,
google-chrome or google-chrome-stable on the PATH. The PDFs' dates are those of
$SOURCE_DATE_EPOCH when it is set, else 1 January 2000, so that the same content gives the
same files.`,
		Example: `  curriculum pdf
  curriculum pdf --chrome "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Out, opts.Err = cmd.OutOrStdout(), cmd.ErrOrStderr()
			if runF != nil {
				return runF(opts)
			}
			return runPDF(cmd.Context(), opts)
		},
	}
	opts.addFlags(cmd)
	cmd.Flags().StringVar(&opts.Chrome, "chrome", "", "the Chromium or Chrome program to print with")
	return cmd
}

func runPDF(ctx context.Context, opts *pdfOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	// Find Chromium before building, so that a missing browser is the first thing said.
	exe, err := browser.Find(opts.Chrome)
	if err != nil {
		return err
	}
	stamp, err := pdfDate()
	if err != nil {
		return err
	}
	return opts.build(func(dir string, packets []*site.Packet) error {
		b, err := browser.Start(ctx, exe)
		if err != nil {
			return err
		}
		defer b.Close()
		base := opts.BaseURL // checked by the build, before this runs
		if base != "" && !strings.HasSuffix(base, "/") {
			base += "/"
		}
		return browser.PrintPackets(ctx, b, dir, packets, browser.PrintOptions{BaseURL: base, Date: stamp})
	})
}

// pdfDate is the date the PDFs carry: $SOURCE_DATE_EPOCH (the reproducible-builds
// convention) when it is set, else a fixed one.
func pdfDate() (time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), nil
	}
	sec, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970: unset it or give one", s)
	}
	return time.Unix(sec, 0).UTC(), nil
}
