package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
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
		r = p.ok(db("db:migrate:status")...) // status reports problems and exits 0
		contains(t, "db:migrate:status", r.stdout, "down 20261126184504-late (pending, but older than the last applied)\n", "20261126184504-late is pending but sorts before")
		// Applying it by name is on purpose.
		r = p.ok(db("db:migrate", "--name", "20261126184504-late")...)
		contains(t, "db:migrate --name late", r.stdout, "== 20261126184504-late: migrated (")
		p.ok(db("db:migrate:status")...)
	})
}

// runLinked runs strata in the project directory, in process, as the
// build made for a project with these Go migrations runs.
func (p *project) runLinked(l *Linked, args ...string) result {
	p.t.Helper()
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	code := Run(ctx, args, IO{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb}, Options{
		Dir: p.dir, Linked: l, Now: func() time.Time { return p.now },
		Getenv: func(k string) string {
			switch k {
			case "STRATA_ENV", "NODE_ENV", "DATABASE_URL":
				return ""
			}
			return os.Getenv(k)
		},
	})
	return result{out.String(), errb.String(), code}
}

// TestMigrateNarrowing is issue 12 defect 4 from the command line: the dry
// run shows the check a narrowing changeColumn runs first and says what it
// does; db:migrate refuses the change over a value that does not fit,
// naming the table, the column, how many rows and the fix, the same on
// every database, and leaves the migration pending with no problem.
func TestMigrateNarrowing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		p := newProject(t)
		p.write("migrations/.keep", "")
		l := &Linked{Migrations: migrate.Registry{
			{Name: "20261126184503-tracks", Up: []ddl.Op{
				ddl.CreateTable("tracks", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("name", schema.String(200))),
				ddl.BulkInsert("tracks", ddl.Row{"id": 1, "name": "So What"}, ddl.Row{"id": 2, "name": strings.Repeat("long ", 12)}),
			}, Down: []ddl.Op{ddl.DropTable("tracks")}},
			{Name: "20261126184506-narrow", Up: []ddl.Op{ddl.ChangeColumn("tracks", ddl.Column("name", schema.String(50)))},
				Down: []ddl.Op{ddl.ChangeColumn("tracks", ddl.Column("name", schema.String(200)))}},
		}}
		db := func(args ...string) []string { return append(args, "--url", tg.URL) }
		if r := p.runLinked(l, db("db:migrate", "--to", "20261126184503-tracks")...); r.code != 0 {
			t.Fatalf("db:migrate --to: %s", r)
		}
		r := p.runLinked(l, db("db:migrate", "--dry-run")...)
		check := `-- check: the migration stops here, changing nothing, if a row of "tracks"."name" holds a value that is longer than 50 characters` + "\n"
		if tg.Dialect.Name() == "postgres" {
			check += `LOCK TABLE "tracks" IN SHARE ROW EXCLUSIVE MODE;` + "\n" // no writer between the count and the change
		}
		contains(t, "db:migrate --dry-run", r.stdout, check+"SELECT COUNT(*) FROM ")
		r = p.runLinked(l, db("db:migrate")...)
		if r.code == 0 {
			t.Fatalf("db:migrate succeeded over a name of 60 characters: %s", r)
		}
		contains(t, "db:migrate", r.stderr, `changing "tracks"."name" from STRING(200) to STRING(50) would lose data: 1 row holds a value that is longer than 50 characters; nothing was changed: update or delete those rows first`,
			"the schema and the migration state are as before it")
		r = p.runLinked(l, db("db:migrate:status")...)
		if r.code != 0 {
			t.Fatalf("db:migrate:status after the refused change: %s", r)
		}
		contains(t, "db:migrate:status", r.stdout, "up 20261126184503-tracks\n", "down 20261126184506-narrow\n")
	})
}
