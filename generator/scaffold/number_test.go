package scaffold

import (
	"testing"

	"curriculum/generator/model"
)

func TestNextModule(t *testing.T) {
	for _, tc := range []struct {
		modules []int
		want    int
	}{
		{nil, 1},
		{[]int{1}, 2},
		{[]int{1, 2, 3, 4}, 5},
		{[]int{1, 2, 4}, 5}, // a gap stays a gap
		{[]int{3}, 4},
		{[]int{9, 10, 2}, 11},
	} {
		if got := NextModule(tc.modules); got != tc.want {
			t.Errorf("NextModule(%v) = %d, want %d", tc.modules, got, tc.want)
		}
	}
}

func TestNextNumber(t *testing.T) {
	n := func(m, k int) model.Number { return model.Number{Module: m, N: k} }
	for _, tc := range []struct {
		name           string
		module         int
		handouts, trns []model.Number
		want           model.Number
	}{
		{"none", 4, nil, nil, n(4, 1)},
		{"after the highest", 4, []model.Number{n(4, 1), n(4, 2)}, nil, n(4, 3)},
		{"a gap stays a gap", 4, []model.Number{n(4, 1), n(4, 3)}, nil, n(4, 4)},
		{"4.10 after 4.9", 4, []model.Number{n(4, 9), n(4, 10)}, nil, n(4, 11)},
		{"other modules do not count", 2, []model.Number{n(1, 5), n(4, 3)}, []model.Number{n(3, 2)}, n(2, 1)},
		{"transparencies share the numbers", 4, []model.Number{n(4, 1), n(4, 3)}, []model.Number{n(4, 4)}, n(4, 5)},
		{"a transparency alone", 4, nil, []model.Number{n(4, 2)}, n(4, 3)},
	} {
		if got := NextNumber(tc.module, tc.handouts, tc.trns); got != tc.want {
			t.Errorf("%s: NextNumber(%d, %v, %v) = %v, want %v", tc.name, tc.module, tc.handouts, tc.trns, got, tc.want)
		}
	}
}
