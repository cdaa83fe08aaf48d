package strata

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"sync"
	"time"
	"unsafe"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// meta is what one DB caches about one model: the SQL text that does not
// depend on a query's conditions.
type meta struct {
	scanners     sync.Pool // *rowScanner of every field, reused by scanAll
	m            *model.Model
	cols         []string // every column, in field order
	byPK         string   // select every column where pk = $1 [and not deleted]
	byPKUnscoped string
}

func (db *DB) meta(m *model.Model) *meta {
	if v, ok := db.metas.Load(m); ok {
		return v.(*meta)
	}
	mt := &meta{m: m, cols: make([]string, len(m.Fields))}
	for i, f := range m.Fields {
		mt.cols[i] = f.Column
	}
	if len(m.PrimaryKey) == 1 {
		s := query.Select{Table: m.Table, Columns: mt.cols, Limit: -1,
			Where: []query.Cond{query.ColIs(query.Col{Column: m.PrimaryKey[0].Column}, nil)}}
		mt.byPKUnscoped = selectText(db.d, &s, m)
		mt.byPK = mt.byPKUnscoped
		if m.DeletedAt != nil {
			s.Where = append(s.Where, query.ColIsNull(query.Col{Column: m.DeletedAt.Column}))
			mt.byPK = selectText(db.d, &s, m)
		}
	}
	v, _ := db.metas.LoadOrStore(m, mt)
	return v.(*meta)
}

// selectText is the text of s, which has no features to ask of the
// database (no lock, no offset) and whose arguments are placeholders to
// bind later.
func selectText(d dialect.Dialect, s *query.Select, m *model.Model) string {
	b := query.NewBuilder(d, &dialect.QueryFeatures{})
	if err := s.Build(b, m); err != nil {
		panic(fmt.Sprintf("strata: the select by key of %s: %v", m.Name, err))
	}
	return b.SQL()
}

// fieldScanner stores one column of the current row in one field. With
// null set, it notes whether the column is NULL, and leaves the field
// alone when it is (the key of a LEFT JOINed row that did not match).
type fieldScanner struct {
	f    *model.Field
	base unsafe.Pointer
	null *bool
}

func (s *fieldScanner) Scan(src any) error {
	if s.null != nil {
		if *s.null = src == nil; src == nil {
			return nil
		}
	}
	return s.f.Scan(s.base, src)
}

// rowScanner scans rows into structs of one model, reusing its
// destinations for every row.
type rowScanner struct {
	scanners []fieldScanner
	dest     []any
	n        int // rows read
}

// scanAll returns a rowScanner of fields: one of mt's pool when they are
// all the model's fields. Give it back with done.
func (mt *meta) scanAll(fields []*model.Field) *rowScanner {
	if len(fields) == len(mt.m.Fields) && (len(fields) == 0 || &fields[0] == &mt.m.Fields[0]) {
		if rs, ok := mt.scanners.Get().(*rowScanner); ok {
			return rs
		}
	}
	return newRowScanner(fields)
}

// done gives rs back to mt's pool when it reads all the model's fields,
// forgetting the rows it read into.
func (mt *meta) done(rs *rowScanner) {
	if len(rs.scanners) != len(mt.m.Fields) {
		return
	}
	for i := range rs.scanners {
		if rs.scanners[i].f != mt.m.Fields[i] {
			return
		}
	}
	for i := range rs.scanners {
		rs.scanners[i].base, rs.scanners[i].null = nil, nil
	}
	rs.n = 0
	mt.scanners.Put(rs)
}

func newRowScanner(fields []*model.Field) *rowScanner {
	rs := &rowScanner{scanners: make([]fieldScanner, len(fields)), dest: make([]any, len(fields))}
	for i, f := range fields {
		rs.scanners[i].f = f
		rs.dest[i] = &rs.scanners[i]
	}
	return rs
}

func (rs *rowScanner) scan(rows *sql.Rows, base unsafe.Pointer) error {
	for i := range rs.scanners {
		rs.scanners[i].base = base
	}
	return rows.Scan(rs.dest...)
}

// read scans the current row of src into the struct at base.
func (rs *rowScanner) read(src rowSrc, base unsafe.Pointer) error {
	rs.n++
	for i := range rs.scanners {
		rs.scanners[i].base = base
	}
	if src.row != nil {
		return scanDirect(src.row, rs.scanners)
	}
	return src.rows.Scan(rs.dest...)
}

// rowSrc is the current row of a query: from database/sql (rows) or from
// the dialect's direct path (row).
type rowSrc struct {
	rows *sql.Rows
	row  dialect.Row
}

// decodeError is a value the dialect could not decode on the direct path:
// a database error, as database/sql reports it from Rows.Next, not a
// value that does not fit its field.
type decodeError struct{ err error }

func (e *decodeError) Error() string { return e.err.Error() }

