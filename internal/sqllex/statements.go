package sqllex

// Span is the statement src[Pos:End] of a text.
type Span struct{ Pos, End int }

// Statements splits src at its Semicolon tokens into statements, each
// trimmed of the space and comments around it; a statement of nothing
// but space and comments is left out. On a construct left open it
// returns the statements before it and the *Error.
func Statements(src string, f Flags) ([]Span, error) {
	var out []Span
	start, end := -1, -1
	l := New(src, f)
	for t, ok := l.Next(); ok; t, ok = l.Next() {
		switch t.Kind {
		case Semicolon:
			if start >= 0 {
				out = append(out, Span{start, end})
			}
			start, end = -1, -1
		case Comment:
		case Text:
			a, b := t.Pos, t.End
			for a < b && isSpace(src[a]) {
				a++
			}
			for b > a && isSpace(src[b-1]) {
				b--
			}
			if a < b {
				if start < 0 {
					start = a
				}
				end = b
			}
		default:
			if start < 0 {
				start = t.Pos
			}
			end = t.End
		}
	}
	if err := l.Err(); err != nil {
		return out, err
	}
	if start >= 0 {
		out = append(out, Span{start, end})
	}
	return out, nil
}

// isSpace is the space between tokens: space, tab, newline, carriage
// return, form feed and vertical tab.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}
