package strata

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"unsafe"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// HasManyOf is a typed handle on a hasMany association of S (User has
// many Orders): Get, Count, Has, Add, Remove, Set (each with a …Keys form
// taking primary keys), Create.
type HasManyOf[S, T any] struct{ h handle[S, T] }

// HasMany returns a handle on S's hasMany association called name:
//
//	var userOrders = strata.HasMany[User, Order]("Orders")
func HasMany[S, T any](name string) HasManyOf[S, T] {
	return HasManyOf[S, T]{handle[S, T]{name, model.HasMany}}
}

// Get reads src's rows (user.getOrders()), with the options of an
// include (Where, Order, LimitPer, Attributes, a nested Include …).
func (h HasManyOf[S, T]) Get(ctx context.Context, c Conn, src *S, opts ...IncludeOption) ([]T, error) {
	db, a, err := h.h.resolve(c)
	if err != nil {
		return nil, err
	}
	if _, err := sourceKey(a, unsafe.Pointer(src)); err != nil {
		return nil, err
	}
	lv, err := fetchOne(ctx, c, db, a, unsafe.Pointer(src), opts)
	if err != nil {
		return nil, err
	}
	return allOf[T](lv), nil
}

// children is a query on src's rows.
func (h HasManyOf[S, T]) children(c Conn, a *model.Association, key any) *Query[T] {
	return Find[T](c).Where(Eq(a.ForeignKey.Column, key)).Where(a.Scope...)
}

// Count counts src's rows that match conds (user.countOrders()).
func (h HasManyOf[S, T]) Count(ctx context.Context, c Conn, src *S, conds ...Cond) (int64, error) {
	_, a, err := h.h.resolve(c)
	if err != nil {
		return 0, err
	}
	key, err := sourceKey(a, unsafe.Pointer(src))
	if err != nil {
		return 0, err
	}
	return h.children(c, a, key).Where(conds...).Count(ctx)
}

// Has reports whether every target is one of src's rows (user.hasOrders([…])).
func (h HasManyOf[S, T]) Has(ctx context.Context, c Conn, src *S, targets ...*T) (bool, error) {
	_, a, err := h.h.resolve(c)
	if err != nil {
		return false, err
	}
	keys, err := targetKeys(a, a.Target.PrimaryKey[0], targets)
	if err != nil {
		return false, err
	}
	return h.has(ctx, c, a, src, keys)
}

// HasKeys reports whether the rows with these primary keys are all src's.
func (h HasManyOf[S, T]) HasKeys(ctx context.Context, c Conn, src *S, keys ...any) (bool, error) {
	_, a, err := h.h.resolve(c)
	if err != nil {
		return false, err
	}
	if err := checkKeys(a.Target, a.Target.PrimaryKey[0], keys); err != nil {
		return false, err
	}
	return h.has(ctx, c, a, src, keys)
}

func (h HasManyOf[S, T]) has(ctx context.Context, c Conn, a *model.Association, src *S, keys []any) (bool, error) {
	key, err := sourceKey(a, unsafe.Pointer(src))
	if err != nil {
		return false, err
	}
	want := distinct(keys)
	if want == 0 {
		return true, nil
	}
	n, err := h.children(c, a, key).Where(In(a.Target.PrimaryKey[0].Column, keys)).Count(ctx)
	return n == int64(want), err
}

// distinct counts the distinct keys.
func distinct(keys []any) int {
	seen := map[model.Key]bool{}
	for _, k := range keys {
		if x, ok := model.KeyOf(k); ok {
			seen[x] = true
		}
	}
	return len(seen)
}

