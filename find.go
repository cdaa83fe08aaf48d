package strata

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"math"
	"reflect"
	"unsafe"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// All returns every matching row, with its includes.
func (q *Query[T]) All(ctx context.Context) ([]T, error) {
	var out []T
	var err error
	if len(q.incs) > 0 {
		out, err = q.allWithIncludes(ctx)
	} else {
		out, err = q.read(ctx)
	}
	if err != nil {
		return nil, err
	}
	rememberRows(q.m, out, q.selected())
	if err := afterFind(ctx, q.c, q.m, out); err != nil {
		return nil, err
	}
	return out, nil
}

// One returns the first matching row, or an *EmptyResultError (matching
// ErrNotFound) when there is none.
func (q *Query[T]) One(ctx context.Context) (*T, error) {
	lim := q.sel.Limit
	q.sel.Limit = 1
	rows, err := q.All(ctx)
	q.sel.Limit = lim
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, &EmptyResultError{Model: q.m.Name, Table: q.m.Table}
	}
	return &rows[0], nil
}

// Each iterates over the matching rows without holding them all; breaking
// out of the loop closes the rows. It does not load includes (that would
// need a query per row while the rows are open): page with Limit and
// Offset and All instead.
func (q *Query[T]) Each(ctx context.Context) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		if len(q.incs) > 0 && q.err == nil {
			yield(nil, fmt.Errorf("strata: Each on %s does not load includes (%s); use All, paging with Limit and Offset", q.m.Name, q.incs[0].path))
			return
		}
		b, err := q.prepare(ctx)
		if err != nil {
			yield(nil, err)
			return
		}
		s := q.selectStmt()
		text, err := buildSelect(b, &s, q.m)
		if err != nil {
			q.db.release(b)
			yield(nil, err)
			return
		}
		defer q.db.release(b)
		rs := newRowScanner(q.selected())
		stopped := false
		// Not by the direct path inside a transaction: the loop's body may
		// run the transaction's statements while the rows are open, which
		// the direct path (holding the transaction's connection) cannot.
		err = q.db.eachVia(ctx, q.c, text, b.Args, !q.c.inTx(), 0, func(src rowSrc) error {
			v := new(T)
			if err := rs.read(src, unsafe.Pointer(v)); err != nil {
				return &ScanError{Model: q.m.Name, Err: err}
			}
			q.m.Remember(unsafe.Pointer(v), q.selected(), true)
			if err := runHook(ctx, q.c, AfterFind, q.m.Name, v); err != nil {
				return err
			}
			if !yield(v, nil) {
				stopped = true
				return errStopped
			}
			return nil
		})
		if err != nil && !stopped {
			yield(nil, err)
		}
	}
}

// errStopped ends a query whose rows the caller stopped reading.
var errStopped = errors.New("strata: stopped reading")

