package strata

import (
	"context"
	"unsafe"

	"github.com/strata-orm/strata/internal/model"
)

// HasOneOf is a typed handle on a hasOne association of S (User has one
// Profile): Get, Set, SetKey, Create.
type HasOneOf[S, T any] struct{ h handle[S, T] }

// HasOne returns a handle on S's hasOne association called name:
//
//	var userProfile = strata.HasOne[User, Profile]("Profile")
func HasOne[S, T any](name string) HasOneOf[S, T] {
	return HasOneOf[S, T]{handle[S, T]{name, model.HasOne}}
}

// Get reads src's target row (user.getProfile()), or nil.
func (h HasOneOf[S, T]) Get(ctx context.Context, c Conn, src *S, opts ...IncludeOption) (*T, error) {
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
	return oneOf[T](lv), nil
}

// Set makes target src's one row (user.setProfile(p)), in one
// transaction: the row that pointed at src before gets a NULL foreign key;
// target gets src's key and is saved (created when it has no primary key
// yet). A nil target only unsets the current row. It locks src's row
// first, then its current row and target (SELECT … FOR UPDATE, the lock
// order of assoc_lock.go), so that concurrent Sets of one src run one after
// the other, none deadlocks, and src keeps one row.
func (h HasOneOf[S, T]) Set(ctx context.Context, c Conn, src *S, target *T) error {
	db, a, err := h.h.resolve(c)
	if err != nil {
		return err
	}
	key, err := sourceKey(a, unsafe.Pointer(src))
	if err != nil {
		return err
	}
	pk := a.Target.PrimaryKey[0]
	return assocTx(ctx, c, func(tx *Tx) error {
		if err := lockSource(ctx, tx, a, key); err != nil {
			return err
		}
		// src's row now and target, by key (assoc_lock.go's lock order).
		rows, err := columnValues(ctx, tx, a.Target, pk, Eq(a.ForeignKey.Column, key))
		if err != nil {
			return err
		}
		if target != nil && !pk.IsZero(unsafe.Pointer(target)) {
			rows = append(rows, pk.Value(unsafe.Pointer(target)))
		}
		if err := lockOrdered(ctx, tx, rowLock{a.Target, pk, rows, false}); err != nil {
			return err
		}
		others := Find[T](tx).Where(Eq(a.ForeignKey.Column, key))
		if target != nil && !pk.IsZero(unsafe.Pointer(target)) {
			others.Where(Ne(pk.Column, pk.Value(unsafe.Pointer(target))))
		}
		if _, err := others.Update(ctx, Fields{a.ForeignKey.Column: nil}); err != nil {
			return err
		}
		if target == nil {
			return nil
		}
		base := unsafe.Pointer(target)
		if err := a.ForeignKey.Assign(base, key); err != nil {
			return err
		}
		if err := applyScope(a, base); err != nil {
			return err
		}
		if pk.IsZero(base) {
			return db.createRow(ctx, tx, a.Target, target, base)
		}
		return Update(ctx, tx, target, a.ForeignKey.Name)
	})
}

// SetKey makes the target row with primary key key src's one row.
func (h HasOneOf[S, T]) SetKey(ctx context.Context, c Conn, src *S, key any) error {
	_, a, err := h.h.resolve(c)
	if err != nil {
		return err
	}
	pk := a.Target.PrimaryKey[0]
	if err := checkKeys(a.Target, pk, []any{key}); err != nil {
		return err
	}
	t, err := Find[T](c).ByPK(ctx, key)
	if err != nil {
		return err
	}
	return h.Set(ctx, c, src, t)
}

// Create creates target pointing at src (user.createProfile({…})).
func (h HasOneOf[S, T]) Create(ctx context.Context, c Conn, src *S, target *T) error {
	db, a, err := h.h.resolve(c)
	if err != nil {
		return err
	}
	return createChild(ctx, c, db, a, unsafe.Pointer(src), target)
}
