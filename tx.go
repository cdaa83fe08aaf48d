package strata

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"github.com/strata-orm/strata/dialect"
)

// Tx is a transaction, or a savepoint inside one. It is a Conn: pass it to
// any strata function to run that inside the transaction. A Tx is used by
// one goroutine at a time.
type Tx struct {
	db     *DB
	tx     *sql.Tx
	tc     *txConn // the connection tx holds, for the direct path; nil without one
	parent *Tx     // nil for the outermost transaction
	sp     string  // the savepoint's name, for a nested Tx
	sh     *txShared
	ctx    context.Context // Begin's: when it ends, database/sql rolls the transaction back
	ended  bool            // Commit or Rollback was called
}

// txShared is what a transaction's savepoints share with it.
type txShared struct {
	next int // savepoint counter

	mu    sync.Mutex
	stmts map[string]*keptStmt // statements kept for the transaction (DB.txStmt), by SQL text
}

// keptStmt is a statement kept for a transaction (DB.txStmt).
type keptStmt struct {
	st *sql.Stmt
	// sure: st is known to be prepared (it has run, or PrepareContext made
	// it). Tx.StmtContext reports a failure to prepare only when the
	// statement runs, and such a statement fails every time.
	sure bool
}

// txConn is the connection of a transaction that statements reach by the
// dialect's direct path: the transaction is begun on a *sql.Conn of its
// own (sql.Conn.BeginTx), so that Raw reaches its driver connection.
// database/sql still runs the transaction (BEGIN, COMMIT, ROLLBACK, and
// the rollback when its context is done); txConn returns the connection to
// the pool when the transaction has ended.
type txConn struct {
	conn   *sql.Conn
	mu     sync.Mutex // held while a direct statement runs, and to close
	closed bool
	stop   func() bool // stops the context.AfterFunc that closes conn
}

// run runs f on the transaction's connection, as database/sql runs a
// transaction's statements: not once ctx is done or the transaction has
// ended.
func (tc *txConn) run(ctx context.Context, f func(*sql.Conn) error) error {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	if tc.closed {
		return sql.ErrTxDone
	}
	err := f(tc.conn)
	if errors.Is(err, sql.ErrConnDone) {
		return sql.ErrTxDone
	}
	return err
}

// close returns the connection to the pool. sql.Conn.Close waits for the
// transaction to end (when the transaction's context is done, for the
// rollback database/sql starts then).
func (tc *txConn) close() {
	tc.mu.Lock()
	tc.closed = true
	tc.mu.Unlock()
	_ = tc.conn.Close()
}

// release closes the connection once, unless the context's AfterFunc
// already does.
func (tc *txConn) release() {
	if tc != nil && tc.stop() {
		tc.close()
	}
}

// TxOption configures a transaction: Isolation, ReadOnly, Retry.
type TxOption interface {
	applyTx(o *txConfig) error
}

// txOption is a TxOption given as a function.
type txOption func(*txConfig) error

func (f txOption) applyTx(o *txConfig) error { return f(o) }

// txConfig is what the options of a transaction set.
type txConfig struct {
	sql     sql.TxOptions
	retries int  // Retry's n
	retry   bool // Retry was given
}

// Isolation sets the isolation level of a transaction (database/sql's
// levels; SQLite transactions are always serializable).
func Isolation(level sql.IsolationLevel) TxOption {
	return txOption(func(o *txConfig) error { o.sql.Isolation = level; return nil })
}

// ReadOnly makes the transaction read-only.
func ReadOnly() TxOption {
	return txOption(func(o *txConfig) error { o.sql.ReadOnly = true; return nil })
}

// Begin starts a transaction; end it with Commit or Rollback. Transaction
// is the safer form. Retry is an option of Transaction only.
func (db *DB) Begin(ctx context.Context, opts ...TxOption) (*Tx, error) {
	o, err := txOptions(opts)
	if err != nil {
		return nil, err
	}
	if o.retry {
		return nil, errors.New("strata: Retry is an option of DB.Transaction, which can run the function again; Begin cannot re-run the caller's code")
	}
	return db.begin(ctx, &o.sql)
}

// txOptions applies opts to a new txConfig.
func txOptions(opts []TxOption) (txConfig, error) {
	var o txConfig
	for _, f := range opts {
		if err := f.applyTx(&o); err != nil {
			return o, err
		}
	}
	return o, nil
}

// begin starts a transaction with database/sql's options.
func (db *DB) begin(ctx context.Context, o *sql.TxOptions) (*Tx, error) {
	if db.direct == nil || db.noDirect.Load() {
		tx, err := db.sql.BeginTx(ctx, o)
		if err != nil {
			return nil, db.wrapCtx(ctx, err, "BEGIN")
		}
		return &Tx{db: db, tx: tx, sh: &txShared{}, ctx: ctx}, nil
	}
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, db.wrapCtx(ctx, err, "BEGIN")
	}
	tx, err := conn.BeginTx(ctx, o)
	if err != nil {
		conn.Close()
		return nil, db.wrapCtx(ctx, err, "BEGIN")
	}
	tc := &txConn{conn: conn}
	tc.stop = context.AfterFunc(ctx, tc.close)
	return &Tx{db: db, tx: tx, tc: tc, sh: &txShared{}, ctx: ctx}, nil
}

