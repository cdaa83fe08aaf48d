package cli

import (
	"context"
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
	files, rep, err := gen.ImportModels(p.Dialect.Canonical(live), gen.ImportOptions{
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
	force := r.flags.bool("force")
	for _, n := range names {
		if err := r.writeFile(filepath.Join(dir, n), files[n], force); err != nil {
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
