package strata

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// DB is a database handle: a *sql.DB, its dialect, the models used with it
// (their metadata computed once per type) and the hooks registered on it.
// It is safe for concurrent use; create one per database and share it.
type DB struct {
	sql    *sql.DB
	d      dialect.Dialect
	owned  bool // Close closes sql
	reg    *model.Registry
	hooks  map[Event][]HookFunc
	qhooks []QueryHook

	feat   atomic.Pointer[dialect.QueryFeatures]
	featMu sync.Mutex
	fixed  *dialect.QueryFeatures // WithFeatures

	metas     sync.Map // *model.Model → *meta
	tableKeys sync.Map // table → [][]string: its live primary and unique keys (liveKeys)
	bufs      sync.Pool

	direct   dialect.Direct // the dialect's direct path; nil when it has none
	noDirect atomic.Bool    // the pool's driver is not the one direct reaches
	stmts    *stmtCache     // prepared statements (WithStatementCache)

	inChunk int // tests: keys per IN list of an include (0: from MaxParams)
}

// Conn is what every strata function runs on: a *DB, or a *Tx inside a
// transaction. Only those two implement it.
type Conn interface {
	// DB returns the database handle.
	DB() *DB
	// Transaction runs fn in a transaction: on a *DB a new one, on a *Tx a
	// savepoint inside it. See DB.Transaction.
	Transaction(ctx context.Context, fn func(tx *Tx) error, opts ...TxOption) error
	runner() runner
	inTx() bool
	txConn() *txConn // the transaction's connection for the direct path; nil on a *DB
}

// runner is *sql.DB or *sql.Tx.
type runner interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// ModelOptions are a model's naming options (Underscored, Freeze), given
// by a method on the model:
//
//	func (ProductOrder) ModelOptions() strata.ModelOptions { return strata.ModelOptions{Underscored: true} }
type ModelOptions = model.Options

// Option configures a DB, given to New or Open: WithModels, WithHook,
// WithQueryHook, WithStatementCache. An option whose argument is wrong
// makes New fail with the option's error.
type Option interface {
	applyDB(db *DB) error
}

// dbOption is an Option given as a function.
type dbOption func(*DB) error

func (f dbOption) applyDB(db *DB) error { return f(db) }

// WithModels registers models (struct values such as User{}): their
// metadata is computed and checked now, so a bad tag fails at start-up,
// and Sync creates their tables. Once every option is applied, New calls
// each registered model's Associate method and checks the association
// graph (see Associations); a broken graph makes New fail.
func WithModels(models ...any) Option {
	return dbOption(func(db *DB) error { return db.reg.Register(models...) })
}

// WithHook registers fn to run at event for every model, after the
// model's own hook method. See Event.
func WithHook(event Event, fn HookFunc) Option {
	return dbOption(func(db *DB) error {
		if fn == nil {
			return fmt.Errorf("strata: WithHook(%s, nil): give a function", event)
		}
		db.hooks[event] = append(db.hooks[event], fn)
		return nil
	})
}

// WithQueryHook registers h to observe every SQL statement strata runs
// (for logging, tracing, counting queries in tests). See SlogHook.
func WithQueryHook(h QueryHook) Option {
	return dbOption(func(db *DB) error {
		if h == nil {
			return fmt.Errorf("strata: WithQueryHook(nil): give a hook")
		}
		db.qhooks = append(db.qhooks, h)
		return nil
	})
}

// New wraps an open *sql.DB for dialect d. Close does not close db.
func New(db *sql.DB, d dialect.Dialect, opts ...Option) (*DB, error) {
	if db == nil || d == nil {
		return nil, errors.New("strata.New: needs an open *sql.DB and its dialect")
	}
	out := &DB{sql: db, d: d, reg: model.NewRegistry(), hooks: map[Event][]HookFunc{}, stmts: newStmtCache(DefaultStatementCache)}
	out.direct, _ = d.(dialect.Direct)
	for _, o := range opts {
		if err := o.applyDB(out); err != nil {
			return nil, err
		}
	}
	if err := out.reg.Resolve(); err != nil {
		return nil, fmt.Errorf("strata.New: the models' associations: %w", err)
	}
	if out.fixed != nil {
		out.feat.Store(out.fixed)
	}
	return out, nil
}

