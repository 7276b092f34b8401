package content

import "testing"

func TestEditorFile(t *testing.T) {
	for name, want := range map[string]bool{
		"4.md":                 false,
		"curriculum.yaml":      false,
		"seal.png":             false,
		"theme":                false,
		"4913":                 true,
		".4.md.swp":            true,
		"4.md.swp":             true,
		".4.md.swx":            true,
		"4.md~":                true,
		".#4.md":               true,
		"#4.md#":               true,
		".DS_Store":            true,
		".git":                 true,
		"4.md___jb_tmp___":     true,
		"4.md___jb_old___":     true,
		"49131":                false,
		"notes#1.md":           false,
		"modules.bak.md~other": false,
	} {
		if got := EditorFile(name); got != want {
			t.Errorf("EditorFile(%q) = %v, want %v", name, got, want)
		}
	}
}
