package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewFlags checks the arguments and flags of new through the runF seam, without writing
// anything.
func TestNewFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want newOptions
	}{
		{[]string{"module"}, newOptions{Source: "content", Kind: newModule, Title: "New module"}},
		{[]string{"module", "--title", "Plan: Part 1", "-s", "mystate"}, newOptions{Source: "mystate", Kind: newModule, Title: "Plan: Part 1"}},
		{[]string{"-s", "mystate", "activity", "4"}, newOptions{Source: "mystate", Kind: newActivity, Module: 4, Title: "New activity"}},
		{[]string{"handout", "12"}, newOptions{Source: "content", Kind: newHandout, Module: 12, Title: "New handout"}},
		{[]string{"handout", "4", "--transparency", "--form", "--title=Notes"}, newOptions{Source: "content", Kind: newHandout, Module: 4, Title: "Notes", Transparency: true, Form: true}},
		{[]string{"transparency", "--source", "x", "3"}, newOptions{Source: "x", Kind: newTransparency, Module: 3, Title: "New transparency"}},
	} {
		var got *newOptions
		cmd := newNewCmd(func(o *newOptions) error { got = o; return nil })
		cmd.SetArgs(tc.args)
		cmd.SetOut(&bytes.Buffer{})
		if err := cmd.Execute(); err != nil {
			t.Errorf("%q: %v", tc.args, err)
			continue
		}
		got.Out, got.Err = nil, nil
		if *got != tc.want {
			t.Errorf("%q:\n got %+v\nwant %+v", tc.args, *got, tc.want)
		}
	}
}

// TestNewExitCodes checks that a wrong command line exits 2 and a wrong module 1.
func TestNewExitCodes(t *testing.T) {
	dir := newContent(t)
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"new"}, exitUsage, "curriculum: curriculum new needs what to start"},
		{[]string{"new", "lesson"}, exitUsage, `curriculum: curriculum new cannot start "lesson"`},
		{[]string{"new", "module", "5"}, exitUsage, `curriculum: curriculum new module takes no arguments, got ["5"]`},
		{[]string{"new", "activity"}, exitUsage, "takes the number of a module, like curriculum new activity 4; got 0 arguments"},
		{[]string{"new", "handout", "4", "5"}, exitUsage, "got 2 arguments"},
		{[]string{"new", "transparency", "04"}, exitUsage, `"04" is not one`},
		{[]string{"new", "handout", "99999999999999999999999"}, exitUsage, "is not one"},
		{[]string{"new", "handout", "4", "--title", "One\nTwo"}, exitUsage, "more than one line"},
		{[]string{"new", "activity", "4", "--form"}, exitUsage, "unknown flag: --form"},
		{[]string{"new", "handout", "3", "-s", dir}, exitError, "curriculum: there is no Module 3 (this curriculum has Module 4)"},
		{[]string{"new", "module", "-s", filepath.Join(dir, "nowhere")}, exitError, "does not exist: run curriculum in the folder that holds content/, or name the folder with -s"},
		{[]string{"new", "module", "-s", filepath.Join(dir, "curriculum.yaml")}, exitError, "is a file: -s names the content folder"},
	} {
		if stdout, _ := runExpect(t, tc.args, tc.code, tc.stderr); stdout != "" {
			t.Errorf("%q: failed, and printed %q on stdout", tc.args, stdout)
		}
	}
}

// TestRunNew runs new itself: stdout is the path written and nothing else.
func TestRunNew(t *testing.T) {
	dir := newContent(t)
	for _, tc := range []struct {
		opts   newOptions
		stdout string
		stderr string
	}{
		{newOptions{Kind: newHandout, Module: 4, Title: "New handout"}, "handouts/4.1.md", "Refer to it as Handout 4.1 in a module's text.\n"},
		{newOptions{Kind: newTransparency, Module: 4, Title: "New transparency"}, "transparencies/4.2.md", "Refer to it as Transparency 4.2 in a module's text.\n"},
		{newOptions{Kind: newActivity, Module: 4, Title: "New activity"}, "modules/4.md", ":5: added Activity 1 of Module 4; refer to it as Activity 1 in the module's text.\n"},
		{newOptions{Kind: newModule, Title: "New module"}, "modules/5.md", "Refer to it as Module 5 in the text"},
	} {
		var out, errOut bytes.Buffer
		opts := tc.opts
		opts.Source, opts.Out, opts.Err = dir, &out, &errOut
		if err := runNew(&opts); err != nil {
			t.Errorf("%s: %v", tc.opts.Kind, err)
			continue
		}
		want := filepath.Join(dir, filepath.FromSlash(tc.stdout))
		if out.String() != want+"\n" {
			t.Errorf("%s: stdout %q, want %q", tc.opts.Kind, out.String(), want+"\n")
		}
		if !strings.Contains(errOut.String(), tc.stderr) {
			t.Errorf("%s: stderr %q does not hold %q", tc.opts.Kind, errOut.String(), tc.stderr)
		}
		if _, err := os.Stat(want); err != nil {
			t.Errorf("%s: %v", tc.opts.Kind, err)
		}
	}
}

// newContent is a content folder holding Module 4 alone, with no handouts.
func newContent(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{
		"curriculum.yaml": "title: T\nday:\n  start: \"9:00\"\n  agenda:\n    - module: 4\n      minutes: 15\n",
		"modules/4.md":    "---\ntitle: Four\n---\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
