package markdown

import "testing"

func TestTypography(t *testing.T) {
	for in, want := range map[string]string{
		`Front-Line Workers' Roles`:              "Front-Line Workers’ Roles",
		`describe the "culture" of their agency`: "describe the “culture” of their agency",
		`the range--the continuum--of`:           "the range–the continuum–of",
		`the range---the continuum---of`:         "the range—the continuum—of",
		`'Quoted' and wait...`:                   "‘Quoted’ and wait…",
		`agency's and their own`:                 "agency’s and their own",
		`("a")`:                                  "(“a”)",
		`plain text`:                             "plain text",
		`Set Goals & Measure Success`:            "Set Goals & Measure Success",
	} {
		if got := Typography(in); got != want {
			t.Errorf("Typography(%q) = %q, want %q", in, got, want)
		}
	}
}
