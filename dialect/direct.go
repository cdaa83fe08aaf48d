package dialect

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Direct is implemented by dialects that can run a statement on the
// driver's own connection behind a *sql.Conn (reached with Raw), reading
// each value of a row straight into its Go type instead of through
// database/sql's per-row driver.Value conversions. The values read are the
// ones database/sql would give, so a caller can use either path and get
// the same rows; errors are the driver's own, as database/sql returns them
// (Classify recognises them).
type Direct interface {
	// QueryDirect runs query with args on conn and calls row once for each
	// row of the result, in order; an error from row stops the query and
	// is returned as it is. The Row passed is valid only during the call.
	//
	// QueryDirect returns ErrNoDirect, having run nothing, when conn's
	// driver is not one the dialect reaches (a *sql.DB opened with another
	// driver). Outside a transaction, a connection that failed before the
	// statement was sent gives an error wrapping driver.ErrBadConn (so
	// that database/sql discards it and the caller may retry on another).
	// With inTx, conn holds a transaction begun by conn.BeginTx: the
	// statement runs inside it, a connection no longer in a transaction
	// gives sql.ErrTxDone, and no error wraps driver.ErrBadConn (database/sql
	// cannot discard a connection a transaction holds).
	QueryDirect(ctx context.Context, conn *sql.Conn, inTx bool, query string, args []any, row func(Row) error) error
	// ExecDirect runs a statement that returns no rows on conn and returns
	// the number of rows it affected. Its errors are as QueryDirect's.
	ExecDirect(ctx context.Context, conn *sql.Conn, inTx bool, query string, args []any) (int64, error)
}

// ErrNoDirect is returned by a Direct method when the connection's driver
// is not the one the dialect reaches natively; the caller goes through
// database/sql instead.
var ErrNoDirect = errors.New("dialect: the connection's driver has no direct path")

// ValueKind is the Go type of a value in a Row: the dynamic type of the
// driver.Value database/sql would give for it.
type ValueKind uint8

// Kinds of value in a Row.
const (
	// KindOther is any other type: read it with Row.Value.
	KindOther ValueKind = iota
	// KindNull is SQL NULL (database/sql's nil).
	KindNull
	// KindString is a string: read it with Row.String.
	KindString
	// KindInt64 is an int64: read it with Row.Int64.
	KindInt64
	// KindFloat64 is a float64: read it with Row.Float64.
	KindFloat64
	// KindBool is a bool: read it with Row.Bool.
	KindBool
	// KindTime is a time.Time: read it with Row.Time.
	KindTime
)

// Row is the current row of a direct query. Columns are numbered from 0.
// Each typed method returns exactly the value database/sql would give as
// that column's driver.Value, and is called only for the kind Kind
// reports; Value works for every kind.
type Row interface {
	// Len is the number of columns.
	Len() int
	// Name is column i's name.
	Name(i int) string
	// Kind is the type of column i's value in this row.
	Kind(i int) ValueKind
	// String returns column i's value when its kind is KindString.
	String(i int) (string, error)
	// Int64 returns column i's value when its kind is KindInt64.
	Int64(i int) (int64, error)
	// Float64 returns column i's value when its kind is KindFloat64.
	Float64(i int) (float64, error)
	// Bool returns column i's value when its kind is KindBool.
	Bool(i int) (bool, error)
	// Time returns column i's value when its kind is KindTime.
	Time(i int) (time.Time, error)
	// Value returns column i's value as database/sql's driver.Value (nil
	// for NULL), whatever its kind. A []byte returned may be reused by the
	// next row: copy it to keep it.
	Value(i int) (any, error)
}
