package strata

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"time"
	"unsafe"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// validate runs BeforeValidate, the model's rules (of the fields only
// accepts, all when nil), its Validate method and AfterValidate.
func validate(ctx context.Context, c Conn, m *model.Model, v any, base unsafe.Pointer, only func(*model.Field) bool) error {
	if err := runHook(ctx, c, BeforeValidate, m.Name, v); err != nil {
		return err
	}
	errs := m.Validate(base, only)
	unfit, err := unfitValues(ctx, c, m, base, only, errs)
	if err != nil {
		return err
	}
	errs = append(errs, unfit...)
	if vd, ok := v.(Validator); ok {
		if err := vd.Validate(ctx); err != nil {
			var ve *ValidationError
			var fe FieldError
			switch {
			case errors.As(err, &ve):
				errs = append(errs, ve.Errors...)
			case errors.As(err, &fe):
				errs = append(errs, fe)
			default:
				errs = append(errs, FieldError{Rule: "custom", Message: err.Error()})
			}
		}
	}
	if len(errs) > 0 {
		return &ValidationError{Model: m.Name, Errors: errs}
	}
	return runHook(ctx, c, AfterValidate, m.Name, v)
}

// insertValidates filters the fields validated before an INSERT of the row
// at base: every field but one left unset to a declared default (tag
// default=…), which the database fills in; nil when that is all of them.
func insertValidates(m *model.Model, base unsafe.Pointer) func(*model.Field) bool {
	for _, f := range m.Fields {
		if f.Default != nil && len(f.Rules) > 0 && f.Unset(base) {
			return func(f *model.Field) bool { return f.Default == nil || !f.Unset(base) }
		}
	}
	return nil
}

func now() time.Time { return model.NormalizeTime(time.Now()) }

// stamp sets CreatedAt (when zero, on create) and UpdatedAt.
func stamp(m *model.Model, base unsafe.Pointer, t time.Time, create bool) {
	if create && m.CreatedAt != nil && m.CreatedAt.IsZero(base) {
		_ = m.CreatedAt.Assign(base, t)
	}
	if m.UpdatedAt != nil && (!create || m.UpdatedAt.IsZero(base)) {
		_ = m.UpdatedAt.Assign(base, t)
	}
}

// insertColumns splits the fields of the row at base into those written
// and those left to the database and read back: the fields that are not
// set (a zero auto-increment key, a NULL value), so
// the database numbers the row and applies each column's default. Every
// other field is written as it is, zero included.
func insertColumns(m *model.Model, base unsafe.Pointer) (cols []string, vals []any, generated []*model.Field) {
	cols = make([]string, 0, len(m.Fields))
	vals = make([]any, 0, len(m.Fields))
	for _, f := range m.Fields {
		if f.Unset(base) {
			generated = append(generated, f)
			continue
		}
		cols = append(cols, f.Column)
		vals = append(vals, f.Value(base))
	}
	return cols, vals, generated
}

func columnsOf(fields []*model.Field) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.Column
	}
	return out
}

// createEvents are the hooks a create runs.
var createEvents = []Event{BeforeValidate, AfterValidate, BeforeCreate, BeforeSave, AfterCreate, AfterSave}

// createUnit creates the row as one unit with its hooks (asUnit).
func (db *DB) createUnit(ctx context.Context, c Conn, m *model.Model, v any, base unsafe.Pointer) error {
	if !hooked(db, v, createEvents...) {
		return db.createRow(ctx, c, m, v, base)
	}
	return asUnit(ctx, c, saveRow(m, base), func(c Conn) error {
		return db.createRow(ctx, c, m, v, base)
	})
}

// createRow creates the row of model m at base (v is the same row as a
// pointer to its Go type, for hooks).
func (db *DB) createRow(ctx context.Context, c Conn, m *model.Model, v any, base unsafe.Pointer) error {
	if err := validate(ctx, c, m, v, base, insertValidates(m, base)); err != nil {
		return err
	}
	if err := runHooks(ctx, c, m.Name, v, BeforeCreate, BeforeSave); err != nil {
		return err
	}
	stamp(m, base, now(), true)
	if err := db.insertOne(ctx, c, m, base); err != nil {
		return err
	}
	m.Remember(base, m.Fields, true)
	return runHooks(ctx, c, m.Name, v, AfterCreate, AfterSave)
}

