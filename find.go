package strata

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"math"
	"reflect"
	"slices"
	"strings"
	"unsafe"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// Query is a query on model T, built by chaining and run by a finisher
// (All, One, Count, Update, Destroy …). Builder methods change the query
// and return it; call Clone to branch a base query. Errors from building
// (an unknown column, a bad order) are kept and returned by the finisher.
type Query[T any] struct {
	c           Conn
	db          *DB
	m           *model.Model
	err         error
	sel         query.Select
	fields      []*model.Field // selected fields; nil means all
	unscoped    bool
	allowGlobal bool
	force       bool
	incs        []*include // Include
}

// Find starts a query on model T over c (a *DB or a *Tx):
//
//	users, err := strata.Find[User](db).Where(strata.Gte("age", 18)).Order("lastName").All(ctx)
//
// T needs no primary key to be read (a view, a log table); writing one
// row by itself (Create, Update, Save, Destroy, ByPK) does.
func Find[T any](c Conn) *Query[T] {
	db := c.DB()
	m, err := readModelOf[T](db, false)
	q := &Query[T]{c: c, db: db, m: m, err: err}
	q.sel.Limit = -1
	if m != nil {
		q.sel.Table = m.Table
	}
	return q
}

// Clone returns a copy of the query that can be changed independently.
func (q *Query[T]) Clone() *Query[T] {
	c := *q
	c.sel.Where = append([]Cond(nil), q.sel.Where...)
	c.sel.Having = append([]Cond(nil), q.sel.Having...)
	c.sel.Order = append([]query.Order(nil), q.sel.Order...)
	c.sel.Group = append([]string(nil), q.sel.Group...)
	c.fields = append([]*model.Field(nil), q.fields...)
	c.incs = cloneIncludes(q.incs)
	return &c
}

func (q *Query[T]) fail(err error) *Query[T] {
	if q.err == nil {
		q.err = err
	}
	return q
}

// Where adds conditions, all of which must hold (they are ANDed with any
// added before).
func (q *Query[T]) Where(conds ...Cond) *Query[T] {
	for _, c := range conds {
		if c == nil {
			return q.fail(fmt.Errorf("strata: Where(nil) on %s: %w", q.name(), ErrEmptyCondition))
		}
	}
	q.sel.Where = append(q.sel.Where, conds...)
	return q
}

// Order adds ORDER BY terms, each "column", "column ASC", "column DESC",
// optionally followed by "NULLS FIRST" or "NULLS LAST"; several may be
// given in one string separated by commas. Columns are checked against the
// model and quoted; anything else (COLLATE, an expression, a quote) is an
// *UnknownColumnError naming the term and what a term looks like, never
// SQL. NULLS FIRST and LAST order the same on every database (on MySQL,
// which has neither, as "col IS NULL DESC, col").
func (q *Query[T]) Order(terms ...string) *Query[T] {
	if q.m == nil {
		return q
	}
	for _, t := range terms {
		for _, part := range strings.Split(t, ",") {
			o, err := parseOrder(q.m, part)
			if err != nil {
				return q.fail(err)
			}
			q.sel.Order = append(q.sel.Order, o)
		}
	}
	return q
}

// orderHint is what an order term looks like, for its errors.
const orderHint = `an order term is "column [ASC|DESC] [NULLS FIRST|LAST]"; use OrderRaw for expressions`

func parseOrder(m *model.Model, s string) (query.Order, error) {
	words := strings.Fields(s)
	if len(words) == 0 {
		return query.Order{}, fmt.Errorf("strata: empty order term: %w", &UnknownColumnError{Model: m.Name, Hint: orderHint})
	}
	var o query.Order
	rest := words[1:]
	if len(rest) > 0 {
		switch strings.ToUpper(rest[0]) {
		case "ASC":
			rest = rest[1:]
		case "DESC":
			o.Desc = true
			rest = rest[1:]
		}
	}
	if len(rest) == 2 && strings.EqualFold(rest[0], "NULLS") {
		switch strings.ToUpper(rest[1]) {
		case "FIRST", "LAST":
			o.Nulls = strings.ToUpper(rest[1])
			rest = nil
		}
	}
	col, err := m.Column(words[0])
	if err != nil {
		var ue *UnknownColumnError
		if errors.As(err, &ue) && len(rest) > 0 {
			ue.Hint = orderHint
		}
		return query.Order{}, fmt.Errorf("strata: order %q: %w", strings.TrimSpace(s), err)
	}
	if len(rest) > 0 {
		// The column is known; what follows it is not an order term.
		return query.Order{}, fmt.Errorf("strata: order %q: %w", strings.TrimSpace(s), &UnknownColumnError{Model: m.Name, Column: strings.TrimSpace(s), Suggest: words[0], Hint: orderHint})
	}
	o.Column = col
	return o, nil
}

// OrderRaw adds a hand-written ORDER BY expression with bound args. The
// text is used as written: never build it from user input.
func (q *Query[T]) OrderRaw(sql string, args ...any) *Query[T] {
	q.sel.Order = append(q.sel.Order, query.Order{Raw: query.Raw(sql, args...)})
	return q
}

// Group adds GROUP BY columns (checked against the model).
func (q *Query[T]) Group(cols ...string) *Query[T] {
	for _, c := range cols {
		col, err := q.column(c)
		if err != nil {
			return q.fail(err)
		}
		q.sel.Group = append(q.sel.Group, col)
	}
	return q
}

