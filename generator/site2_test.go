package generator_test

import (
	"strings"
	"testing"
)

// A curriculum with a split module, pages, a break and an uncovered objective.
const dayFiles = `
-- curriculum.yaml --
title: Community Partnerships & Linkages
subtitle: Reaching Out to Work Together
short_title: Partnerships
participants: 20
room: Four round tables
contents:
  - introduction/trainers
  - introduction/participants
  - modules
  - closing
  - further-reading
day:
  start: "8:30"
  agenda:
    - page: introduction/participants
      label: Introduction
      minutes: 10
    - module: 1
      minutes: 80
    - break: Lunch
      minutes: 60
    - module: 2
      minutes: 130
    - break: Break
      minutes: 10
    - module: 2
      minutes: 50
    - page: closing
      label: Closing and Evaluation
      minutes: 10
-- modules/1.md --
---
title: WHY Are Partnerships Important?
outline: true
competencies:
  - competency: Participants understand the agency's role.
    objectives:
      - Participants can explain.
      - Participants can develop an ecomap.
---

## Activity: The Yarn Exercise {serves="1.1"}

### Step: Set up the exercise.
-- modules/2.md --
---
title: HOW Do I Create Partnerships?
competencies:
  - Participants understand success.
---

## Activity: What Makes a Partnership Successful? {minutes=180 serves="1"}

Discuss what makes a partnership work.
-- introduction/trainers.md --
---
title: Introduction to the Curriculum for the Trainers
short_title: For trainers
---

## Overview

The Curriculum consists of an Introduction and Closing, and four modules:

{{modules}}

## Modules At-A-Glance

{{competencies}}

## Training Outline

{{outline}}

## Schedule At-A-Glance

{{schedule}}
-- introduction/participants.md --
---
title: Introduction to the Curriculum for the Training Participants
---
-- closing.md --
---
title: Closing and Evaluation
---
-- further-reading/index.md --
---
title: Further Reading
---

{{children}}
-- further-reading/article.md --
---
title: Establishing Community Partnerships
published: July/August 2005, Vol. 6, No. 6
---

The movement toward partnerships.
-- further-reading/fact-sheet.md --
---
title: Developing Community Partnerships
publisher: National Resource Center
contact: 1-800-435-7543
---

Why are community partnerships important?
`

func TestCompetenciesAtAGlance(t *testing.T) {
	siteTest(t, dayFiles+`
-- want competencies/index.html --
<h1>Competencies at a Glance</h1>
<tr class="module-row"><th scope="rowgroup" colspan="3"><a href="../modules/1/index.html">Module 1: WHY Are Partnerships Important?</a></th></tr>
<tr class="competency-row" id="module-1-competency-1"><th scope="row">Competency 1</th><td>Participants understand the agency’s role.</td>
<tr class="objective-row" id="module-1-objective-1-1"><th scope="row">Objective 1.1</th><td>Participants can explain.</td>
<td><a href="../modules/1/index.html#activity-1">Activity 1</a></td></tr>
<tr class="objective-row" id="module-1-objective-1-2"><th scope="row">Objective 1.2</th><td>Participants can develop an ecomap.</td>
<td><span class="uncovered">Not taught by any activity</span></td></tr>
-- want modules/1/index.html --
<p class="notice">The full trainer script of this module is not part of this edition of the curriculum: it gives the module’s competencies, activities and steps only.</p>
<span class="uncovered">Not taught by any activity</span>
-- warnings --
content/modules/1.md:8:9: warning: no activity of Module 1 serves objective 1.2: add serves="1.2" to the activity that teaches it
`)
}

