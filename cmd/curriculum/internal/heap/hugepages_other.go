//go:build !linux

package heap

// hugePages does nothing where there are no transparent huge pages to ask for.
func hugePages() {}
