package strata

import (
	"context"
	"database/sql"
	"errors"
	"sync"
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

// DB returns the database handle the transaction belongs to.
func (tx *Tx) DB() *DB { return tx.db }

// SQL returns the underlying *sql.Tx.
func (tx *Tx) SQL() *sql.Tx { return tx.tx }

func (tx *Tx) runner() runner { return tx.tx }

func (tx *Tx) inTx() bool { return true }

func (tx *Tx) txConn() *txConn { return tx.tc }