func (e *decodeError) Unwrap() error { return e.err }

// scanDirect stores column i of r in scanners[i], with the conversions
// (and messages) of database/sql's Scan into a fieldScanner.
func scanDirect(r dialect.Row, scanners []fieldScanner) error {
	if n := r.Len(); n != len(scanners) {
		return fmt.Errorf("sql: expected %d destination arguments in Scan, not %d", n, len(scanners))
	}
	for i := range scanners {
		s := &scanners[i]
		var err, derr error
		kind := r.Kind(i)
		if s.null != nil {
			if *s.null = kind == dialect.KindNull; kind == dialect.KindNull {
				continue
			}
		}
		switch kind {
		case dialect.KindNull:
			err = s.f.Scan(s.base, nil)
		case dialect.KindString:
			var v string
			if v, derr = r.String(i); derr == nil {
				err = s.f.ScanString(s.base, v)
			}
		case dialect.KindInt64:
			var v int64
			if v, derr = r.Int64(i); derr == nil {
				err = s.f.ScanInt64(s.base, v)
			}
		case dialect.KindFloat64:
			var v float64
			if v, derr = r.Float64(i); derr == nil {
				err = s.f.ScanFloat64(s.base, v)
			}
		case dialect.KindBool:
			var v bool
			if v, derr = r.Bool(i); derr == nil {
				err = s.f.ScanBool(s.base, v)
			}
		case dialect.KindTime:
			var v time.Time
			if v, derr = r.Time(i); derr == nil {
				err = s.f.ScanTime(s.base, v)
			}
		default:
			var v any
			if v, derr = r.Value(i); derr == nil {
				err = s.f.Scan(s.base, v)
			}
		}
		if derr != nil {
			return &decodeError{derr}
		}
		if err != nil {
			return fmt.Errorf("sql: Scan error on column index %d, name %q: %w", i, r.Name(i), err)
		}
	}
	return nil
}

// fieldsFor maps result columns to the model's fields, by column name or
// Go field name; a column with no field is an error naming both.
func fieldsFor(m *model.Model, cols []string) ([]*model.Field, error) {
	out := make([]*model.Field, len(cols))
	for i, c := range cols {
		f, err := m.Field(c)
		if err != nil {
			return nil, fmt.Errorf("strata: result column %q has no field in %s: %w", c, m.Name, err)
		}
		out[i] = f
	}
	return out, nil
}

// isStruct reports whether T scans as a model (a struct that is not a
// value type like time.Time or sql.NullString).
func isStruct[T any]() bool {
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct {
		return false
	}
	_, scanner := any(new(T)).(sql.Scanner)
	return !scanner && t != reflect.TypeFor[time.Time]()
}

// ScanError is a value read from the database that does not fit its
// field (an int64 too large for an int8, text that is not a time).
type ScanError struct {
	Model string
	Err   error
}

func (e *ScanError) Error() string { return fmt.Sprintf("strata: read %s: %v", e.Model, e.Err) }

// Unwrap returns the conversion error.
func (e *ScanError) Unwrap() error { return e.Err }

// collect reads every row into a []T of model m; errors from the database
// are typed (db.wrap), errors from a value that does not fit a field are
// *ScanError.
func collect[T any](db *DB, m *model.Model, text string, rows *sql.Rows, fields []*model.Field, limit int) ([]T, error) {
	defer rows.Close()
	rs := newRowScanner(fields)
	var out []T
	if limit > 0 && limit <= 1024 {
		out = make([]T, 0, limit)
	}
	var zero T
	for rows.Next() {
		out = append(out, zero)
		if err := rs.scan(rows, unsafe.Pointer(&out[len(out)-1])); err != nil {
			return nil, &ScanError{Model: m.Name, Err: err}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, db.wrap(err, text)
	}
	return out, db.wrap(rows.Close(), text)
}

// readAll runs a query on c and reads every row into a []T of model m,
// by the dialect's direct path when it has one; errors are as collect's.
func readAll[T any](ctx context.Context, c Conn, m *model.Model, text string, args []any, fields []*model.Field, limit int) ([]T, error) {
	mt := c.DB().meta(m)
	rs := mt.scanAll(fields)
	defer mt.done(rs)
	var out []T
	if limit > 0 && limit <= 1024 {
		out = make([]T, 0, limit)
	}
	var zero T
	err := c.DB().each(ctx, c, text, args, func(src rowSrc) error {
		out = append(out, zero)
		if err := rs.read(src, unsafe.Pointer(&out[len(out)-1])); err != nil {
			return &ScanError{Model: m.Name, Err: err}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// buildSelect renders a select for q's model.
func buildSelect(b *query.Builder, s *query.Select, m *model.Model) (string, error) {
	if err := s.Build(b, m); err != nil {
		return "", err
	}
	return b.SQL(), nil
}