// Add makes the targets src's rows (user.addOrders([…])): one UPDATE
// sets their foreign key (and the targets' field) to src's key, in a
// transaction that first locks src's row and the targets' (in the lock
// order of join.go, so that concurrent writers of src's rows do not
// deadlock).
func (h HasManyOf[S, T]) Add(ctx context.Context, c Conn, src *S, targets ...*T) error {
	_, a, err := h.h.resolve(c)
	if err != nil {
		return err
	}
	keys, err := targetKeys(a, a.Target.PrimaryKey[0], targets)
	if err != nil {
		return err
	}
	key, err := sourceKey(a, unsafe.Pointer(src))
	if err != nil {
		return err
	}
	if err := h.add(ctx, c, a, key, keys); err != nil {
		return err
	}
	for _, t := range targets {
		if err := a.ForeignKey.Assign(unsafe.Pointer(t), key); err != nil {
			return err
		}
	}
	return nil
}

// AddKeys makes the rows with these primary keys src's rows.
func (h HasManyOf[S, T]) AddKeys(ctx context.Context, c Conn, src *S, keys ...any) error {
	_, a, err := h.h.resolve(c)
	if err != nil {
		return err
	}
	if err := checkKeys(a.Target, a.Target.PrimaryKey[0], keys); err != nil {
		return err
	}
	key, err := sourceKey(a, unsafe.Pointer(src))
	if err != nil {
		return err
	}
	return h.add(ctx, c, a, key, keys)
}

// add sets the foreign key of the rows with keys to key, in one
// transaction that first locks src's row and those rows (join.go's lock
// order).
func (h HasManyOf[S, T]) add(ctx context.Context, c Conn, a *model.Association, key any, keys []any) error {
	if len(keys) == 0 {
		return nil
	}
	return assocTx(ctx, c, func(tx *Tx) error {
		if err := lockChildren(ctx, tx, a, key, keys); err != nil {
			return err
		}
		return h.addLocked(ctx, tx, a, key, keys)
	})
}

// lockChildren locks the source row with key and then the target rows
// with keys (by key), for update: a parent row before its children, the
// lock order of a hasMany (join.go).
func lockChildren(ctx context.Context, tx *Tx, a *model.Association, key any, keys []any) error {
	if err := lockSource(ctx, tx, a, key); err != nil {
		return err
	}
	return lockOrdered(ctx, tx, rowLock{a.Target, a.Target.PrimaryKey[0], keys, false})
}

// addLocked sets the foreign key of the rows with keys to key, in c,
// which holds their locks.
func (h HasManyOf[S, T]) addLocked(ctx context.Context, c Conn, a *model.Association, key any, keys []any) error {
	if len(keys) == 0 {
		return nil
	}
	set := Fields{a.ForeignKey.Column: key}
	for _, cond := range a.Scope {
		if pairs, ok := query.Equalities(cond); ok {
			for col, v := range pairs {
				set[col] = v
			}
		}
	}
	_, err := Find[T](c).Where(In(a.Target.PrimaryKey[0].Column, sortedKeys(keys))).Update(ctx, set)
	return err
}

// Remove takes the targets out of src's rows (user.removeOrders([…])):
// their foreign key (and field) become NULL, as Sequelize does; the rows
// stay.
func (h HasManyOf[S, T]) Remove(ctx context.Context, c Conn, src *S, targets ...*T) error {
	_, a, err := h.h.resolve(c)
	if err != nil {
		return err
	}
	keys, err := targetKeys(a, a.Target.PrimaryKey[0], targets)
	if err != nil {
		return err
	}
	if err := h.remove(ctx, c, a, src, keys); err != nil {
		return err
	}
	for _, t := range targets {
		if err := a.ForeignKey.Assign(unsafe.Pointer(t), nil); err != nil {
			return err
		}
	}
	return nil
}

// RemoveKeys takes the rows with these primary keys out of src's rows.
func (h HasManyOf[S, T]) RemoveKeys(ctx context.Context, c Conn, src *S, keys ...any) error {
	_, a, err := h.h.resolve(c)
	if err != nil {
		return err
	}
	if err := checkKeys(a.Target, a.Target.PrimaryKey[0], keys); err != nil {
		return err
	}
	return h.remove(ctx, c, a, src, keys)
}

