package strata

import (
	"container/list"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
)

// DefaultStatementCache is how many prepared statements a DB keeps when
// its driver prepares each statement anew (MySQL, SQLite; see
// WithStatementCache).
const DefaultStatementCache = 64

// maxCachedArgs bounds the statements kept prepared: one with more bound
// values is an IN list or a multi-row insert, whose text changes with its
// number of values and rarely comes back.
const maxCachedArgs = 64

// WithStatementCache sets how many of the statements strata builds it
// keeps prepared, by SQL text, least recently used first out; 0 turns the
// cache off. It applies where the driver would prepare every statement
// anew: go-sql-driver/mysql sends a statement with arguments as prepare,
// execute and close (the cache saves a round trip, halving the time of a
// read by primary key), and SQLite parses it each time. PostgreSQL's
// driver keeps its own cache, so there this option changes nothing.
//
// Only statements with 1 to 64 bound values are cached, and on MySQL
// reads without any too (their rows then come in MySQL's binary form: the
// text form prints a FLOAT with 6 digits, so a float32 would not read back
// as written); hand-written SQL (RawAll, Exec) never is, though on MySQL
// a RawAll without arguments runs prepared for the same reason. In a transaction a statement is prepared on the
// transaction's connection once (reusing the cached one where it is
// already prepared there) and kept until the transaction ends, for at most
// n statement texts per transaction. MySQL prepares a statement on each
// pooled connection that runs it, so the server holds up to n × the
// pool's open connections statements (max_prepared_stmt_count, 16,382 by
// default, is for all clients together): bound the pool
// (sql.DB.SetMaxOpenConns) or n accordingly. The default is
// DefaultStatementCache.
func WithStatementCache(n int) Option {
	return dbOption(func(db *DB) error {
		if n < 0 {
			return fmt.Errorf("strata: WithStatementCache(%d): give 0 (off) or more statements", n)
		}
		db.stmts = newStmtCache(n)
		return nil
	})
}

// stmtCache keeps prepared statements by SQL text, the least recently used
// first out. A statement leaves the cache when evicted but is closed only
// once nobody holds it, so a query never finds its statement closed.
type stmtCache struct {
	max int

	mu     sync.Mutex
	byText map[string]*list.Element // of *cachedStmt
	lru    list.List                // front: most recently used
	closed bool
}

type cachedStmt struct {
	text    string
	st      *sql.Stmt
	refs    int  // holders; guarded by stmtCache.mu
	evicted bool // out of the cache: close when refs drops to 0
}

func newStmtCache(max int) *stmtCache {
	return &stmtCache{max: max, byText: map[string]*list.Element{}}
}

// cacheable reports whether c keeps a statement with nargs bound values.
func (c *stmtCache) cacheable(nargs int) bool {
	return c != nil && c.max > 0 && nargs > 0 && nargs <= maxCachedArgs
}

// holdLocked takes the cached statement for text, or returns nil; c.mu
// is held.
func (c *stmtCache) holdLocked(text string) *cachedStmt {
	e, ok := c.byText[text]
	if !ok {
		return nil
	}
	c.lru.MoveToFront(e)
	cs := e.Value.(*cachedStmt)
	cs.refs++
	return cs
}

// peek returns the cached statement for text, or nil; the caller must put
// it back. Unlike get it never prepares.
func (c *stmtCache) peek(text string) *cachedStmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	return c.holdLocked(text)
}

// get returns the statement for text, preparing it on pool when it is not
// cached; the caller must put it back. It returns nil (and no error) when
// the cache is closed. Statements are prepared and closed without c.mu
// held: on MySQL each is a round trip, on every connection it is
// prepared on.
func (c *stmtCache) get(ctx context.Context, pool *sql.DB, text string) (*cachedStmt, error) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil, nil
	}
	if cs := c.holdLocked(text); cs != nil {
		c.mu.Unlock()
		return cs, nil
	}
	c.mu.Unlock()

	st, err := pool.PrepareContext(ctx, text)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		_ = st.Close()
		return nil, nil
	}
	if cs := c.holdLocked(text); cs != nil { // prepared meanwhile by another caller
		c.mu.Unlock()
		_ = st.Close()
		return cs, nil
	}
	cs := &cachedStmt{text: text, st: st, refs: 1}
	c.byText[text] = c.lru.PushFront(cs)
	var done []*sql.Stmt
	for c.lru.Len() > c.max {
		if st := c.evictLocked(c.lru.Back()); st != nil {
			done = append(done, st)
		}
	}
	c.mu.Unlock()
	closeAll(done)
	return cs, nil
}

