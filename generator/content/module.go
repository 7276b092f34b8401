package content

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"gopkg.in/yaml.v3"

	"curriculum/generator/diag"
	"curriculum/generator/markdown"
	"curriculum/generator/model"
)

// moduleFile is a module as read from content/modules/N.md, before it is linked.
type moduleFile struct {
	module *model.Module
	y      *yamlFile
}

var moduleFields = []string{"title", "duration", "outline", "competencies", "materials"}

var (
	moduleName = regexp.MustCompile(`^[1-9][0-9]*$`)
	activityRE = regexp.MustCompile(`^(?i:activity)\s*([0-9]+)?\s*:\s*(.*)$`)
	stepRE     = regexp.MustCompile(`^(?i:step)\s*([0-9]+)?\s*:\s*(.*)$`)
)

func (l *loader) readModule(p string, src []byte) {
	name := strings.TrimSuffix(p[len(ModulesDir)+1:], ".md")
	if !moduleName.MatchString(name) {
		l.diags.Errorf(l.file(p), 0, 0, "a module's file is named by its number, like %s/4.md; rename %s", ModulesDir, p)
		return
	}
	doc, y, fm := l.parseMarkdown(p, src, "a module")
	if doc == nil {
		return
	}
	n, _ := strconv.Atoi(name)
	m := &model.Module{Number: n, Doc: doc, Pos: diag.Pos{File: doc.File}}
	f := y.fields(fm, "a module's front matter", moduleFields...)
	m.Title = f.text("title", true)
	m.Duration = f.integer("duration", false, 1, "minutes")
	if d := f.get("duration"); d != nil {
		m.DurationPos = y.pos(d)
	}
	m.Outline = f.boolean("outline")
	m.Materials = f.strings("materials")
	for i, item := range f.list("competencies") {
		c := &model.Competency{Module: m, Number: i + 1, Pos: y.pos(item)}
		switch item.Kind {
		case yaml.ScalarNode:
			c.Text = markdown.Typography(strings.TrimSpace(item.Value))
		case yaml.MappingNode:
			cf := y.fields(item, "a competency", "competency", "objectives")
			c.Text = cf.text("competency", true)
			for j, o := range cf.list("objectives") {
				text, ok := scalarText(o)
				if !ok || strings.TrimSpace(text) == "" {
					y.errorf(o, "objective %d.%d must be text; found %s", c.Number, j+1, describe(o))
					continue
				}
				c.Objectives = append(c.Objectives, &model.Objective{Competency: c, Number: j + 1, Text: markdown.Typography(strings.TrimSpace(text)), Pos: y.pos(o)})
			}
		default:
			y.errorf(item, "competency %d must be its text, or \"competency:\" and \"objectives:\"; found %s", i+1, describe(item))
			continue
		}
		if c.Text == "" {
			y.errorf(item, "competency %d has no text", i+1)
		}
		m.Competencies = append(m.Competencies, c)
	}
	l.assembleModule(m)
	parts := moduleParts(m)
	l.link(m.Doc, parts)
	l.compile(m.Doc, parts)
	l.modules = append(l.modules, &moduleFile{module: m, y: y})
}

// assembleModule finds the activities and steps of a module's body: "## Activity: …" and
// "### Step: …" headings. Each gets a container holding the blocks up to the next one; the
// blocks before the first activity are the module's preamble.
func (l *loader) assembleModule(m *model.Module) {
	doc := m.Doc
	l.checkHeadings(doc, doc.Root.Node())
	preamble := ast.NewDocument()
	m.Preamble = doc.NewPart(preamble)
	var container ast.Node = preamble
	var act *model.Activity
	seen := 0        // activities of the file, removed ones too
	removed := false // in an activity the settings remove
	for c := doc.Root.Node().FirstChild(); c != nil; {
		next := c.NextSibling()
		if h, ok := c.(*ast.Heading); ok {
			switch {
			case h.Level == 2 && l.isNumbered(doc, h, activityRE):
				seen++
				if removed = l.removesActivity(m.Number, seen); removed {
					container = ast.NewDocument() // dropped, steps and all
					if m.Renumbered == nil {
						m.Renumbered = map[int]int{}
						for i := 1; i < seen; i++ {
							m.Renumbered[i] = i
						}
					}
					m.Renumbered[seen] = 0
					c = next
					continue
				}
				act = l.newActivity(m, h)
				if m.Renumbered != nil {
					m.Renumbered[seen] = act.Number
				}
				container = act.Intro.Node()
				c = next
				continue
			case removed:
				// inside a removed activity: dropped with it
			case h.Level == 3 && act != nil && l.isNumbered(doc, h, stepRE):
				step := l.newStep(act, h)
				container = step.Body.Node()
				c = next
				continue
			case h.Level == 2 && act != nil:
				l.errorAtNode(doc, h, "after the first activity, a level-2 heading must be an activity (## Activity: Title); make this heading level 4 (####) or move it before the first activity")
			case h.Level == 3 && act != nil:
				l.errorAtNode(doc, h, "inside an activity, a level-3 heading must be a step (### Step: Title); make this heading level 4 (####)")
			}
		}
		container.AppendChild(container, c)
		c = next
	}
}

