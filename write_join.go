package strata

import (
	"context"
	"fmt"
	"reflect"
	"unsafe"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// applyScope gives a row created through the association the equalities
// of its scope.
func applyScope(a *model.Association, base unsafe.Pointer) error {
	for _, c := range a.Scope {
		pairs, ok := query.Equalities(c)
		if !ok {
			continue
		}
		for col, v := range pairs {
			f, err := a.Target.Field(col)
			if err != nil {
				return err
			}
			if err := f.Assign(base, v); err != nil {
				return fmt.Errorf("strata: %s: scope %s: %w", a, col, err)
			}
		}
	}
	return nil
}

// joinRows makes the join rows linking key to each of keys, with the
// Through values, validated and stamped.
func joinRows(ctx context.Context, c Conn, a *model.Association, key any, keys []any, vals map[*model.Field]any) (reflect.Value, error) {
	jm := a.Through
	given := throughGiven(a, vals)
	// A Through value of a kind a query-level Update refuses (a number
	// for a text field, which Assign would store as its digits) is
	// refused the same way; the rest is assigned as given.
	for fl, v := range vals {
		if _, fe, bad := jm.Assigned(fl, v); bad {
			return reflect.Value{}, &ValidationError{Model: jm.Name, Errors: []FieldError{fe}}
		}
	}
	rows := reflect.MakeSlice(reflect.SliceOf(jm.Type), len(keys), len(keys))
	t := now()
	for i, k := range keys {
		base := rows.Index(i).Addr().UnsafePointer()
		if err := a.ForeignKey.Assign(base, key); err != nil {
			return rows, err
		}
		if err := a.OtherKey.Assign(base, k); err != nil {
			return rows, err
		}
		for fl, v := range vals {
			if err := fl.Assign(base, v); err != nil {
				return rows, throughValueError(jm, fl, v, err)
			}
		}
		if err := joinRowErrors(ctx, c, jm, base, func(f *model.Field) bool { return given(i, f) }); err != nil {
			return rows, err
		}
		stamp(jm, base, t, true)
	}
	return rows, nil
}

// insertRows inserts the rows of a []jm in multi-row INSERTs (no hooks:
// join rows are written as Sequelize's bulkCreate writes them), each with
// up as its ON CONFLICT clause when not nil. Each row writes the fields
// given says it was given (the keys, the timestamps and the values the
// caller set); the others are left to the database, so their defaults
// apply. Consecutive rows writing the same fields share a statement; more
// than one statement runs in a transaction.
func insertRows(ctx context.Context, c Conn, db *DB, jm *model.Model, rows reflect.Value, given func(i int, f *model.Field) bool, up *query.Upsert) error {
	feat, err := db.features(ctx, c.runner())
	if err != nil {
		return err
	}
	colsOf := func(i int) []*model.Field {
		var cols []*model.Field
		for _, fl := range jm.Fields {
			if given(i, fl) {
				cols = append(cols, fl)
			}
		}
		return cols
	}
	type run struct {
		start, end int
		cols       []*model.Field
	}
	var runs []run
	for start := 0; start < rows.Len(); {
		cols := colsOf(start)
		per := max(1, min(1000, db.d.MaxParams()/max(1, len(cols))))
		end := start + 1
		for end < rows.Len() && end-start < per && sameFields(cols, colsOf(end)) {
			end++
		}
		runs = append(runs, run{start, end, cols})
		start = end
	}
	if len(runs) > 1 && !c.inTx() {
		return c.Transaction(ctx, func(tx *Tx) error { return insertRows(ctx, tx, db, jm, rows, given, up) })
	}
	for _, r := range runs {
		start, end, cols := r.start, r.end, r.cols
		ins := query.Insert{Table: jm.Table, Columns: columnsOf(cols), Upsert: up}
		for i := start; i < end; i++ {
			base := rows.Index(i).Addr().UnsafePointer()
			vals := make([]any, len(cols))
			for k, fl := range cols {
				vals[k] = fl.Value(base)
			}
			ins.Rows = append(ins.Rows, vals)
		}
		b := db.builder(feat)
		if err := ins.Build(b); err != nil {
			db.release(b)
			return err
		}
		_, err := db.exec(ctx, c, b.SQL(), b.Args)
		db.release(b)
		if err != nil {
			return withModel(err, jm, nil)
		}
	}
	return nil
}

// joinKeyOrStamp reports the fields of a join row strata always writes:
// the two keys and the timestamps.
func joinKeyOrStamp(a *model.Association, f *model.Field) bool {
	jm := a.Through
	return f == a.ForeignKey || f == a.OtherKey || (f != nil && (f == jm.CreatedAt || f == jm.UpdatedAt))
}

// The join rows of a belongsToMany are written so that concurrent callers
// never duplicate one. Where the live join table has a unique key on its
// two foreign keys (the one the registry derives for every join model, so
// Sync and model:generate's tables have it), Add is one INSERT … ON
// CONFLICT (fk1, fk2) DO UPDATE SET <Through columns> (ON DUPLICATE KEY
// UPDATE on MySQL/MariaDB): the database itself keeps one row per pair.
// Add, Set and Remove first take row locks on the source row and the
// target rows, in the lock order below (SELECT … FOR UPDATE / FOR SHARE;
// SQLite's write transactions already hold the whole database); where the
// join table has no unique key on the pair (a table strata did not
// create, or created before the key existed), Add then reads before it
// inserts: every strata writer of a pair's link waits for the one before
// it, from either side, so none duplicates, and CheckSchema names the
// migration that adds the key.
// Writers outside strata (hand-written SQL) are not held by these locks.

// joinKeyed reports whether the live join table of a has a unique key (or
// primary key) on exactly its two foreign keys, which ON CONFLICT can stand
// on. The table's keys are read once per handle (liveKeys), then
// remembered: a key added later is used from the next handle on, and until
// then the locking path is as safe, only slower. A key dropped while a
// handle runs is not noticed: PostgreSQL and SQLite then refuse the ON
// CONFLICT, MySQL's ON DUPLICATE KEY UPDATE inserts (the README says to
// restart). A table with no key at all, as one that does not exist yet, is
// asked again next time.
func (db *DB) joinKeyed(ctx context.Context, c Conn, a *model.Association) (bool, error) {
	pair := []string{a.ForeignKey.Column, a.OtherKey.Column}
	if v, ok := db.tableKeys.Load(a.Through.Table); ok {
		return isKey(v.([][]string), pair), nil
	}
	keys, readable, err := db.liveKeys(ctx, c, a.Through.Table)
	if err != nil {
		return false, fmt.Errorf("strata: %s: %w", a, err)
	}
	return readable && isKey(keys, pair), nil
}

// linkUpsert is the ON CONFLICT clause of the insert that links targets:
// on the pair, updating the Through columns and UpdatedAt, or keeping the
// row as it is when there are no Through values.
func linkUpsert(a *model.Association, vals map[*model.Field]any) *query.Upsert {
	up := &query.Upsert{Conflict: []string{a.ForeignKey.Column, a.OtherKey.Column}}
	for _, f := range a.Through.Fields {
		if _, ok := vals[f]; ok && f != a.Through.UpdatedAt {
			up.Update = append(up.Update, f.Column)
		}
	}
	if len(vals) == 0 {
		up.DoNothing = true
	} else if u := a.Through.UpdatedAt; u != nil {
		up.Update = append(up.Update, u.Column)
	}
	return up
}

// columnValues reads field f of the rows of m that match where, without
// a lock (what lockOrdered then locks).
func columnValues(ctx context.Context, c Conn, m *model.Model, f *model.Field, where ...query.Cond) ([]any, error) {
	db := c.DB()
	feat, err := db.features(ctx, c.runner())
	if err != nil {
		return nil, err
	}
	b := db.builder(feat)
	defer db.release(b)
	s := query.Select{Table: m.Table, Columns: []string{f.Column}, Limit: -1, Where: where}
	if err := s.Build(b, m); err != nil {
		return nil, err
	}
	text := b.SQL()
	var out []any
	tmp := reflect.New(m.Type).UnsafePointer()
	sc := newRowScanner([]*model.Field{f})
	err = db.each(ctx, c, text, b.Args, func(src rowSrc) error {
		if err := sc.read(src, tmp); err != nil {
			return db.wrap(err, text)
		}
		out = append(out, f.Value(tmp))
		return nil
	})
	return out, err
}

// throughGiven says which fields a new join row writes: its keys, its
// timestamps and the Through values; its other columns are not set, so
// their defaults apply.
func throughGiven(a *model.Association, vals map[*model.Field]any) func(int, *model.Field) bool {
	return func(_ int, f *model.Field) bool {
		_, given := vals[f]
		return given || joinKeyOrStamp(a, f)
	}
}
