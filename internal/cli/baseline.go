package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/strata-orm/strata/drift"
	"github.com/strata-orm/strata/gen"
	"github.com/strata-orm/strata/migrate"
)

// migration:baseline writes a first migration that creates the live
// database's schema as it is, and records it as applied there, for a
// project whose database was not built by its migrations (sync(), a
// dump, by hand).

func runMigrationBaseline(ctx context.Context, r *run) error {
	p, db, err := r.project(ctx, false, false)
	if err != nil {
		return err
	}
	defer db.Close()
	if len(p.Migrations) > 0 {
		rep, err := migrate.Replay(p.Dialect, nil, p.Migrations...)
		if err != nil {
			return r.explain(err)
		}
		if n := len(rep.Migrations); n > 0 {
			return fmt.Errorf("%s already holds %d migration%s: a baseline starts a history. Move them out of the folder first (the baseline creates what they built; forget their records with strata db:migrate:repair --forget --name <name>), then run migration:baseline again", r.rel(r.path("migrations-path")), n, plural(n))
		}
	}
	up, down, err := drift.Baseline(ctx, p)
	if err != nil {
		return err
	}
	slug := r.flags.str("name")
	if slug == "" {
		slug = "baseline"
	}
	var name string
	path, err := r.writeMigration(slug, false, func(n string) ([]byte, error) {
		name = n
		return gen.OpsMigration(n, "Written by strata migration:baseline: the schema the database had when the history started.\nIt is recorded as applied there; on an empty database it creates that schema.", up, down)
	})
	if err != nil {
		return err
	}
	m, err := migrate.New(db, p.Dialect, migrate.WithGo(migrate.Registry{{Name: name, Up: up, Down: down}}), migrate.WithTable(p.StateTables[0]))
	if err != nil {
		return r.explain(err)
	}
	if err := m.Repair(ctx, name, migrate.MarkApplied); err != nil {
		os.Remove(path) // unrecorded, it would run on this database
		return r.explain(err)
	}
	r.printf("New migration was created at %s (%d operation%s) and recorded as applied on the database.\n", r.rel(path), len(up), plural(len(up)))
	return nil
}
