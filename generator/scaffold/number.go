package scaffold

import "curriculum/generator/model"

// NextModule is the number a new module takes: one more than the highest of modules, or 1.
// A gap stays a gap (1, 2, 4 → 5): filling it would give the new module the number that
// old references and printed copies may still use for the one that was removed.
func NextModule(modules []int) int {
	next := 1
	for _, m := range modules {
		next = max(next, m+1)
	}
	return next
}

// NextNumber is the number a new handout or transparency of module takes: one more than the
// highest number of that module in any of taken, or module.1. Handouts and transparencies
// share one number space (Handout 4.2 with transparency: true is Transparency 4.2), so the
// caller passes both; as with modules, a gap stays a gap (4.1, 4.3 → 4.4).
func NextNumber(module int, taken ...[]model.Number) model.Number {
	next := model.Number{Module: module, N: 1}
	for _, ns := range taken {
		for _, n := range ns {
			if n.Module == module {
				next.N = max(next.N, n.N+1)
			}
		}
	}
	return next
}