// evictLocked takes e's statement out of the cache and returns it when
// nobody holds it, for the caller to close once c.mu is released; a held
// one is closed when given back.
func (c *stmtCache) evictLocked(e *list.Element) *sql.Stmt {
	cs := c.lru.Remove(e).(*cachedStmt)
	delete(c.byText, cs.text)
	cs.evicted = true
	if cs.refs == 0 {
		return cs.st
	}
	return nil
}

func closeAll(sts []*sql.Stmt) error {
	var errs []error
	for _, st := range sts {
		errs = append(errs, st.Close())
	}
	return errors.Join(errs...)
}

// put gives back a statement get or peek returned.
func (c *stmtCache) put(cs *cachedStmt) {
	c.mu.Lock()
	cs.refs--
	last := cs.refs == 0 && cs.evicted
	c.mu.Unlock()
	if last {
		_ = cs.st.Close()
	}
}

// close closes every statement and keeps the cache from taking more;
// statements still held are closed when given back.
func (c *stmtCache) close() error {
	c.mu.Lock()
	c.closed = true
	var done []*sql.Stmt
	for c.lru.Len() > 0 {
		if st := c.evictLocked(c.lru.Front()); st != nil {
			done = append(done, st)
		}
	}
	c.mu.Unlock()
	return closeAll(done)
}

// len is how many statements are cached (tests).
func (c *stmtCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len()
}

// stmtFor returns the prepared statement to run text with nargs bound
// values on c through database/sql, or nil to run it unprepared: without
// a cache, with a driver that keeps its own, or when preparing fails
// (running it unprepared then reports the error as the database does).
// Outside a transaction it is the cached statement itself, and cs must be
// given back (putStmt) once its rows are closed. In a transaction it is a
// statement of the transaction's (txStmt) and cs is nil.
func (db *DB) stmtFor(ctx context.Context, c Conn, text string, nargs int) (st *sql.Stmt, cs *cachedStmt) {
	if !db.stmts.cacheable(nargs) {
		return nil, nil
	}
	if f := db.feat.Load(); f == nil || !f.PrepareEach {
		return nil, nil
	}
	return db.keptStmt(ctx, c, text)
}

// keptStmt is stmtFor once text is known to be cacheable.
func (db *DB) keptStmt(ctx context.Context, c Conn, text string) (st *sql.Stmt, cs *cachedStmt) {
	if tx, ok := c.(*Tx); ok {
		return db.txStmt(ctx, tx, text), nil
	}
	cs, err := db.stmts.get(ctx, db.sql, text)
	if err != nil || cs == nil {
		return nil, nil
	}
	return cs.st, cs
}

// readStmt returns the prepared statement to run a read with no bound
// values where the dialect reads rows exactly only from prepared
// statements (QueryFeatures.PrepareReads: MySQL's text protocol prints a
// FLOAT with 6 digits): a kept one as stmtFor gives when kept is true
// (statements strata builds), else one prepared for this read alone,
// which putStmt closes. It returns nil (run unprepared) when the dialect
// does not ask for it or preparing fails.
func (db *DB) readStmt(ctx context.Context, c Conn, text string, kept bool) (st *sql.Stmt, cs *cachedStmt) {
	if f := db.feat.Load(); f == nil || !f.PrepareReads {
		return nil, nil
	}
	if kept && db.stmts.max > 0 {
		if st, cs := db.keptStmt(ctx, c, text); st != nil {
			return st, cs
		}
	}
	st, err := c.runner().PrepareContext(ctx, text)
	if err != nil {
		return nil, nil
	}
	return st, &cachedStmt{text: text, st: st, refs: 1, evicted: true}
}

// txStmt returns the statement for text kept for tx's transaction for the
// rest of it: the cached statement bound with Tx.StmtContext (which reuses
// what is already prepared on the transaction's connection; database/sql
// keeps it prepared until the transaction ends even if the cache evicts
// it), or, when the cache has none, one prepared on the transaction
// itself. It never takes a connection from the pool: the transaction may
// hold the only one. It returns nil (run unprepared) once the transaction
// keeps as many statements as the cache holds.
func (db *DB) txStmt(ctx context.Context, tx *Tx, text string) *sql.Stmt {
	tx.sh.mu.Lock()
	defer tx.sh.mu.Unlock()
	if ts := tx.sh.stmts[text]; ts != nil {
		return ts.st
	}
	if len(tx.sh.stmts) >= db.stmts.max {
		return nil
	}
	ts := &keptStmt{}
	if cs := db.stmts.peek(text); cs != nil {
		ts.st = tx.tx.StmtContext(ctx, cs.st)
		db.stmts.put(cs)
	} else {
		st, err := tx.tx.PrepareContext(ctx, text)
		if err != nil {
			return nil
		}
		ts.st, ts.sure = st, true
	}
	if tx.sh.stmts == nil {
		tx.sh.stmts = map[string]*keptStmt{}
	}
	tx.sh.stmts[text] = ts
	return ts.st
}