// Open connects to the database at url with dialect d (see
// dialect.Dialect.Open) and wraps it; Close closes the connection pool.
// Settings that would let a value become SQL (MySQL's multiStatements and
// interpolateParams) are refused.
func Open(d dialect.Dialect, dsn string, opts ...Option) (*DB, error) {
	if d == nil {
		return nil, errors.New("strata.Open: needs a dialect")
	}
	if err := checkURL(dsn); err != nil {
		return nil, err
	}
	sqlDB, err := d.Open(dsn)
	if err != nil {
		return nil, err
	}
	db, err := New(sqlDB, d, opts...)
	if err != nil {
		sqlDB.Close()
		return nil, err
	}
	db.owned = true
	return db, nil
}

func checkURL(dsn string) error {
	i := strings.IndexByte(dsn, '?')
	if i < 0 {
		return nil
	}
	q, err := url.ParseQuery(dsn[i+1:])
	if err != nil {
		return nil // the dialect reports a malformed URL
	}
	for _, k := range []string{"multiStatements", "interpolateParams"} {
		if v := q.Get(k); v != "" && v != "false" && v != "0" {
			return fmt.Errorf("strata.Open: %s=%s is refused: it lets bound values be spliced into SQL text; remove it from the URL", k, v)
		}
	}
	return nil
}

// Close closes the statements db keeps prepared (WithStatementCache), and
// the connection pool if Open created it.
func (db *DB) Close() error {
	err := db.stmts.close()
	if db.owned {
		return errors.Join(err, db.sql.Close())
	}
	return err
}

// SQL returns the underlying *sql.DB.
func (db *DB) SQL() *sql.DB { return db.sql }

// Dialect returns the database's dialect.
func (db *DB) Dialect() dialect.Dialect { return db.d }

// DB returns db itself, making *DB a Conn.
func (db *DB) DB() *DB { return db }

func (db *DB) runner() runner  { return db.sql }
func (db *DB) inTx() bool      { return false }
func (db *DB) txConn() *txConn { return nil }

func modelOf[T any](db *DB) (*model.Model, error) {
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("strata: %v is not a model; models are structs: use Find[User], not Find[*User]", t)
	}
	return db.reg.Of(t)
}

// readModelOf is modelOf for reading rows into T, which needs no primary
// key; anonymous accepts an anonymous struct (for hand-written SQL, whose
// rows name no table).
func readModelOf[T any](db *DB, anonymous bool) (*model.Model, error) {
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct || (t.Name() == "" && !anonymous) {
		return modelOf[T](db)
	}
	return db.reg.ForRead(t)
}

// features returns the dialect's query features, asking the dialect once.
func (db *DB) features(ctx context.Context, r runner) (*dialect.QueryFeatures, error) {
	if f := db.feat.Load(); f != nil {
		return f, nil
	}
	db.featMu.Lock()
	defer db.featMu.Unlock()
	if f := db.feat.Load(); f != nil {
		return f, nil
	}
	f := dialect.StandardQueryFeatures()
	if qd, ok := db.d.(dialect.QueryDialect); ok {
		var err error
		if f, err = qd.QueryFeatures(ctx, r); err != nil {
			return nil, dialect.WithContext(ctx, fmt.Errorf("strata: read %s query features: %w", db.d.Name(), err))
		}
	}
	if f.IDStep == 0 {
		f.IDStep = 1
	}
	db.feat.Store(&f)
	return &f, nil
}

// builder returns a pooled statement builder.
func (db *DB) builder(f *dialect.QueryFeatures) *query.Builder {
	if b, ok := db.bufs.Get().(*query.Builder); ok {
		b.F = f
		return b
	}
	return query.NewBuilder(db.d, f)
}

