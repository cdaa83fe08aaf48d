package strata

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

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
	silent      bool       // Update leaves UpdatedAt as it is
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
	c.sel.LockOf = append([]string(nil), q.sel.LockOf...)
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

// LimitError is a negative count given to Limit, Offset or LimitPer (a
// ?limit=-1 from a query string): strata refuses it before any SQL rather
// than read it as "no limit" or "from the start". Limit(0) is LIMIT 0 (no
// rows); NoLimit removes a limit. It matches ErrValue.
type LimitError struct {
	Model  string // the query's model
	Option string // "Limit", "Offset", "Batches", or "LimitPer" with the include's path
	N      int    // the count given
}

func (e *LimitError) Error() string {
	switch e.Option {
	case "Limit":
		return fmt.Sprintf("strata: Limit(%d) on %s: a count of rows cannot be negative; give 0 or more (NoLimit() removes a limit)", e.N, e.Model)
	case "Offset":
		return fmt.Sprintf("strata: Offset(%d) on %s: a count of rows cannot be negative; give 0 or more", e.N, e.Model)
	case "Batches":
		return fmt.Sprintf("strata: batches of %d on %s: a batch holds at least one row; give 1 or more", e.N, e.Model)
	}
	return fmt.Sprintf("strata: %s(%d) on %s: a count of rows per parent must be positive; leave LimitPer out for every row", e.Option, e.N, e.Model)
}

// Unwrap returns ErrValue.
func (e *LimitError) Unwrap() error { return ErrValue }

// Limit caps the number of rows at n: Limit(0) reads none, and a negative
// n is a *LimitError (returned by the finisher, before any SQL). A query
// has no limit until Limit is called; NoLimit removes one.
func (q *Query[T]) Limit(n int) *Query[T] {
	if n < 0 {
		return q.fail(&LimitError{Model: q.name(), Option: "Limit", N: n})
	}
	q.sel.Limit = n
	return q
}

// NoLimit removes a limit set before (on a query cloned from a base query
// with a Limit): every matching row is read.
func (q *Query[T]) NoLimit() *Query[T] { q.sel.Limit = -1; return q }

// Offset skips the first n rows; a negative n is a *LimitError.
func (q *Query[T]) Offset(n int) *Query[T] {
	if n < 0 {
		return q.fail(&LimitError{Model: q.name(), Option: "Offset", N: n})
	}
	q.sel.Offset = n
	return q
}
