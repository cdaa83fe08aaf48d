package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"

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
	// The record's checksum is the one the written file has once built:
	// the project's own build of strata records it, as
	// db:migrate:repair --mark-applied would.
	if err := r.markAppliedInBuild(ctx, name); err != nil {
		os.Remove(path) // unrecorded, it would run on this database
		return err
	}
	r.printf("New migration was created at %s (%d operation%s) and recorded as applied on the database.\n", r.rel(path), len(up), plural(len(up)))
	return nil
}

// markAppliedInBuild records migration name as applied by running
// db:migrate:repair --mark-applied in the project's build of strata,
// which holds the migration as its file says it.
func (r *run) markAppliedInBuild(ctx context.Context, name string) error {
	if _, err := exec.LookPath("go"); err != nil {
		return fmt.Errorf("a baseline is a Go migration, which needs the go command to build; install Go (https://go.dev/dl)")
	}
	bin, err := r.buildRunner(ctx, r.path("migrations-path"), r.path("seeders-path"))
	if err != nil {
		return err
	}
	args := []string{"db:migrate:repair", "--name", name, "--mark-applied"}
	for _, f := range baseFlags {
		if r.flags.set[f] {
			if p, ok := r.flags.strs[f]; ok {
				args = append(args, "--"+f, *p)
			} else if r.flags.bool(f) {
				args = append(args, "--"+f)
			}
		}
	}
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = r.cwd()
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.Env = append(os.Environ(), "STRATA_LINKED=1")
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("record %s as applied (strata %s): %v\n%s", name, strings.Join(args, " "), err, strings.TrimSpace(out.String()))
	}
	return nil
}
