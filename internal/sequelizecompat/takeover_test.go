package sequelizecompat_test

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/internal/sequelizecompat"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// asSequelizeCLILeftIt makes tg the database sequelize-cli leaves after
// db:migrate of history: with the real sequelize-cli when
// STRATA_SEQUELIZE_CLI names it; otherwise from the recording, by applying
// the converted history and then putting in place of strata's state table
// the SequelizeMeta sequelize-cli writes (one name column) with the
// recorded rows. It returns how it was made.
func asSequelizeCLILeftIt(t *testing.T, history string, tg *dialecttest.Target, reg migrate.Registry) string {
	t.Helper()
	if cli := os.Getenv(EnvCLI); cli != "" {
		if out, err := runCLI(t, cli, history, tg, "db:migrate"); err != nil {
			t.Fatalf("sequelize-cli db:migrate: %v\n%s", err, out)
		}
		return "sequelize-cli " + cli
	}
	ctx := testCtx(t)
	m, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(reg))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Up(ctx); err != nil {
		if gaps(t, "takeover/shared/"+tg.Dialect.Name(), []string{"building the database sequelize-cli leaves from the converted history: " + err.Error()}, false) {
			t.SkipNow()
		}
		t.FailNow()
	}
	q := tg.Dialect.Quote
	for _, stmt := range []string{
		"DROP TABLE " + q("SequelizeMeta"),
		"CREATE TABLE " + q("SequelizeMeta") + " (" + q("name") + " VARCHAR(255) NOT NULL UNIQUE, PRIMARY KEY (" + q("name") + "))",
	} {
		if _, err := tg.DB.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	for _, name := range load(t, history, tg.Dialect.Name(), "migrate").SequelizeMeta {
		if _, err := tg.DB.ExecContext(ctx, "INSERT INTO "+q("SequelizeMeta")+" ("+q("name")+") VALUES ('"+name+"')"); err != nil {
			t.Fatal(err)
		}
	}
	return "the recording (set " + EnvCLI + " to run sequelize-cli)"
}

// TestTakeover: a database migrated by sequelize-cli with the original
// files, then taken over by strata with the converted history: status
// shows every migration applied, Up runs nothing and changes nothing, and
// the next new migration applies.
func TestTakeover(t *testing.T) {
	eachDialect(t, histories["shared"], func(t *testing.T, s dbtest.Server) {
		ctx := testCtx(t)
		reg, _ := registry(record(t, "shared", s.Dialect.Name()))
		tg := dialecttest.Fresh(t, s.Dialect, s.URL)
		t.Logf("the database is made by %s", asSequelizeCLILeftIt(t, "shared", tg, reg))
		before, err := sequelizecompat.Dump(ctx, tg.DB, tg.Dialect)
		if err != nil {
			t.Fatal(err)
		}

		m, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(reg))
		if err != nil {
			t.Fatal(err)
		}
		st, err := m.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Err(); err != nil {
			t.Errorf("status reports problems: %v", err)
		}
		if p := st.Pending(); len(p) != 0 {
			t.Errorf("status shows pending migrations after sequelize-cli applied them all: %v", p)
		}
		applied := 0
		for _, ms := range st.Migrations {
			if ms.State == migrate.StateApplied && ms.Kind == migrate.KindGo {
				applied++
			}
		}
		if applied != len(reg) {
			t.Errorf("status shows %d converted migrations applied, want all %d", applied, len(reg))
		}
		res, err := m.Up(ctx)
		if err != nil || len(res) != 0 {
			t.Fatalf("Up on the taken-over database ran %d migrations (%v); want none", len(res), err)
		}
		after, err := sequelizecompat.Dump(ctx, tg.DB, tg.Dialect)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(before, after); diff != "" {
			t.Errorf("Up with nothing pending changed the database (-before +after):\n%s", diff)
		}

		next := append(migrate.Registry{}, reg...)
		next = append(next, migrate.Migration{
			Name: "20260101000000-add-teams-plan",
			Up:   []ddl.Op{ddl.AddColumn("teams", ddl.Column("plan", schema.String(20)))},
			Down: []ddl.Op{ddl.RemoveColumn("teams", "plan")},
		})
		m, err = migrate.New(tg.DB, tg.Dialect, migrate.WithGo(next))
		if err != nil {
			t.Fatal(err)
		}
		res, err = m.Up(ctx)
		if err != nil {
			if !gaps(t, "takeover/shared/"+s.Dialect.Name(), []string{"the next new migration does not apply: " + err.Error()}, false) {
				t.FailNow()
			}
			m, err = migrate.New(tg.DB, tg.Dialect, migrate.WithGo(next), migrate.WithAllowOutOfOrder())
			if err != nil {
				t.Fatal(err)
			}
			if res, err = m.Up(ctx); err != nil {
				t.Fatalf("the next new migration does not apply out of order either: %v", err)
			}
		}
		if len(res) != 1 || res[0].Name != "20260101000000-add-teams-plan" {
			t.Fatalf("Up ran %+v; want the new migration alone", res)
		}
		if c := tg.Inspect(t).Table("teams").Column("plan"); c == nil {
			t.Errorf("teams.plan is not there after the new migration")
		}
		st, err = m.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if p := st.Pending(); len(p) != 0 {
			t.Errorf("pending after the new migration: %v", p)
		}
	})
}
