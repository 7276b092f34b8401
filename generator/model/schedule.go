package model

import (
	"fmt"

	"curriculum/generator/diag"

	"strconv"
	"strings"
)

// Day is the day's agenda: a start time and blocks of minutes.
type Day struct {
	Start  Clock
	Blocks []*Block
}

// End is the clock time the day ends.
func (d Day) End() Clock {
	if len(d.Blocks) == 0 {
		return d.Start
	}
	return d.Blocks[len(d.Blocks)-1].End
}

// Block is one block of the agenda: a module (or part of one), a page such as the
// introduction, or a break.
type Block struct {
	Label     string // what the schedule shows: "Module Three", "Lunch"
	Module    *Module
	Page      *Page
	Minutes   int
	Continued bool // the second or later block of a split module
	Start     Clock
	End       Clock
	Pos       diag.Pos // where the agenda gives the block
}

// Break reports whether the block is a break or lunch.
func (b *Block) Break() bool { return b.Module == nil && b.Page == nil }

// Clock is a time of day in minutes after midnight.
type Clock int

// ParseClock reads a time as a schedule prints it: "8:30", "12:30", "14:05".
func ParseClock(s string) (Clock, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hour, err1 := strconv.Atoi(h)
	minute, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || len(m) != 2 || hour < 0 || hour > 23 || minute < 0 || minute > 59 {
		return 0, fmt.Errorf("%q is not a time of day: write it as hours:minutes, like \"8:30\"", s)
	}
	return Clock(hour*60 + minute), nil
}

// String prints the time as the curriculum's schedule does, on a 12-hour clock without a.m.
// or p.m.: "8:30", "12:30", "2:40".
func (c Clock) String() string {
	h := (int(c) / 60) % 24
	if h > 12 {
		h -= 12
	}
	if h == 0 {
		h = 12
	}
	return fmt.Sprintf("%d:%02d", h, int(c)%60)
}

// ISO prints the time on a 24-hour clock, for the datetime attribute of <time>: "14:40".
func (c Clock) ISO() string { return fmt.Sprintf("%02d:%02d", (int(c)/60)%24, int(c)%60) }

// Schedule computes the clock times of the blocks from the start time and their minutes.
func (d *Day) Schedule() {
	t := d.Start
	for _, b := range d.Blocks {
		b.Start = t
		t += Clock(b.Minutes)
		b.End = t
	}
}

// numberWords spell the numbers of modules as the schedule does: "Module Three".
var numberWords = []string{"Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve"}

// NumberWord spells n: "Three"; numbers past twelve stay digits.
func NumberWord(n int) string {
	if n >= 0 && n < len(numberWords) {
		return numberWords[n]
	}
	return strconv.Itoa(n)
}

// FormatMinutes says a duration the way a trainer does: "15 minutes", "1 hour",
// "1 hour 20 minutes", "3 hours".
func FormatMinutes(m int) string {
	h, min := m/60, m%60
	var parts []string
	switch {
	case h == 1:
		parts = append(parts, "1 hour")
	case h > 1:
		parts = append(parts, strconv.Itoa(h)+" hours")
	}
	switch {
	case min == 1:
		parts = append(parts, "1 minute")
	case min > 1 || h == 0:
		parts = append(parts, strconv.Itoa(min)+" minutes")
	}
	return strings.Join(parts, " ")
}

// JoinAnd joins texts as a sentence does: "4.1", "4.2", "4.3" → "4.1, 4.2 and 4.3".
func JoinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
