package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/strata-orm/strata/drift"
	"github.com/strata-orm/strata/gen"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/sequelizejs"
)

// migration:import converts a sequelize-cli history to Go: every
// migration and seeder file is recorded (package sequelizejs) and written
// as a Go file of the same name (gen.ImportedMigration) into strata's
// migrations and seeders packages, so SequelizeMeta's rows keep matching
// and the checksum of each is the one the file had when db:migrate ran it
// directly. A file that could not be recorded becomes a skeleton that
// fails until a person ports it. The originals are moved into a
// sequelize-cli/ folder beside them, which no command loads (a name
// defined twice is refused), unless --keep-js.

// jsArchive is the folder, inside a migrations or seeders folder, that
// migration:import moves the JavaScript originals into.
const jsArchive = "sequelize-cli"

// importPart is one history migration:import converts.
type importPart struct {
	what     string // "migration", "seeder"
	pkg      string // the Go package
	from, to string // the JavaScript folder and the Go one
}

// importOutcome is what migration:import did with one history.
type importOutcome struct {
	part      importPart
	converted []string
	skeletons []*sequelizejs.Recorded
	failed    []string
	warnings  []string
	written   []string // Go files
	moved     []string // originals moved into the archive
	ignored   []string // .mjs/.mts files, which sequelize-cli does not run
	downs     []string // migrations whose down does not undo their up
}

func runMigrationImport(ctx context.Context, r *run) error {
	dialectName, err := r.importDialect()
	if err != nil {
		return err
	}
	parts := []importPart{{"migration", "migrations", r.importPath("from", "migrations-path"), r.importPath("out", "migrations-path")}}
	if seeds := r.importPath("seeders", "seeders-path"); r.flags.set["seeders"] || len(jsFiles(seeds)) > 0 {
		parts = append(parts, importPart{"seeder", "seeders", seeds, r.path("seeders-path")})
	}
	if len(jsFiles(parts[0].from)) == 0 {
		return fmt.Errorf("no sequelize-cli migrations in %s (%s files; sequelize-cli runs no .mjs): pass --from with the folder that holds them", r.rel(parts[0].from), strings.Join(jsExts, ", "))
	}
	var outcomes []*importOutcome
	failed := false
	for _, p := range parts {
		o, err := r.importHistory(p, dialectName)
		if err != nil {
			return err
		}
		outcomes = append(outcomes, o)
		failed = failed || len(o.failed) > 0
	}
	r.printImport(outcomes, dialectName)
	if failed {
		return exitCode(1)
	}
	return nil
}

// importDialect is --dialect, else the configured environment's dialect.
func (r *run) importDialect() (string, error) {
	if d := r.flags.str("dialect"); d != "" {
		switch d {
		case "postgres", "mysql", "sqlite":
			return d, nil
		case "mariadb":
			return "mysql", nil
		case "postgresql":
			return "postgres", nil
		}
		return "", fmt.Errorf("--dialect %q is not one strata records for: give postgres, mysql (also MariaDB) or sqlite", d)
	}
	t, err := r.resolve()
	if err != nil {
		return "", fmt.Errorf("the migrations are recorded for a dialect, and none is configured (%v): pass --dialect postgres, mysql or sqlite", err)
	}
	return t.dialect.Name(), nil
}

// importPath is the folder flag names, else the path flag def names.
func (r *run) importPath(flagName, def string) string {
	if r.flags.str(flagName) != "" {
		return r.path(flagName)
	}
	return r.path(def)
}

// importHistory records one folder and writes its Go files. Every file is
// written before any original is moved, and nothing is overwritten
// without --force.
func (r *run) importHistory(p importPart, dialectName string) (*importOutcome, error) {
	o := &importOutcome{part: p, ignored: esModules(p.from)}
	js, err := r.recordJS(p.from, dialectName, p.what == "seeder")
	if err != nil {
		return nil, fmt.Errorf("record the %ss in %s: %w", p.what, r.rel(p.from), err)
	}
	if p.what == "migration" && r.flags.set["from"] {
		// The seeders run on the history of --from, not on the migrations
		// folder's.
		r.seedSchema = js.schema
	}
	if err := os.MkdirAll(p.to, 0o755); err != nil {
		return nil, err
	}
	registry := filepath.Join(p.to, p.pkg+".go")
	if !fileExists(registry) {
		src, err := gen.RegistryFile(p.pkg, p.pkg)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(registry, src, 0o644); err != nil {
			return nil, err
		}
		o.written = append(o.written, registry)
	}
	force := r.flags.bool("force")
	for _, rec := range js.recs {
		src, err := gen.ImportedMigration(p.pkg, importedFile(rec, r.relTo(rec.File, p.from)))
		if err != nil {
			o.failed = append(o.failed, fmt.Sprintf("%s: %v", rec.File, err))
			continue
		}
		path := filepath.Join(p.to, rec.Name+".go")
		if err := r.writeFile(path, src, force); err != nil {
			o.failed = append(o.failed, fmt.Sprintf("%s: %v", rec.File, err))
			continue
		}
		o.written = append(o.written, path)
		for _, w := range rec.Warnings {
			o.warnings = append(o.warnings, fmt.Sprintf("%s: %s, line %d: %s", r.rel(rec.File), w.Direction, w.Line, w.Message))
		}
		if rec.Complete() {
			o.converted = append(o.converted, rec.File)
		} else {
			o.skeletons = append(o.skeletons, rec)
		}
	}
	if p.what == "migration" {
		o.downs = r.checkDowns(js.recs, dialectName)
	}
	if r.flags.bool("keep-js") || len(o.failed) > 0 {
		return o, nil
	}
	archive := filepath.Join(p.from, jsArchive)
	for _, rec := range js.recs {
		if err := os.MkdirAll(archive, 0o755); err != nil {
			return nil, err
		}
		dst := filepath.Join(archive, filepath.Base(rec.File))
		if err := os.Rename(rec.File, dst); err != nil {
			return nil, fmt.Errorf("move %s into %s (so that it is not loaded beside its Go file): %w", r.rel(rec.File), r.rel(archive), err)
		}
		o.moved = append(o.moved, dst)
	}
	return o, nil
}

