package strata

import (
	"context"
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
// order of assoc_lock.go, so that concurrent writers of src's rows do not
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
// transaction that first locks src's row and those rows (assoc_lock.go's lock
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
// order of assoc_lock.go), so that concurrent Sets, Adds and Removes of one src
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
