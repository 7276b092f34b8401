package htmlexec

// Compiled reports whether s executes the template name itself, rather than handing it to
// html/template: false until name has been executed once.
func Compiled(s *Set, name string) bool {
	v, ok := s.progs.Load(name)
	return ok && v.(*program) != nil
}
