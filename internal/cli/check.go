package cli

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/strata-orm/strata/dialect/connect"
	"github.com/strata-orm/strata/drift"
	"github.com/strata-orm/strata/migrate"
)

// db:check: the models, the migration history and the live database
// compared two by two (package drift), each difference with the side that
// is behind and its fix; exit status 1 on any difference.

// project is what the drift commands compare: the models, the history and,
// unless offline, the database (which the caller closes).
func (r *run) project(ctx context.Context, needModels, offline bool) (drift.Project, *sql.DB, error) {
	var p drift.Project
	if needModels {
		ms, err := r.linkedModels()
		if err != nil {
			return p, nil, err
		}
		p.Models = ms
	}
	p.Dialects = connect.Dialects()
	t, err := r.resolve()
	dialectName := ""
	if err == nil {
		dialectName = t.dialect.Name()
	}
	var herr error
	if p.Migrations, herr = r.historySources(migrations, dialectName); herr != nil {
		return p, nil, herr
	}
	switch {
	case err != nil && offline:
		// No database and none asked for: the dialect is unknown too.
	case errors.Is(err, ErrNoConfig):
		r.printf("No database configured (%s, --url or DATABASE_URL): comparing the models with the migration history only.\n", r.flags.str("config"))
		offline = true
	case err != nil:
		return p, nil, err
	default:
		p.Dialect = t.dialect
		p.StateTables = []string{migrations.tableIn(t.env), seeders.tableIn(t.env)}
	}
	if offline && p.Dialect == nil && len(sqlFiles(r.path(migrations.flag))) > 0 {
		return p, nil, fmt.Errorf("the migrations in %s are .sql files, read in the database's syntax, and no database is configured to say which: pass --url (or set DATABASE_URL, or the environment's dialect in %s)", r.rel(r.path(migrations.flag)), r.flags.str("config"))
	}
	if offline {
		return p, nil, nil
	}
	db, err := r.open(ctx, t)
	if err != nil {
		return p, nil, err
	}
	p.DB = db
	return p, db, nil
}

// sqlFiles are the .sql files directly in dir.
func sqlFiles(dir string) []string {
	files, _ := filepath.Glob(filepath.Join(dir, "*.sql"))
	return files
}

// historySources are the migrations' sources, none when the folder does
// not exist.
func (r *run) historySources(h history, dialectName string) ([]migrate.Option, error) {
	if st, err := os.Stat(r.path(h.flag)); err != nil || !st.IsDir() {
		if r.opts.Linked != nil && len(h.linked(r.opts.Linked)) > 0 {
			return []migrate.Option{migrate.WithGo(h.linked(r.opts.Linked))}, nil
		}
		return nil, nil
	}
	return r.sources(h, dialectName)
}

func runDBCheck(ctx context.Context, r *run) error {
	p, db, err := r.project(ctx, r.hasModels(), r.flags.bool("offline"))
	if err != nil {
		return err
	}
	if db != nil {
		defer db.Close()
	}
	rep, err := drift.Check(ctx, p)
	if err != nil {
		return r.explain(err)
	}
	for i, d := range rep.Differences {
		if d.Problem != nil { // its remedies in the command's words
			rep.Differences[i].Fix = d.Problem.Explain(remedyText)
		}
	}
	if r.jsonOut != nil {
		enc := json.NewEncoder(r.jsonOut)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		r.printReport(rep)
	}
	if !rep.Clean() {
		return exitCode(1)
	}
	return nil
}

// printReport prints a drift report grouped by the sides compared.
func (r *run) printReport(rep *drift.Report) {
	for _, n := range rep.Notes {
		r.printf("Note: %s.\n", n)
	}
	if rep.Clean() {
		r.printf("The models, the migration history and the database agree.\n")
		return
	}
	var last [2]drift.Side
	for _, d := range rep.Differences {
		if d.Between != last {
			last = d.Between
			r.printf("\n%s ↔ %s:\n", d.Between[0], d.Between[1])
		}
		r.printf("  - %s\n    %s is behind: %s\n", d.Message, d.Behind, d.Fix)
		for _, g := range d.Go {
			r.printf("      %s\n", g)
		}
	}
	r.printf("\n%d difference%s.\n", len(rep.Differences), plural(len(rep.Differences)))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