// ByPK returns the row with primary key pk, or an *EmptyResultError. The
// key's Go type must match the model's (any integer for an integer key, a
// string for a string key): a mismatch is an error before any SQL. A key
// beyond 64 bits, which no integer column holds, is not found without
// asking the database; one beyond 32 bits is compared as a 64-bit integer
// on every database, so an INTEGER column finds no row (PostgreSQL's
// driver would refuse to send it as an INTEGER) and a BIGINT column that
// the model reads into an int finds its row.
func (q *Query[T]) ByPK(ctx context.Context, pk any) (*T, error) {
	if q.err != nil {
		return nil, q.err
	}
	if err := checkPK(q.m, pk); err != nil {
		return nil, err
	}
	// A key the column cannot hold (2147483648 for an INTEGER) is no
	// row's: not found, as every database would answer if it could be
	// asked (PostgreSQL's driver refuses to send it).
	pk, place, err := q.m.Operand(q.m.PrimaryKey[0].Column, pk)
	if err != nil {
		return nil, err
	}
	if place != query.Inside {
		return nil, &EmptyResultError{Model: q.m.Name, Table: q.m.Table}
	}
	// A key beyond 32 bits goes through the query builder, which has it
	// compared as a 64-bit integer where the database needs telling
	// (query.Builder.BindOperand): the model's INTEGER key may be a
	// BIGINT column.
	if len(q.sel.Where) > 0 || len(q.fields) > 0 || q.sel.Lock != query.NoLock || len(q.incs) > 0 || wideInt(pk) {
		pkf := q.m.PrimaryKey[0]
		return q.Clone().Where(query.Eq(pkf.Column, pk)).One(ctx)
	}
	mt := q.db.meta(q.m)
	text := mt.byPK
	if q.unscoped {
		text = mt.byPKUnscoped
	}
	v := new(T)
	rs := mt.scanAll(q.m.Fields)
	defer mt.done(rs)
	err = q.db.each(ctx, q.c, text, []any{pk}, func(src rowSrc) error {
		if rs.n > 0 {
			return nil // a primary key matches one row
		}
		if err := rs.read(src, unsafe.Pointer(v)); err != nil {
			return &ScanError{Model: q.m.Name, Err: err}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if rs.n == 0 {
		return nil, &EmptyResultError{Model: q.m.Name, Table: q.m.Table}
	}
	q.m.Remember(unsafe.Pointer(v), q.m.Fields, true)
	if err := runHook(ctx, q.c, AfterFind, q.m.Name, v); err != nil {
		return nil, err
	}
	return v, nil
}

// PKTypeError is a primary key value whose Go type does not fit the
// model's key (RELIABILITY 36: "1 OR 1=1" for an integer key).
type PKTypeError struct {
	Model string
	Field string
	Want  reflect.Type
	Got   any
}

func (e *PKTypeError) Error() string {
	return fmt.Sprintf("strata: primary key of %s (%s, %v) cannot be %T %#v; pass a %v", e.Model, e.Field, e.Want, e.Got, e.Got, e.Want)
}

// wideInt reports an integer beyond 32 bits.
func wideInt(v any) bool {
	switch n := v.(type) {
	case int64:
		return n < math.MinInt32 || n > math.MaxInt32
	case int:
		return n < math.MinInt32 || n > math.MaxInt32
	case uint64:
		return n > math.MaxInt32
	}
	return false
}

func checkPK(m *model.Model, pk any) error {
	if len(m.PrimaryKey) == 0 {
		return m.NoKeyError()
	}
	if len(m.PrimaryKey) != 1 {
		return fmt.Errorf("strata: %s has a composite primary key; find it with Where", m.Name)
	}
	f := m.PrimaryKey[0]
	if pk == nil {
		return &PKTypeError{Model: m.Name, Field: f.Name, Want: f.Type, Got: pk}
	}
	got := reflect.TypeOf(pk)
	if got == f.Type {
		return nil
	}
	if intKind(got.Kind()) && intKind(f.Type.Kind()) {
		return nil
	}
	if got.Kind() == reflect.String && f.Type.Kind() == reflect.String {
		return nil
	}
	return &PKTypeError{Model: m.Name, Field: f.Name, Want: f.Type, Got: pk}
}

func intKind(k reflect.Kind) bool {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}

// Count returns the number of matching rows (of groups, with Group).
func (q *Query[T]) Count(ctx context.Context) (int64, error) {
	b, err := q.prepare(ctx)
	if err != nil {
		return 0, err
	}
	defer q.db.release(b)
	s := q.sel
	s.Where = q.scope()
	s.Order, s.Limit, s.Offset, s.Lock = nil, -1, 0, query.NoLock
	if len(s.Group) > 0 || s.Distinct {
		s.Columns = s.Group
		if s.Distinct {
			s.Columns = nil
			for _, f := range q.selected() {
				s.Columns = append(s.Columns, f.Column)
			}
		}
		outer := query.Select{From: &s, Alias: "strata_count", Exprs: []query.Expr{query.CountRows()}, Limit: -1}
		if err := outer.Build(b, q.m); err != nil {
			return 0, err
		}
	} else {
		s.Columns = nil
		s.Exprs = []query.Expr{query.CountRows()}
		if err := s.Build(b, q.m); err != nil {
			return 0, err
		}
	}
	var n int64
	err = q.db.scalar(ctx, q.c, b.SQL(), b.Args, &n)
	return n, err
}

// Exists reports whether any row matches.
func (q *Query[T]) Exists(ctx context.Context) (bool, error) {
	b, err := q.prepare(ctx)
	if err != nil {
		return false, err
	}
	defer q.db.release(b)
	s := q.sel
	s.Where = q.scope()
	s.Columns, s.Distinct = nil, false
	s.Exprs = []query.Expr{query.One()}
	s.Order, s.Limit, s.Offset = nil, 1, 0
	if err := s.Build(b, q.m); err != nil {
		return false, err
	}
	var one int
	err = q.db.scalar(ctx, q.c, b.SQL(), b.Args, &one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// FindAndCountAll returns the rows (with Limit and Offset) and the number
// of rows matching without them, for paging.
func (q *Query[T]) FindAndCountAll(ctx context.Context) ([]T, int64, error) {
	n, err := q.Clone().Count(ctx)
	if err != nil {
		return nil, 0, err
	}
	rows, err := q.All(ctx)
	if err != nil {
		return nil, 0, err
	}
	return rows, n, nil
}
