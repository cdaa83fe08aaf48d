package strata

import (
	"context"
	"fmt"
	"unsafe"

	"github.com/strata-orm/strata/internal/model"
)

// BelongsToOf is a typed handle on a belongsTo association of S (Order
// belongs to User): Get, Set, SetKey, Create.
type BelongsToOf[S, T any] struct{ h handle[S, T] }

// BelongsTo returns a handle on S's belongsTo association called name
// (the field that holds it):
//
//	var orderUser = strata.BelongsTo[Order, User]("User")
func BelongsTo[S, T any](name string) BelongsToOf[S, T] {
	return BelongsToOf[S, T]{handle[S, T]{name, model.BelongsTo}}
}

// Get reads src's target row (order.getUser()), or nil when its foreign
// key is NULL or points at no row. Options are those of an include
// (Attributes, Paranoid, a nested Include …).
func (b BelongsToOf[S, T]) Get(ctx context.Context, c Conn, src *S, opts ...IncludeOption) (*T, error) {
	db, a, err := b.h.resolve(c)
	if err != nil {
		return nil, err
	}
	if src == nil {
		return nil, fmt.Errorf("strata: %s: Get of a nil %s", a, a.Source.Name)
	}
	lv, err := fetchOne(ctx, c, db, a, unsafe.Pointer(src), opts)
	if err != nil {
		return nil, err
	}
	return oneOf[T](lv), nil
}

// Set points src at target (order.setUser(user)): it sets src's foreign
// key to target's key and saves it (Update, with hooks); a nil target
// sets it to NULL.
func (b BelongsToOf[S, T]) Set(ctx context.Context, c Conn, src *S, target *T) error {
	_, a, err := b.h.resolve(c)
	if err != nil {
		return err
	}
	var key any
	if target != nil {
		keys, err := targetKeys(a, a.TargetKey, []*T{target})
		if err != nil {
			return err
		}
		key = keys[0]
	}
	return b.setKey(ctx, c, a, src, key)
}

// SetKey points src at the target row whose key is key (nil for none).
func (b BelongsToOf[S, T]) SetKey(ctx context.Context, c Conn, src *S, key any) error {
	_, a, err := b.h.resolve(c)
	if err != nil {
		return err
	}
	if key != nil {
		if err := checkKeys(a.Target, a.TargetKey, []any{key}); err != nil {
			return err
		}
	}
	return b.setKey(ctx, c, a, src, key)
}

func (b BelongsToOf[S, T]) setKey(ctx context.Context, c Conn, a *model.Association, src *S, key any) error {
	if src == nil {
		return fmt.Errorf("strata: %s: Set on a nil %s", a, a.Source.Name)
	}
	fk := a.ForeignKey
	if key == nil && !fk.HoldsNull() {
		return fmt.Errorf("strata: %s: %s.%s (%v) cannot hold NULL; make it a pointer to unset the %s", a, a.Source.Name, fk.Name, fk.Type, a.Name)
	}
	if err := fk.Assign(unsafe.Pointer(src), key); err != nil {
		return err
	}
	if key == nil {
		return Update(ctx, c, src, fk.Name)
	}
	// The parent row first (for share), then src's (the lock order of
	// join.go), so that a concurrent user.setOrders holding the parent
	// and waiting for src's row does not deadlock with this Update.
	return assocTx(ctx, c, func(tx *Tx) error {
		if err := lockOrdered(ctx, tx, rowLock{a.Target, a.TargetKey, []any{key}, true}); err != nil {
			return err
		}
		return Update(ctx, tx, src, fk.Name)
	})
}

// Create creates target and points src at it, in one transaction
// (order.createUser({…})).
func (b BelongsToOf[S, T]) Create(ctx context.Context, c Conn, src *S, target *T) error {
	db, a, err := b.h.resolve(c)
	if err != nil {
		return err
	}
	if src == nil || target == nil {
		return fmt.Errorf("strata: %s: Create needs a %s and a %s", a, a.Source.Name, a.Target.Name)
	}
	return assocTx(ctx, c, func(tx *Tx) error {
		base := unsafe.Pointer(target)
		if err := applyScope(a, base); err != nil {
			return err
		}
		if err := db.createRow(ctx, tx, a.Target, target, base); err != nil {
			return err
		}
		return b.setKey(ctx, tx, a, src, a.TargetKey.Value(base))
	})
}