func (h HasManyOf[S, T]) remove(ctx context.Context, c Conn, a *model.Association, src *S, keys []any) error {
	key, err := sourceKey(a, unsafe.Pointer(src))
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		return nil
	}
	return assocTx(ctx, c, func(tx *Tx) error {
		if err := lockChildren(ctx, tx, a, key, keys); err != nil {
			return err
		}
		_, err := Find[T](tx).Where(Eq(a.ForeignKey.Column, key), In(a.Target.PrimaryKey[0].Column, keys)).Update(ctx, Fields{a.ForeignKey.Column: nil})
		return err
	})
}

// Set makes the targets exactly src's rows (user.setOrders([…])), in one
// transaction: src's other rows get a NULL foreign key. It first locks
// src's row, its rows and the targets (SELECT … FOR UPDATE, in the lock
// order of join.go), so that concurrent Sets, Adds and Removes of one src
// run one after the other, none deadlocks, and the last one's targets are
// the rows.
func (h HasManyOf[S, T]) Set(ctx context.Context, c Conn, src *S, targets ...*T) error {
	_, a, err := h.h.resolve(c)
	if err != nil {
		return err
	}
	keys, err := targetKeys(a, a.Target.PrimaryKey[0], targets)
	if err != nil {
		return err
	}
	if err := h.set(ctx, c, a, src, keys); err != nil {
		return err
	}
	key := a.SourceKey.Value(unsafe.Pointer(src))
	for _, t := range targets {
		if err := a.ForeignKey.Assign(unsafe.Pointer(t), key); err != nil {
			return err
		}
	}
	return nil
}

// SetKeys makes the rows with these primary keys exactly src's rows.
func (h HasManyOf[S, T]) SetKeys(ctx context.Context, c Conn, src *S, keys ...any) error {
	_, a, err := h.h.resolve(c)
	if err != nil {
		return err
	}
	if err := checkKeys(a.Target, a.Target.PrimaryKey[0], keys); err != nil {
		return err
	}
	return h.set(ctx, c, a, src, keys)
}

func (h HasManyOf[S, T]) set(ctx context.Context, c Conn, a *model.Association, src *S, keys []any) error {
	key, err := sourceKey(a, unsafe.Pointer(src))
	if err != nil {
		return err
	}
	pk := a.Target.PrimaryKey[0]
	return assocTx(ctx, c, func(tx *Tx) error {
		// The rows src has now, read once src is locked (no other
		// strata writer adds to them then), lose it: they are locked too.
		if err := lockSource(ctx, tx, a, key); err != nil {
			return err
		}
		now, err := columnValues(ctx, tx, a.Target, pk, Eq(a.ForeignKey.Column, key))
		if err != nil {
			return err
		}
		if err := lockOrdered(ctx, tx, rowLock{a.Target, pk, append(now, keys...), false}); err != nil {
			return err
		}
		q := Find[T](tx).Where(Eq(a.ForeignKey.Column, key))
		if len(keys) > 0 {
			q.Where(NotIn(pk.Column, keys))
		}
		if _, err := q.Update(ctx, Fields{a.ForeignKey.Column: nil}); err != nil {
			return err
		}
		return h.addLocked(ctx, tx, a, key, keys)
	})
}

// Create creates target as one of src's rows (user.createOrder({…})).
func (h HasManyOf[S, T]) Create(ctx context.Context, c Conn, src *S, target *T) error {
	db, a, err := h.h.resolve(c)
	if err != nil {
		return err
	}
	return createChild(ctx, c, db, a, unsafe.Pointer(src), target)
}

// BelongsToManyOf is a typed handle on a belongsToMany association of S
// (Order belongs to many Products through product_orders): Get, Count,
// Has, Add, Remove, Set (each with a …Keys form taking the targets' keys),
// Create, and Through to give the join rows' own columns.
type BelongsToManyOf[S, T any] struct {
	h   handle[S, T]
	thr Fields
}

// BelongsToMany returns a handle on S's belongsToMany association called
// name:
//
//	var orderProducts = strata.BelongsToMany[Order, Product]("Products")
func BelongsToMany[S, T any](name string) BelongsToManyOf[S, T] {
	return BelongsToManyOf[S, T]{h: handle[S, T]{name, model.BelongsToMany}}
}

