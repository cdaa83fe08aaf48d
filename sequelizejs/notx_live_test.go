package sequelizejs_test

import (
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/sequelizejs"
)

// TestRawNoTxApplies: testdata/notx runs raw SQL that works only outside a
// transaction, as sequelize-cli runs it (SQLite's PRAGMA foreign_keys =
// OFF around a hand-made rebuild of a referenced table, PostgreSQL's
// CREATE INDEX CONCURRENTLY): the recording is NoTx, and migrate runs it
// statement by statement and records it applied; the same migration in a
// transaction fails on PostgreSQL and SQLite and records nothing.
func TestRawNoTxApplies(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := t.Context()
		recs, err := sequelizejs.RecordDir("testdata/notx", sequelizejs.RecordOptions{Dialect: tg.Dialect.Name(), Env: map[string]string{}})
		if err != nil {
			t.Fatal(err)
		}
		raw := tg.Dialect.Name() != "mysql"
		if len(recs) != 2 || recs[0].NoTx || recs[1].NoTx != raw {
			t.Fatalf("recorded NoTx: %v, %v; want false, %v", recs[0].NoTx, recs[1].NoTx, raw)
		}
		reg := func(noTx bool) migrate.Registry {
			var reg migrate.Registry
			for i, r := range recs {
				reg = append(reg, migrate.Migration{Name: r.Name, Imported: true, Up: r.Up, Down: r.Down, NoTx: r.NoTx && (i == 0 || noTx)})
			}
			return reg
		}
		if raw {
			m, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(reg(false)))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := m.Up(ctx); err == nil {
				t.Fatal("the raw statements ran in a transaction without failing: the test shows nothing")
			}
		}
		var stmts, starts int
		obs := func(e migrate.Event) {
			switch {
			case e.Kind == migrate.MigrationStart && e.Name == recs[1].Name && (e.NoTx || !raw):
				starts++
			case e.Kind == migrate.Statement && e.Name == recs[1].Name:
				stmts++
			}
		}
		m, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(reg(true)), migrate.WithObserver(obs))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"sqlite": 6, "postgres": 1, "mysql": 1}[tg.Dialect.Name()]
		if starts != 1 || stmts != want {
			t.Errorf("%d no-transaction starts and %d statements, want 1 and %d", starts, stmts, want)
		}
		st, err := m.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, ms := range st.Migrations {
			if ms.State != migrate.StateApplied {
				t.Errorf("%s is %s", ms.Name, ms.State)
			}
		}
		if n := tg.Count(t, "users"); n != 1 {
			t.Errorf("%d users after the rebuild, want 1", n)
		}
		if n := tg.Count(t, "teams"); n != 1 {
			t.Errorf("%d teams after the rebuild, want 1", n)
		}
		if _, err := m.UndoAll(ctx); err != nil {
			t.Fatal(err)
		}
	})
}
