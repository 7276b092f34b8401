package generator_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"curriculum/generator"
	"curriculum/generator/site"
)

// validModule is a module every case below may break.
const validModule = `
-- modules/1.md --
---
title: One
duration: 60
competencies:
  - Know.
  - competency: Do.
    objectives:
      - Do well.
---

## Activity: First {minutes=60 serves="1, 2.1"}

### Step: Begin

Refer participants to Handout 1.1.
-- handouts/1.1.md --
---
title: A Handout
---

Text.
`

// TestBrokenInput gives each mistake an editor can make and the exact diagnostic it must
// produce: the file, line and column, what is wrong and how to fix it.
func TestBrokenInput(t *testing.T) {
	for _, tc := range []struct {
		name, files, errors string
	}{
		{"unknown handout", `
-- modules/2.md --
---
title: Two
---

See Handout 1.9.
`, `content/modules/2.md:5:5: error: unknown handout "1.9" (this curriculum has 1.1)`},
		{"unknown transparency of an existing handout", `
-- modules/2.md --
---
title: Two
---

Place Transparency 1.1 on the projector.
`, `content/modules/2.md:5:7: error: unknown transparency "1.1" (this curriculum has no transparencies); to make Handout 1.1 a transparency too, add "transparency: true" to its front matter`},
		{"unknown module", `
-- modules/2.md --
---
title: Two
---

As in Module 7 and Module Nine.
`, `content/modules/2.md:5:7: error: unknown module 7 (this curriculum has Modules 1 and 2)
content/modules/2.md:5:20: error: unknown module 9 (this curriculum has Modules 1 and 2)`},
		{"unknown activity", `
-- modules/2.md --
---
title: Two
---

## Activity: Only

Go back to Activity 3 and to Module 1, Activity 2.
`, `content/modules/2.md:7:12: error: Module 2 has no Activity 3 (it has Activity 1 only)
content/modules/2.md:7:30: error: Module 1 has no Activity 2 (it has Activity 1 only)`},
		{"unknown objective served", `
-- modules/2.md --
---
title: Two
competencies:
  - Know.
---

## Activity: Only {serves="1.1"}
`, `content/modules/2.md:7:20: error: Module 2 has no objective 1.1 (it has no objectives)`},
		{"unknown competency served", `
-- modules/2.md --
---
title: Two
competencies:
  - Know.
---

## Activity: Only {serves="3"}
`, `content/modules/2.md:7:20: error: Module 2 has no competency 3 (its competencies are 1); serves lists competencies (1) and objectives (2.1)`},
		{"minutes not a number", `
-- modules/2.md --
---
title: Two
---

## Activity: Only {minutes="fifteen"}
`, `content/modules/2.md:5:20: error: minutes must be a whole number of minutes, like minutes=15; found fifteen`},
		{"unreadable attributes", `
-- modules/2.md --
---
title: Two
---

## Activity: Only {serves=1, 2.1}
`, `content/modules/2.md:5:1: error: cannot read the attributes {serves=1, 2.1} at the end of this heading: write them as {minutes=15 serves="1, 2.1"}, with the value of serves in double quotes`},
		{"activity with its number", `
-- modules/2.md --
---
title: Two
---

## Activity 1: Only
`, `content/modules/2.md:5:1: error: write the activity without its number (Activity: Only): activities are numbered from their order`},
		{"level-1 heading", `
-- modules/2.md --
---
title: Two
---

# Two
`, `content/modules/2.md:5:1: error: a level-1 heading (#) in the body: the title in the front matter is the page's one level-1 heading; start the body's headings at level 2 (##)`},
		{"stray level-3 heading in an activity", `
-- modules/2.md --
---
title: Two
---

## Activity: Only

### Notes
`, `content/modules/2.md:7:1: error: inside an activity, a level-3 heading must be a step (### Step: Title); make this heading level 4 (####)`},
		{"unknown front matter field", `
-- modules/2.md --
---
title: Two
duraton: 60
---
`, `content/modules/2.md:3:1: error: unknown field "duraton" in a module's front matter: did you mean "duration"? (the fields are title, duration, outline, competencies, materials)`},
		{"duration not a number", `
-- modules/2.md --
---
title: Two
duration: one hour
---
`, `content/modules/2.md:3:11: error: duration in a module's front matter must be a whole number of minutes, like duration: 10; found "one hour"`},
		{"missing title", `
-- modules/2.md --
---
duration: 60
---
`, `content/modules/2.md:2:1: error: a module's front matter has no title: add a line "title: …"`},
		{"malformed YAML", `
-- modules/2.md --
---
title: Module 2: Two
---
`, `content/modules/2.md:2: error: the front matter of a module is not valid YAML: mapping values are not allowed in this context (a value holding ": " must be put in quotes, like title: "Module 4: My Plan")`},
		{"no front matter", `
-- modules/2.md --
# Two
`, `content/modules/2.md:1:1: error: a module must start with its front matter: a line ---, its fields (title: …), and a line ---`},
		{"front matter never closed", `
-- modules/2.md --
---
title: Two
`, `content/modules/2.md:1:1: error: the front matter that starts here is never closed: add a line --- after its last field`},
		{"module file not a number", `
-- modules/two.md --
---
title: Two
---
`, `content/modules/two.md: error: a module's file is named by its number, like modules/4.md; rename modules/two.md`},
		{"handout file not module.n", `
-- handouts/1-2.md --
---
title: Two
---
`, `content/handouts/1-2.md: error: a handout's file is named by its number, module.n, like handouts/4.1.md; rename handouts/1-2.md`},
		{"handout of a missing module", `
-- handouts/5.1.md --
---
title: Five
---
`, `content/handouts/5.1.md: error: Handout 5.1 belongs to Module 5, which does not exist (this curriculum has Module 1); rename the file to the number of its module`},
		{"transparency given twice", `
-- handouts/1.2.md --
---
title: Two
transparency: true
---

Handout 1.2 and Transparency 1.2.
-- transparencies/1.2.md --
---
title: Two again
---
`, `content/transparencies/1.2.md: error: Transparency 1.2 is given twice: content/handouts/1.2.md says "transparency: true"; remove this file or that line`},
		{"transparency flag not a boolean", `
-- handouts/1.2.md --
---
title: Two
transparency: maybe
---
`, `content/handouts/1.2.md:3:15: error: transparency in a handout's front matter must be true or false; found "maybe"`},
		{"not UTF-8", "\n-- modules/2.md --\n---\ntitle: Caf\xe9\n---\n",
			`content/modules/2.md:2:11: error: the file is not UTF-8 text (byte 0xE9): save it as UTF-8 in your editor ("Save as…", encoding UTF-8)`},
		{"unknown derived block", `
-- closing.md --
---
title: Closing
---

{{shedule}}
`, `content/closing.md:5:3: error: unknown block {{shedule}}: did you mean {{schedule}}? the blocks are {{modules}}, {{competencies}}, {{outline}}, {{schedule}}, {{materials}}, {{children}}`},
		{"page at a reserved path", `
-- schedule.md --
---
title: My schedule
---
`, `content/schedule.md: error: schedule/index.html is a page the generator makes itself; give this page another name`},
		{"agenda names a missing module", `
-- curriculum.yaml --
title: T
day:
  start: "9:00"
  agenda:
    - module: 3
      minutes: 10
`, `content/curriculum.yaml:5:7: error: the agenda has Module 3, which does not exist (this curriculum has Module 1)`},
		{"agenda block of two kinds", `
-- curriculum.yaml --
title: T
day:
  start: "9:00"
  agenda:
    - module: 1
      break: Lunch
      minutes: 10
`, `content/curriculum.yaml:5:7: error: an agenda block is exactly one of module: N, page: PATH or break: NAME; this one has 2`},
		{"bad start time", `
-- curriculum.yaml --
title: T
day:
  start: "half past eight"
  agenda:
    - module: 1
`, `content/curriculum.yaml:3:10: error: start of the day: "half past eight" is not a time of day: write it as hours:minutes, like "8:30"`},
		{"break without minutes", `
-- curriculum.yaml --
title: T
day:
  start: "9:00"
  agenda:
    - module: 1
    - break: Lunch
`, `content/curriculum.yaml:6:7: error: an agenda block has no minutes: add a line "minutes: …"`},
		{"module block without minutes or duration", `
-- curriculum.yaml --
title: T
day:
  start: "9:00"
  agenda:
    - module: 2
-- modules/2.md --
---
title: Two
---
`, `content/curriculum.yaml:5:7: error: give this block its minutes: Module 2 does not give its duration (add minutes: … here, or duration: … to content/modules/2.md)`},
		{"contents names a missing page", `
-- curriculum.yaml --
title: T
contents:
  - introduction
  - modules
day:
  start: "9:00"
  agenda:
    - module: 1
`, `content/curriculum.yaml:3:5: error: contents lists "introduction", which is not a page (this curriculum has no pages)`},
		{"settings file missing a title and a day", `
-- curriculum.yaml --
subtitle: Only a subtitle
`, `content/curriculum.yaml:1:1: error: curriculum.yaml has no day: add the day's start time and agenda (see the README)
content/curriculum.yaml:1:1: error: curriculum.yaml has no title: add a line "title: …"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			siteTest(t, validModule+tc.files+"\n-- errors --\n"+tc.errors+"\n")
		})
	}
}

// TestSuspectInput gives the mistakes that do not stop a build, the theme's errors, and the
// exact diagnostics they must produce.
func TestSuspectInput(t *testing.T) {
	for _, tc := range []struct {
		name, files, errors, warnings string
	}{
		{name: "template that does not parse", files: `
-- theme/layouts/handout.html --
{{define "main"}}
<h1>{{.Title}</h1>
{{end}}
`, errors: `content/theme/layouts/handout.html:2: error: in the template: bad character U+007D '}'; fix the template, or delete it to use the default theme's`},
		{name: "template that fails on a page", files: `
-- theme/partials/pager.html --
<p>
{{.Handout.Title}}</p>
`, errors: `content/theme/partials/pager.html:2:10: error: in the template: executing "partials/pager.html" at <.Handout.Title>: nil pointer evaluating *model.Handout.Title; fix the template, or delete it to use the default theme's`},
		{name: "template that renders a part of another document", files: `
-- theme/layouts/packet.html --
{{define "main"}}{{$h := index .Site.Handouts 0}}{{.Markdown $h.Doc $h.Module.Preamble}}{{end}}
`, errors: `content/theme/layouts/packet.html:1:51: error: in the template: executing "main" at <.Markdown>: error calling Markdown: content/handouts/1.1.md: the part given is not one of this document's: give the document and one of its parts, as in .Markdown $m.Doc $m.Preamble (a document's Root, a module's Preamble, an activity's Intro or Heading, a step's Body or Heading); fix the template, or delete it to use the default theme's`},
		{name: "editor backups and probes are not content", files: `
-- modules/1.md~ --
not a module
-- handouts/#1.1.md# --
not a handout
-- modules/4913 --
-- .modules.swp --
`},
		{name: "pasted mojibake", files: `
-- modules/2.md --
---
title: Two
---

Partners ‹ agencies and families ‹ work together.

Say ³hello² and it¹s done.
`, warnings: `content/modules/2.md:5:10: warning: "‹" looks like text pasted from a document in another encoding: it probably stands for an em dash (—); retype it (and check the rest of the line)
content/modules/2.md:7:5: warning: "³" looks like text pasted from a document in another encoding: it probably stands for an opening quote (“); retype it (and check the rest of the line)`},
		{name: "Word text read as the wrong encoding", files: `
-- closing.md --
---
title: Closing
---

Thatâ€™s all.
`, warnings: `content/closing.md:5:5: warning: "â€™" looks like text pasted from a document in another encoding: it probably stands for an apostrophe (’); retype it (and check the rest of the line)`},
		{name: "non-breaking spaces", files: "\n-- closing.md --\n---\ntitle: Closing\n---\n\u00a0\u00a0\n\u00a0\u00a0Indented.\n\nTwo\u00a0\u00a0spaces and 10\u00a0a.m. kept.\n\nTrailing\u00a0\n",
			warnings: `content/closing.md:4:1: warning: this line holds only non-breaking spaces, as pasted text does: delete them, and leave the line empty
content/closing.md:5:1: warning: non-breaking spaces indent this line, as pasted text does: markdown does not indent with them; delete them
content/closing.md:7:4: warning: a run of non-breaking spaces, as pasted text has: replace it with one ordinary space
content/closing.md:9:9: warning: a non-breaking space ends this line, as pasted text does: delete it`},
		{name: "empty section", files: `
-- closing.md --
---
title: Closing
---

## Evaluation

## Thanks

Thank you.
`, warnings: `content/closing.md:5:1: warning: the section "Evaluation" is empty: write its text, or delete the heading`},
		{name: "empty step and activity", files: `
-- modules/2.md --
---
title: Two
competencies:
  - Know.
---

## Activity: Full {serves="1"}

### Step: Empty

### Step: Done

Done.

## Activity: Hollow {serves="1"}
`, warnings: `content/modules/2.md:9:1: warning: Step 1 of Activity 1 is empty: write what the trainer does, or delete the step
content/modules/2.md:15:1: warning: Activity 2 of Module 2 is empty: write what the trainer does, or delete the activity`},
		{name: "activity that serves nothing", files: `
-- modules/2.md --
---
title: Two
competencies:
  - Know.
---

## Activity: Taught {serves="1"}

Teach.

## Activity: Aimless

Wander.
`, warnings: `content/modules/2.md:11:1: warning: Activity 2 of Module 2 serves no competency or objective: add serves="…" to its heading, with the numbers of what it teaches ("1, 2.1")`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			archive := validModule + tc.files + "\n-- errors --\n" + tc.errors + "\n"
			if tc.warnings != "" {
				archive += "-- warnings --\n" + tc.warnings + "\n"
			}
			siteTest(t, archive)
		})
	}
}

// unreadable is a content folder one of whose files cannot be read.
type unreadable struct {
	fstest.MapFS
	name string
}

func (u unreadable) Open(name string) (fs.File, error) {
	if name == u.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return u.MapFS.Open(name)
}

func (u unreadable) ReadFile(name string) ([]byte, error) {
	if name == u.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return u.MapFS.ReadFile(name)
}

func TestUnreadableFile(t *testing.T) {
	fsys := unreadable{fstest.MapFS{
		"curriculum.yaml": {Data: []byte(minimalSettings)},
		"modules/1.md":    {Data: []byte("---\ntitle: One\n---\n")},
	}, "modules/1.md"}
	_, err := generator.Generate(fsys, "content", site.Options{}, func(string, []byte) error {
		t.Error("a build with an unreadable file wrote a file")
		return nil
	})
	want := "content/modules/1.md: error: cannot read: permission denied"
	if err == nil || !slices.Contains(strings.Split(err.Error(), "\n"), want) {
		t.Errorf("got %v, want among the errors: %s", err, want)
	}
}
