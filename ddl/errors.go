package ddl

import (
	"errors"
	"fmt"
)

// Sentinel errors an *Error wraps, for errors.Is.
var (
	// ErrIrreversible: the operation has no inverse (a raw statement without a
	// reverse, a data update or delete).
	ErrIrreversible = errors.New("operation cannot be reversed")
	// ErrNotFound: a table, column, index or constraint the operation needs does not exist.
	ErrNotFound = errors.New("not found")
	// ErrExists: a table, column, index or constraint the operation creates already exists.
	ErrExists = errors.New("already exists")
	// ErrInvalid: the operation is malformed (empty name, unknown type, …).
	ErrInvalid = errors.New("invalid operation")
	// ErrStale: rendering needs the definition of an object (schema.Object)
	// that an operation replayed since it was read may have changed
	// (Object.Stale); reading the schema again gives the current one.
	// A dialect's Render wraps it.
	ErrStale = errors.New("stale definition")
)

// Error is an operation that cannot apply. Its message names the operation,
// the thing at fault and, where there is one, the fix.
type Error struct {
	Op  string // the operation, as Op.String gives it
	Err error  // what is wrong; wraps one of the sentinels
}

func (e *Error) Error() string { return e.Op + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// fail builds an *Error for op wrapping kind with a formatted message.
func fail(op Op, kind error, format string, args ...any) error {
	return &Error{Op: op.String(), Err: &kindError{kind: kind, msg: fmt.Sprintf(format, args...)}}
}

type kindError struct {
	kind error
	msg  string
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }
