package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// TestMigrateByNameThenAll is issue 12 defect 10: `db:migrate --name X` on
// a migration that is not next, as sequelize-cli users do, leaves the
// older pending ones pending on purpose: status shows them without a
// problem, and a plain `db:migrate` applies them without
// --allow-out-of-order. A migration that appears later and sorts before
// an applied one (merged from a branch) is still out of order.
func TestMigrateByNameThenAll(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		p := newProject(t)
		db := func(args ...string) []string { return append(args, "--url", tg.URL) }
		sql := func(table string) string {
			return "-- strata:up\nCREATE TABLE " + table + " (id INTEGER PRIMARY KEY);\n-- strata:down\nDROP TABLE " + table + ";\n"
		}
		p.write("migrations/20261126184503-a.sql", sql("a"))
		p.write("migrations/20261126184506-b.sql", sql("b"))
		p.write("migrations/20261126184508-c.sql", sql("c"))

		r := p.ok(db("db:migrate", "--name", "20261126184508-c")...)
		contains(t, "db:migrate --name", r.stdout, "== 20261126184508-c: migrated (")
		if strings.Contains(r.stdout, "-a:") || strings.Contains(r.stdout, "-b:") {
			t.Errorf("db:migrate --name ran more than c:\n%s", r)
		}
		r = p.ok(db("db:migrate:status")...)
		contains(t, "db:migrate:status", r.stdout, "down 20261126184503-a (skipped; db:migrate applies it)\n",
			"down 20261126184506-b (skipped; db:migrate applies it)\n", "up 20261126184508-c\n")
		r = p.ok(db("db:migrate:status", "--json")...)
		var st struct {
			Migrations []struct {
				Name    string `json:"name"`
				State   string `json:"state"`
				Skipped bool   `json:"skipped"`
			} `json:"migrations"`
			Problems []string `json:"problems"`
		}
		if err := json.Unmarshal([]byte(r.stdout[strings.Index(r.stdout, "{"):]), &st); err != nil { // after the banner
			t.Fatalf("status --json: %v\n%s", err, r)
		}
		if len(st.Migrations) != 3 || !st.Migrations[0].Skipped || !st.Migrations[1].Skipped || st.Migrations[2].Skipped || len(st.Problems) != 0 {
			t.Errorf("status --json: %+v", st)
		}
		r = p.ok(db("db:migrate", "--dry-run")...)
		contains(t, "db:migrate --dry-run", r.stdout, "== 20261126184503-a: would migrate", "== 20261126184506-b: would migrate")

		r = p.ok(db("db:migrate")...)
		contains(t, "db:migrate", r.stdout, "== 20261126184503-a: migrated (", "== 20261126184506-b: migrated (")
		r = p.ok(db("db:migrate:status")...)
		contains(t, "db:migrate:status", r.stdout, "up 20261126184503-a\n", "up 20261126184506-b\n", "up 20261126184508-c\n")

		// Merged from a branch: older than what is applied, and unknown when it was.
		p.write("migrations/20261126184504-late.sql", sql("late"))
		p.fails(db("db:migrate"), "20261126184504-late is pending but sorts before 20261126184508-c, which is already applied", "--allow-out-of-order")
		p.fails(db("db:migrate:status"), "20261126184504-late is pending but sorts before")
		// Applying it by name is on purpose.
		r = p.ok(db("db:migrate", "--name", "20261126184504-late")...)
		contains(t, "db:migrate --name late", r.stdout, "== 20261126184504-late: migrated (")
		p.ok(db("db:migrate:status")...)
	})
}