// Having adds HAVING conditions.
func (q *Query[T]) Having(conds ...Cond) *Query[T] {
	q.sel.Having = append(q.sel.Having, conds...)
	return q
}

// Select limits the columns read to the named ones (fields or columns);
// the other fields keep their zero values.
func (q *Query[T]) Select(cols ...string) *Query[T] {
	if q.m == nil {
		return q
	}
	q.fields = q.fields[:0]
	for _, c := range cols {
		f, err := q.m.Field(c)
		if err != nil {
			return q.fail(err)
		}
		q.fields = append(q.fields, f)
	}
	if len(q.fields) == 0 {
		return q.fail(fmt.Errorf("strata: Select() on %s: %w", q.name(), &UnknownColumnError{Model: q.name(), Hint: "Select needs at least one column"}))
	}
	return q
}

// Omit reads every column but the named ones.
func (q *Query[T]) Omit(cols ...string) *Query[T] {
	if q.m == nil {
		return q
	}
	skip := map[*model.Field]bool{}
	for _, c := range cols {
		f, err := q.m.Field(c)
		if err != nil {
			return q.fail(err)
		}
		skip[f] = true
	}
	q.fields = q.fields[:0]
	for _, f := range q.m.Fields {
		if !skip[f] {
			q.fields = append(q.fields, f)
		}
	}
	return q
}

// Distinct makes the query SELECT DISTINCT.
func (q *Query[T]) Distinct() *Query[T] { q.sel.Distinct = true; return q }

// Unscoped includes soft-deleted rows of a paranoid model (and makes
// Destroy on them act on every matching row).
func (q *Query[T]) Unscoped() *Query[T] { q.unscoped = true; return q }

// ForUpdate locks the selected rows for update until the transaction ends
// (no-op on SQLite, whose write transactions lock the database).
func (q *Query[T]) ForUpdate() *Query[T] { q.sel.Lock = query.ForUpdate; return q }

// ForShare locks the selected rows against writes until the transaction
// ends (LOCK IN SHARE MODE on MariaDB; no-op on SQLite).
func (q *Query[T]) ForShare() *Query[T] { q.sel.Lock = query.ForShare; return q }

// AllowGlobal lets Update, Destroy, Restore and Increment without a Where
// act on every row.
func (q *Query[T]) AllowGlobal() *Query[T] { q.allowGlobal = true; return q }

// Force makes Destroy on a paranoid model delete the rows instead of
// setting DeletedAt.
func (q *Query[T]) Force() *Query[T] { q.force = true; return q }

func (q *Query[T]) name() string {
	if q.m == nil {
		return reflect.TypeFor[T]().String()
	}
	return q.m.Name
}

func (q *Query[T]) column(name string) (string, error) {
	if q.m == nil {
		return "", q.err
	}
	return q.m.Column(name)
}

// scope returns the query's conditions plus the soft-delete filter and
// an EXISTS for each required include.
func (q *Query[T]) scope() []Cond {
	out := q.sel.Where
	if q.m.DeletedAt != nil && !q.unscoped {
		out = append(out[:len(out):len(out)], query.IsNull(q.m.DeletedAt.Column))
	}
	for _, n := range q.incs {
		if n.required {
			out = append(out[:len(out):len(out)], existsCond{n: n, outer: q.m.Table})
		}
	}
	return out
}

// selected returns the fields the query reads: the ones Select or Omit
// named (plus the keys its includes need), or all.
func (q *Query[T]) selected() []*model.Field {
	if len(q.fields) == 0 {
		return q.m.Fields
	}
	if len(q.incs) == 0 {
		return q.fields
	}
	out := q.fields
	for _, n := range q.incs {
		if k := n.a.ParentKey(); !slices.Contains(out, k) {
			out = append(out[:len(out):len(out)], k)
		}
	}
	return out
}

// prepare checks the query and returns the dialect features.
func (q *Query[T]) prepare(ctx context.Context) (*query.Builder, error) {
	if q.err != nil {
		return nil, q.err
	}
	f, err := q.db.features(ctx, q.c.runner())
	if err != nil {
		return nil, err
	}
	return q.db.builder(f), nil
}

func (q *Query[T]) selectStmt() query.Select {
	s := q.sel
	s.Where = q.scope()
	if len(q.fields) == 0 && !s.Distinct {
		s.Columns = q.db.meta(q.m).cols
	} else {
		s.Columns = make([]string, 0, len(q.fields)+len(q.incs))
		for _, f := range q.selected() {
			s.Columns = append(s.Columns, f.Column)
		}
	}
	return s
}

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
	if err := afterFind(ctx, q.c, q.m, out); err != nil {
		return nil, err
	}
	return out, nil
}

// read runs the query's SELECT and reads the rows.
func (q *Query[T]) read(ctx context.Context) ([]T, error) {
	b, err := q.prepare(ctx)
	if err != nil {
		return nil, err
	}
	defer q.db.release(b)
	s := q.selectStmt()
	text, err := buildSelect(b, &s, q.m)
	if err != nil {
		return nil, err
	}
	return readAll[T](ctx, q.c, q.m, text, b.Args, q.selected(), q.sel.Limit)
}

func afterFind[T any](ctx context.Context, c Conn, m *model.Model, rows []T) error {
	if _, ok := any((*T)(nil)).(AfterFindHook); !ok && len(c.DB().hooks[AfterFind]) == 0 {
		return nil
	}
	for i := range rows {
		if err := runHook(ctx, c, AfterFind, m.Name, &rows[i]); err != nil {
			return err
		}
	}
	return nil
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
