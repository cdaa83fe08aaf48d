package pgdialect

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/strata-orm/strata/dialect"
)

var _ dialect.Direct = (*Dialect)(nil)

// The direct path runs statements on the *pgx.Conn behind a *sql.Conn
// opened with pgx's stdlib driver, and reads each column through the same
// pgx scan plan, into the same type, as stdlib's Rows.Next does before it
// boxes the value into a driver.Value: asking for the same result formats
// (resultFormats), the values are the ones database/sql would give, minus
// the boxing and database/sql's per-row work. pgx's statement cache (on by
// default, as through stdlib) applies: a statement text seen before on the
// connection is not parsed again.

// resultFormats are the result formats stdlib asks for (its
// databaseSQLResultFormats): binary for these types, text for the rest.
var resultFormats = pgx.QueryResultFormatsByOID{
	pgtype.BoolOID:        pgx.BinaryFormatCode,
	pgtype.ByteaOID:       pgx.BinaryFormatCode,
	pgtype.CIDOID:         pgx.BinaryFormatCode,
	pgtype.DateOID:        pgx.BinaryFormatCode,
	pgtype.Float4OID:      pgx.BinaryFormatCode,
	pgtype.Float8OID:      pgx.BinaryFormatCode,
	pgtype.Int2OID:        pgx.BinaryFormatCode,
	pgtype.Int4OID:        pgx.BinaryFormatCode,
	pgtype.Int8OID:        pgx.BinaryFormatCode,
	pgtype.OIDOID:         pgx.BinaryFormatCode,
	pgtype.TimestampOID:   pgx.BinaryFormatCode,
	pgtype.TimestamptzOID: pgx.BinaryFormatCode,
	pgtype.XIDOID:         pgx.BinaryFormatCode,
}

// QueryDirect implements dialect.Direct.
func (d *Dialect) QueryDirect(ctx context.Context, conn *sql.Conn, inTx bool, query string, args []any, fn func(dialect.Row) error) error {
	st, _ := d.states.Get().(*queryState)
	if st == nil {
		st = new(queryState)
	}
	defer d.release(st)
	return raw(conn, inTx, func(dc any) error {
		pc, err := pgxConn(dc, inTx)
		if err != nil {
			return err
		}
		st.args = append(append(st.args[:0], resultFormats), args...)
		rows, err := pc.Query(ctx, query, st.args...)
		if err != nil {
			return retryable(err, inTx)
		}
		defer rows.Close()
		r := st.row(pc.TypeMap(), rows.FieldDescriptions())
		for rows.Next() {
			r.raw = rows.RawValues()
			if err := fn(r); err != nil {
				return err
			}
		}
		rows.Close()
		return rows.Err()
	})
}

// queryState is what QueryDirect needs per query, kept from one query to
// the next (Dialect.states) so that a query allocates none of it.
type queryState struct {
	args []any
	r    row
}

// maxPooledColumns bounds the scratch a pooled queryState keeps.
const maxPooledColumns = 64

func (d *Dialect) release(st *queryState) {
	if cap(st.r.cols) > maxPooledColumns || cap(st.args) > maxPooledColumns {
		return
	}
	clear(st.args)
	clear(st.r.cols)
	st.r.fds, st.r.raw = nil, nil
	d.states.Put(st)
}

// ExecDirect implements dialect.Direct.
func (*Dialect) ExecDirect(ctx context.Context, conn *sql.Conn, inTx bool, query string, args []any) (int64, error) {
	var n int64
	err := raw(conn, inTx, func(dc any) error {
		pc, err := pgxConn(dc, inTx)
		if err != nil {
			return err
		}
		tag, err := pc.Exec(ctx, query, args...)
		if err != nil {
			return retryable(err, inTx)
		}
		n = tag.RowsAffected()
		return nil
	})
	return n, err
}

// raw runs f on conn's driver connection. A panic in f (in a row
// callback, or in an argument's Value method) goes on after Raw has
// released the connection: outside a transaction the connection is
// discarded, as Raw itself would; inside one, where database/sql would
// wait forever to close a connection the transaction holds, it stays
// with the transaction (whose rollback follows).
func raw(conn *sql.Conn, inTx bool, f func(dc any) error) error {
	var p any
	err := conn.Raw(func(dc any) (err error) {
		defer func() {
			if p = recover(); p != nil {
				err = errPanicked
				if !inTx {
					err = driver.ErrBadConn
				}
			}
		}()
		return f(dc)
	})
	if p != nil {
		panic(p)
	}
	return err
}