// isNumbered reports whether h is an activity's or step's heading, and takes its "Activity:"
// prefix out of the heading's text so that the heading renders as the title alone.
func (l *loader) isNumbered(doc *model.Document, h *ast.Heading, re *regexp.Regexp) bool {
	text := markdown.PlainText(h, doc.Source)
	m := re.FindStringSubmatch(text)
	if m == nil {
		return false
	}
	word := strings.ToLower(text[:strings.IndexAny(text, " :0123456789")])
	if m[1] != "" {
		plural := map[string]string{"activity": "activities", "step": "steps"}[word]
		l.errorAtNode(doc, h, "write the %s without its number (%s: %s): %s are numbered from their order", word, upperFirst(word), m[2], plural)
		return true
	}
	if strings.TrimSpace(m[2]) == "" {
		l.errorAtNode(doc, h, "this %s has no title: write it after the colon", word)
	}
	first, ok := h.FirstChild().(*ast.Text)
	if !ok || !activityOrStepPrefix(first.Segment.Value(doc.Source)) {
		l.errorAtNode(doc, h, "write the %s's heading as plain text, starting with %q", word, upperFirst(word)+":")
		return true
	}
	seg := first.Segment
	v := seg.Value(doc.Source)
	colon := strings.IndexByte(string(v), ':')
	skip := colon + 1
	for skip < len(v) && (v[skip] == ' ' || v[skip] == '\t') {
		skip++
	}
	first.Segment = seg.WithStart(seg.Start + skip)
	return true
}

func activityOrStepPrefix(b []byte) bool {
	s := strings.ToLower(string(b))
	return (strings.HasPrefix(s, "activity") || strings.HasPrefix(s, "step")) && strings.Contains(s, ":")
}

func (l *loader) newActivity(m *model.Module, h *ast.Heading) *model.Activity {
	a := &model.Activity{
		Module:  m,
		Number:  len(m.Activities) + 1,
		Heading: m.Doc.NewPart(h),
		Intro:   m.Doc.NewPart(ast.NewDocument()),
		Pos:     l.nodePos(m.Doc, h),
	}
	a.Title = strings.TrimSpace(markdown.PlainText(h, m.Doc.Source))
	l.readActivityAttributes(a, h)
	m.Activities = append(m.Activities, a)
	return a
}

func (l *loader) newStep(a *model.Activity, h *ast.Heading) *model.Step {
	doc := a.Module.Doc
	s := &model.Step{Activity: a, Number: len(a.Steps) + 1, Heading: doc.NewPart(h), Body: doc.NewPart(ast.NewDocument()), Pos: l.nodePos(doc, h)}
	s.Title = strings.TrimSpace(markdown.PlainText(h, doc.Source))
	for _, attr := range h.Attributes() {
		if name := string(attr.Name); name != "id" {
			l.errorAtNode(doc, h, "unknown attribute %q on a step: steps take none (minutes and serves belong to the activity)", name)
		}
	}
	l.checkUnreadAttributes(doc, h, s.Title)
	a.Steps = append(a.Steps, s)
	return s
}

// readActivityAttributes reads {minutes=15 serves="1, 2.1"} from an activity's heading h.
func (l *loader) readActivityAttributes(a *model.Activity, h *ast.Heading) {
	doc := a.Module.Doc
	l.checkUnreadAttributes(doc, h, a.Title)
	for _, attr := range h.Attributes() {
		name := string(attr.Name)
		switch name {
		case "id":
		case "minutes":
			n, ok := attributeInt(attr.Value)
			if !ok || n < 1 {
				l.errorAtAttribute(doc, h, name, "minutes must be a whole number of minutes, like minutes=15; found %s", attributeText(attr.Value))
				continue
			}
			a.Minutes = n
		case "serves":
			l.readServes(a, h, attributeText(attr.Value))
		default:
			hint := ""
			if near := nearest(name, []string{"minutes", "serves"}); near != "" {
				hint = " — did you mean " + near + "?"
			}
			l.errorAtAttribute(doc, h, name, "unknown attribute %q on an activity (an activity takes minutes=… and serves=\"…\")%s", name, hint)
		}
	}
}

