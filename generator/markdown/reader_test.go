package markdown_test

import "github.com/yuin/goldmark/text"

func textReader(src []byte) text.Reader { return text.NewReader(src) }