// Through returns the handle with values for the join rows' own columns
// (by field or column name), written by Add, Set and Create:
//
//	orderProducts.Through(strata.Fields{"quantity": 3}).Add(ctx, db, &order, &apple)
//
// A value its field cannot take ("x" for an integer) is a
// *ValidationError naming the field, before any SQL.
func (h BelongsToManyOf[S, T]) Through(values Fields) BelongsToManyOf[S, T] {
	h.thr = values
	return h
}

// Get reads src's targets (order.getProducts()), each with its join row
// in the target's field for it; options are those of an include.
func (h BelongsToManyOf[S, T]) Get(ctx context.Context, c Conn, src *S, opts ...IncludeOption) ([]T, error) {
	db, a, err := h.h.resolve(c)
	if err != nil {
		return nil, err
	}
	if _, err := sourceKey(a, unsafe.Pointer(src)); err != nil {
		return nil, err
	}
	lv, err := fetchOne(ctx, c, db, a, unsafe.Pointer(src), opts)
	if err != nil {
		return nil, err
	}
	return allOf[T](lv), nil
}

// Count counts src's targets that match conds (order.countProducts()).
func (h BelongsToManyOf[S, T]) Count(ctx context.Context, c Conn, src *S, conds ...Cond) (int64, error) {
	db, a, err := h.h.resolve(c)
	if err != nil {
		return 0, err
	}
	key, err := sourceKey(a, unsafe.Pointer(src))
	if err != nil {
		return 0, err
	}
	return countLinked(ctx, c, db, a, key, conds, nil)
}

// countLinked counts the distinct targets linked to key (among keys,
// when given) that match conds.
func countLinked(ctx context.Context, c Conn, db *DB, a *model.Association, key any, conds []Cond, keys []any) (int64, error) {
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return 0, err
	}
	b := db.builder(f)
	defer db.release(b)
	t, j := a.Target.Table, a.Through.Table
	s := query.Select{Table: t, Limit: -1,
		Exprs: []query.Expr{query.Aggregate(query.CountDistinct, col(t, a.TargetKey.Column))},
		Joins: []query.Join{{Table: j, On: []query.Cond{query.ColEq(col(j, a.OtherKey.Column), col(t, a.TargetKey.Column))}}}}
	where := []query.Cond{query.ColIs(col(j, a.ForeignKey.Column), key)}
	if keys != nil {
		where = append(where, query.Qualify(t, a.Target, In(a.TargetKey.Column, keys)))
	}
	inc := &include{a: a, path: a.Name, where: conds}
	if s.Where, err = targetFilter(where, inc, t, j, 0); err != nil {
		return 0, err
	}
	if err := s.Build(b, a.Target); err != nil {
		return 0, err
	}
	var n int64
	err = db.scalar(ctx, c, b.SQL(), b.Args, &n)
	return n, err
}

// Has reports whether every target is linked to src (order.hasProducts([…])).
func (h BelongsToManyOf[S, T]) Has(ctx context.Context, c Conn, src *S, targets ...*T) (bool, error) {
	_, a, err := h.h.resolve(c)
	if err != nil {
		return false, err
	}
	keys, err := targetKeys(a, a.TargetKey, targets)
	if err != nil {
		return false, err
	}
	return h.has(ctx, c, a, src, keys)
}

// HasKeys reports whether the targets with these keys are all linked to src.
func (h BelongsToManyOf[S, T]) HasKeys(ctx context.Context, c Conn, src *S, keys ...any) (bool, error) {
	_, a, err := h.h.resolve(c)
	if err != nil {
		return false, err
	}
	if err := checkKeys(a.Target, a.TargetKey, keys); err != nil {
		return false, err
	}
	return h.has(ctx, c, a, src, keys)
}

