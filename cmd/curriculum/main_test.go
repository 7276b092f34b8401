package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"curriculum": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command as a user does: exit codes, output, files on disk.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}

// TestBuildFlags checks flag parsing through the runF seam, without building anything.
func TestBuildFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want buildOptions
	}{
		{nil, buildOptions{Source: "content", Destination: "public"}},
		{[]string{"-s", "mystate", "-d", "site"}, buildOptions{Source: "mystate", Destination: "site"}},
		{[]string{"--source=a", "--destination=b", "--baseURL", "https://x.gov/c/"}, buildOptions{Source: "a", Destination: "b", BaseURL: "https://x.gov/c/"}},
	} {
		var got *buildOptions
		cmd := newBuildCmd(func(o *buildOptions) error { got = o; return nil })
		cmd.SetArgs(tc.args)
		cmd.SetOut(&bytes.Buffer{})
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%q: %v", tc.args, err)
		}
		if got.Source != tc.want.Source || got.Destination != tc.want.Destination || got.BaseURL != tc.want.BaseURL {
			t.Errorf("%q: got %+v, want %+v", tc.args, *got, tc.want)
		}
	}
}

// runExpect runs args, checks the exit code and that stderr holds want, and returns what run
// printed on stdout and stderr.
func runExpect(t *testing.T, args []string, code int, want string) (stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	if got := run(args, &out, &errOut); got != code {
		t.Errorf("%q: exit code %d, want %d (stderr %q)", args, got, code, errOut.String())
	}
	if !strings.Contains(errOut.String(), want) {
		t.Errorf("%q: stderr %q does not hold %q", args, errOut.String(), want)
	}
	return out.String(), errOut.String()
}

// TestRunExitCodes checks the exit codes and the one clean line run prints for each kind of
// failure.
func TestRunExitCodes(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"version"}, exitOK, ""},
		{[]string{"build", "--nope"}, exitUsage, "curriculum: unknown flag: --nope"},
		{[]string{"build", "extra"}, exitUsage, `curriculum: curriculum build takes no arguments, got ["extra"]`},
		{[]string{"build", "-s", "/does/not/exist"}, exitError, "curriculum: the source folder /does/not/exist does not exist"},
		{[]string{"build", "--baseURL", "example.org"}, exitError, `curriculum: --baseURL "example.org" is not a web address`},
		{[]string{"frobnicate"}, exitUsage, `curriculum: unknown command "frobnicate" for "curriculum"`},
	} {
		_, stderr := runExpect(t, tc.args, tc.code, tc.stderr)
		if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
			t.Errorf("%q: a stack trace reached the user: %s", tc.args, stderr)
		}
	}
}