// checkDowns lists the recorded migrations whose down does not give back
// the schema before their up (sequelize-cli never checks), replayed
// offline for the dialect.
func (r *run) checkDowns(recs []*sequelizejs.Recorded, dialectName string) []string {
	probs, err := drift.CheckDowns(dialectNamed(dialectName), migrate.WithGo(sequelizejs.Registry(recs)))
	if err != nil {
		return []string{fmt.Sprintf("the downs could not be checked: %v", err)}
	}
	out := make([]string, len(probs))
	for i, p := range probs {
		out[i] = p.String()
	}
	return out
}

// importedFile is rec as gen writes it, its file named as file.
func importedFile(rec *sequelizejs.Recorded, file string) gen.ImportedFile {
	f := gen.ImportedFile{Name: rec.Name, File: file, Source: rec.Source, Up: rec.Up, Down: rec.Down, NoTx: rec.NoTx}
	for _, p := range rec.Problems {
		f.Problems = append(f.Problems, gen.ImportProblem{Direction: p.Direction, Line: p.Line, Construct: p.Construct, Reason: p.Reason})
	}
	for _, w := range rec.Warnings {
		f.Warnings = append(f.Warnings, fmt.Sprintf("%s, line %d: %s", w.Direction, w.Line, w.Message))
	}
	return f
}

// relTo names path from the project: folder/name when it is in folder.
func (r *run) relTo(path, folder string) string {
	if rel, err := filepath.Rel(r.dir(), path); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(filepath.Join(filepath.Base(folder), filepath.Base(path)))
}

// printImport prints the summary of migration:import.
func (r *run) printImport(outcomes []*importOutcome, dialectName string) {
	for _, o := range outcomes {
		n := len(o.converted) + len(o.skeletons) + len(o.failed)
		r.printf("%ss from %s (recorded for %s): %d file%s\n", capitalize(o.part.what), r.rel(o.part.from), dialectName, n, plural(n))
		r.printf("  converted fully: %d\n", len(o.converted))
		r.printf("  skeletons (fail until ported): %d\n", len(o.skeletons))
		for _, rec := range o.skeletons {
			for _, p := range rec.Problems {
				r.printf("    - %s: %s, line %d: %s\n", r.rel(rec.File), p.Direction, p.Line, p.Reason)
			}
		}
		r.printf("  failed: %d\n", len(o.failed))
		for _, f := range o.failed {
			r.printf("    - %s\n", f)
		}
		for _, f := range o.ignored {
			r.printf("  ignored %s: sequelize-cli 6.6.5 does not run .mjs and .mts files, so neither does strata\n", r.rel(f))
		}
		if len(o.warnings) > 0 {
			r.printf("  warnings (recorded as the team's database accepted them): %d\n", len(o.warnings))
			for _, w := range o.warnings {
				r.printf("    - %s\n", w)
			}
		}
		if o.part.what == "migration" {
			r.printf("  downs that do not undo their up: %d\n", len(o.downs))
			for _, d := range o.downs {
				r.printf("    - %s\n", d)
			}
		}
		if len(o.written) > 0 {
			r.printf("  wrote %d Go file%s into %s\n", len(o.written), plural(len(o.written)), r.rel(o.part.to))
		}
		switch {
		case len(o.moved) > 0:
			r.printf("  moved the originals into %s (no command loads that folder)\n", r.rel(filepath.Join(o.part.from, jsArchive)))
		case len(o.failed) > 0:
			r.printf("  left the originals in place: fix what failed and run again with --force\n")
		default:
			r.printf("  left the originals in place (--keep-js): remove them before db:migrate, which refuses a migration defined twice\n")
		}
	}
	var skeletons int
	for _, o := range outcomes {
		skeletons += len(o.skeletons)
	}
	if skeletons > 0 {
		r.printf("\nPort the skeletons before db:migrate reaches them: each file says what could not be recorded and holds the original source.\n")
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