func (h BelongsToManyOf[S, T]) has(ctx context.Context, c Conn, a *model.Association, src *S, keys []any) (bool, error) {
	key, err := sourceKey(a, unsafe.Pointer(src))
	if err != nil {
		return false, err
	}
	want := distinct(keys)
	if want == 0 {
		return true, nil
	}
	n, err := countLinked(ctx, c, c.DB(), a, key, nil, keys)
	return n == int64(want), err
}

// Add links the targets to src (order.addProduct(p)), writing the values
// given by Through into their join rows. It is idempotent, also under
// concurrency: a target already linked keeps its one join row, whose
// columns get the Through values (and UpdatedAt; without Through values
// the row is left as it is). It runs in one transaction that first locks
// src's row and the targets' in the lock order of join.go (so concurrent
// Adds, Sets and Removes do not deadlock); then, with the unique key on
// the join table's two foreign keys that Sync creates, one INSERT … ON
// CONFLICT (ON DUPLICATE KEY UPDATE on MySQL/MariaDB); on a join table
// without that key it reads before it writes, and CheckSchema names the
// migration that adds the key.
func (h BelongsToManyOf[S, T]) Add(ctx context.Context, c Conn, src *S, targets ...*T) error {
	_, a, err := h.h.resolve(c)
	if err != nil {
		return err
	}
	keys, err := targetKeys(a, a.TargetKey, targets)
	if err != nil {
		return err
	}
	key, err := sourceKey(a, unsafe.Pointer(src))
	if err != nil {
		return err
	}
	return h.add(ctx, c, a, key, keys)
}

// AddKeys links the targets with these keys to src (order.addProduct(id)).
func (h BelongsToManyOf[S, T]) AddKeys(ctx context.Context, c Conn, src *S, keys ...any) error {
	_, a, err := h.h.resolve(c)
	if err != nil {
		return err
	}
	if err := checkKeys(a.Target, a.TargetKey, keys); err != nil {
		return err
	}
	key, err := sourceKey(a, unsafe.Pointer(src))
	if err != nil {
		return err
	}
	return h.add(ctx, c, a, key, keys)
}

// add inserts the missing join rows and updates the existing ones, in a
// transaction that first locks src's row and the targets' (join.go's lock
// order).
func (h BelongsToManyOf[S, T]) add(ctx context.Context, c Conn, a *model.Association, key any, keys []any) error {
	if len(keys) == 0 {
		return nil
	}
	vals, err := h.throughValues(a)
	if err != nil {
		return err
	}
	return assocTx(ctx, c, func(tx *Tx) error {
		if err := lockLinks(ctx, tx, a, key, keys); err != nil {
			return err
		}
		return h.link(ctx, tx, a, key, keys, vals)
	})
}

// throughValues are the Through values, checked against the join model.
func (h BelongsToManyOf[S, T]) throughValues(a *model.Association) (map[*model.Field]any, error) {
	jm := a.Through
	vals := make(map[*model.Field]any, len(h.thr))
	for name, v := range h.thr {
		f, err := jm.Field(name)
		if err != nil {
			return nil, fmt.Errorf("strata: %s: Through: %w", a, err)
		}
		if f == a.ForeignKey || f == a.OtherKey || f.PrimaryKey && f.AutoIncrement {
			return nil, fmt.Errorf("strata: %s: Through cannot set %s.%s, which strata sets", a, jm.Name, f.Name)
		}
		if err := query.CheckScalar(f.Column, v); err != nil {
			return nil, err
		}
		vals[f] = v
	}
	return vals, nil
}

// link writes the join rows linking keys to key, in key order, in tx,
// which holds the locks of lockLinks: where the join table has its unique
// key on the pair, one INSERT … ON CONFLICT per chunk of rows; else by
// reading which are linked first (addLocked).
func (h BelongsToManyOf[S, T]) link(ctx context.Context, tx *Tx, a *model.Association, key any, keys []any, vals map[*model.Field]any) error {
	if len(keys) == 0 {
		return nil
	}
	db := tx.DB()
	keys = sortedKeys(keys)
	keyed, err := db.joinKeyed(ctx, tx, a)
	if err != nil {
		return err
	}
	if !keyed {
		return addLocked(ctx, tx, a, key, keys, vals)
	}
	rows, err := joinRows(ctx, tx, a, key, keys, vals)
	if err != nil {
		return err
	}
	return insertRows(ctx, tx, db, a.Through, rows, throughGiven(a, vals), linkUpsert(a, vals))
}