var errPanicked = errors.New("pgdialect: panic in a direct statement")

// pgxConn returns the pgx connection behind a database/sql driver
// connection, checked as stdlib's Conn methods check it and, with inTx,
// still in a transaction.
func pgxConn(dc any, inTx bool) (*pgx.Conn, error) {
	sc, ok := dc.(*stdlib.Conn)
	if !ok {
		return nil, dialect.ErrNoDirect
	}
	pc := sc.Conn()
	if pc.IsClosed() {
		if inTx {
			return nil, errClosedInTx
		}
		return nil, driver.ErrBadConn
	}
	if inTx && pc.PgConn().TxStatus() == 'I' {
		return nil, sql.ErrTxDone
	}
	return pc, nil
}

// errClosedInTx is a transaction's connection that is closed: database/sql's
// driver.ErrBadConn in words, without being it (see dialect.Direct).
var errClosedInTx = errors.New("driver: bad connection (the transaction's connection is closed)")

// retryable marks an error that left the statement unsent as
// driver.ErrBadConn, as stdlib does, so that the connection is discarded
// and the statement retried on another (never inside a transaction).
func retryable(err error, inTx bool) error {
	if !inTx && pgconn.SafeToRetry(err) {
		return fmt.Errorf("%w: %w", driver.ErrBadConn, err)
	}
	return err
}

// colClass is how stdlib turns a column's values into driver.Values.
type colClass uint8

const (
	cString colClass = iota // default: text through a *string plan
	cBool
	cBytes // bytea, json, jsonb, xml: []byte
	cUint32
	cDate
	cFloat4
	cFloat8
	cInt2
	cInt4
	cInt8
	cTimestamp
	cTimestamptz
)

// column is one result column: its class, its scan plan and the value
// the plan last decoded.
type column struct {
	class colClass
	kind  dialect.ValueKind // of its non-NULL values
	plan  pgtype.ScanPlan

	s   string
	b   bool
	by  []byte
	u32 pgtype.Uint32
	dt  pgtype.Date
	f4  float32
	f8  float64
	i2  int16
	i4  int32
	i8  int64
	ts  pgtype.Timestamp
	tz  pgtype.Timestamptz
	t   time.Time // the time Kind decoded, for Time
}

// target is the value the column's plan decodes into.
func (c *column) target() any {
	switch c.class {
	case cBool:
		return &c.b
	case cBytes:
		return &c.by
	case cUint32:
		return &c.u32
	case cDate:
		return &c.dt
	case cFloat4:
		return &c.f4
	case cFloat8:
		return &c.f8
	case cInt2:
		return &c.i2
	case cInt4:
		return &c.i4
	case cInt8:
		return &c.i8
	case cTimestamp:
		return &c.ts
	case cTimestamptz:
		return &c.tz
	}
	return &c.s
}

func classOf(oid uint32) (colClass, dialect.ValueKind) {
	switch oid {
	case pgtype.BoolOID:
		return cBool, dialect.KindBool
	case pgtype.ByteaOID, pgtype.JSONOID, pgtype.JSONBOID, pgtype.XMLOID:
		return cBytes, dialect.KindOther
	case pgtype.CIDOID, pgtype.OIDOID, pgtype.XIDOID:
		return cUint32, dialect.KindOther
	case pgtype.DateOID:
		return cDate, dialect.KindTime
	case pgtype.Float4OID:
		return cFloat4, dialect.KindFloat64
	case pgtype.Float8OID:
		return cFloat8, dialect.KindFloat64
	case pgtype.Int2OID:
		return cInt2, dialect.KindInt64
	case pgtype.Int4OID:
		return cInt4, dialect.KindInt64
	case pgtype.Int8OID:
		return cInt8, dialect.KindInt64
	case pgtype.TimestampOID:
		return cTimestamp, dialect.KindTime
	case pgtype.TimestamptzOID:
		return cTimestamptz, dialect.KindTime
	}
	return cString, dialect.KindString
}