// txStmtRan records how the statement kept for c's transaction for text
// ran. One that fails before it ever ran may be one Tx.StmtContext could
// not prepare, which would fail every time: it is dropped (closing it
// releases nothing on the server, which the cached statement owns). One
// known to be prepared stays after an error (a duplicate key, say), so a
// loop that meets errors does not prepare a statement per error.
func txStmtRan(c Conn, text string, err error) {
	tx, ok := c.(*Tx)
	if !ok {
		return
	}
	tx.sh.mu.Lock()
	ts := tx.sh.stmts[text]
	drop := ts != nil && err != nil && !ts.sure
	if ts != nil && err == nil {
		ts.sure = true
	}
	if drop {
		delete(tx.sh.stmts, text)
	}
	tx.sh.mu.Unlock()
	if drop {
		_ = ts.st.Close()
	}
}

// queryRows runs a statement strata built that returns rows through
// database/sql, by a prepared statement when it can; the caller gives cs
// back (putStmt) once the rows are closed.
func (db *DB) queryRows(ctx context.Context, c Conn, text string, args []any) (rows *sql.Rows, cs *cachedStmt, err error) {
	st, cs := db.stmtFor(ctx, c, text, len(args))
	if st == nil && len(args) == 0 {
		st, cs = db.readStmt(ctx, c, text, true)
	}
	if st == nil {
		rows, err = c.runner().QueryContext(ctx, text, args...)
		return rows, nil, err
	}
	rows, err = st.QueryContext(ctx, args...)
	txStmtRan(c, text, err)
	if err != nil {
		db.putStmt(cs)
		if stmtClosed(err) {
			rows, err = c.runner().QueryContext(ctx, text, args...)
			return rows, nil, err
		}
		return nil, nil, err
	}
	return rows, cs, nil
}

// queryOnce runs a statement that returns rows through database/sql
// without keeping it prepared: prepared for this run alone when it has no
// arguments and the dialect reads rows exactly only from prepared
// statements (readStmt), else unprepared. The caller gives cs back
// (putStmt) once the rows are closed.
func (db *DB) queryOnce(ctx context.Context, c Conn, text string, args []any) (rows *sql.Rows, cs *cachedStmt, err error) {
	var st *sql.Stmt
	if len(args) == 0 {
		st, cs = db.readStmt(ctx, c, text, false)
	}
	if st == nil {
		rows, err = c.runner().QueryContext(ctx, text, args...)
		return rows, nil, err
	}
	if rows, err = st.QueryContext(ctx); err != nil {
		db.putStmt(cs)
		return nil, nil, err
	}
	return rows, cs, nil
}

// stmtClosed reports whether err is database/sql's error for a closed
// statement. Only a statement bound to a transaction can be closed under
// its user: database/sql closes it when the transaction ends, which a
// cancelled context does at any moment. Running the statement on the
// transaction then gives the error the user expects (the context's, or
// sql.ErrTxDone). database/sql does not export the error; its text has
// not changed since Go 1.0.
func stmtClosed(err error) bool {
	return err != nil && err.Error() == "sql: statement is closed"
}

// putStmt gives back a statement queryRows returned (nil: none).
func (db *DB) putStmt(cs *cachedStmt) {
	if cs != nil {
		db.stmts.put(cs)
	}
}

// execStmt runs a statement without rows through database/sql, by a
// prepared statement when it can.
func (db *DB) execStmt(ctx context.Context, c Conn, text string, args []any) (sql.Result, error) {
	st, cs := db.stmtFor(ctx, c, text, len(args))
	if st == nil {
		return c.runner().ExecContext(ctx, text, args...)
	}
	defer db.putStmt(cs)
	res, err := st.ExecContext(ctx, args...)
	txStmtRan(c, text, err)
	if err != nil {
		if stmtClosed(err) {
			return c.runner().ExecContext(ctx, text, args...)
		}
	}
	return res, err
}
