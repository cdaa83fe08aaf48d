package cli

import (
	"encoding/json"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/lint"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// migration:lint exits 1 on an error no allow silences and 0 once the
// migration allows it with a reason; db:migrate prints the finding as a
// warning and applies the migration all the same.
func TestMigrationLint(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		p := newProject(t)
		p.write("migrations/.keep", "")
		reg := migrate.Registry{
			{Name: "20261126184503-tracks", Up: []ddl.Op{
				ddl.CreateTable("tracks", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("name", schema.String(200))),
				ddl.BulkInsert("tracks", ddl.Row{"id": 1, "name": "So What"}),
			}, Down: []ddl.Op{ddl.DropTable("tracks")}},
			{Name: "20261126184506-drop-name", Up: []ddl.Op{ddl.RemoveColumn("tracks", "name")}},
		}
		db := func(args ...string) []string { return append(args, "--url", tg.URL) }
		if r := p.runLinked(&Linked{Migrations: reg}, db("db:migrate", "--to", "20261126184503-tracks")...); r.code != 0 {
			t.Fatalf("db:migrate --to: %s", r)
		}
		r := p.runLinked(&Linked{Migrations: reg}, db("migration:lint")...)
		if r.code != 1 {
			t.Fatalf("migration:lint over a dropped column exited %d, want 1: %s", r.code, r)
		}
		contains(t, "migration:lint", r.stdout, "20261126184506-drop-name\n", "L002 error  dropping column tracks.name deletes its values")
		contains(t, "migration:lint", r.stderr, "migration:lint: 1 errors")

		r = p.runLinked(&Linked{Migrations: reg}, db("migration:lint", "--json")...)
		var out struct {
			Findings []lintJSON `json:"findings"`
			Blocking int        `json:"blocking"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
			t.Fatalf("--json: %v: %s", err, r)
		}
		if r.code != 1 || out.Blocking != 1 || len(out.Findings) != 1 || out.Findings[0].Rule != "L002" || out.Findings[0].Op != `removeColumn "tracks"."name"` {
			t.Errorf("--json: %+v, exit %d", out, r.code)
		}

		allowed := append(migrate.Registry{}, reg...)
		allowed[1].Lint = []lint.Allow{{Rule: "L002", Reason: "no version reads tracks.name"}}
		if r := p.runLinked(&Linked{Migrations: allowed}, db("migration:lint")...); r.code != 0 {
			t.Fatalf("migration:lint with the rule allowed: %s", r)
		} else {
			contains(t, "migration:lint", r.stdout, "allowed: no version reads tracks.name")
		}

		r = p.runLinked(&Linked{Migrations: reg}, db("db:migrate")...)
		if r.code != 0 {
			t.Fatalf("db:migrate with a lint finding: %s", r)
		}
		contains(t, "db:migrate", r.stdout, "WARNING: L002 dropping column tracks.name deletes its values", "== 20261126184506-drop-name: migrated")
		if r := p.runLinked(&Linked{Migrations: reg}, db("migration:lint")...); r.code != 0 {
			t.Fatalf("migration:lint with nothing pending: %s", r)
		}
	})
}