// checkUnreadAttributes reports braces left in a heading's title: goldmark keeps attributes it
// cannot read as text.
func (l *loader) checkUnreadAttributes(doc *model.Document, h *ast.Heading, title string) {
	if i := strings.LastIndex(title, "{"); i >= 0 && strings.HasSuffix(strings.TrimSpace(title), "}") {
		l.errorAtNode(doc, h, "cannot read the attributes %s at the end of this heading: write them as {minutes=15 serves=\"1, 2.1\"}, with the value of serves in double quotes", title[i:])
	}
}

var servesSplit = regexp.MustCompile(`[\s,;]+|\band\b`)

// readServes links an activity to the competencies and objectives it serves: "1, 2.1".
func (l *loader) readServes(a *model.Activity, h *ast.Heading, value string) {
	m := a.Module
	for _, tok := range servesSplit.Split(value, -1) {
		tok = strings.TrimSpace(tok)
		low := strings.ToLower(tok)
		if tok == "" || low == "competency" || low == "objective" {
			continue
		}
		if c, o, ok := strings.Cut(tok, "."); ok {
			ci, err1 := strconv.Atoi(c)
			oi, err2 := strconv.Atoi(o)
			if err1 != nil || err2 != nil || ci < 1 || ci > len(m.Competencies) || oi < 1 || oi > len(m.Competencies[ci-1].Objectives) {
				l.errorAtAttribute(m.Doc, h, "serves", "Module %d has no objective %s (%s)", m.Number, tok, listObjectives(m))
				continue
			}
			obj := m.Competencies[ci-1].Objectives[oi-1]
			if !containsPtr(a.Objectives, obj) {
				a.Objectives = append(a.Objectives, obj)
				obj.ServedBy = append(obj.ServedBy, a)
			}
			if !containsPtr(obj.Competency.ServedBy, a) {
				obj.Competency.ServedBy = append(obj.Competency.ServedBy, a)
			}
			continue
		}
		ci, err := strconv.Atoi(tok)
		if err != nil || ci < 1 || ci > len(m.Competencies) {
			l.errorAtAttribute(m.Doc, h, "serves", "Module %d has no competency %s (%s); serves lists competencies (1) and objectives (2.1)", m.Number, tok, listCompetencies(m))
			continue
		}
		comp := m.Competencies[ci-1]
		if !containsPtr(a.Competencies, comp) {
			a.Competencies = append(a.Competencies, comp)
		}
		if !containsPtr(comp.ServedBy, a) {
			comp.ServedBy = append(comp.ServedBy, a)
		}
	}
}

func listObjectives(m *model.Module) string {
	var ids []string
	for _, o := range m.Objectives() {
		ids = append(ids, o.ID())
	}
	if len(ids) == 0 {
		return "it has no objectives"
	}
	return "its objectives are " + model.JoinAnd(ids)
}

func listCompetencies(m *model.Module) string {
	if len(m.Competencies) == 0 {
		return "it has no competencies"
	}
	var ids []string
	for _, c := range m.Competencies {
		ids = append(ids, c.ID())
	}
	return "its competencies are " + model.JoinAnd(ids)
}

// checkHeadings reports level-1 headings in a body: the page's title is its one h1.
func (l *loader) checkHeadings(doc *model.Document, root ast.Node) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && h.Level == 1 {
			l.errorAtNode(doc, h, "a level-1 heading (#) in the body: the title in the front matter is the page's one level-1 heading; start the body's headings at level 2 (##)")
		}
		return ast.WalkContinue, nil
	})
}

func attributeInt(v any) (int, bool) {
	switch v := v.(type) {
	case float64:
		if v == float64(int(v)) {
			return int(v), true
		}
	case []byte:
		n, err := strconv.Atoi(strings.TrimSpace(string(v)))
		return n, err == nil
	}
	return 0, false
}

func attributeText(v any) string {
	switch v := v.(type) {
	case []byte:
		return string(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case nil:
		return "nothing"
	}
	return "a list"
}

func containsPtr[T comparable](list []T, x T) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// modulesPhrase names modules by number: "Module 1", "Modules 1, 2 and 3".
func modulesPhrase(numbers []string) string {
	if len(numbers) == 1 {
		return "Module " + numbers[0]
	}
	return "Modules " + model.JoinAnd(numbers)
}

// IsModuleFile reports whether name, without .md, is the file name of a module: its number.
func IsModuleFile(name string) bool { return moduleName.MatchString(name) }

// IsActivityHeading reports whether the text of a level-2 heading makes it an activity's.
func IsActivityHeading(text string) bool { return activityRE.MatchString(text) }
