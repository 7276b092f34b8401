package generator_test

import "testing"

func TestModulePage(t *testing.T) {
	siteTest(t, `
-- modules/1.md --
---
title: Why It Matters
duration: 60
competencies:
  - Participants understand why.
  - competency: Participants can map partners.
    objectives:
      - Participants can draw an ecomap.
      - Participants can name partners.
materials:
  - Markers
  - 1 Flip Chart (for trainer)
---

## Overview

Module One is about "why".

## Activity: The Yarn Exercise {minutes=20 serves="1"}

Before the steps.

### Step: Set up the exercise.

Say the following:

- We start with yarn.

### Step: Debrief the exercise

Ask what the yarn shows.

## Activity: Mapping {minutes=40 serves="2.1, 2.2"}

### Step: Draw

Ask the following:

What do you see?
-- want modules/1/index.html --
<title>Module 1: Why It Matters · Test Curriculum</title>
<h1>Why It Matters</h1>
<span>1 hour</span>
<h2 id="overview">Overview</h2>
<p>Module One is about “why”.</p>
<li id="module-1-competency-1"><p><strong>Competency 1:</strong> Participants understand why.</p>
<li id="module-1-objective-2-2"><strong>Objective 2.2:</strong> Participants can name partners. <span class="taught-in">Taught in <a href="#activity-2">Activity 2</a></span></li>
<h2 id="module-materials">Materials &amp; Equipment</h2>
<li>1 Flip Chart (for trainer)</li>
<h2 id="activity-1">Activity 1: The Yarn Exercise</h2>
<span class="minutes">20 minutes</span> <span class="serves">Serves <a href="#module-1-competency-1">Competency 1</a></span>
<p>Before the steps.</p>
<h3 id="activity-1-step-1">Step 1: Set up the exercise.</h3>
<h3 id="activity-1-step-2">Step 2: Debrief the exercise</h3>
<h2 id="activity-2">Activity 2: Mapping</h2>
Serves <a href="#module-1-objective-2-1">Objective 2.1</a>, <a href="#module-1-objective-2-2">Objective 2.2</a>
<h3 id="activity-2-step-1">Step 1: Draw</h3>
<div class="cue cue-say">
<div class="cue cue-ask">
<p>What do you see?</p>
<a href="#activity-1">Activity 1: The Yarn Exercise</a> <span class="nav-minutes">20 min</span>
! Activity:
! {minutes
`)
}