// insertOne inserts one row and reads back what the database generated.
func (db *DB) insertOne(ctx context.Context, c Conn, m *model.Model, base unsafe.Pointer) error {
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return err
	}
	cols, vals, gen := insertColumns(m, base)
	ins := query.Insert{Table: m.Table, Columns: cols, Rows: [][]any{vals}}
	if len(gen) > 0 && f.InsertReturning {
		ins.Returning = columnsOf(gen)
	}
	b := db.builder(f)
	defer db.release(b)
	if err := ins.Build(b); err != nil {
		return err
	}
	text := b.SQL()
	if len(ins.Returning) > 0 {
		rs := newRowScanner(gen)
		if err := db.readFirst(ctx, c, text, b.Args, rs, base); err != nil {
			return withModel(err, m, base)
		}
		if rs.n == 0 {
			return db.wrap(errors.New("the insert returned no row"), text)
		}
		return nil
	}
	res, err := db.exec(ctx, c, text, b.Args)
	if err != nil {
		return withModel(err, m, base)
	}
	var rest []*model.Field
	for _, g := range gen {
		if g.AutoIncrement {
			id, err := res.LastInsertId()
			if err != nil {
				return fmt.Errorf("strata: read the id of the new %s: %w", m.Name, err)
			}
			if err := g.Assign(base, id); err != nil {
				return err
			}
			continue
		}
		rest = append(rest, g)
	}
	if len(rest) > 0 {
		return db.reload(ctx, c, m, base, rest)
	}
	return nil
}

// reload reads fields of the row at base from the database, by primary key.
func (db *DB) reload(ctx context.Context, c Conn, m *model.Model, base unsafe.Pointer, fields []*model.Field) error {
	if len(m.PrimaryKey) == 0 {
		return nil
	}
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return err
	}
	b := db.builder(f)
	defer db.release(b)
	s := query.Select{Table: m.Table, Columns: columnsOf(fields), Where: pkConds(m, base), Limit: -1}
	if err := s.Build(b, m); err != nil {
		return err
	}
	text := b.SQL()
	rs := newRowScanner(fields)
	if err := db.readFirst(ctx, c, text, b.Args, rs, base); err != nil {
		return err
	}
	if rs.n == 0 {
		return &EmptyResultError{Model: m.Name, Table: m.Table}
	}
	m.Remember(base, fields, false)
	return nil
}

func pkConds(m *model.Model, base unsafe.Pointer) []Cond {
	out := make([]Cond, len(m.PrimaryKey))
	for i, f := range m.PrimaryKey {
		out[i] = query.Eq(f.Column, f.Value(base))
	}
	return out
}

func sameFields(a, b []*model.Field) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

var errNoRows = sql.ErrNoRows

// zeroKey refuses a write by primary key when a key field is zero: it
// would name no row (RELIABILITY 34).
func zeroKey(op string, m *model.Model, base unsafe.Pointer) error {
	for _, k := range m.PrimaryKey {
		if k.IsZero(base) {
			return fmt.Errorf("strata: %s of %s with a zero %s: %w", op, m.Name, k.Name, ErrMissingWhere)
		}
	}
	return nil
}

// updateUnit is Update of the fields set of the row at base, with its
// hooks.
func (db *DB) updateUnit(ctx context.Context, c Conn, m *model.Model, v any, base unsafe.Pointer, set []*model.Field, w writeOptions) error {
	if err := validate(ctx, c, m, v, base, func(f *model.Field) bool { return slices.Contains(set, f) }); err != nil {
		return err
	}
	if err := runHooks(ctx, c, m.Name, v, BeforeUpdate, BeforeSave); err != nil {
		return err
	}
	if w.changed {
		// The fields the before hooks changed are written too.
		set = changedFields(m, base, set)
	}
	if err := db.updateRow(ctx, c, m, base, set, w.silent); err != nil {
		return err
	}
	return runHooks(ctx, c, m.Name, v, AfterUpdate, AfterSave)
}

// updateEvents are the hooks an update runs.
var updateEvents = []Event{BeforeValidate, AfterValidate, BeforeUpdate, BeforeSave, AfterUpdate, AfterSave}