// Transaction runs fn inside a new transaction and commits it when fn
// returns nil. When fn returns an error the transaction rolls back and
// Transaction returns that error; when fn panics the transaction rolls
// back and the panic goes on. The context bounds the whole transaction:
// when it is done, database/sql rolls the transaction back. With Retry,
// a transaction that lost a deadlock or a serialization race is rolled
// back and run again (retry.go).
func (db *DB) Transaction(ctx context.Context, fn func(tx *Tx) error, opts ...TxOption) error {
	o, err := txOptions(opts)
	if err != nil {
		return err
	}
	if o.retries < 0 {
		return fmt.Errorf("strata: Retry(%d): the number of runs after the first must be 0 or more", o.retries)
	}
	return retrying(ctx, o.retries, func() error {
		tx, err := db.begin(ctx, &o.sql)
		if err != nil {
			return err
		}
		return tx.run(fn, tx.Commit, tx.Rollback)
	})
}

// Transaction runs fn inside a savepoint of tx: an error from fn (or a
// panic) rolls back to the savepoint only, leaving the outer transaction
// usable; nil releases it. Options are refused: isolation belongs to the
// outermost transaction.
func (tx *Tx) Transaction(ctx context.Context, fn func(tx *Tx) error, opts ...TxOption) error {
	if len(opts) > 0 {
		return errors.New("strata: a nested transaction (savepoint) takes no options; set isolation on the outermost transaction")
	}
	tx.sh.next++
	child := &Tx{db: tx.db, tx: tx.tx, tc: tx.tc, parent: tx, sp: "strata_sp_" + strconv.Itoa(tx.sh.next), sh: tx.sh, ctx: tx.ctx}
	if _, err := tx.db.exec(ctx, tx, "SAVEPOINT "+child.sp, nil); err != nil {
		return err
	}
	release := func() error {
		_, err := tx.db.exec(ctx, tx, "RELEASE SAVEPOINT "+child.sp, nil)
		return err
	}
	rollback := func() error {
		c := context.WithoutCancel(ctx)
		if _, err := tx.db.exec(c, tx, "ROLLBACK TO SAVEPOINT "+child.sp, nil); err != nil {
			return err
		}
		_, err := tx.db.exec(c, tx, "RELEASE SAVEPOINT "+child.sp, nil)
		return err
	}
	return child.run(fn, release, rollback)
}

// run calls fn and then commit, or rollback when fn fails or panics (the
// panic continues after the rollback).
func (tx *Tx) run(fn func(*Tx) error, commit, rollback func() error) (err error) {
	done := false
	defer func() {
		if !done {
			_ = rollback()
		}
	}()
	err = fn(tx)
	done = true
	if err != nil {
		// Once Begin's context has ended, database/sql rolls the
		// transaction back itself; what the driver says of a second
		// rollback on the closing connection adds nothing.
		if rerr := rollback(); rerr != nil && !errors.Is(rerr, sql.ErrTxDone) && tx.ctx.Err() == nil {
			return errors.Join(err, fmt.Errorf("strata: rollback: %w", rerr))
		}
		return err
	}
	return commit()
}

// Commit commits the transaction. On a nested Tx (inside Transaction's
// fn) it is an error: the savepoint is released when fn returns.
//
// When the context given to Begin ended before the commit, database/sql
// has rolled the transaction back: Commit returns a
// *dialect.ContextError with RolledBack set, which errors.Is matches with
// the context's error (context.DeadlineExceeded or context.Canceled) and
// sql.ErrTxDone. When it ends during the commit, the error matches the
// context's error and ErrCommitOutcomeUnknown: the commit may have taken
// effect or not.
func (tx *Tx) Commit() error {
	if tx.parent != nil {
		return errors.New("strata: Commit on a savepoint; return nil from the Transaction function instead")
	}
	if tx.ended {
		// A second Commit: database/sql says the transaction is done.
		return tx.db.wrapCtx(tx.ctx, tx.tx.Commit(), "COMMIT")
	}
	tx.ended = true
	err := dialect.Commit(tx.ctx, tx.tx)
	tx.tc.release()
	var ce *dialect.ContextError
	if err == nil || errors.As(err, &ce) || errors.Is(err, ErrCommitOutcomeUnknown) {
		return err
	}
	return tx.db.wrapCtx(tx.ctx, err, "COMMIT")
}

// Rollback rolls the transaction back. Rolling back a finished transaction
// returns sql.ErrTxDone.
func (tx *Tx) Rollback() error {
	if tx.parent != nil {
		return errors.New("strata: Rollback on a savepoint; return an error from the Transaction function instead")
	}
	tx.ended = true
	err := tx.tx.Rollback()
	tx.tc.release()
	return err
}

// DB returns the database handle the transaction belongs to.
func (tx *Tx) DB() *DB { return tx.db }

// SQL returns the underlying *sql.Tx.
func (tx *Tx) SQL() *sql.Tx { return tx.tx }

func (tx *Tx) runner() runner  { return tx.tx }
func (tx *Tx) inTx() bool      { return true }
func (tx *Tx) txConn() *txConn { return tx.tc }
