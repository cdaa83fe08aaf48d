package dialect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ExecError is a statement that failed: which one, and the database's error.
type ExecError struct {
	Index int // 0-based position in the list
	Stmt  Stmt
	Err   error
}

func (e *ExecError) Error() string {
	return fmt.Sprintf("statement %d (%s): %v", e.Index+1, abbreviate(e.Stmt.SQL), e.Err)
}

// Unwrap returns the database's error.
func (e *ExecError) Unwrap() error { return e.Err }

func abbreviate(s string) string {
	if len(s) > 200 {
		return s[:197] + "..."
	}
	return s
}

// ExecAll runs stmts on one connection of db as one unit: inside a single
// transaction when d.TransactionalDDL() and no statement is NoTx, wrapped
// in the dialect's DDLSession when it has one and a statement is marked
// Session. A guard runs as a query (CheckGuard) and stops the list when it
// counts rows. Errors are classified and wrapped in *ExecError.
func ExecAll(ctx context.Context, db *sql.DB, d Dialect, stmts []Stmt) error {
	return ExecAllObserved(ctx, db, d, stmts, nil)
}

// Observer is told of each statement ExecAllObserved runs, around its
// execution: it is called just before the statement runs, with whether it
// runs in a transaction, and returns the context to run it with and the
// function to call once it has run, with its result (nil for a guard or
// a failure) and its error (classified, as ExecError holds it; nil when
// it succeeded).
type Observer func(ctx context.Context, s Stmt, inTx bool) (context.Context, func(res sql.Result, err error))

// ExecAllObserved is ExecAll telling obs (when not nil) of each statement
// as it runs.
func ExecAllObserved(ctx context.Context, db *sql.DB, d Dialect, stmts []Stmt, obs Observer) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return WithContext(ctx, err)
	}
	defer conn.Close()
	return execConn(ctx, conn, d, stmts, obs)
}

// ExecConn is ExecAll on a connection the caller holds.
func ExecConn(ctx context.Context, conn *sql.Conn, d Dialect, stmts []Stmt) error {
	return execConn(ctx, conn, d, stmts, nil)
}

func execConn(ctx context.Context, conn *sql.Conn, d Dialect, stmts []Stmt, obs Observer) (err error) {
	defer func() { err = execContext(ctx, err) }()
	useTx, session := d.TransactionalDDL(), false
	for _, s := range stmts {
		if s.NoTx {
			useTx = false
		}
		session = session || s.Session
	}
	if !useTx {
		return execList(ctx, conn, d, stmts, false, obs)
	}
	sess, _ := d.(DDLSession)
	if !session {
		sess = nil
	}
	if sess != nil {
		if err := sess.BeginDDL(ctx, conn); err != nil {
			return err
		}
		defer func() {
			if e := sess.EndDDL(context.WithoutCancel(ctx), conn); e != nil && err == nil {
				err = e
			}
		}()
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := execList(ctx, tx, d, stmts, true, obs); err != nil {
		return errors.Join(err, ignoreDone(tx.Rollback()))
	}
	if sess != nil {
		if err := sess.CheckDDL(ctx, tx); err != nil {
			return errors.Join(err, ignoreDone(tx.Rollback()))
		}
	}
	return Commit(ctx, tx)
}

// execContext makes err match ctx.Err() once ctx has ended
// (WithContext), keeping an *ExecError outermost.
func execContext(ctx context.Context, err error) error {
	var ee *ExecError
	if errors.As(err, &ee) {
		ee.Err = WithContext(ctx, ee.Err)
		return err
	}
	return WithContext(ctx, err)
}

func ignoreDone(err error) error {
	if errors.Is(err, sql.ErrTxDone) {
		return nil
	}
	return err
}

// execer runs statements and queries: a *sql.Tx or a *sql.Conn.
type execer interface {
	Execer
	RowQuerier
}

func execList(ctx context.Context, e execer, d Dialect, stmts []Stmt, inTx bool, obs Observer) error {
	for i, s := range stmts {
		sctx, done := ctx, func(sql.Result, error) {}
		if obs != nil {
			sctx, done = obs(ctx, s, inTx)
		}
		res, err := execOne(sctx, e, d, s, inTx)
		if err != nil {
			done(nil, WithContext(sctx, err))
			return &ExecError{Index: i, Stmt: s, Err: err}
		}
		done(res, nil)
	}
	return nil
}

// execOne runs one statement of a list: a guard as its queries (no
// result), any other statement by ExecContext, its error classified.
func execOne(ctx context.Context, e execer, d Dialect, s Stmt, inTx bool) (sql.Result, error) {
	if s.Guard != nil {
		if inTx {
			if err := LockGuard(ctx, e, d, s); err != nil {
				return nil, err
			}
		}
		return nil, CheckGuard(ctx, e, d, s)
	}
	res, err := e.ExecContext(ctx, s.SQL, s.Args...)
	if err != nil {
		if c := d.Classify(err); c != nil {
			err = c
		}
		return nil, err
	}
	return res, nil
}