// updateRow runs the UPDATE … WHERE pk [AND version = ?] of one row.
//
// silent leaves UpdatedAt as it is (Sequelize's silent: true).
func (db *DB) updateRow(ctx context.Context, c Conn, m *model.Model, base unsafe.Pointer, set []*model.Field, silent bool) error {
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return err
	}
	if len(m.PrimaryKey) == 0 {
		return fmt.Errorf("strata: %s has no primary key to update by", m.Name)
	}
	if err := zeroKey("Update", m, base); err != nil {
		return err
	}
	if !silent {
		stamp(m, base, now(), false)
	}
	up := query.Update{Table: m.Table, Where: pkConds(m, base)}
	for _, fl := range set {
		up.Set = append(up.Set, query.Assign{Column: fl.Column, Value: fl.Value(base)})
	}
	if m.UpdatedAt != nil && !silent {
		up.Set = append(up.Set, query.Assign{Column: m.UpdatedAt.Column, Value: m.UpdatedAt.Value(base)})
	}
	var version int64
	if m.Version != nil {
		version = m.Version.Reflect(base).Convert(reflect.TypeFor[int64]()).Int()
		up.Set = append(up.Set, query.Assign{Column: m.Version.Column, Value: version + 1})
		up.Where = append(up.Where, query.Eq(m.Version.Column, version))
	}
	b := db.builder(f)
	defer db.release(b)
	if err := up.Build(b, m); err != nil {
		return err
	}
	res, err := db.exec(ctx, c, b.SQL(), b.Args)
	if err != nil {
		return withModel(err, m, base)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		// MySQL counts changed rows, not matched ones: look before failing.
		exists, err := db.rowExists(ctx, c, m, base, -1)
		if err != nil {
			return err
		}
		if !exists {
			return &EmptyResultError{Model: m.Name, Table: m.Table}
		}
		if m.Version != nil {
			if same, err := db.rowExists(ctx, c, m, base, version); err != nil || !same {
				if err != nil {
					return err
				}
				return &OptimisticLockError{Model: m.Name, PK: m.PrimaryKey[0].Value(base), Version: version}
			}
		}
	}
	written := set
	if m.Version != nil {
		if err := m.Version.Assign(base, version+1); err != nil {
			return err
		}
		written = append(slices.Clone(written), m.Version)
	}
	if m.UpdatedAt != nil && !silent {
		written = append(slices.Clone(written), m.UpdatedAt)
	}
	m.Remember(base, written, false)
	return nil
}

// rowExists reports whether the row with v's key exists (with the given
// version, when version ≥ 0).
func (db *DB) rowExists(ctx context.Context, c Conn, m *model.Model, base unsafe.Pointer, version int64) (bool, error) {
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return false, err
	}
	s := query.Select{Table: m.Table, Exprs: []query.Expr{query.One()}, Where: pkConds(m, base), Limit: 1}
	if version >= 0 {
		s.Where = append(s.Where, query.Eq(m.Version.Column, version))
	}
	b := db.builder(f)
	defer db.release(b)
	if err := s.Build(b, m); err != nil {
		return false, err
	}
	var one int
	err = db.scalar(ctx, c, b.SQL(), b.Args, &one)
	if err != nil {
		if errors.Is(err, errNoRows) {
			return false, nil
		}
		return false, err
	}
	return true, nil
}

// hooked reports whether a write of v runs a hook for any of evs: a
// method of v's, or a function registered on the DB.
func hooked(db *DB, v any, evs ...Event) bool {
	for _, ev := range evs {
		if len(db.hooks[ev]) > 0 || method(ev, v) != nil {
			return true
		}
	}
	return false
}

// asUnit runs write as one unit with the hooks around it, in a
// transaction on c (a savepoint when c is a transaction), so that an error
// from the write or from any hook, an after-hook's included, rolls back
// the write and whatever the hooks wrote through the Conn they were
// given; restore then puts the caller's values back. A write without
// hooks and of one statement needs no transaction of its own, and its
// callers do not come here.
func asUnit(ctx context.Context, c Conn, restore func(), write func(c Conn) error) error {
	err := c.Transaction(ctx, func(tx *Tx) error { return write(tx) })
	if err != nil {
		restore()
	}
	return err
}

// saveRow copies the row at base and returns the function that puts it
// back.
func saveRow(m *model.Model, base unsafe.Pointer) func() {
	row := reflect.NewAt(m.Type, base).Elem()
	saved := reflect.New(m.Type).Elem()
	saved.Set(row)
	return func() { row.Set(saved) }
}
