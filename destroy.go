package strata

import (
	"context"
	"fmt"
	"unsafe"

	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// Destroy deletes the row v points at, by primary key: for a paranoid
// model (one with DeletedAt) it sets DeletedAt instead, unless Force is
// given. Hooks: BeforeDestroy, AfterDestroy, one unit with the DELETE
// (see the hook interfaces).
func Destroy[T any](ctx context.Context, c Conn, v *T, opts ...DestroyOption) error {
	var o destroyOpts
	for i, f := range opts {
		if f == nil {
			return nilOption("Destroy", i)
		}
		if err := f.applyDestroy(&o); err != nil {
			return err
		}
	}
	db := c.DB()
	m, err := modelOf[T](db)
	if err != nil {
		return err
	}
	if v == nil {
		return fmt.Errorf("strata: Destroy(nil *%s)", m.Name)
	}
	base := unsafe.Pointer(v)
	if err := zeroKey("Destroy", m, base); err != nil {
		return err
	}
	if !hooked(db, v, BeforeDestroy, AfterDestroy) {
		return destroyRow(ctx, db, c, m, v, base, o)
	}
	return asUnit(ctx, c, saveRow(m, base), func(c Conn) error {
		return destroyRow(ctx, db, c, m, v, base, o)
	})
}

// destroyRow deletes (or soft-deletes) the row at base, with its hooks.
func destroyRow(ctx context.Context, db *DB, c Conn, m *model.Model, v any, base unsafe.Pointer, o destroyOpts) error {
	if err := runHook(ctx, c, BeforeDestroy, m.Name, v); err != nil {
		return err
	}
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return err
	}
	b := db.builder(f)
	defer db.release(b)
	if m.DeletedAt != nil && !o.force {
		t := now()
		up := query.Update{Table: m.Table, Set: []query.Assign{{Column: m.DeletedAt.Column, Value: t}}, Where: pkConds(m, base)}
		if m.UpdatedAt != nil {
			up.Set = append(up.Set, query.Assign{Column: m.UpdatedAt.Column, Value: t})
		}
		if err := up.Build(b, m); err != nil {
			return err
		}
		if _, err := db.exec(ctx, c, b.SQL(), b.Args); err != nil {
			return withModel(err, m, base)
		}
		if err := m.DeletedAt.Assign(base, t); err != nil {
			return err
		}
		if m.UpdatedAt != nil {
			_ = m.UpdatedAt.Assign(base, t)
		}
	} else {
		del := query.Delete{Table: m.Table, Where: pkConds(m, base)}
		if err := del.Build(b, m); err != nil {
			return err
		}
		if _, err := db.exec(ctx, c, b.SQL(), b.Args); err != nil {
			return withModel(err, m, base)
		}
	}
	return runHook(ctx, c, AfterDestroy, m.Name, v)
}

// Restore brings back the soft-deleted row v points at (DeletedAt = NULL).
// A zero primary key is ErrMissingWhere, before any SQL.
func Restore[T any](ctx context.Context, c Conn, v *T) error {
	db := c.DB()
	m, err := modelOf[T](db)
	if err != nil {
		return err
	}
	if m.DeletedAt == nil {
		return fmt.Errorf("strata: Restore of %s: the model is not paranoid (it has no DeletedAt field)", m.Name)
	}
	if v == nil {
		return fmt.Errorf("strata: Restore(nil *%s)", m.Name)
	}
	base := unsafe.Pointer(v)
	if err := zeroKey("Restore", m, base); err != nil {
		return err
	}
	f, err := db.features(ctx, c.runner())
	if err != nil {
		return err
	}
	b := db.builder(f)
	defer db.release(b)
	up := query.Update{Table: m.Table, Set: []query.Assign{{Column: m.DeletedAt.Column, Value: nil}}, Where: pkConds(m, base)}
	if err := up.Build(b, m); err != nil {
		return err
	}
	if _, err := db.exec(ctx, c, b.SQL(), b.Args); err != nil {
		return withModel(err, m, base)
	}
	return m.DeletedAt.Assign(base, nil)
}

// Destroy deletes every matching row (no hooks, as Sequelize's
// Model.destroy) and returns how many: for a paranoid model it sets
// DeletedAt, unless Force was called. Without a Where it refuses
// (ErrMissingWhere) unless AllowGlobal was called.
func (q *Query[T]) Destroy(ctx context.Context) (int64, error) {
	up, del, err := q.destroyStmt()
	if err != nil {
		return 0, err
	}
	if up != nil {
		return q.run(ctx, up)
	}
	return q.run(ctx, del)
}

// destroyStmt is the statement Destroy runs: an UPDATE setting DeletedAt
// on a paranoid model (unless Force), a DELETE otherwise.
func (q *Query[T]) destroyStmt() (*query.Update, *query.Delete, error) {
	if q.err != nil {
		return nil, nil, q.err
	}
	if len(q.sel.Where) == 0 && !q.allowGlobal {
		return nil, nil, fmt.Errorf("strata: destroy of %s: %w", q.m.Name, ErrMissingWhere)
	}
	if q.m.DeletedAt != nil && !q.force {
		t := now()
		set := []query.Assign{{Column: q.m.DeletedAt.Column, Value: t}}
		if q.m.UpdatedAt != nil {
			set = append(set, query.Assign{Column: q.m.UpdatedAt.Column, Value: t})
		}
		return &query.Update{Table: q.m.Table, Set: set, Where: q.scope()}, nil, nil
	}
	return nil, &query.Delete{Table: q.m.Table, Where: q.scope()}, nil
}

// Restore brings back the matching soft-deleted rows and returns how many.
// Without a Where it refuses unless AllowGlobal was called.
func (q *Query[T]) Restore(ctx context.Context) (int64, error) {
	if q.err != nil {
		return 0, q.err
	}
	if q.m.DeletedAt == nil {
		return 0, fmt.Errorf("strata: Restore of %s: the model is not paranoid (it has no DeletedAt field)", q.m.Name)
	}
	if len(q.sel.Where) == 0 && !q.allowGlobal {
		return 0, fmt.Errorf("strata: restore of %s: %w", q.m.Name, ErrMissingWhere)
	}
	where := append(q.sel.Where[:len(q.sel.Where):len(q.sel.Where)], query.NotNull(q.m.DeletedAt.Column))
	return q.run(ctx, &query.Update{Table: q.m.Table, Set: []query.Assign{{Column: q.m.DeletedAt.Column, Value: nil}}, Where: where})
}
