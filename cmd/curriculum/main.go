// Command curriculum publishes a training curriculum written in markdown as a cross-linked
// static site. Run "curriculum help" for its commands.
package main

import (
	"os"

	_ "curriculum/cmd/curriculum/internal/heap"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