// addLocked links keys to key by reading which are linked, then updating
// those and inserting the others, in tx, which holds the lock on the
// source row.
func addLocked(ctx context.Context, tx *Tx, a *model.Association, key any, keys []any, vals map[*model.Field]any) error {
	db, jm := tx.DB(), a.Through
	linked, err := linkedKeys(ctx, tx, db, a, key, keys)
	if err != nil {
		return err
	}
	var have, missing []any
	seen := map[model.Key]bool{}
	for _, k := range keys {
		mk, _ := model.KeyOf(k)
		if seen[mk] {
			continue
		}
		seen[mk] = true
		if linked[mk] {
			have = append(have, k)
		} else {
			missing = append(missing, k)
		}
	}
	if len(have) > 0 && len(vals) > 0 {
		set := Fields{}
		for fl, v := range vals {
			set[fl.Column] = v
		}
		q := &Query[struct{}]{c: tx, db: db, m: jm}
		q.sel.Limit = -1
		q.Where(Eq(a.ForeignKey.Column, key), In(a.OtherKey.Column, have))
		if _, err := q.update(ctx, set, false); err != nil {
			return err
		}
	}
	if len(missing) == 0 {
		return nil
	}
	rows, err := joinRows(ctx, tx, a, key, missing, vals)
	if err != nil {
		return err
	}
	return insertRows(ctx, tx, db, jm, rows, throughGiven(a, vals), nil)
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

// linkedKeys returns which of keys are linked to key in the join table,
// by a locking read (FOR UPDATE), which sees the rows other transactions
// committed even where the caller's transaction reads a snapshot (MySQL's
// REPEATABLE READ).
func linkedKeys(ctx context.Context, c Conn, db *DB, a *model.Association, key any, keys []any) (map[model.Key]bool, error) {
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return nil, err
	}
	b := db.builder(f)
	defer db.release(b)
	s := query.Select{Table: a.Through.Table, Columns: []string{a.OtherKey.Column}, Limit: -1,
		Where: []Cond{Eq(a.ForeignKey.Column, key), In(a.OtherKey.Column, keys)}, Lock: query.ForUpdate}
	if err := s.Build(b, a.Through); err != nil {
		return nil, err
	}
	text := b.SQL()
	out := map[model.Key]bool{}
	tmp := reflect.New(a.Through.Type).UnsafePointer()
	sc := newRowScanner([]*model.Field{a.OtherKey})
	err = db.each(ctx, c, text, b.Args, func(src rowSrc) error {
		if err := sc.read(src, tmp); err != nil {
			return db.wrap(err, text)
		}
		if k, ok := a.OtherKey.Key(tmp); ok {
			out[k] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
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

// Remove unlinks the targets from src (order.removeProduct(p)): their join
// rows are deleted; the targets stay.
func (h BelongsToManyOf[S, T]) Remove(ctx context.Context, c Conn, src *S, targets ...*T) error {
	_, a, err := h.h.resolve(c)
	if err != nil {
		return err
	}
	keys, err := targetKeys(a, a.TargetKey, targets)
	if err != nil {
		return err
	}
	return h.remove(ctx, c, a, src, keys)
}

// RemoveKeys unlinks the targets with these keys from src.
func (h BelongsToManyOf[S, T]) RemoveKeys(ctx context.Context, c Conn, src *S, keys ...any) error {
	_, a, err := h.h.resolve(c)
	if err != nil {
		return err
	}
	if err := checkKeys(a.Target, a.TargetKey, keys); err != nil {
		return err
	}
	return h.remove(ctx, c, a, src, keys)
}

// remove deletes src's join rows for keys, in a transaction that first
// locks src's row and the targets' (join.go's lock order).
func (h BelongsToManyOf[S, T]) remove(ctx context.Context, c Conn, a *model.Association, src *S, keys []any) error {
	key, err := sourceKey(a, unsafe.Pointer(src))
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		return nil
	}
	return assocTx(ctx, c, func(tx *Tx) error {
		if err := lockLinks(ctx, tx, a, key, keys); err != nil {
			return err
		}
		return unlink(ctx, tx, a, key, keys, false)
	})
}

// unlink deletes the join rows of key for keys (for every other key, with
// not), in c, which holds the locks of lockLinks.
func unlink(ctx context.Context, c Conn, a *model.Association, key any, keys []any, not bool) error {
	if len(keys) == 0 && !not {
		return nil
	}
	db := c.DB()
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return err
	}
	del := query.Delete{Table: a.Through.Table, Where: []Cond{Eq(a.ForeignKey.Column, key)}}
	switch {
	case not && len(keys) > 0:
		del.Where = append(del.Where, NotIn(a.OtherKey.Column, keys))
	case !not:
		del.Where = append(del.Where, In(a.OtherKey.Column, keys))
	}
	b := db.builder(f)
	defer db.release(b)
	if err := del.Build(b, a.Through); err != nil {
		return err
	}
	_, err = db.exec(ctx, c, b.SQL(), b.Args)
	return err
}

// Set makes the targets exactly src's linked rows (order.setProducts([…])),
// in one transaction: other join rows of src are deleted, missing ones
// inserted, kept ones get the Through values. It first locks src's row
// (for update) and the targets' (for share), in the lock order of
// join.go, so that concurrent Sets, Adds and Removes of one src run one
// after the other, none deadlocks, and the last one's targets are the
// links.
func (h BelongsToManyOf[S, T]) Set(ctx context.Context, c Conn, src *S, targets ...*T) error {
	_, a, err := h.h.resolve(c)
	if err != nil {
		return err
	}
	keys, err := targetKeys(a, a.TargetKey, targets)
	if err != nil {
		return err
	}
	return h.set(ctx, c, a, src, keys)
}

// SetKeys makes the targets with these keys exactly src's linked rows.
func (h BelongsToManyOf[S, T]) SetKeys(ctx context.Context, c Conn, src *S, keys ...any) error {
	_, a, err := h.h.resolve(c)
	if err != nil {
		return err
	}
	if err := checkKeys(a.Target, a.TargetKey, keys); err != nil {
		return err
	}
	return h.set(ctx, c, a, src, keys)
}

func (h BelongsToManyOf[S, T]) set(ctx context.Context, c Conn, a *model.Association, src *S, keys []any) error {
	key, err := sourceKey(a, unsafe.Pointer(src))
	if err != nil {
		return err
	}
	vals, err := h.throughValues(a)
	if err != nil {
		return err
	}
	return assocTx(ctx, c, func(tx *Tx) error {
		if err := lockLinks(ctx, tx, a, key, keys); err != nil {
			return err
		}
		if err := unlink(ctx, tx, a, key, keys, true); err != nil {
			return err
		}
		return h.link(ctx, tx, a, key, keys, vals)
	})
}

// Create creates target and links it to src with the Through values, in
// one transaction (order.createProduct({…})).
func (h BelongsToManyOf[S, T]) Create(ctx context.Context, c Conn, src *S, target *T) error {
	db, a, err := h.h.resolve(c)
	if err != nil {
		return err
	}
	key, err := sourceKey(a, unsafe.Pointer(src))
	if err != nil {
		return err
	}
	if target == nil {
		return errors.New("strata: " + a.String() + ": Create of a nil " + a.Target.Name)
	}
	return assocTx(ctx, c, func(tx *Tx) error {
		base := unsafe.Pointer(target)
		if err := applyScope(a, base); err != nil {
			return err
		}
		if err := db.createRow(ctx, tx, a.Target, target, base); err != nil {
			return err
		}
		return h.add(ctx, tx, a, key, []any{a.TargetKey.Value(base)})
	})
}
