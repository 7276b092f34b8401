package scaffold

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// The titles a new part takes when none is given. Like all the placeholder text, they say
// plainly that they are to be replaced, and nothing a trainer could take for the curriculum's
// own words.
const (
	DefaultModuleTitle       = "New module"
	DefaultActivityTitle     = "New activity"
	DefaultHandoutTitle      = "New handout"
	DefaultTransparencyTitle = "New transparency"

	// activityMinutes is the length of a new activity, and so of a new module, which has one.
	activityMinutes = 15
)

// CheckTitle returns an error when title cannot be a title: it is empty or more than one line.
func CheckTitle(title string) error {
	switch {
	case strings.TrimSpace(title) == "":
		return fmt.Errorf("the title is empty: give one, or leave --title out for a placeholder")
	case strings.ContainsAny(title, "\r\n"):
		return fmt.Errorf("the title %q is more than one line: give it on one line", title)
	}
	return nil
}

// yamlString writes s as a YAML scalar, quoted when it must be ("Plan: Part 1").
func yamlString(s string) string {
	b, err := yaml.Marshal(strings.TrimSpace(s))
	if err != nil { // a string always marshals
		panic(err)
	}
	return strings.TrimSuffix(string(b), "\n")
}

// moduleText is a new module: its front matter with one competency and objective, an
// overview, and one activity of one step that serves the objective.
func moduleText(title string) []byte {
	return []byte(`---
title: ` + yamlString(title) + `
duration: ` + fmt.Sprint(activityMinutes) + `                 # minutes: keep it the sum of the activities' minutes
competencies:                # numbered 1, 2, … in this order
  - competency: Write a competency this module teaches.
    objectives:              # numbered 1.1, 1.2, … under competency 1
      - Write an objective of this competency.
# materials:                 # what the trainer needs, one a line
#   - Write a material.
---

## Overview

Write what this module is about.

` + activityText(DefaultActivityTitle, `serves="1.1"`))
}

// activityText is a new activity of one step, with attrs after its minutes in its heading.
func activityText(title, attrs string) string {
	a := fmt.Sprintf("minutes=%d", activityMinutes)
	if attrs != "" {
		a += " " + attrs
	}
	return "## Activity: " + strings.TrimSpace(title) + " {" + a + "}\n" + stepText
}

// stepText is the one step of a new activity.
const stepText = `
### Step: New step

Say the following:

- Write what the trainer says.
`

// handoutText is a new handout; a form gets a table with rows to write in.
func handoutText(title string, transparency, form bool) []byte {
	var b strings.Builder
	b.WriteString("---\ntitle: " + yamlString(title) + "\n")
	if transparency {
		b.WriteString("transparency: true\n")
	}
	if form {
		b.WriteString("form: true\n")
	}
	b.WriteString("---\n\n")
	if form {
		b.WriteString(`Write what participants fill in.

| Write a column's heading | Write a column's heading |
| --- | --- |
| | |
| | |
| | |
`)
	} else {
		b.WriteString("Write the handout's text.\n")
	}
	return []byte(b.String())
}

// transparencyText is a new transparency that is not a handout.
func transparencyText(title string) []byte {
	return []byte("---\ntitle: " + yamlString(title) + "\n---\n\nWrite the transparency's text: a few lines, in large type on the sheet.\n")
}
