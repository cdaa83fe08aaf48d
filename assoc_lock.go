package strata

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// lockSource takes a row lock on the source rows with key (SELECT … FOR
// UPDATE; nothing on SQLite, whose write transaction holds the database),
// so that the links of one source are changed by one transaction at a
// time. tx must be a transaction.
func lockSource(ctx context.Context, tx *Tx, a *model.Association, key any) error {
	return lockOrdered(ctx, tx, rowLock{a.Source, a.SourceKey, []any{key}, false})
}

// lockLinks locks the rows on both sides of the links an Add, Set or
// Remove of a belongsToMany changes: the source row for update (one
// writer of a source's links at a time) and the target rows for share (a
// writer from the other side, product.addOrder against order.addProduct,
// holds its source, this one's target, for update, so the two wait for
// each other rather than both reading "not linked" and both inserting),
// in the one order of lockOrdered.
func lockLinks(ctx context.Context, tx *Tx, a *model.Association, key any, keys []any) error {
	return lockOrdered(ctx, tx, rowLock{a.Source, a.SourceKey, []any{key}, false}, rowLock{a.Target, a.TargetKey, keys, true})
}

// rowLock is rows to lock: those of m whose field f is one of keys, for
// update, or for share with share.
type rowLock struct {
	m     *model.Model
	f     *model.Field
	keys  []any
	share bool
}

// Lock order. Every association writer (Add, Set, Remove of hasMany and
// belongsToMany) first takes the row locks of the rows whose links it
// changes, in one order: a parent row before the rows that point at it
// (a hasMany's source, then its target rows), the two sides of a
// belongsToMany by table name, and in a table rows by key (the lock
// statement's ORDER BY); then it writes, its rows sorted by key.
// Two writers then never hold a lock the other waits for (no deadlock
// between strata's writers on PostgreSQL and MySQL/MariaDB), and the
// foreign-key checks of their inserts find the parent rows already held
// by their own transaction. SQLite's write transaction (BEGIN IMMEDIATE)
// holds the whole database, so its lock statements only read. Inside a
// caller's transaction the locks come after whatever it locked before:
// that order is the caller's (Retry re-runs a transaction that lost).

// assocTx runs fn in the transaction of an association writer: a
// savepoint of the caller's transaction, or a new transaction, which runs
// at the dialect's WriterIsolation: on MySQL/MariaDB READ COMMITTED
// (PostgreSQL's default), as at
// REPEATABLE READ the range DELETE and UPDATE of a Set take next-key
// locks reaching into the neighbouring source's rows (and past the last
// one), which two writers of neighbouring sources then both hold while
// each inserts into the gap the other holds, a deadlock no lock order
// prevents. Under the locks of the lock order, READ COMMITTED sees every
// write that came before.
func assocTx(ctx context.Context, c Conn, fn func(tx *Tx) error) error {
	if db, ok := c.(*DB); ok {
		f, err := db.features(ctx, db.runner())
		if err != nil {
			return err
		}
		if f.WriterIsolation != sql.LevelDefault {
			return db.Transaction(ctx, fn, Isolation(f.WriterIsolation))
		}
	}
	return c.Transaction(ctx, fn)
}

// lockOrdered takes locks in the lock order: a table's rows in one
// statement (for update when any lock on it is), tables by name.
func lockOrdered(ctx context.Context, tx *Tx, locks ...rowLock) error {
	slices.SortStableFunc(locks, func(x, y rowLock) int { return strings.Compare(x.m.Table, y.m.Table) })
	for i := 0; i < len(locks); {
		l := locks[i]
		l.keys = slices.Clone(l.keys)
		j := i + 1
		for ; j < len(locks) && locks[j].m.Table == l.m.Table && locks[j].f == l.f; j++ {
			l.keys = append(l.keys, locks[j].keys...)
			l.share = l.share && locks[j].share
		}
		i = j
		if len(l.keys) == 0 {
			continue
		}
		if err := lockRows(ctx, tx, l.m, l.f, l.keys, l.share); err != nil {
			return err
		}
	}
	return nil
}

// lockRows takes a row lock on the rows of m whose key field is one of
// keys, in key order.
func lockRows(ctx context.Context, tx *Tx, m *model.Model, key *model.Field, keys []any, share bool) error {
	db := tx.DB()
	f, err := db.features(ctx, tx.runner())
	if err != nil {
		return err
	}
	keys = sortedKeys(keys)
	var where query.Cond = query.In(key.Column, keys)
	if len(keys) == 1 {
		where = query.Eq(key.Column, keys[0])
	}
	lock := query.ForUpdate
	if share {
		lock = query.ForShare
	}
	s := query.Select{Table: m.Table, Columns: []string{key.Column}, Limit: -1,
		Where: []query.Cond{where}, Order: []query.Order{{Column: key.Column}}, Lock: lock}
	b := db.builder(f)
	defer db.release(b)
	if err := s.Build(b, m); err != nil {
		return err
	}
	return db.each(ctx, tx, b.SQL(), b.Args, func(rowSrc) error { return nil })
}

// sortedKeys returns keys without repeats, in key order (numbers by
// value, text by bytes), the order in which writers write rows.
func sortedKeys(keys []any) []any {
	out := make([]any, 0, len(keys))
	seen := map[model.Key]bool{}
	for _, k := range keys {
		if mk, ok := model.KeyOf(k); ok {
			if seen[mk] {
				continue
			}
			seen[mk] = true
		}
		out = append(out, k)
	}
	slices.SortStableFunc(out, compareKeys)
	return out
}

// compareKeys orders two keys: integers by value, then text by bytes,
// then anything else by its printed form.
func compareKeys(x, y any) int {
	vx, vy := reflect.ValueOf(x), reflect.ValueOf(y)
	rank := func(v reflect.Value) int {
		switch {
		case !v.IsValid():
			return 3
		case v.CanInt(), v.CanUint():
			return 0
		case v.Kind() == reflect.String:
			return 1
		}
		return 2
	}
	if c := cmp.Compare(rank(vx), rank(vy)); c != 0 {
		return c
	}
	switch rank(vx) {
	case 0:
		return compareInts(vx, vy)
	case 1:
		return strings.Compare(vx.String(), vy.String())
	}
	return strings.Compare(fmt.Sprint(x), fmt.Sprint(y))
}

// compareInts compares two integer values of any signedness.
func compareInts(x, y reflect.Value) int {
	neg := func(v reflect.Value) bool { return v.CanInt() && v.Int() < 0 }
	switch nx, ny := neg(x), neg(y); {
	case nx && ny:
		return cmp.Compare(x.Int(), y.Int())
	case nx:
		return -1
	case ny:
		return 1
	}
	u := func(v reflect.Value) uint64 {
		if v.CanInt() {
			return uint64(v.Int())
		}
		return v.Uint()
	}
	return cmp.Compare(u(x), u(y))
}