// row implements dialect.Row over pgx's raw values.
type row struct {
	fds  []pgconn.FieldDescription
	cols []column
	raw  [][]byte
}

// row returns st's row, set up for a result with columns fds.
func (st *queryState) row(m *pgtype.Map, fds []pgconn.FieldDescription) *row {
	r := &st.r
	r.fds = fds
	if cap(r.cols) < len(fds) {
		r.cols = make([]column, len(fds))
	}
	r.cols = r.cols[:len(fds)]
	for i, fd := range fds {
		c := &r.cols[i]
		c.class, c.kind = classOf(fd.DataTypeOID)
		c.plan = m.PlanScan(fd.DataTypeOID, fd.Format, c.target())
	}
	return r
}

func (r *row) Len() int          { return len(r.cols) }
func (r *row) Name(i int) string { return r.fds[i].Name }

// Kind implements dialect.Row. A time column holding ±infinity is
// KindOther: stdlib gives it as the string "infinity" or "-infinity".
func (r *row) Kind(i int) dialect.ValueKind {
	src := r.raw[i]
	if src == nil {
		return dialect.KindNull
	}
	c := &r.cols[i]
	if c.kind != dialect.KindTime {
		return c.kind
	}
	if err := c.plan.Scan(src, c.target()); err != nil {
		return dialect.KindOther // Value reports the error
	}
	switch c.class {
	case cDate:
		if c.dt.InfinityModifier != pgtype.Finite {
			return dialect.KindOther
		}
		c.t = c.dt.Time
	case cTimestamp:
		if c.ts.InfinityModifier != pgtype.Finite {
			return dialect.KindOther
		}
		c.t = c.ts.Time
	default:
		if c.tz.InfinityModifier != pgtype.Finite {
			return dialect.KindOther
		}
		c.t = c.tz.Time
	}
	return dialect.KindTime
}

func (r *row) scan(i int) (*column, error) {
	c := &r.cols[i]
	if err := c.plan.Scan(r.raw[i], c.target()); err != nil {
		return nil, fmt.Errorf("convert field %d failed: %w", i, err)
	}
	return c, nil
}

// String implements dialect.Row.
func (r *row) String(i int) (string, error) {
	c, err := r.scan(i)
	if err != nil {
		return "", err
	}
	return c.s, nil
}

// Int64 implements dialect.Row.
func (r *row) Int64(i int) (int64, error) {
	c, err := r.scan(i)
	if err != nil {
		return 0, err
	}
	switch c.class {
	case cInt2:
		return int64(c.i2), nil
	case cInt4:
		return int64(c.i4), nil
	}
	return c.i8, nil
}

// Float64 implements dialect.Row.
func (r *row) Float64(i int) (float64, error) {
	c, err := r.scan(i)
	if err != nil {
		return 0, err
	}
	if c.class == cFloat4 {
		return float64(c.f4), nil
	}
	return c.f8, nil
}

// Bool implements dialect.Row.
func (r *row) Bool(i int) (bool, error) {
	c, err := r.scan(i)
	if err != nil {
		return false, err
	}
	return c.b, nil
}

// Time implements dialect.Row: the time Kind decoded.
func (r *row) Time(i int) (time.Time, error) { return r.cols[i].t, nil }

// Value implements dialect.Row, as stdlib's Rows.Next converts.
func (r *row) Value(i int) (any, error) {
	if r.raw[i] == nil {
		return nil, nil
	}
	c, err := r.scan(i)
	if err != nil {
		return nil, err
	}
	var v driver.Value
	switch c.class {
	case cBool:
		return c.b, nil
	case cBytes:
		return c.by, nil
	case cUint32:
		v, err = c.u32.Value()
	case cDate:
		v, err = c.dt.Value()
	case cFloat4:
		return float64(c.f4), nil
	case cFloat8:
		return c.f8, nil
	case cInt2:
		return int64(c.i2), nil
	case cInt4:
		return int64(c.i4), nil
	case cInt8:
		return c.i8, nil
	case cTimestamp:
		v, err = c.ts.Value()
	case cTimestamptz:
		v, err = c.tz.Value()
	default:
		return c.s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("convert field %d failed: %w", i, err)
	}
	return v, nil
}
