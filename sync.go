package strata

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/schema"
)

// Sync creates the tables of the registered models (WithModels) that do
// not exist yet, with the foreign keys their associations declare (and
// the join tables of belongsToMany associations through a table name), a
// referenced table before the tables that point at it, otherwise in
// registration order; with Force() it drops them first, in reverse order
// (db.Sync(ctx, strata.Force())). It is for development and tests:
// migrations are how a real database changes, and Sync never alters an
// existing table.
func (db *DB) Sync(ctx context.Context, opts ...SyncOption) error {
	var o syncOpts
	for i, f := range opts {
		if f == nil {
			return nilOption("Sync", i)
		}
		if err := f.applySync(&o); err != nil {
			return err
		}
	}
	models, err := createOrder(db.reg.Models())
	if err != nil {
		return err
	}
	if len(models) == 0 {
		return fmt.Errorf("strata: Sync: no models registered; pass them with strata.WithModels")
	}
	live, err := db.d.Inspect(ctx, db.sql)
	if err != nil {
		return fmt.Errorf("strata: Sync: inspect the database: %w", err)
	}
	cur := live.Clone()
	if cur == nil {
		cur = &schema.Database{}
	}
	apply := func(op ddl.Op) error {
		stmts, err := db.d.Render(op, cur)
		if err != nil {
			return fmt.Errorf("strata: Sync: %s: %w", op, err)
		}
		if err := dialect.ExecAllObserved(ctx, db.sql, db.d, stmts, db.observer()); err != nil {
			return fmt.Errorf("strata: Sync: %s: %w", op, err)
		}
		return op.Apply(cur)
	}
	if o.force {
		for _, m := range slices.Backward(models) {
			if cur.Table(m.Table) != nil {
				if err := apply(ddl.DropTable(m.Table).WithCascade()); err != nil {
					return err
				}
			}
		}
	}
	for _, m := range models {
		if cur.Table(m.Table) != nil {
			continue
		}
		op, err := m.CreateTable()
		if err != nil {
			return fmt.Errorf("strata: Sync: %w", err)
		}
		if err := apply(op); err != nil {
			return err
		}
	}
	return nil
}

// observer reports the statements of a dialect.ExecAllObserved to the
// query hooks, around their execution as every other statement: with its
// start, duration, rows affected and error. It is nil without hooks.
func (db *DB) observer() dialect.Observer {
	if len(db.qhooks) == 0 {
		return nil
	}
	return func(ctx context.Context, s dialect.Stmt, inTx bool) (context.Context, func(sql.Result, error)) {
		ev := &QueryEvent{SQL: s.SQL, Args: s.Args, Start: time.Now(), InTx: inTx}
		ctx = db.beforeQuery(ctx, ev)
		return ctx, func(res sql.Result, err error) {
			if res != nil {
				if n, e := res.RowsAffected(); e == nil {
					ev.RowsAffected = n
				}
			}
			ev.Err = err
			db.afterQuery(ctx, ev)
		}
	}
}

// createOrder sorts models so that every table comes after the tables its
// foreign keys point at, keeping registration order otherwise.
func createOrder(models []*model.Model) ([]*model.Model, error) {
	byTable := map[string]*model.Model{}
	for _, m := range models {
		byTable[m.Table] = m
	}
	done := map[*model.Model]bool{}
	var out []*model.Model
	for len(out) < len(models) {
		progress := false
		for _, m := range models {
			if done[m] {
				continue
			}
			ready := true
			for _, fk := range m.ForeignKeys {
				if dep := byTable[fk.RefTable]; dep != nil && dep != m && !done[dep] {
					ready = false
				}
			}
			if ready {
				done[m] = true
				out = append(out, m)
				progress = true
			}
		}
		if !progress {
			var cycle []string
			for _, m := range models {
				if !done[m] {
					cycle = append(cycle, m.Table)
				}
			}
			return nil, fmt.Errorf("strata: Sync: the foreign keys of %s form a cycle, so no table can be created first; declare one of the associations with strata.Constraints(false) and add its foreign key in a migration", strings.Join(cycle, ", "))
		}
	}
	return out, nil
}