func TestReferencesAndBacklinks(t *testing.T) {
	siteTest(t, `
-- modules/1.md --
---
title: One
competencies:
  - Know.
---

## Activity: First {serves="1"}

### Step: Hand out

Refer participants to Handout 1.1 and place Transparency 1.1 on the overhead projector.
In Module 1 and Module Two, see Handouts 1.1 and 2.1. Go on to Activity 2.

## Activity: Second {serves="1"}

Transparency 1.2 stands alone.
-- modules/2.md --
---
title: Two
competencies:
  - Know more.
---

## Activity: Only {serves="1"}

Back to Module 1, Activity 2 and Handout 1.1.
-- handouts/1.1.md --
---
title: Strategies
transparency: true
---

See also Handout 2.1.
-- handouts/2.1.md --
---
title: Plan
---

Plan here.
-- transparencies/1.2.md --
---
title: Alone
---

Big text.
-- want modules/1/index.html --
Refer participants to <a class="ref ref-handout" href="../../handouts/1.1/index.html">Handout 1.1</a> and place <a class="ref ref-transparency" href="../../transparencies/1.1/index.html">Transparency 1.1</a> on the overhead projector.
In Module 1 and <a class="ref ref-module" href="../../modules/2/index.html">Module Two</a>, see Handouts <a class="ref ref-handout" href="../../handouts/1.1/index.html">1.1</a> and <a class="ref ref-handout" href="../../handouts/2.1/index.html">2.1</a>. Go on to <a class="ref ref-activity" href="#activity-2">Activity 2</a>.
<li><a href="../../handouts/1.1/index.html">Handout and Transparency 1.1: Strategies</a></li>
<li><a href="../../transparencies/1.2/index.html">Transparency 1.2: Alone</a></li>
-- want modules/2/index.html --
Back to <a class="ref ref-activity" href="../../modules/1/index.html#activity-2">Module 1, Activity 2</a> and <a class="ref ref-handout" href="../../handouts/1.1/index.html">Handout 1.1</a>.
-- want handouts/1.1/index.html --
<h1>Strategies</h1>
Also <a href="../../transparencies/1.1/index.html">Transparency 1.1</a>, to project.
<li><a href="../../modules/1/index.html#activity-1-step-1">Module 1, Activity 1, Step 1</a></li>
<li><a href="../../modules/2/index.html#activity-1">Module 2, Activity 1</a></li>
See also <a class="ref ref-handout" href="../../handouts/2.1/index.html">Handout 2.1</a>.
-- want handouts/2.1/index.html --
<li><a href="../../modules/1/index.html#activity-1-step-1">Module 1, Activity 1, Step 1</a></li>
<li><a href="../../handouts/1.1/index.html">Handout 1.1</a></li>
-- want transparencies/1.1/index.html --
<li><a href="../../modules/1/index.html#activity-1-step-1">Module 1, Activity 1, Step 1</a></li>
Also <a href="../../handouts/1.1/index.html">Handout 1.1</a>, for participants.
-- want transparencies/1.2/index.html --
<li><a href="../../modules/1/index.html#activity-2">Module 1, Activity 2</a></li>
<p>Big text.</p>
-- want handouts/index.html --
<li><a href="../handouts/1.1/index.html">Handout 1.1: Strategies</a> (also <a href="../transparencies/1.1/index.html">Transparency 1.1</a>)</li>
`)
}

func TestLinksAndImages(t *testing.T) {
	siteTest(t, `
-- modules/1.md --
---
title: One
---

See [the closing](../closing.md#follow-up), [Handout 1.1's page](../handouts/1.1.md),
[the web](https://example.org/a?b=1) and [this section](#top).

![The State seal](../images/seal.png "Seal")
-- handouts/1.1.md --
---
title: Plan
---

Back to [the module](../modules/1.md).
-- closing.md --
---
title: Closing
---

## Follow-up

![Our logo](images/seal.png)
-- images/seal.png --
PNG
-- want modules/1/index.html --
<a href="../../closing/index.html#follow-up">the closing</a>
<a href="../../handouts/1.1/index.html">Handout 1.1’s page</a>
<a href="https://example.org/a?b=1">the web</a>
<a href="#top">this section</a>
<img src="../../images/seal.png" alt="The State seal" title="Seal">
-- want handouts/1.1/index.html --
<a href="../../modules/1/index.html">the module</a>
-- want closing/index.html --
<img src="../images/seal.png" alt="Our logo">
`)
}

func TestBrokenLinksAndImages(t *testing.T) {
	siteTest(t, `
-- modules/1.md --
---
title: One
---

See [the closing](../closng.md) and [root](/closing/index.html).

![](../images/seal.png)

![A remote picture](https://example.org/x.png)

![A missing picture](../images/missing.png)
-- images/seal.png --
PNG
-- errors --
content/modules/1.md:5:5: error: this link points to ../closng.md, which is not a file of the content folder (looked for content/closng.md)
content/modules/1.md:5:37: error: this link points to /closing/index.html, a path from the root of a web server, which does not work from a USB stick: write it relative to this file
content/modules/1.md:9:1: error: the image https://example.org/x.png is on the web: copy it into the content folder and use its path there (the site must work offline)
content/modules/1.md:11:1: error: this image is ../images/missing.png, which is not a file of the content folder (looked for content/images/missing.png)
-- warnings --
content/modules/1.md:7:1: warning: the image ../images/seal.png has no description: write what it shows between the brackets, like ![State seal of Maryland](../images/seal.png), for readers who cannot see it
`)
}
