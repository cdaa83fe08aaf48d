package query

import (
	"errors"
	"fmt"
)

// ErrRawSQL is matched by every error about hand-written SQL (Raw, RawAll,
// Exec) that strata refuses before any SQL runs: a *SyntaxError (text the
// database would read differently from what strata can bind) or a
// *BindCountError.
var ErrRawSQL = errors.New("strata: hand-written sql")

// SyntaxError is hand-written SQL whose placeholders strata cannot bind as
// the database reads them: an unterminated literal or comment, a
// parameter in the database's own syntax ($1, ?1, :name), ?? where ? is
// always a parameter, or a NUL byte. Pos is the byte offset in the text;
// Fix, when set, says what to write instead.
type SyntaxError struct {
	Pos int
	Msg string
	Fix string
}

func (e *SyntaxError) Error() string {
	if e.Fix == "" {
		return fmt.Sprintf("sql at byte %d: %s", e.Pos, e.Msg)
	}
	return fmt.Sprintf("sql at byte %d: %s; %s", e.Pos, e.Msg, e.Fix)
}

// Is makes a *SyntaxError match ErrRawSQL.
func (e *SyntaxError) Is(target error) bool { return target == ErrRawSQL }

// BindCountError is hand-written SQL whose ? placeholders (as the
// database reads them) are not as many as the arguments given.
type BindCountError struct {
	SQL          string // the text, shortened to 80 bytes
	Placeholders int
	Args         int
}

func (e *BindCountError) Error() string {
	return fmt.Sprintf("raw sql %q has %d placeholders but %d arguments were given", e.SQL, e.Placeholders, e.Args)
}

// Is makes a *BindCountError match ErrRawSQL.
func (e *BindCountError) Is(target error) bool { return target == ErrRawSQL }
