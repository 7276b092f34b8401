package browser

// Profile returns the temporary profile folder of b, for tests that check that Close removes it.
func Profile(b *Browser) string { return b.profile }
