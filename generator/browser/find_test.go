package browser

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	// installed are the programs of the fake machine: what lookPath finds, by name or path.
	installed := map[string]string{
		"chromium-browser":     "/usr/bin/chromium-browser",
		"google-chrome-stable": "/opt/google/chrome/google-chrome-stable",
		"/opt/chrome/chrome":   "/opt/chrome/chrome",
		"/home/trainer/chrome": "/home/trainer/chrome",
		"my-chrome":            "/usr/local/bin/my-chrome",
	}
	tests := []struct {
		name       string
		flag       string
		env        string   // CHROME_PATH
		path       []string // the names on the PATH; nil means all of installed
		want       string
		wantErr    []string // fragments of the error message
		isNotFound bool
	}{
		{name: "flag path", flag: "/opt/chrome/chrome", want: "/opt/chrome/chrome"},
		{name: "flag name on PATH", flag: "my-chrome", want: "/usr/local/bin/my-chrome"},
		{name: "flag wins over CHROME_PATH", flag: "/opt/chrome/chrome", env: "/home/trainer/chrome", want: "/opt/chrome/chrome"},
		{name: "flag missing", flag: "/opt/nothing", env: "/home/trainer/chrome",
			wantErr: []string{`"/opt/nothing"`, "--chrome", "no such program"}},
		{name: "flag names a macOS app", flag: "/Applications/Google Chrome.app",
			wantErr: []string{`"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"`}},
		{name: "CHROME_PATH", env: "/home/trainer/chrome", want: "/home/trainer/chrome"},
		{name: "CHROME_PATH missing", env: "/home/trainer/old-chrome",
			wantErr: []string{`"/home/trainer/old-chrome"`, "CHROME_PATH", "unset CHROME_PATH"}},
		{name: "PATH in order", want: "/usr/bin/chromium-browser"},
		{name: "PATH, Chrome only", path: []string{"google-chrome-stable"}, want: "/opt/google/chrome/google-chrome-stable"},
		{name: "nothing installed", path: []string{}, isNotFound: true,
			wantErr: []string{"no Chromium found", "sudo apt-get install chromium", `--chrome "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"`, "CHROME_PATH"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			getenv := func(key string) string {
				if key == "CHROME_PATH" {
					return tc.env
				}
				return ""
			}
			lookPath := func(file string) (string, error) {
				if tc.path != nil && !strings.Contains(file, "/") && !slices.Contains(tc.path, file) {
					return "", errors.New("executable file not found in $PATH")
				}
				if p, ok := installed[file]; ok {
					return p, nil
				}
				return "", fs.ErrNotExist
			}
			got, err := find(tc.flag, getenv, lookPath)
			if tc.wantErr == nil {
				if err != nil || got != tc.want {
					t.Fatalf("find = %q, %v; want %q", got, err, tc.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("find = %q; want an error", got)
			}
			for _, frag := range tc.wantErr {
				if !strings.Contains(err.Error(), frag) {
					t.Errorf("error %q does not contain %q", err, frag)
				}
			}
			if got := errors.Is(err, ErrNotFound); got != tc.isNotFound {
				t.Errorf("errors.Is(err, ErrNotFound) = %v, want %v", got, tc.isNotFound)
			}
		})
	}
}

// TestFindFlagFile checks the flag against real files: it must exist and be executable.
func TestFindFlagFile(t *testing.T) {
	dir := t.TempDir()
	program := filepath.Join(dir, "chrome")
	if err := os.WriteFile(program, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	notExecutable := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notExecutable, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := Find(program); err != nil || got != program {
		t.Errorf("Find(%q) = %q, %v; want the program", program, got, err)
	}
	for path, reason := range map[string]string{
		notExecutable:                 "not an executable program",
		filepath.Join(dir, "missing"): "no such program",
	} {
		if _, err := Find(path); err == nil || !strings.Contains(err.Error(), reason) || !strings.Contains(err.Error(), path) {
			t.Errorf("Find(%q) error = %v; want one naming the path and saying %q", path, err, reason)
		}
	}
}

func TestFileURL(t *testing.T) {
	for path, want := range map[string]string{
		"/site/handouts/4.2/index.html":   "file:///site/handouts/4.2/index.html",
		"/Users/Pat Lee/site/index.html":  "file:///Users/Pat%20Lee/site/index.html",
		"/site/#draft/100%/a?b.html":      "file:///site/%23draft/100%25/a%3Fb.html",
		"/site/modules/über/café.html":    "file:///site/modules/%C3%BCber/caf%C3%A9.html",
		"/site/../site/./handouts/x.html": "file:///site/handouts/x.html",
	} {
		if got := FileURL(path); got != want {
			t.Errorf("FileURL(%q) = %q, want %q", path, got, want)
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := FileURL("index.html"), FileURL(filepath.Join(wd, "index.html")); got != want {
		t.Errorf("FileURL of a relative path = %q, want %q", got, want)
	}
}