func (db *DB) release(b *query.Builder) {
	if b.Len() > 1<<16 || cap(b.Args) > 1<<12 {
		return
	}
	b.Reset()
	db.bufs.Put(b)
}

// normalizeArgs writes times in UTC at microsecond precision, the form
// every dialect stores and compares equal (see model.NormalizeTime).
func (db *DB) normalizeArgs(args []any) {
	zero := ""
	if f := db.feat.Load(); f != nil {
		zero = f.ZeroTime
	}
	for i, a := range args {
		switch x := a.(type) {
		case time.Time:
			if zero != "" && x.IsZero() {
				args[i] = zero
			} else if n := model.NormalizeTime(x); n != x {
				args[i] = n // boxing again allocates: only when it changed
			}
		case *time.Time:
			if x != nil {
				args[i] = model.NormalizeTime(*x)
				if zero != "" && x.IsZero() {
					args[i] = zero
				}
			}
		}
	}
}

// query runs hand-written SQL that returns rows on c; call done once the
// rows are closed. Without arguments it runs prepared where the dialect
// reads rows exactly only from prepared statements (PrepareReads).
func (db *DB) query(ctx context.Context, c Conn, sqlText string, args []any) (rows *sql.Rows, done func(), err error) {
	db.normalizeArgs(args)
	var ev *QueryEvent
	if len(db.qhooks) > 0 {
		ev = &QueryEvent{SQL: sqlText, Args: args, Start: time.Now(), InTx: c.inTx()}
		ctx = db.beforeQuery(ctx, ev)
	}
	rows, cs, err := db.queryOnce(ctx, c, sqlText, args)
	done = func() { db.putStmt(cs) }
	if err != nil {
		err = db.wrapCtx(ctx, err, sqlText)
	}
	if ev != nil {
		ev.Err = err
		db.afterQuery(ctx, ev)
	}
	return rows, done, err
}

// exec runs a statement that returns no rows on c, by the dialect's
// direct path when it has one.
func (db *DB) exec(ctx context.Context, c Conn, sqlText string, args []any) (sql.Result, error) {
	return db.execOn(ctx, c, sqlText, args, true)
}

// execSQL runs a statement that returns no rows on c through
// database/sql (hand-written SQL, whose arguments may be anything
// database/sql accepts).
func (db *DB) execSQL(ctx context.Context, c Conn, sqlText string, args []any) (sql.Result, error) {
	return db.execOn(ctx, c, sqlText, args, false)
}

func (db *DB) execOn(ctx context.Context, c Conn, sqlText string, args []any, direct bool) (sql.Result, error) {
	db.normalizeArgs(args)
	if len(db.qhooks) == 0 {
		res, err := db.execRun(ctx, c, sqlText, args, direct)
		if err != nil {
			return nil, db.wrapCtx(ctx, err, sqlText)
		}
		return res, nil
	}
	ev := &QueryEvent{SQL: sqlText, Args: args, Start: time.Now(), InTx: c.inTx()}
	ctx = db.beforeQuery(ctx, ev)
	res, err := db.execRun(ctx, c, sqlText, args, direct)
	if err != nil {
		err = db.wrapCtx(ctx, err, sqlText)
	} else if n, e := res.RowsAffected(); e == nil {
		ev.RowsAffected = n
	}
	ev.Err = err
	db.afterQuery(ctx, ev)
	return res, err
}

func (db *DB) beforeQuery(ctx context.Context, ev *QueryEvent) context.Context {
	for _, h := range db.qhooks {
		ctx = h.BeforeQuery(ctx, ev)
	}
	return ctx
}

func (db *DB) afterQuery(ctx context.Context, ev *QueryEvent) {
	ev.Duration = time.Since(ev.Start)
	for i := len(db.qhooks) - 1; i >= 0; i-- {
		db.qhooks[i].AfterQuery(ctx, ev)
	}
}

