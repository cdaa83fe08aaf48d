package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/strata-orm/strata/gen"
)

// model:import writes Go models for a live database's tables (gen.ImportModels):
// a struct per table, with its associations inferred from the foreign keys.

func runModelImport(ctx context.Context, r *run) error {
	p, db, err := r.project(ctx, false, false)
	if err != nil {
		return err
	}
	defer db.Close()
	live, err := p.Dialect.Inspect(ctx, db, p.StateTables...)
	if err != nil {
		return err
	}
	state := p.StateTables
	// The schema as read, not Canonical's: that folds what means the same
	// (RESTRICT and NO ACTION, DEFAULT NULL and none) and drops the
	// domains and types, and the models are to make it again exactly.
	files, rep, err := gen.ImportModels(live, gen.ImportOptions{
		Package: "models",
		Tables:  r.flags.list("tables"),
		Skip:    func(t string) bool { return slices.Contains(state, t) },
	})
	if err != nil {
		return err
	}
	dir := r.path("models-path")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	// Every file is checked before any is written: an import that stops
	// half-way leaves models that do not build.
	force := r.flags.bool("force")
	skeleton, _ := gen.ModelsPackage()
	for _, n := range names {
		old, err := os.ReadFile(filepath.Join(dir, n))
		if err == nil && !force && !bytes.Equal(old, skeleton) { // init's models.go is replaced
			return fmt.Errorf("the file %s already exists; run model:import with --force to overwrite it, or --tables to import other tables", r.rel(filepath.Join(dir, n)))
		}
	}
	for _, n := range names {
		if err := writeAtomic(filepath.Join(dir, n), files[n]); err != nil {
			return err
		}
	}
	for _, n := range names {
		r.printf("Wrote %s\n", r.rel(filepath.Join(dir, n)))
	}
	for _, a := range rep.Associations {
		r.printf("  association %s\n", a)
	}
	for _, w := range rep.Warnings {
		r.printf("  warning: %s\n", w)
	}
	r.printf("Imported %d model%s with %d association%s from the database.\n", len(rep.Models), plural(len(rep.Models)), len(rep.Associations), plural(len(rep.Associations)))
	return nil
}
