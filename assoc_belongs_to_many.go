package strata

import (
	"context"
	"errors"
	"fmt"
	"unsafe"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

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
// src's row and the targets' in the lock order of assoc_lock.go (so concurrent
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
// transaction that first locks src's row and the targets' (assoc_lock.go's lock
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
// locks src's row and the targets' (assoc_lock.go's lock order).
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

// Set makes the targets exactly src's linked rows (order.setProducts([…])),
// in one transaction: other join rows of src are deleted, missing ones
// inserted, kept ones get the Through values. It first locks src's row
// (for update) and the targets' (for share), in the lock order of
// assoc_lock.go, so that concurrent Sets, Adds and Removes of one src run one
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
