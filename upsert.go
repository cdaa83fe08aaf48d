package strata

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"unsafe"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// UpsertOption changes what Upsert does: OnConflict, UpdateOnly.
type UpsertOption interface {
	applyUpsert(o *upsertOpts) error
}

// upsertOption is an UpsertOption given as a function.
type upsertOption func(*upsertOpts) error

func (f upsertOption) applyUpsert(o *upsertOpts) error { return f(o) }

type upsertOpts struct {
	conflict []string
	update   []string
}

// OnConflict names the unique key (fields or columns) whose collision
// turns the insert into an update. By default: the primary key when it is
// set, else the first unique key whose fields are all set. The columns
// must be exactly the primary key or a unique key of the live table, else
// Upsert is a *ConflictKeyError before any SQL, on every database (MySQL
// would otherwise update the row another key collides with, or insert a
// duplicate). MySQL/MariaDB still update the row any unique key collides
// with when the row collides on another key too.
func OnConflict(cols ...string) UpsertOption {
	return upsertOption(func(o *upsertOpts) error { o.conflict = cols; return nil })
}

// UpdateOnly limits the columns an upsert updates on a collision (default:
// every written column but the conflict key, the primary key and CreatedAt).
// A field it names is written whatever it holds, nil as NULL, as Update
// writes a named field; without UpdateOnly a field that is not set (nil)
// is left out of the INSERT, so a collision keeps the stored value.
func UpdateOnly(cols ...string) UpsertOption {
	return upsertOption(func(o *upsertOpts) error { o.update = cols; return nil })
}

// Upsert inserts the row v points at, or updates the row it collides with
// on a unique key, in one statement (INSERT … ON CONFLICT … DO UPDATE on
// PostgreSQL and SQLite, ON DUPLICATE KEY UPDATE on MySQL/MariaDB), and
// reads the row's key back into v. It validates v and runs BeforeSave and
// AfterSave, one unit with the statement (see the hook interfaces).
func Upsert[T any](ctx context.Context, c Conn, v *T, opts ...UpsertOption) error {
	var o upsertOpts
	for i, f := range opts {
		if f == nil {
			return nilOption("Upsert", i)
		}
		if err := f.applyUpsert(&o); err != nil {
			return err
		}
	}
	db := c.DB()
	m, err := modelOf[T](db)
	if err != nil {
		return err
	}
	base := unsafe.Pointer(v)
	if !hooked(db, v, BeforeValidate, AfterValidate, BeforeSave, AfterSave) {
		err = upsertRow(ctx, db, c, m, v, base, o)
	} else {
		err = asUnit(ctx, c, saveRow(m, base), func(c Conn) error {
			return upsertRow(ctx, db, c, m, v, base, o)
		})
	}
	if err == nil {
		// The row may now hold values v does not (the columns an update on
		// conflict left alone): strata no longer knows what it holds.
		m.Forget(base)
	}
	return err
}

// upsertRow is Upsert of the row at base, with its hooks.
func upsertRow(ctx context.Context, db *DB, c Conn, m *model.Model, v any, base unsafe.Pointer, o upsertOpts) error {
	if err := validate(ctx, c, m, v, base, insertValidates(m, base)); err != nil {
		return err
	}
	if err := runHook(ctx, c, BeforeSave, m.Name, v); err != nil {
		return err
	}
	stamp(m, base, now(), true)
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return err
	}
	cols, vals, gen := insertColumns(m, base)
	// A field UpdateOnly names is written even when it is not set: a
	// collision then sets it to what v holds (NULL for nil), as Update of
	// a named field does, not to the column's default.
	for _, name := range o.update {
		fl, err := m.Field(name)
		if err != nil {
			return fmt.Errorf("strata: UpdateOnly: %w", err)
		}
		if i := slices.Index(gen, fl); i >= 0 && !fl.AutoIncrement {
			gen = slices.Delete(slices.Clone(gen), i, i+1)
			cols = append(cols, fl.Column)
			vals = append(vals, fl.Value(base))
		}
	}
	conflict, err := conflictColumns(m, base, o.conflict)
	if err != nil {
		return err
	}
	if err := db.checkConflictKey(ctx, c, m, conflict); err != nil {
		return err
	}
	update, err := upsertUpdates(m, cols, conflict, o.update)
	if err != nil {
		return err
	}
	ins := query.Insert{Table: m.Table, Columns: cols, Rows: [][]any{vals}, Upsert: &query.Upsert{Conflict: conflict, Update: update}}
	var auto *model.Field
	for _, k := range m.PrimaryKey {
		if k.AutoIncrement {
			auto = k
		}
	}
	read := gen
	if auto != nil && !slices.Contains(read, auto) {
		read = append(read, auto)
	}
	mysql := f.Upsert == dialect.UpsertOnDuplicateKey
	if mysql && auto != nil {
		ins.Upsert.ID = auto.Column
	}
	if !mysql && f.InsertReturning && len(read) > 0 {
		ins.Returning = columnsOf(read)
	}
	b := db.builder(f)
	defer db.release(b)
	if err := ins.Build(b); err != nil {
		return err
	}
	text := b.SQL()
	if len(ins.Returning) > 0 {
		rs := newRowScanner(read)
		if err := db.readFirst(ctx, c, text, b.Args, rs, base); err != nil {
			return withModel(err, m, base)
		}
	} else {
		res, err := db.exec(ctx, c, text, b.Args)
		if err != nil {
			return withModel(err, m, base)
		}
		if !mysql {
			// ON CONFLICT without RETURNING: LastInsertId does not name an
			// updated row, so read the row back by its conflict key.
			return db.upsertReload(ctx, c, m, base, conflict, read, v)
		}
		if auto != nil {
			id, err := res.LastInsertId()
			if err != nil {
				return fmt.Errorf("strata: read the id of the upserted %s: %w", m.Name, err)
			}
			if err := auto.Assign(base, id); err != nil {
				return err
			}
		}
		var rest []*model.Field
		for _, g := range gen {
			if g != auto {
				rest = append(rest, g)
			}
		}
		if len(rest) > 0 {
			if err := db.reload(ctx, c, m, base, rest); err != nil {
				return err
			}
		}
	}
	return runHook(ctx, c, AfterSave, m.Name, v)
}

