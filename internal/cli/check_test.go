package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// TestCheckWithoutModels: right after init, whose models folder holds only
// the package's doc, db:check compares the history with the database (it
// has no models to compare) instead of failing for want of models.
func TestCheckWithoutModels(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		p := newProject(t)
		p.ok("init")
		r := p.run("db:check", "--url", tg.URL)
		if r.code != 0 {
			t.Fatalf("db:check on a project without models: %s", r)
		}
		contains(t, "db:check", r.stdout, "no models", "agree")
	})
}

// TestCheckMissingMigration: a migration the database ran and the folder no
// longer holds is a difference of db:check, with the command's repair.
func TestCheckMissingMigration(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		p := newProject(t)
		p.ok("init")
		p.write("migrations/20260101000000-create-notes.sql", "-- strata:up\nCREATE TABLE notes (id INTEGER PRIMARY KEY);\n-- strata:down\nDROP TABLE notes;\n")
		p.ok("db:migrate", "--url", tg.URL)
		if err := os.Remove(filepath.Join(p.dir, "migrations/20260101000000-create-notes.sql")); err != nil {
			t.Fatal(err)
		}
		r := p.run("db:check", "--url", tg.URL)
		if r.code != 1 {
			t.Fatalf("db:check with an applied migration gone: want exit 1: %s", r)
		}
		contains(t, "db:check", r.stdout, "20260101000000-create-notes is recorded as applied on the database and is not in the history", "db:migrate:repair")
	})
}

// TestCheckOfflineWithoutConfig: with no database configured, db:check
// --offline runs (the history needs no dialect when it has no .sql file),
// and with .sql migrations says how to give the dialect.
func TestCheckOfflineWithoutConfig(t *testing.T) {
	p := newProject(t)
	p.ok("init")
	if err := os.Remove(filepath.Join(p.dir, "config/config.json")); err != nil {
		t.Fatal(err)
	}
	if r := p.run("db:check", "--offline"); r.code != 0 {
		t.Fatalf("db:check --offline without a configuration: %s", r)
	}
	p.write("migrations/20260101000000-create-notes.sql", "-- strata:up\nCREATE TABLE notes (id INTEGER PRIMARY KEY);\n-- strata:down\nDROP TABLE notes;\n")
	p.fails([]string{"db:check", "--offline"}, "pass --url")
	p.fails([]string{"db:check"}, "pass --url")
}
