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

// Association helpers: Sequelize's mixins (order.getUser, user.addOrder,
// order.addProduct …) as typed handles, declared once per association and
// checked by the compiler for the models on each side:
//
//	var (
//		orderUser     = strata.BelongsTo[Order, User]("User")
//		userOrders    = strata.HasMany[User, Order]("Orders")
//		orderProducts = strata.BelongsToMany[Order, Product]("Products")
//	)
//
//	err := orderProducts.Through(strata.Fields{"quantity": 3}).Add(ctx, db, &order, &apple)
//
// A handle holds only the association's name; on each call it is looked
// up in the registry of the Conn's database, so an unknown name (or a
// handle of the wrong kind or target) is an error naming the model, the
// associations it has and the closest one.

// handle is what every helper holds.
type handle[S, T any] struct {
	name string
	kind model.Kind
}

func kindFunc(k model.Kind) string {
	switch k {
	case model.BelongsTo:
		return "BelongsTo"
	case model.HasOne:
		return "HasOne"
	case model.HasMany:
		return "HasMany"
	}
	return "BelongsToMany"
}

// resolve looks the association up on c's database.
func (h handle[S, T]) resolve(c Conn) (*DB, *model.Association, error) {
	db := c.DB()
	sm, err := modelOf[S](db)
	if err != nil {
		return nil, nil, err
	}
	tm, err := modelOf[T](db)
	if err != nil {
		return nil, nil, err
	}
	if !db.reg.Registered(sm) {
		return nil, nil, fmt.Errorf("strata: association %q of %s: %s is not registered, so it has no associations; pass %s{} to strata.WithModels", h.name, sm.Name, sm.Name, sm.Name)
	}
	a, err := findAssociation(db, sm, h.name, h.name)
	if err != nil {
		var ie *IncludeError
		if errors.As(err, &ie) {
			ie.Verb = "association"
		}
		return nil, nil, err
	}
	if a.Kind != h.kind || a.Target != tm {
		return nil, nil, fmt.Errorf("strata: %s is %s %s, but the handle is strata.%s[%s, %s]; declare it as strata.%s[%s, %s](%q)",
			a, a.Kind, a.Target.Name, kindFunc(h.kind), sm.Name, tm.Name, kindFunc(a.Kind), sm.Name, a.Target.Name, a.Name)
	}
	return db, a, nil
}

// sourceKey returns the value of src's key that the association's rows
// point at; a row not yet created has none.
func sourceKey(a *model.Association, src unsafe.Pointer) (any, error) {
	if src == nil {
		return nil, fmt.Errorf("strata: %s: nil %s", a, a.Source.Name)
	}
	f := a.SourceKey
	if f.IsZero(src) {
		return nil, fmt.Errorf("strata: %s: the %s has no %s yet; create it first", a, a.Source.Name, f.Name)
	}
	return f.Value(src), nil
}

// keysOf returns the values of field f of each target, which must exist.
func targetKeys[T any](a *model.Association, f *model.Field, targets []*T) ([]any, error) {
	out := make([]any, 0, len(targets))
	for i, t := range targets {
		if t == nil {
			return nil, fmt.Errorf("strata: %s: target %d is nil", a, i)
		}
		p := unsafe.Pointer(t)
		if f.IsZero(p) {
			return nil, fmt.Errorf("strata: %s: the %s (target %d) has no %s yet; create it first", a, a.Target.Name, i, f.Name)
		}
		out = append(out, f.Value(p))
	}
	return out, nil
}

// checkKeys checks that each key fits field f (an integer for an integer
// key, text for a text key), as ByPK does.
func checkKeys(m *model.Model, f *model.Field, keys []any) error {
	for _, k := range keys {
		if k == nil {
			return &PKTypeError{Model: m.Name, Field: f.Name, Want: f.Type, Got: k}
		}
		got, want := reflect.TypeOf(k), f.Type
		for want.Kind() == reflect.Pointer {
			want = want.Elem()
		}
		switch {
		case got == want || got == f.Type:
		case intKind(got.Kind()) && intKind(want.Kind()):
		case got.Kind() == reflect.String && want.Kind() == reflect.String:
		default:
			return &PKTypeError{Model: m.Name, Field: f.Name, Want: f.Type, Got: k}
		}
	}
	return nil
}

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

// fetchOne reads the association's rows for one source row, with the
// options of an include.
func fetchOne(ctx context.Context, c Conn, db *DB, a *model.Association, src unsafe.Pointer, opts []IncludeOption) (*level, error) {
	n := &include{a: a, path: a.Name}
	if err := applyOptions(db, n, opts); err != nil {
		return nil, err
	}
	if err := checkIncludes([]*include{n}, false); err != nil {
		return nil, err
	}
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return nil, err
	}
	if err := db.checkConds(f, []*include{n}); err != nil {
		return nil, err
	}
	l := &loader{c: c, db: db, f: f}
	lv, _, err := l.fetch(ctx, []unsafe.Pointer{src}, n)
	return lv, err
}

// oneOf returns the first row of a level, or nil.
func oneOf[T any](lv *level) *T {
	if lv.rows.n == 0 {
		return nil
	}
	return (*T)(lv.rows.at(0))
}

// allOf returns a level's rows as a slice (sharing its array).
func allOf[T any](lv *level) []T {
	if lv.rows.n == 0 {
		return []T{}
	}
	return unsafe.Slice((*T)(lv.rows.at(0)), lv.rows.n)
}

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
// order of join.go), so that concurrent Sets of one src run one after
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
		// src's row now and target, by key (join.go's lock order).
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

// createChild creates target with its foreign key pointing at src.
func createChild[T any](ctx context.Context, c Conn, db *DB, a *model.Association, src unsafe.Pointer, target *T) error {
	key, err := sourceKey(a, src)
	if err != nil {
		return err
	}
	if target == nil {
		return fmt.Errorf("strata: %s: Create of a nil %s", a, a.Target.Name)
	}
	base := unsafe.Pointer(target)
	if err := a.ForeignKey.Assign(base, key); err != nil {
		return err
	}
	if err := applyScope(a, base); err != nil {
		return err
	}
	return db.createUnit(ctx, c, a.Target, target, base)
}
