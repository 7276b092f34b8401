package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const twoActivities = `---
title: One
---

## Overview

` + "```" + `
## Activity: Not an activity, in a code block
` + "```" + `

## Activity: First {minutes=10}

### Step: Begin

Text.

## Activity: Second

Text.`

func TestNewActivity(t *testing.T) {
	heading := "## Activity: Sharing {minutes=15}\n\n### Step: New step\n\nSay the following:\n\n- Write what the trainer says.\n"
	for _, tc := range []struct {
		name   string
		module string
		add    string // the text added
		number int
		line   int
	}{
		{"no final newline", twoActivities, "\n\n" + heading, 3, 21},
		{"a final newline", twoActivities + "\n", "\n" + heading, 3, 21},
		{"a blank line at the end", twoActivities + "\n\n", heading, 3, 21},
		{"no activity yet", "---\ntitle: One\n---\n", "\n" + heading, 1, 5},
		{"an empty file", "", heading, 1, 1},
	} {
		got, err := NewActivity([]byte(tc.module), "Sharing")
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if string(got.Text) != tc.add || got.Number != tc.number || got.Line != tc.line {
			t.Errorf("%s: got Activity %d at line %d, adding %q\nwant Activity %d at line %d, adding %q", tc.name, got.Number, got.Line, got.Text, tc.number, tc.line, tc.add)
		}
		if lines := strings.Split(tc.module+string(got.Text), "\n"); len(lines) < got.Line || !strings.HasPrefix(lines[got.Line-1], "## Activity: Sharing") {
			t.Errorf("%s: line %d is not the new heading", tc.name, got.Line)
		}
	}
}

func TestNewActivityUnclosedFence(t *testing.T) {
	_, err := NewActivity([]byte(twoActivities+"\n\n```\ncode, never closed\n"), DefaultActivityTitle)
	if err == nil || !strings.Contains(err.Error(), "code block") {
		t.Errorf("NewActivity after an unclosed code block: %v; want an error saying so", err)
	}
}

func TestAppend(t *testing.T) {
	p := filepath.Join(t.TempDir(), "4.md")
	if err := os.WriteFile(p, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Append(p, []byte("old\n"), []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old\nnew\n" {
		t.Errorf("after Append: %q", b)
	}
	// The file changed since it was read: the number and line would be wrong.
	err := Append(p, []byte("old\n"), []byte("again\n"))
	if err == nil || !strings.Contains(err.Error(), "changed while this command ran") {
		t.Errorf("Append to a changed file: %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old\nnew\n" {
		t.Errorf("Append wrote to a changed file: %q", b)
	}
	if err := Append(filepath.Join(t.TempDir(), "5.md"), nil, []byte("x")); err == nil {
		t.Error("Append created a file")
	}
}

// FuzzNewActivity: whatever the module holds, NewActivity does not panic, and when it
// succeeds its heading is on the line it says.
func FuzzNewActivity(f *testing.F) {
	f.Add(twoActivities)
	f.Add("---\ntitle: x\n---\n\n```\n")
	f.Add("<!--\n")
	f.Add("    ## Activity: indented\n")
	f.Fuzz(func(t *testing.T, module string) {
		got, err := NewActivity([]byte(module), DefaultActivityTitle)
		if err != nil {
			return
		}
		lines := strings.Split(module+string(got.Text), "\n")
		if got.Number < 1 || got.Line < 1 || got.Line > len(lines) || !strings.HasPrefix(lines[got.Line-1], "## Activity: "+DefaultActivityTitle) {
			t.Errorf("Activity %d at line %d of %q", got.Number, got.Line, module+string(got.Text))
		}
	})
}