// directFor reports whether statements on c take the dialect's direct
// path: the dialect has one, the pool's driver is the one it reaches, and
// c is the *DB or a transaction begun on a connection of its own (tc).
func (db *DB) directFor(c Conn) (tc *txConn, ok bool) {
	if db.direct == nil || db.noDirect.Load() {
		return nil, false
	}
	if !c.inTx() {
		return nil, true
	}
	tc = c.txConn()
	return tc, tc != nil
}

// directTries is how many connections a direct statement tries when
// each fails before the statement is sent, as database/sql retries.
const directTries = 3

// onConn runs f on the transaction's connection (tc), or on a connection
// of the pool, retrying on another connection when f reports a bad one
// (driver.ErrBadConn, statement not sent). dialect.ErrNoDirect turns the
// direct path off for db.
func (db *DB) onConn(ctx context.Context, tc *txConn, f func(conn *sql.Conn, inTx bool) error) error {
	if tc != nil {
		err := tc.run(ctx, func(conn *sql.Conn) error { return f(conn, true) })
		if errors.Is(err, dialect.ErrNoDirect) {
			db.noDirect.Store(true)
		}
		return err
	}
	for try := 1; ; try++ {
		err := db.onPoolConn(ctx, f)
		if errors.Is(err, dialect.ErrNoDirect) {
			db.noDirect.Store(true)
		}
		if try < directTries && errors.Is(err, driver.ErrBadConn) {
			continue
		}
		return err
	}
}

// onPoolConn runs f on a connection of the pool and returns it (also when
// f panics).
func (db *DB) onPoolConn(ctx context.Context, f func(conn *sql.Conn, inTx bool) error) error {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return f(conn, false)
}

// directResult is the sql.Result of a statement run by the direct path.
type directResult int64

func (r directResult) RowsAffected() (int64, error) { return int64(r), nil }

func (directResult) LastInsertId() (int64, error) {
	return 0, errors.New("LastInsertId is not supported by this driver")
}

// execRun runs a statement with no rows, directly or through database/sql;
// its errors are unwrapped.
func (db *DB) execRun(ctx context.Context, c Conn, sqlText string, args []any, direct bool) (sql.Result, error) {
	if tc, ok := db.directFor(c); ok && direct {
		var n int64
		err := db.onConn(ctx, tc, func(conn *sql.Conn, inTx bool) error {
			var err error
			n, err = db.direct.ExecDirect(ctx, conn, inTx, sqlText, args)
			return err
		})
		if !errors.Is(err, dialect.ErrNoDirect) {
			if err != nil {
				return nil, err
			}
			return directResult(n), nil
		}
	}
	if direct {
		return db.execStmt(ctx, c, sqlText, args)
	}
	return c.runner().ExecContext(ctx, sqlText, args...)
}

// each runs a statement that returns rows on c, by the dialect's direct
// path when it has one, and calls fn for each row. An error from fn is
// returned as it is (and ends the query); errors from the database are
// wrapped (db.wrap). Query hooks see the statement, its duration covering
// the reading of the rows.
func (db *DB) each(ctx context.Context, c Conn, sqlText string, args []any, fn func(rowSrc) error) error {
	return db.eachVia(ctx, c, sqlText, args, true, 0, fn)
}

// eachUpTo is each for a statement that returns at most n rows (INSERT …
// RETURNING of n rows, a row by key): through database/sql it closes the
// rows after the n-th instead of asking the driver for one more, and
// reports what closing reports. SQLite commits a write when the statement
// is reset, as it does when it is stepped to its end, but that extra step
// costs about as much as the insert itself.
func (db *DB) eachUpTo(ctx context.Context, c Conn, sqlText string, args []any, n int, fn func(rowSrc) error) error {
	return db.eachVia(ctx, c, sqlText, args, true, n, fn)
}

