package cli

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// TestReliabilityProductionGuard is RELIABILITY scenario 26: in the
// production environment (STRATA_ENV or --env) db:migrate:undo:all,
// db:seed:undo:all and db:drop exit non-zero naming --yes-really, and
// nothing is executed: tables, rows and both state tables are unchanged.
// With --yes-really the undo commands run.
func TestReliabilityProductionGuard(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		p := newProject(t)
		p.write("config/config.json", fmt.Sprintf(`{"production": {"url": %q}}`, tg.URL))
		p.write("seeders/.keep", "")
		sqlMigration(p, "20261126184501-c1", "CREATE TABLE c1 (id INTEGER PRIMARY KEY, note VARCHAR(20));\nINSERT INTO c1 (id, note) VALUES (1, 'kept');", "DROP TABLE c1;")
		sqlMigration(p, "20261126184502-c2", "CREATE TABLE c2 (id INTEGER PRIMARY KEY);", "DROP TABLE c2;")
		p.write("seeders/20261126190000-s1.sql", "-- strata:up\nINSERT INTO c1 (id, note) VALUES (2, 'seeded');\n-- strata:down\nDELETE FROM c1 WHERE id = 2;\n")
		p.env["STRATA_ENV"] = "production"
		p.ok("db:migrate")
		p.ok("db:seed:all")
		snapshot := func() string {
			t.Helper()
			var b strings.Builder
			for _, q := range []string{
				"SELECT " + tg.Dialect.Quote("name") + " FROM " + tg.Dialect.Quote("SequelizeMeta") + " ORDER BY 1",
				"SELECT " + tg.Dialect.Quote("name") + " FROM " + tg.Dialect.Quote("SequelizeData") + " ORDER BY 1",
				"SELECT note FROM c1 ORDER BY id",
				"SELECT COUNT(*) FROM c2",
			} {
				fmt.Fprintf(&b, "%s: %v\n", q, column(t, tg.DB, q))
			}
			return b.String()
		}
		before := snapshot()
		if !strings.Contains(before, "[kept seeded]") {
			t.Fatalf("setup: %s", before)
		}
		refusals := 0
		for _, c := range []struct {
			args []string
			want string
		}{
			{[]string{"db:migrate:undo:all"}, "refusing to revert every migration in the production environment"},
			{[]string{"db:seed:undo:all"}, "refusing to delete every seeder's data in the production environment"},
			{[]string{"db:drop"}, "refusing to drop the database in the production environment"},
		} {
			for _, how := range []string{"STRATA_ENV", "--env"} {
				args := c.args
				if how == "--env" {
					delete(p.env, "STRATA_ENV")
					args = append(slices.Clone(args), "--env", "production")
				}
				p.fails(args, c.want, "--yes-really")
				p.env["STRATA_ENV"] = "production"
				refusals++
				if after := snapshot(); after != before {
					t.Errorf("%v (%s) changed the database:\nbefore %s\nafter %s", c.args, how, before, after)
				}
			}
		}
		p.ok("db:seed:undo:all", "--yes-really")
		if got := column(t, tg.DB, "SELECT note FROM c1 ORDER BY id"); !slices.Equal(got, []string{"kept"}) {
			t.Errorf("after db:seed:undo:all --yes-really: %v, want [kept]", got)
		}
		p.ok("db:migrate:undo:all", "--yes-really")
		if got := column(t, tg.DB, "SELECT "+tg.Dialect.Quote("name")+" FROM "+tg.Dialect.Quote("SequelizeMeta")); len(got) != 0 {
			t.Errorf("after db:migrate:undo:all --yes-really: state %v", got)
		}
		t.Logf("figure: %d destructive commands in production refused naming --yes-really, database unchanged each time; with --yes-really both undo commands ran", refusals)
	})
}
