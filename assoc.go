package strata

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"unsafe"

	"github.com/strata-orm/strata/internal/model"
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
	defer l.done()
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