func TestScheduleAtAGlance(t *testing.T) {
	siteTest(t, dayFiles+`
-- want schedule/index.html --
<p class="meta">The day runs from 8:30 to 2:20.</p>
<tr><td><time datetime="08:30">8:30</time>–<time datetime="08:40">8:40</time></td>
<th scope="row"><a href="../introduction/participants/index.html">Introduction</a></th>
<tr><td><time datetime="08:40">8:40</time>–<time datetime="10:00">10:00</time></td>
<th scope="row"><a href="../modules/1/index.html">Module One</a></th>
<tr class="break-row"><td><time datetime="10:00">10:00</time>–<time datetime="11:00">11:00</time></td>
<th scope="row">Lunch</th>
<th scope="row"><a href="../modules/2/index.html">Module Two</a></th>
<tr><td><time datetime="13:20">1:20</time>–<time datetime="14:10">2:10</time></td>
<th scope="row"><a href="../modules/2/index.html">Module Two, continued</a></th>
<th scope="row"><a href="../closing/index.html">Closing and Evaluation</a></th>
-- want modules/2/index.html --
<span>3 hours</span> <span>In the schedule: <a href="../../schedule/index.html">11:00–1:10</a> and <a href="../../schedule/index.html">1:20–2:10</a></span>
-- want modules/1/index.html --
<span>1 hour 20 minutes</span>
-- want index.html --
<dt>The day</dt><dd><a href="schedule/index.html">8:30–2:20</a></dd>
<li><a href="modules/2/index.html">Module 2: HOW Do I Create Partnerships?</a> <span class="minutes">3 hours</span></li>
-- warnings --
content/modules/1.md:8:9: warning: no activity of Module 1 serves objective 1.2: add serves="1.2" to the activity that teaches it
`)
}

func TestPagesAndEmbeds(t *testing.T) {
	files := siteTest(t, dayFiles+`
-- want introduction/trainers/index.html --
<title>Introduction to the Curriculum for the Trainers · Partnerships</title>
<li><a href="../../modules/1/index.html">Module 1: WHY Are Partnerships Important?</a> <span class="minutes">1 hour 20 minutes</span></li>
<table class="competency-table">
<tr class="objective-row" id="module-1-objective-1-1">
<ul class="outline">
<li><a href="../../modules/1/index.html#activity-1-step-1">Step 1: Set up the exercise.</a></li>
<table class="schedule-table">
<a class="pager-next" rel="next" href="../../introduction/participants/index.html"><span class="pager-label">Next</span> Introduction to the Curriculum for the Training Participants</a>
<li><a href="../../introduction/trainers/index.html" aria-current="page">For trainers</a>
-- want introduction/participants/index.html --
<p class="meta">In the schedule: <a href="../../schedule/index.html">8:30–8:40</a>, Introduction (10 minutes)</p>
<p class="notice">This edition of the curriculum names this part of the training but gives no text for it.</p>
<a class="pager-prev" rel="prev" href="../../introduction/trainers/index.html">
<a class="pager-next" rel="next" href="../../modules/1/index.html">
-- want closing/index.html --
<h1>Closing and Evaluation</h1>
<a class="pager-next" rel="next" href="../further-reading/index.html">
-- want further-reading/index.html --
<li><a href="../further-reading/article/index.html">Establishing Community Partnerships</a> <span class="published">July/August 2005, Vol. 6, No. 6</span></li>
<li><a href="../further-reading/fact-sheet/index.html">Developing Community Partnerships</a></li>
-- want further-reading/fact-sheet/index.html --
<dt>Publisher</dt><dd>National Resource Center</dd><dt>Contact</dt><dd>1-800-435-7543</dd>
<li><a href="../../index.html">Home</a></li>
<li><a href="../../further-reading/index.html">Further Reading</a></li>
-- want 404.html --
<h1>Page not found</h1>
<a href="index.html">home page</a>
-- warnings --
content/modules/1.md:8:9: warning: no activity of Module 1 serves objective 1.2: add serves="1.2" to the activity that teaches it
`)
	// The sidebar lists every module and page, in the order of contents.
	home := files["index.html"]
	order := []string{"For trainers", "Introduction to the Curriculum for the Training Participants", "Module 1:", "Module 2:", "Closing and Evaluation", "Further Reading", "Competencies at a Glance", "Schedule at a Glance"}
	last := -1
	for _, s := range order {
		i := strings.Index(home, ">"+s)
		if i < 0 || i < last {
			t.Errorf("sidebar: %q missing or out of order", s)
		}
		last = i
	}
	for _, p := range []string{"sitemap.xml"} {
		if _, ok := files[p]; ok {
			t.Errorf("%s written without a base URL", p)
		}
	}
}
