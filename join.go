package strata

import (
	"context"
	"fmt"
	"slices"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/model"
	"github.com/strata-orm/strata/query"
)

// The join rows of a belongsToMany are written so that concurrent callers
// never duplicate one. Where the live join table has a unique key on its
// two foreign keys (the one the registry derives for every join model, so
// Sync and model:generate's tables have it), Add is one INSERT … ON
// CONFLICT (fk1, fk2) DO UPDATE SET <Through columns> (ON DUPLICATE KEY
// UPDATE on MySQL/MariaDB): the database itself keeps one row per pair.
// Where it has none (a table strata did not create, or created before the
// key existed), Add, Set and Create take row locks on the source row and
// the target rows, in one order for both sides of the association
// (SELECT … FOR UPDATE; SQLite's write transactions already hold the whole
// database), and then read, update and insert: every strata writer of a
// pair's link waits for the one before it, from either side, so none
// duplicates, and CheckSchema names the migration that adds the key.
// Writers outside strata (hand-written SQL) are not held by these locks.

// joinPair is a join table and its two foreign-key columns.
type joinPair struct{ table, fk, other string }

// joinKeyed reports whether the live join table of a has a unique key (or
// primary key) on exactly its two foreign keys, which ON CONFLICT can stand
// on. It asks the database once per handle and join table (through the
// dialect's UniqueKeyReader, on c, so a transaction on a pool of one
// connection does not wait for a second), then remembers: a key added
// later is used from the next handle on, and until then the locking path
// is as safe, only slower. A key dropped while a handle runs is not
// noticed: PostgreSQL and SQLite then refuse the ON CONFLICT, MySQL's ON
// DUPLICATE KEY UPDATE inserts (the README says to restart). A table with
// no key at all, as one that does not exist yet, is asked again next time.
func (db *DB) joinKeyed(ctx context.Context, c Conn, a *model.Association) (bool, error) {
	p := joinPair{a.Through.Table, a.ForeignKey.Column, a.OtherKey.Column}
	if v, ok := db.joinKeys.Load(p); ok {
		return v.(bool), nil
	}
	kr, ok := db.d.(dialect.UniqueKeyReader)
	if !ok {
		db.joinKeys.Store(p, false)
		return false, nil
	}
	keys, err := kr.UniqueKeys(ctx, c.runner(), p.table)
	if err != nil {
		return false, fmt.Errorf("strata: %s: read the unique keys of %s: %w", a, p.table, err)
	}
	keyed := false
	for _, k := range keys {
		keyed = keyed || len(k) == 2 && slices.Contains(k, p.fk) && slices.Contains(k, p.other)
	}
	if len(keys) > 0 {
		db.joinKeys.Store(p, keyed)
	}
	return keyed, nil
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

// lockSource takes a row lock on the source rows with key (SELECT … FOR
// UPDATE; nothing on SQLite, whose write transaction holds the database),
// so that the links of one source are changed by one transaction at a
// time. tx must be a transaction.
func lockSource(ctx context.Context, tx *Tx, a *model.Association, key any) error {
	return lockRows(ctx, tx, a.Source, a.SourceKey, []any{key})
}

// lockLinks locks the rows on both sides of the links an Add or Set
// changes on a join table without a unique key on the pair: the source
// row and the target rows, the side whose table name sorts first first
// (and each side's rows in key order), so that a writer from the other
// side of the association (product.addOrder against order.addProduct)
// waits for this one rather than both reading "not linked" and both
// inserting.
func lockLinks(ctx context.Context, tx *Tx, a *model.Association, key any, keys []any) error {
	first := func() error { return lockSource(ctx, tx, a, key) }
	second := func() error { return lockRows(ctx, tx, a.Target, a.TargetKey, keys) }
	if a.Target.Table < a.Source.Table {
		first, second = second, first
	}
	if err := first(); err != nil {
		return err
	}
	if len(keys) == 0 {
		return nil
	}
	return second()
}

// lockRows takes a row lock on the rows of m whose key field is one of
// keys, in key order.
func lockRows(ctx context.Context, tx *Tx, m *model.Model, key *model.Field, keys []any) error {
	db := tx.DB()
	f, err := db.features(ctx, tx.runner())
	if err != nil {
		return err
	}
	var where query.Cond = query.In(key.Column, keys)
	if len(keys) == 1 {
		where = query.Eq(key.Column, keys[0])
	}
	s := query.Select{Table: m.Table, Columns: []string{key.Column}, Limit: -1,
		Where: []query.Cond{where}, Order: []query.Order{{Column: key.Column}}, Lock: query.ForUpdate}
	b := db.builder(f)
	defer db.release(b)
	if err := s.Build(b, m); err != nil {
		return err
	}
	return db.each(ctx, tx, b.SQL(), b.Args, func(rowSrc) error { return nil })
}