func conflictColumns(m *model.Model, base unsafe.Pointer, names []string) ([]string, error) {
	if len(names) > 0 {
		out := make([]string, len(names))
		for i, n := range names {
			c, err := m.Column(n)
			if err != nil {
				return nil, fmt.Errorf("strata: OnConflict: %w", err)
			}
			out[i] = c
		}
		return out, nil
	}
	keys := [][]*model.Field{m.PrimaryKey}
	for _, u := range m.Uniques {
		keys = append(keys, u.Fields)
	}
	for _, k := range keys {
		set := len(k) > 0
		for _, f := range k {
			set = set && !f.IsZero(base)
		}
		if set {
			return columnsOf(k), nil
		}
	}
	return nil, fmt.Errorf("strata: Upsert of %s: no primary or unique key is set; name one with OnConflict", m.Name)
}

func upsertUpdates(m *model.Model, cols, conflict, names []string) ([]string, error) {
	if len(names) > 0 {
		out := make([]string, len(names))
		for i, n := range names {
			c, err := m.Column(n)
			if err != nil {
				return nil, fmt.Errorf("strata: UpdateOnly: %w", err)
			}
			out[i] = c
		}
		return out, nil
	}
	var out []string
	for _, c := range cols {
		f, _ := m.Field(c)
		if slices.Contains(conflict, c) || f.PrimaryKey || f == m.CreatedAt {
			continue
		}
		out = append(out, c)
	}
	return out, nil
}

// FindOrCreate returns the row matching the query's Where, creating it when
// there is none, and whether it created it. The Where must be equalities
// (Eq, Fields, And of them) covering a unique key or the primary key; the
// new row takes those values over defaults (which may be nil). It is safe
// under concurrency: when two callers race to create the row, one inserts
// and the other, meeting the unique key, reads the winner's row (inside a
// transaction the insert runs in a savepoint, and the re-read takes a
// share lock so it sees the committed row). When the insert collides with
// a row the query does not see, the error says so: a *SoftDeletedError
// for a soft-deleted row of a paranoid model (restore it, or query
// Unscoped), else the *UniqueConstraintError (another unique key of the
// new row collided), never ErrNotFound.
func (q *Query[T]) FindOrCreate(ctx context.Context, defaults *T) (*T, bool, error) {
	if q.err != nil {
		return nil, false, q.err
	}
	if len(q.sel.Where) == 0 {
		return nil, false, fmt.Errorf("strata: FindOrCreate of %s needs a Where on a unique key", q.m.Name)
	}
	pairs, ok := query.Equalities(query.And(q.sel.Where...))
	if !ok {
		return nil, false, fmt.Errorf("strata: FindOrCreate of %s: the Where must be equalities (Eq, Fields, And) that set the new row's values", q.m.Name)
	}
	cols := map[string]bool{}
	resolved := map[*model.Field]any{}
	for k, v := range pairs {
		f, err := q.m.Field(k)
		if err != nil {
			return nil, false, err
		}
		cols[f.Column] = true
		resolved[f] = v
	}
	if _, ok := q.m.UniqueKeyIn(cols); !ok {
		return nil, false, fmt.Errorf("strata: FindOrCreate of %s: the Where (%v) covers no unique key, so concurrent callers could create duplicates; add a unique constraint (tag unique) or query by one", q.m.Name, keysOf(cols))
	}
	found, err := q.Clone().One(ctx)
	if err == nil {
		return found, false, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return nil, false, err
	}
	v := new(T)
	if defaults != nil {
		*v = *defaults
	}
	base := unsafe.Pointer(v)
	for f, val := range resolved {
		if err := f.Assign(base, val); err != nil {
			return nil, false, err
		}
	}
	create := func(c Conn) error { return Create(ctx, c, v) }
	if q.c.inTx() {
		err = q.c.Transaction(ctx, func(tx *Tx) error { return create(tx) })
	} else {
		err = create(q.c)
	}
	if err == nil {
		return v, true, nil
	}
	var ue *UniqueConstraintError
	if !errors.As(err, &ue) {
		return nil, false, err
	}
	again := q.Clone()
	if q.c.inTx() {
		again.ForShare()
	}
	found, err = again.One(ctx)
	if errors.Is(err, ErrNotFound) {
		return nil, false, q.softDeleted(ctx, ue, pairs)
	}
	if err != nil {
		return nil, false, err
	}
	return found, false, nil
}

func keysOf(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// upsertReload reads fields of the row an upsert wrote, by its conflict
// key, then runs AfterSave.
func (db *DB) upsertReload(ctx context.Context, c Conn, m *model.Model, base unsafe.Pointer, conflict []string, fields []*model.Field, v any) error {
	if len(fields) > 0 {
		f, err := db.features(ctx, c.runner())
		if err != nil {
			return err
		}
		s := query.Select{Table: m.Table, Columns: columnsOf(fields), Limit: -1}
		for _, col := range conflict {
			fl, err := m.Field(col)
			if err != nil {
				return err
			}
			s.Where = append(s.Where, query.Eq(fl.Column, fl.Value(base)))
		}
		b := db.builder(f)
		defer db.release(b)
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
	}
	return runHook(ctx, c, AfterSave, m.Name, v)
}
