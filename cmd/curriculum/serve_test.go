package main

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestServeFlags checks flag parsing through the runF seam, without serving anything.
func TestServeFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want serveOptions
	}{
		{nil, serveOptions{Source: "content", Bind: "127.0.0.1", Port: 1313}},
		{[]string{"-s", "mystate", "--port", "8080"}, serveOptions{Source: "mystate", Bind: "127.0.0.1", Port: 8080}},
		{[]string{"--source=a", "--bind", "0.0.0.0", "--port=0"}, serveOptions{Source: "a", Bind: "0.0.0.0", Port: 0}},
	} {
		var got *serveOptions
		cmd := newServeCmd(func(o *serveOptions) error { got = o; return nil })
		cmd.SetArgs(tc.args)
		cmd.SetOut(&bytes.Buffer{})
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%q: %v", tc.args, err)
		}
		if got.Source != tc.want.Source || got.Bind != tc.want.Bind || got.Port != tc.want.Port {
			t.Errorf("%q: got %+v, want %+v", tc.args, *got, tc.want)
		}
	}
}

// TestServeExitCodes checks the exit codes and the one line run prints for each mistake.
func TestServeExitCodes(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	busyPort := strconv.Itoa(busy.Addr().(*net.TCPAddr).Port)
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"serve", "--port", "abc"}, exitUsage, `curriculum: invalid argument "abc" for "--port" flag`},
		{[]string{"serve", "--port", "70000"}, exitUsage, "curriculum: --port 70000 is not a port: give one from 1 to 65535"},
		{[]string{"serve", "--port", "-1"}, exitUsage, "curriculum: --port -1 is not a port"},
		{[]string{"serve", "--nope"}, exitUsage, "curriculum: unknown flag: --nope"},
		{[]string{"serve", "extra"}, exitUsage, `curriculum: curriculum serve takes no arguments, got ["extra"]`},
		{[]string{"serve", "-s", "/does/not/exist"}, exitError, "curriculum: the source folder /does/not/exist does not exist"},
		{[]string{"serve", "-s", t.TempDir(), "--port", busyPort}, exitError,
			"curriculum: cannot serve at 127.0.0.1:" + busyPort + ": the port is in use, perhaps by another curriculum serve: stop it, or choose another port with --port"},
	} {
		runExpect(t, tc.args, tc.code, tc.stderr)
	}
}

// syncBuffer is a bytes.Buffer that a command writes to while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor waits for a line matching re in b, and returns its submatches.
func waitFor(t *testing.T, b *syncBuffer, re string) []string {
	t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		if m := rx.FindStringSubmatch(b.String()); m != nil {
			return m
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no line matching %q in\n%s", re, b.String())
	return nil
}

// TestServe runs curriculum serve as a user does: it serves, prints a line for each rebuild
// and the errors of a failed one, and stops with exit code 0 on Ctrl+C.
func TestServe(t *testing.T) {
	t.Chdir(t.TempDir())
	files := map[string]string{
		"content/curriculum.yaml": "title: Serve Curriculum\nday:\n  start: \"9:00\"\n  agenda:\n    - module: 1\n      minutes: 50\n",
		"content/modules/1.md":    "---\ntitle: One\ncompetencies:\n  - Know.\n---\n\n## Activity: First {minutes=50 serves=\"1\"}\n\n### Step: Begin\n\nWelcome everyone.\n",
	}
	for name, text := range files {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errOut syncBuffer
	exit := make(chan int, 1)
	go func() { exit <- run([]string{"serve", "--port", "0"}, &out, &errOut) }()

	waitFor(t, &out, `^Built \d+ pages in \d+m?s\n`)
	addr := waitFor(t, &out, `\nServing content at (http://127\.0\.0\.1:\d+/) — press Ctrl\+C to stop\n`)[1]
	resp, err := http.Get(addr + "modules/1/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "Welcome everyone.") || !strings.Contains(string(body), `<script src="/__curriculum/reload.js"`) {
		t.Errorf("GET %smodules/1/: %s\n%s", addr, resp.Status, body)
	}

	module := []byte(files["content/modules/1.md"])
	if err := os.WriteFile("content/modules/1.md", bytes.Replace(module, []byte("Welcome"), []byte("Greet"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &out, `\nRebuilt in \d+m?s: \d+ pages? .*changed\n`)
	if err := os.WriteFile("content/modules/1.md", bytes.Replace(module, []byte("title: One"), []byte("title: One\nduration: an hour"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &out, `\nRebuild failed in \d+m?s: 1 error; the pages show them, and the last good build, until they are fixed\n`)
	waitFor(t, &errOut, `^content/modules/1.md:3:11: error: duration in a module's front matter`)

	// Ctrl+C.
	self, err := os.FindProcess(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if err := self.Signal(os.Interrupt); err != nil {
		t.Skipf("cannot interrupt the test: %v", err) // Windows
	}
	select {
	case code := <-exit:
		if code != exitOK {
			t.Errorf("serve stopped by Ctrl+C: exit code %d, want 0 (stderr %s)", code, errOut.String())
		}
	case <-time.After(3 * time.Second):
		t.Fatal("serve did not stop on Ctrl+C")
	}
	if strings.Contains(errOut.String(), "warning: --bind") {
		t.Errorf("serving on 127.0.0.1 warned:\n%s", errOut.String())
	}
}
