package strata

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"unsafe"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// Update writes the named fields (Go names or columns) of the row v points
// at, by primary key; with no names it writes every field but the key.
// A named field is written whatever its value, zero included. UpdatedAt
// is set, and a version field is checked and incremented: a row changed
// since v was read gives an *OptimisticLockError. Only the named fields
// are validated (and the model's Validate method runs). A missing row is
// an *EmptyResultError. Hooks: BeforeValidate, AfterValidate,
// BeforeUpdate, BeforeSave, AfterUpdate, AfterSave, one unit with the
// UPDATE (see the hook interfaces).
func Update[T any](ctx context.Context, c Conn, v *T, fields ...string) error {
	db := c.DB()
	m, err := modelOf[T](db)
	if err != nil {
		return err
	}
	if v == nil {
		return fmt.Errorf("strata: Update(nil *%s)", m.Name)
	}
	base := unsafe.Pointer(v)
	set, err := updateFields(m, fields)
	if err != nil {
		return err
	}
	return db.updateAs(ctx, c, m, v, base, set, writeOptions{})
}

// updateAs runs updateUnit, as one unit with its hooks when it has any.
func (db *DB) updateAs(ctx context.Context, c Conn, m *model.Model, v any, base unsafe.Pointer, set []*model.Field, w writeOptions) error {
	if !hooked(db, v, updateEvents...) {
		return db.updateUnit(ctx, c, m, v, base, set, w)
	}
	return asUnit(ctx, c, saveRow(m, base), func(c Conn) error {
		return db.updateUnit(ctx, c, m, v, base, set, w)
	})
}

// updateFields resolves names to the fields to write; none means all but
// the key, CreatedAt and the bookkeeping fields strata sets itself.
func updateFields(m *model.Model, names []string) ([]*model.Field, error) {
	var set []*model.Field
	if len(names) == 0 {
		for _, f := range m.Fields {
			if f.PrimaryKey || f == m.CreatedAt || f == m.Version || f == m.UpdatedAt {
				continue
			}
			set = append(set, f)
		}
		return set, nil
	}
	for _, n := range names {
		f, err := m.Field(n)
		if err != nil {
			return nil, fmt.Errorf("strata: Update: %w", err)
		}
		if f.PrimaryKey {
			return nil, fmt.Errorf("strata: Update of %s cannot change the primary key %s; use Query.Update", m.Name, f.Name)
		}
		if f == m.Version {
			return nil, fmt.Errorf("strata: Update of %s: the version field %s is kept by strata", m.Name, f.Name)
		}
		if !slices.Contains(set, f) && f != m.UpdatedAt {
			set = append(set, f)
		}
	}
	return set, nil
}

// Save inserts v when its primary key is zero, and otherwise updates every
// field; a row with a key that is not auto-incremented and not yet in the
// table is inserted.
//
// A model that embeds Tracked, read or written by strata, updates only
// the fields that changed since (those its before hooks change too), as
// Sequelize's save does: nothing at all, no statement and no hook, when
// none did; so a row read with Select writes only what the program
// changed, never the zero values of the columns it did not read. Silent()
// leaves UpdatedAt as it is.
func Save[T any](ctx context.Context, c Conn, v *T, opts ...SaveOption) error {
	db := c.DB()
	m, err := modelOf[T](db)
	if err != nil {
		return err
	}
	if v == nil {
		return fmt.Errorf("strata: Save(nil *%s)", m.Name)
	}
	var w writeOptions
	for i, o := range opts {
		if o == nil {
			return nilOption("Save", i)
		}
		o.applySave(&w)
	}
	base := unsafe.Pointer(v)
	zero, auto := false, false
	for _, k := range m.PrimaryKey {
		zero = zero || k.IsZero(base)
		auto = auto || k.AutoIncrement
	}
	if zero {
		return Create(ctx, c, v)
	}
	if changed, ok := m.Changed(base); ok {
		for _, f := range changed {
			if f.PrimaryKey {
				// The UPDATE would find its row by the new key: another row.
				return fmt.Errorf("strata: Save of %s: the primary key %s changed since the row was read; change a key with Query.Update, or Reload first", m.Name, f.Name)
			}
		}
		set := changedFields(m, base, nil)
		if len(set) == 0 {
			return nil
		}
		w.changed = true
		return db.updateAs(ctx, c, m, v, base, set, w)
	}
	if !auto {
		exists, err := db.rowExists(ctx, c, m, base, -1)
		if err != nil {
			return err
		}
		if !exists {
			return Create(ctx, c, v)
		}
	}
	all, err := updateFields(m, nil)
	if err != nil {
		return err
	}
	return db.updateAs(ctx, c, m, v, base, all, w)
}

// assignments turns a Fields map into SET terms, checked against the model.
func assignments(m *model.Model, set Fields, add bool) ([]query.Assign, error) {
	if len(set) == 0 {
		return nil, fmt.Errorf("strata: nothing to set on %s: %w", m.Name, ErrEmptyCondition)
	}
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]query.Assign, 0, len(keys)+2)
	for _, k := range keys {
		f, err := m.Field(k)
		if err != nil {
			return nil, err
		}
		v := set[k]
		if err := query.CheckScalar(f.Column, v); err != nil {
			return nil, err
		}
		if add && (v == nil || !isNumber(v)) {
			return nil, fmt.Errorf("strata: increment %s.%s: %w", m.Name, f.Name, &ValueError{Column: f.Column, Value: v, Why: "Increment and Decrement add a number; use a Go integer or float"})
		}
		out = append(out, query.Assign{Column: f.Column, Value: v, Add: add})
	}
	return out, nil
}

