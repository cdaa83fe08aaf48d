package strata

import "fmt"

// LimitError is a negative count given to Limit, Offset or LimitPer (a
// ?limit=-1 from a query string): strata refuses it before any SQL rather
// than read it as "no limit" or "from the start". Limit(0) is LIMIT 0 (no
// rows); NoLimit removes a limit. It matches ErrValue.
type LimitError struct {
	Model  string // the query's model
	Option string // "Limit", "Offset", or "LimitPer" with the include's path
	N      int    // the count given
}

func (e *LimitError) Error() string {
	switch e.Option {
	case "Limit":
		return fmt.Sprintf("strata: Limit(%d) on %s: a count of rows cannot be negative; give 0 or more (NoLimit() removes a limit)", e.N, e.Model)
	case "Offset":
		return fmt.Sprintf("strata: Offset(%d) on %s: a count of rows cannot be negative; give 0 or more", e.N, e.Model)
	}
	return fmt.Sprintf("strata: %s(%d) on %s: a count of rows per parent must be positive; leave LimitPer out for every row", e.Option, e.N, e.Model)
}

// Unwrap returns ErrValue.
func (e *LimitError) Unwrap() error { return ErrValue }

// Limit caps the number of rows at n: Limit(0) reads none, and a negative
// n is a *LimitError (returned by the finisher, before any SQL). A query
// has no limit until Limit is called; NoLimit removes one.
func (q *Query[T]) Limit(n int) *Query[T] {
	if n < 0 {
		return q.fail(&LimitError{Model: q.name(), Option: "Limit", N: n})
	}
	q.sel.Limit = n
	return q
}

// NoLimit removes a limit set before (on a query cloned from a base query
// with a Limit): every matching row is read.
func (q *Query[T]) NoLimit() *Query[T] { q.sel.Limit = -1; return q }

// Offset skips the first n rows; a negative n is a *LimitError.
func (q *Query[T]) Offset(n int) *Query[T] {
	if n < 0 {
		return q.fail(&LimitError{Model: q.name(), Option: "Offset", N: n})
	}
	q.sel.Offset = n
	return q
}
