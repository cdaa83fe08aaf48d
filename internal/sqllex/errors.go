package sqllex

import "fmt"

// Error is a construct the text opens and never closes: a string, quoted
// name, block comment, dollar quote or executable comment. Its token runs
// to the end of the text.
type Error struct {
	Pos  int    // byte offset of its opening
	Kind Kind   // String, Ident, Comment, Dollar or ExecOpen
	Open string // the opening as written: ', ", `, [, /*, /*!50700, $tag$ …
}

func (e *Error) Error() string {
	return fmt.Sprintf("sql at byte %d: unterminated %s %s", e.Pos, e.Kind, e.Open)
}