func isNumber(v any) bool {
	switch reflect.ValueOf(v).Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

func negate(v any) any {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return -rv.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return -int64(rv.Uint())
	case reflect.Float32, reflect.Float64:
		return -rv.Float()
	}
	return v
}

// Silent makes Update, Increment and Decrement on the query leave
// UpdatedAt as it is (Sequelize's silent: true); Silent() is the same
// for Save.
func (q *Query[T]) Silent() *Query[T] { q.silent = true; return q }

// Update sets columns on every matching row (no hooks, no validation, as
// Sequelize's Model.update, but a value that does not fit its column is a
// *ValidationError) and returns the number of rows changed (MySQL
// does not count rows whose values were already equal). UpdatedAt is set
// (unless Silent) and a version incremented. Without a Where it refuses (ErrMissingWhere)
// unless AllowGlobal was called.
func (q *Query[T]) Update(ctx context.Context, set Fields) (int64, error) {
	return q.update(ctx, set, false)
}

// Increment adds to numeric columns of every matching row: col = col + n.
// An amount its column cannot hold is a *ValidationError; a sum past the
// column's range is a *DatabaseError of kind dialect.ErrOutOfRange, on
// every database.
func (q *Query[T]) Increment(ctx context.Context, by Fields) (int64, error) {
	return q.update(ctx, by, true)
}

// Decrement subtracts from numeric columns of every matching row.
func (q *Query[T]) Decrement(ctx context.Context, by Fields) (int64, error) {
	neg := Fields{}
	for k, v := range by {
		neg[k] = negate(v)
	}
	return q.update(ctx, neg, true)
}

func (q *Query[T]) update(ctx context.Context, set Fields, add bool) (int64, error) {
	st, err := q.updateStmt(ctx, set, add)
	if err != nil {
		return 0, err
	}
	return q.run(ctx, st)
}

// updateStmt is the UPDATE of the matching rows that set (added to the
// columns when add) makes.
func (q *Query[T]) updateStmt(ctx context.Context, set Fields, add bool) (*query.Update, error) {
	if q.err != nil {
		return nil, q.err
	}
	if len(q.sel.Where) == 0 && !q.allowGlobal {
		return nil, fmt.Errorf("strata: update of %s: %w", q.m.Name, ErrMissingWhere)
	}
	sets, err := assignments(q.m, set, add)
	if err != nil {
		return nil, err
	}
	if err := fitAssigns(ctx, q.c, q.m, sets); err != nil {
		return nil, err
	}
	if u := q.m.UpdatedAt; u != nil && !q.silent {
		if _, named := set[u.Column]; !named {
			if _, named := set[u.Name]; !named {
				sets = append(sets, query.Assign{Column: u.Column, Value: now()})
			}
		}
	}
	if v := q.m.Version; v != nil {
		sets = append(sets, query.Assign{Column: v.Column, Value: 1, Add: true})
	}
	return &query.Update{Table: q.m.Table, Set: sets, Where: q.scope()}, nil
}

// run builds and executes a write statement, returning rows affected.
func (q *Query[T]) run(ctx context.Context, st interface {
	Build(*query.Builder, query.Columns) error
}) (int64, error) {
	b, err := q.prepare(ctx)
	if err != nil {
		return 0, err
	}
	defer q.db.release(b)
	if err := st.Build(b, q.m); err != nil {
		return 0, err
	}
	res, err := q.db.exec(ctx, q.c, b.SQL(), b.Args)
	if err != nil {
		return 0, withModel(err, q.m, nil)
	}
	return res.RowsAffected()
}

// Increment adds to numeric fields of the row v points at (col = col + n,
// atomically in the database) and reads the new values back into v. A
// zero primary key is ErrMissingWhere, before any SQL.
func Increment[T any](ctx context.Context, c Conn, v *T, by Fields) error {
	return incr(ctx, "Increment", c, v, by)
}

// Decrement subtracts from numeric fields of the row v points at and reads
// the new values back into v. A zero primary key is ErrMissingWhere,
// before any SQL.
func Decrement[T any](ctx context.Context, c Conn, v *T, by Fields) error {
	neg := Fields{}
	for k, x := range by {
		neg[k] = negate(x)
	}
	return incr(ctx, "Decrement", c, v, neg)
}

// incr runs Increment or Decrement (op names it in errors).
func incr[T any](ctx context.Context, op string, c Conn, v *T, by Fields) error {
	db := c.DB()
	m, err := modelOf[T](db)
	if err != nil {
		return err
	}
	if v == nil {
		return fmt.Errorf("strata: %s(nil *%s)", op, m.Name)
	}
	base := unsafe.Pointer(v)
	if err := zeroKey(op, m, base); err != nil {
		return err
	}
	sets, err := assignments(m, by, true)
	if err != nil {
		return err
	}
	if err := fitAssigns(ctx, c, m, sets); err != nil {
		return err
	}
	var reread []*model.Field
	for _, s := range sets {
		f, _ := m.Field(s.Column)
		reread = append(reread, f)
	}
	if m.UpdatedAt != nil {
		stamp(m, base, now(), false)
		sets = append(sets, query.Assign{Column: m.UpdatedAt.Column, Value: m.UpdatedAt.Value(base)})
	}
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return err
	}
	b := db.builder(f)
	defer db.release(b)
	up := query.Update{Table: m.Table, Set: sets, Where: pkConds(m, base)}
	if err := up.Build(b, m); err != nil {
		return err
	}
	res, err := db.exec(ctx, c, b.SQL(), b.Args)
	if err != nil {
		return withModel(err, m, base)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return &EmptyResultError{Model: m.Name, Table: m.Table}
	}
	if m.UpdatedAt != nil {
		reread = append(reread, m.UpdatedAt)
	}
	return db.reload(ctx, c, m, base, reread)
}