// readFirst runs a statement that gives at most one row (a write's
// RETURNING row, a row by key) and reads it into base with rs (rs.n says
// whether there was one). Through database/sql it stops at that row
// (eachUpTo).
func (db *DB) readFirst(ctx context.Context, c Conn, sqlText string, args []any, rs *rowScanner, base unsafe.Pointer) error {
	return db.eachUpTo(ctx, c, sqlText, args, 1, func(src rowSrc) error {
		if rs.n > 0 {
			return nil
		}
		if err := rs.read(src, base); err != nil {
			return db.wrap(err, sqlText)
		}
		return nil
	})
}

// eachVia is each, through database/sql unless direct, reading at most
// upTo rows there when upTo > 0 (see eachUpTo).
func (db *DB) eachVia(ctx context.Context, c Conn, sqlText string, args []any, direct bool, upTo int, fn func(rowSrc) error) error {
	db.normalizeArgs(args)
	if len(db.qhooks) == 0 {
		dbErr, fnErr := db.eachRun(ctx, c, sqlText, args, direct, upTo, fn)
		if fnErr != nil {
			return fnErr
		}
		return db.wrapCtx(ctx, dbErr, sqlText)
	}
	ev := &QueryEvent{SQL: sqlText, Args: args, Start: time.Now(), InTx: c.inTx()}
	ctx = db.beforeQuery(ctx, ev)
	dbErr, fnErr := db.eachRun(ctx, c, sqlText, args, direct, upTo, fn)
	ev.Err = db.wrapCtx(ctx, dbErr, sqlText)
	db.afterQuery(ctx, ev)
	if fnErr != nil {
		return fnErr
	}
	return ev.Err
}

// eachRun is each without hooks: dbErr is an error from the database
// (unwrapped), fnErr one from fn.
func (db *DB) eachRun(ctx context.Context, c Conn, sqlText string, args []any, direct bool, upTo int, fn func(rowSrc) error) (dbErr, fnErr error) {
	if tc, ok := db.directFor(c); ok && direct {
		dbErr, fnErr := db.eachDirect(ctx, tc, sqlText, args, fn)
		if fnErr != nil || !errors.Is(dbErr, dialect.ErrNoDirect) {
			return dbErr, fnErr
		}
	}
	var rows *sql.Rows
	var cs *cachedStmt // a statement strata keeps prepared, to give back
	var err error
	if direct {
		rows, cs, err = db.queryRows(ctx, c, sqlText, args)
	} else {
		rows, cs, err = db.queryOnce(ctx, c, sqlText, args)
	}
	if err != nil {
		return err, nil
	}
	defer db.putStmt(cs)
	defer rows.Close()
	for n := 0; rows.Next(); {
		if err := fn(rowSrc{rows: rows}); err != nil {
			return nil, err
		}
		if n++; n == upTo {
			// Closing reports an error the rest of the statement meets
			// (a failed commit, a constraint checked at its end). When the
			// context ended first, database/sql has closed the rows itself
			// and dropped that error; Err still reports the context's.
			err := rows.Close()
			if err == nil {
				err = rows.Err()
			}
			return err, nil
		}
	}
	if err := rows.Err(); err != nil {
		return err, nil
	}
	return rows.Close(), nil
}

// eachDirect is eachRun by the dialect's direct path (on tc, or on the
// pool when tc is nil).
func (db *DB) eachDirect(ctx context.Context, tc *txConn, sqlText string, args []any, fn func(rowSrc) error) (dbErr, fnErr error) {
	dbErr = db.onConn(ctx, tc, func(conn *sql.Conn, inTx bool) error {
		return db.direct.QueryDirect(ctx, conn, inTx, sqlText, args, func(r dialect.Row) error {
			if err := fn(rowSrc{row: r}); err != nil {
				var de *decodeError
				if errors.As(err, &de) {
					return de.err // a database error, as database/sql reports it
				}
				fnErr = err
				return err
			}
			return nil
		})
	})
	if fnErr != nil {
		return nil, fnErr
	}
	return dbErr, nil
}
