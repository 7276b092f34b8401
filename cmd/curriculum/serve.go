package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"curriculum/generator/serve"
)

type serveOptions struct {
	Source   string
	Bind     string
	Port     int
	Out, Err io.Writer
}

func newServeCmd(runF func(*serveOptions) error) *cobra.Command {
	opts := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the curriculum while you edit it, reloading pages as they change",
		Long: `Serve builds the content folder in memory and serves the site on this machine. When a
file of the content folder changes, it builds again, and each page open in a browser
reloads when the change touched it. When a build fails, the pages keep showing the last
good build, with a panel listing the errors, until a build succeeds.

Serve writes nothing to disk: run curriculum build for the site to publish. The site is
reachable from this machine only, unless --bind names another address.`,
		Example: `  curriculum serve
  curriculum serve -s my-state --port 8080
  curriculum serve --bind 0.0.0.0      # reachable from other machines, for a review`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Out, opts.Err = cmd.OutOrStdout(), cmd.ErrOrStderr()
			if opts.Port < 0 || opts.Port > 65535 {
				return usageError{fmt.Errorf("--port %d is not a port: give one from 1 to 65535 (0 picks a free one)", opts.Port)}
			}
			if runF != nil {
				return runF(opts)
			}
			return runServe(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", "content", "the content folder to serve")
	cmd.Flags().StringVar(&opts.Bind, "bind", "127.0.0.1", "the address to serve at; 0.0.0.0 makes the site reachable from other machines")
	cmd.Flags().IntVar(&opts.Port, "port", 1313, "the port to serve at")
	return cmd
}

// runServe serves until ctx is done or the user presses Ctrl+C.
func runServe(ctx context.Context, opts *serveOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := serve.New(opts.Source)
	if err != nil {
		return err
	}
	ln, err := serve.Listen(opts.Bind, opts.Port)
	if err != nil {
		return err
	}
	if !serve.IsLoopback(opts.Bind) {
		fmt.Fprintf(opts.Err, "warning: --bind %s makes the site reachable from other machines on the network\n", opts.Bind)
	}
	p := &rebuildPrinter{opts: opts}
	// The watcher starts before the first build, so that no change after the first build's
	// reading goes unseen; its calls wait for the first build to be printed.
	first := make(chan struct{})
	var w *serve.Watcher
	problem := func(err error) { fmt.Fprintf(opts.Err, "curriculum: watching %s: %v\n", srv.Source(), err) }
	// An adaptation's bases are watched too, those its settings name after a change included.
	watchBases := func() {
		for _, dir := range srv.Folders() {
			if err := w.Add(dir); err != nil {
				problem(err)
			}
		}
	}
	w, err = serve.Watch(opts.Source, func(files []string) {
		<-first
		p.print(srv.BuildChanged(files), false)
		watchBases()
	}, problem)
	if err != nil {
		ln.Close()
		return fmt.Errorf("cannot watch %s for changes: %w", srv.Source(), err)
	}
	watchBases()
	p.print(srv.Build(), true)
	fmt.Fprintf(opts.Out, "Serving %s at http://%s/ — press Ctrl+C to stop\n", srv.Source(), ln.Addr())
	close(first)
	defer w.Close()
	return srv.Serve(ctx, ln)
}

// rebuildPrinter prints one line for each build, the errors of a build that failed, and the
// warnings not printed for the build before.
type rebuildPrinter struct {
	opts     *serveOptions
	warnings map[string]bool // those of the last build that succeeded
}

func (p *rebuildPrinter) print(r serve.Result, first bool) {
	out, errOut := p.opts.Out, p.opts.Err
	took := r.Duration.Round(time.Millisecond)
	if len(r.Errors) > 0 {
		for i, d := range r.Errors {
			if i == maxErrors {
				fmt.Fprintf(errOut, "… and %d more\n", len(r.Errors)-maxErrors)
				break
			}
			fmt.Fprintln(errOut, d)
		}
		count := fmt.Sprintf("%d %s", len(r.Errors), plural(len(r.Errors), "error", "errors"))
		if first {
			fmt.Fprintf(out, "Build failed in %s: %s; every page shows them until they are fixed\n", took, count)
		} else {
			fmt.Fprintf(out, "Rebuild failed in %s: %s; the pages show them, and the last good build, until they are fixed\n", took, count)
		}
		return
	}
	seen := map[string]bool{}
	for _, w := range r.Warnings {
		seen[w.String()] = true
		if !p.warnings[w.String()] {
			fmt.Fprintln(errOut, w)
		}
	}
	p.warnings = seen
	if first {
		fmt.Fprintf(out, "Built %d %s in %s\n", r.Pages, plural(r.Pages, "page", "pages"), took)
		return
	}
	fmt.Fprintf(out, "Rebuilt in %s: %s\n", took, describeChanges(r))
}

// describeChanges says how many pages and other files a rebuild changed.
func describeChanges(r serve.Result) string {
	pages := r.ChangedPages()
	others := len(r.Changed) - pages
	var parts []string
	if pages > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", pages, plural(pages, "page", "pages")))
	}
	if others > 0 {
		parts = append(parts, fmt.Sprintf("%d other %s", others, plural(others, "file", "files")))
	}
	if len(parts) == 0 {
		return "nothing changed"
	}
	changed := strings.Join(parts, " and ") + " changed"
	if others > 0 {
		changed += "; every open page reloads"
	}
	return changed
}
