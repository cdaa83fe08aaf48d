package strata

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"
	"unsafe"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

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

// scalar runs a one-value query and scans the value into dest (an
// *int64, an *int or a sql.Scanner).
func (db *DB) scalar(ctx context.Context, c Conn, text string, args []any, dest any) error {
	got := false
	err := db.each(ctx, c, text, args, func(src rowSrc) error {
		if got {
			return nil
		}
		got = true
		var err error
		if src.row != nil {
			err = scanScalar(src.row, dest)
		} else {
			err = src.rows.Scan(dest)
		}
		if err != nil {
			return db.wrap(err, text)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if !got {
		return sql.ErrNoRows
	}
	return nil
}

// scanScalar stores the one column of r in dest as database/sql's Scan
// would.
func scanScalar(r dialect.Row, dest any) error {
	if n := r.Len(); n != 1 {
		return fmt.Errorf("sql: expected %d destination arguments in Scan, not 1", n)
	}
	if r.Kind(0) == dialect.KindInt64 {
		n, err := r.Int64(0)
		if err != nil {
			return &decodeError{err}
		}
		switch d := dest.(type) {
		case *int64:
			*d = n
			return nil
		case *int:
			if int64(int(n)) == n {
				*d = int(n)
				return nil
			}
		}
	}
	v, err := r.Value(0)
	if err != nil {
		return &decodeError{err}
	}
	if sc, ok := dest.(sql.Scanner); ok {
		err = sc.Scan(v)
	} else {
		err = convertInt(dest, v)
	}
	if err != nil {
		return fmt.Errorf("sql: Scan error on column index 0, name %q: %w", r.Name(0), err)
	}
	return nil
}

// convertInt stores v in an *int64 or *int dest through database/sql's
// own conversion (sql.Null's Scan); NULL is an error, as database/sql has
// it.
func convertInt(dest, v any) error {
	switch d := dest.(type) {
	case *int64:
		return convertNotNull(d, v, "int64")
	case *int:
		return convertNotNull(d, v, "int")
	}
	return fmt.Errorf("strata: scalar into %T", dest)
}

func convertNotNull[V any](dest *V, v any, name string) error {
	var n sql.Null[V]
	if err := n.Scan(v); err != nil {
		return err
	}
	if !n.Valid {
		return fmt.Errorf("converting NULL to %s is unsupported", name)
	}
	*dest = n.V
	return nil
}
