package strata

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"unsafe"

	"github.com/strata-orm/strata/internal/model"
)

// createWith creates v and the associations opts name, in a transaction;
// on failure every row it was given is as it was.
func createWith(ctx context.Context, c Conn, m *model.Model, v any, base unsafe.Pointer, o createOpts) error {
	db := c.DB()
	if !db.reg.Registered(m) {
		return fmt.Errorf("strata: Create of %s with associations: %s is not registered, so it has no associations; pass %s{} to strata.WithModels", m.Name, m.Name, m.Name)
	}
	var tree []*include
	for _, p := range o.assocs {
		if err := addInclude(db, m, &tree, p, "", nil); err != nil {
			var ie *IncludeError
			if errors.As(err, &ie) {
				ie.Verb = "association"
			}
			return err
		}
	}
	return asUnit(ctx, c, snapshot(m, base, tree), func(c Conn) error {
		return createTree(ctx, c.(*Tx), m, v, base, tree)
	})
}

// snapshot copies the row at base and every row its association fields
// hold for the nodes of tree, recursively, and returns the function that
// puts them all back: a Create WithAssociations that rolls back leaves no
// key, timestamp or foreign key it assigned in the caller's rows.
func snapshot(m *model.Model, base unsafe.Pointer, tree []*include) func() {
	var restore []func()
	var walk func(m *model.Model, base unsafe.Pointer, tree []*include)
	walk = func(m *model.Model, base unsafe.Pointer, tree []*include) {
		restore = append(restore, saveRow(m, base))
		for _, n := range tree {
			for _, t := range heldRows(n.a, base) {
				walk(n.a.Target, t, n.children)
			}
		}
	}
	walk(m, base, tree)
	return func() {
		for i := len(restore) - 1; i >= 0; i-- {
			restore[i]()
		}
	}
}

// createTree creates the row at base and the rows its fields hold for the
// nodes of tree.
func createTree(ctx context.Context, tx *Tx, m *model.Model, v any, base unsafe.Pointer, tree []*include) error {
	db := tx.DB()
	for _, n := range tree {
		a := n.a
		if a.Kind != model.BelongsTo {
			continue
		}
		targets := heldRows(a, base)
		if len(targets) == 0 {
			continue
		}
		t := targets[0]
		if err := saveTarget(ctx, tx, a, t, n.children); err != nil {
			return err
		}
		if err := a.ForeignKey.Assign(base, a.TargetKey.Value(t)); err != nil {
			return err
		}
	}
	if v == nil {
		v = reflect.NewAt(m.Type, base).Interface()
	}
	if err := db.createRow(ctx, tx, m, v, base); err != nil {
		return err
	}
	for _, n := range tree {
		a := n.a
		switch a.Kind {
		case model.HasOne, model.HasMany:
			key := a.SourceKey.Value(base)
			for _, t := range heldRows(a, base) {
				if err := a.ForeignKey.Assign(t, key); err != nil {
					return err
				}
				if err := applyScope(a, t); err != nil {
					return err
				}
				pk := a.Target.PrimaryKey[0]
				if pk.IsZero(t) {
					if err := createTree(ctx, tx, a.Target, nil, t, n.children); err != nil {
						return fmt.Errorf("strata: create %s: %w", a, err)
					}
					continue
				}
				if err := db.updateRow(ctx, tx, a.Target, t, []*model.Field{a.ForeignKey}, false); err != nil {
					return fmt.Errorf("strata: link %s: %w", a, err)
				}
			}
		case model.BelongsToMany:
			targets := heldRows(a, base)
			if len(targets) == 0 {
				continue
			}
			key := a.SourceKey.Value(base)
			jm := a.Through
			rows := reflect.MakeSlice(reflect.SliceOf(jm.Type), len(targets), len(targets))
			// A join row held by the target (its join-row field) writes
			// what it sets, as Create writes a row; without one, the row
			// writes its keys and timestamps and the defaults apply.
			held := make([]bool, len(targets))
			given := func(i int, f *model.Field) bool {
				return joinKeyOrStamp(a, f) || (held[i] && !f.Unset(rows.Index(i).Addr().UnsafePointer()))
			}
			at := now()
			for i, t := range targets {
				if err := saveTarget(ctx, tx, a, t, n.children); err != nil {
					return err
				}
				jb := rows.Index(i).Addr().UnsafePointer()
				if tf := a.ThroughField; tf != nil {
					src := unsafe.Add(t, tf.Offset)
					if tf.Ptr {
						src = *(*unsafe.Pointer)(src)
					}
					if src != nil {
						copyRow(jm.Type, jb, src)
						held[i] = true
					}
				}
				if err := a.ForeignKey.Assign(jb, key); err != nil {
					return err
				}
				if err := a.OtherKey.Assign(jb, a.TargetKey.Value(t)); err != nil {
					return err
				}
				stamp(jm, jb, at, true)
				if err := joinRowErrors(ctx, tx, jm, jb, func(f *model.Field) bool { return given(i, f) }); err != nil {
					return err
				}
			}
			if err := insertRows(ctx, tx, db, jm, rows, given, nil); err != nil {
				return fmt.Errorf("strata: link %s: %w", a, err)
			}
		}
	}
	return nil
}

// saveTarget creates a target row (and its own associations) unless it
// already has a primary key.
func saveTarget(ctx context.Context, tx *Tx, a *model.Association, t unsafe.Pointer, children []*include) error {
	if !a.Target.PrimaryKey[0].IsZero(t) {
		return nil
	}
	if err := applyScope(a, t); err != nil {
		return err
	}
	if err := createTree(ctx, tx, a.Target, nil, t, children); err != nil {
		return fmt.Errorf("strata: create %s: %w", a, err)
	}
	return nil
}

// heldRows returns pointers to the rows the association's field holds in
// the row at base: none for a nil pointer, an empty slice or a zero value.
func heldRows(a *model.Association, base unsafe.Pointer) []unsafe.Pointer {
	f := a.Field
	p := unsafe.Add(base, f.Offset)
	t := a.Target.Type
	switch {
	case f.Many:
		h := (*sliceHeader)(p)
		out := make([]unsafe.Pointer, 0, h.len)
		for i := range h.len {
			if f.Ptr {
				if e := *(*unsafe.Pointer)(unsafe.Add(h.data, uintptr(i)*unsafe.Sizeof(p))); e != nil {
					out = append(out, e)
				}
				continue
			}
			out = append(out, unsafe.Add(h.data, uintptr(i)*t.Size()))
		}
		return out
	case f.Ptr:
		if e := *(*unsafe.Pointer)(p); e != nil {
			return []unsafe.Pointer{e}
		}
	default:
		if !reflect.NewAt(t, p).Elem().IsZero() {
			return []unsafe.Pointer{p}
		}
	}
	return nil
}
