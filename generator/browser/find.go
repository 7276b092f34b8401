package browser

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
)

// ErrNotFound is the error that [Find] wraps when no Chromium is given and none is installed
// where it looks. Test for it with errors.Is.
var ErrNotFound = errors.New("no Chromium found")

// candidates are the program names Find looks for on the PATH, in order: Debian's and
// Ubuntu's Chromium first, then Google Chrome.
var candidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// installHint tells a trainer how to get a browser. It is part of every ErrNotFound.
const installHint = `on Debian or Ubuntu run "sudo apt-get install chromium"; ` +
	`on macOS install Google Chrome and pass --chrome "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"; ` +
	`or set CHROME_PATH to the Chromium or Chrome program`

// Find returns the path of the Chromium (or Google Chrome) program to run. It takes the first of:
//
//   - flag, when it is not empty (a path, or a name on the PATH); it must exist and be executable;
//   - the environment variable CHROME_PATH, when it is set; the same rule applies;
//   - chromium, chromium-browser, google-chrome or google-chrome-stable, found on the PATH.
//
// When flag or CHROME_PATH names a program that cannot be run, the error says which. When
// nothing is found, the error wraps [ErrNotFound] and says how to install Chromium.
func Find(flag string) (string, error) {
	return find(flag, os.Getenv, exec.LookPath)
}

// find is Find with the environment and the PATH lookup passed in, so that tests need neither.
// lookPath has the contract of [exec.LookPath]: a name with a slash is checked as a path, any
// other name is searched for on the PATH.
func find(flag string, getenv func(string) string, lookPath func(string) (string, error)) (string, error) {
	if flag != "" {
		path, err := lookPath(flag)
		if err != nil {
			return "", fmt.Errorf("cannot run the browser %q given with --chrome: %s; %s", flag, reason(err), fixHint(flag))
		}
		return path, nil
	}
	if env := getenv("CHROME_PATH"); env != "" {
		path, err := lookPath(env)
		if err != nil {
			return "", fmt.Errorf("cannot run the browser %q named by CHROME_PATH: %s; %s, or unset CHROME_PATH", env, reason(err), fixHint(env))
		}
		return path, nil
	}
	for _, name := range candidates {
		if path, err := lookPath(name); err == nil {
			return path, nil
		}
	}
	return "", fmt.Errorf("%w (looked for %s on the PATH): %s", ErrNotFound, strings.Join(candidates, ", "), installHint)
}

// reason turns a lookup error into a few plain words.
func reason(err error) string {
	switch {
	case errors.Is(err, exec.ErrNotFound), errors.Is(err, os.ErrNotExist):
		return "no such program"
	case errors.Is(err, syscall.EISDIR):
		return "it is a folder, not a program"
	case errors.Is(err, os.ErrPermission):
		return "it is not an executable program"
	}
	return err.Error()
}

// fixHint says what to pass instead of a path that did not work. The usual mistake on macOS is
// to name the .app bundle, a folder, rather than the program inside it.
func fixHint(path string) string {
	if app, ok := strings.CutSuffix(strings.TrimSuffix(path, "/"), ".app"); ok {
		return fmt.Sprintf("on macOS name the program inside the app: %q", app+".app/Contents/MacOS/"+filepath.Base(app))
	}
	return "give the full path of the Chromium or Google Chrome program"
}
