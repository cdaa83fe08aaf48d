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
