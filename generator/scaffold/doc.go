// Package scaffold starts new parts of a curriculum in its content folder: a module, an
// activity at the end of a module, a handout, a transparency.
//
// The contract: a new part takes the next free number (one more than the highest in use, so
// that a gap left by a deleted file stays a gap and no reference changes its target), starts
// from placeholder text that the build accepts and that is plainly there to be replaced, and
// never replaces a file: a file is created only when its name is free, and an activity is
// appended only to the module as it was read.
package scaffold
