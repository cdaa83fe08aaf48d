package dialect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ContextError is a failure that happened because a context ended: while
// connecting, running a statement, reading rows or ending a transaction.
// Drivers report such a failure in their own words (PostgreSQL's "dial
// tcp: i/o timeout", database/sql's "transaction has already been
// committed or rolled back"), so a ContextError carries both: errors.Is
// matches the context's error (context.Canceled or
// context.DeadlineExceeded) and errors.As finds what the driver or strata
// reported. WithContext makes one.
type ContextError struct {
	Ctx error // the context's error: context.Canceled or context.DeadlineExceeded
	Err error // what failed; nil when nothing but the context's error was reported
	// RolledBack is set when the failure ended a transaction that is now
	// rolled back: nothing it wrote took effect.
	RolledBack bool
}

func (e *ContextError) Error() string {
	s := e.Ctx.Error()
	if e.RolledBack {
		s += ": the transaction was rolled back"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the context's error and what failed, so errors.Is and
// errors.As see both.
func (e *ContextError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Ctx}
	}
	return []error{e.Ctx, e.Err}
}

// WithContext returns err so that errors.Is(err, ctx.Err()) holds when ctx
// has ended: err itself when it already matches, else a *ContextError
// holding both. It returns err unchanged when err is nil or ctx has not
// ended. Every place that connects or runs a statement with a context
// passes its error through it, for every dialect.
func WithContext(ctx context.Context, err error) error {
	if err == nil || ctx == nil {
		return err
	}
	cerr := ended(ctx)
	if cerr == nil || errors.Is(err, cerr) {
		return err
	}
	return &ContextError{Ctx: cerr, Err: err}
}

// ended is ctx.Err(), or context.DeadlineExceeded once ctx's deadline has
// passed: a driver that dials with the deadline (net.Dialer) can report
// its timeout a moment before the context's own timer marks it done.
func ended(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d, ok := ctx.Deadline(); ok && !time.Now().Before(d) {
		return context.DeadlineExceeded
	}
	return nil
}

// RolledBack returns the error of a transaction that could not commit
// because ctx ended (database/sql has rolled it back then): a
// *ContextError with RolledBack set, matching ctx.Err() and err. It
// returns nil when ctx has not ended.
func RolledBack(ctx context.Context, err error) error {
	cerr := ended(ctx)
	if cerr == nil {
		return nil
	}
	if ce, ok := err.(*ContextError); ok {
		err = ce.Err
	}
	if err == cerr {
		err = nil
	}
	return &ContextError{Ctx: cerr, Err: err, RolledBack: true}
}

// ErrCommitOutcomeUnknown is matched by the error of a COMMIT that failed
// after its context ended while COMMIT was on its way to the server: the
// transaction may have committed or not (pgx reports the bare context
// error either way), and only reading the database tells.
var ErrCommitOutcomeUnknown = errors.New("the context ended while COMMIT was on its way: the transaction may or may not have committed; read the database before running it again")

// Commit commits tx, begun with ctx, and says plainly what happened when
// ctx ended around it. Ended before COMMIT: tx is rolled back and the
// error is RolledBack's. Ended during COMMIT: database/sql's own rollback
// winning (sql.ErrTxDone) is a rollback too; any other failure matches
// ErrCommitOutcomeUnknown and ctx.Err(). Otherwise COMMIT's own error is
// returned as it is.
func Commit(ctx context.Context, tx *sql.Tx) error {
	if ctx.Err() != nil {
		_ = tx.Rollback()
		return RolledBack(ctx, nil)
	}
	err := tx.Commit()
	switch {
	case err == nil || ended(ctx) == nil:
		return err
	case err == sql.ErrTxDone:
		return RolledBack(ctx, nil)
	}
	return fmt.Errorf("%w: %w", ErrCommitOutcomeUnknown, WithContext(ctx, err))
}
