package drift_test

import (
	"context"
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/drift"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
)

// TestBaselineIsClean: on each dialect, a database made by hand,
// baselined and the baseline recorded as applied, is in step with its
// history: Check finds no difference.
func TestBaselineIsClean(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := context.Background()
		tg.Exec(t, "CREATE TABLE teams (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL UNIQUE, size INTEGER DEFAULT 5 CHECK (size > 0))")
		tg.Exec(t, "CREATE TABLE players (id INTEGER PRIMARY KEY, team_id INTEGER REFERENCES teams (id) ON DELETE CASCADE, nick VARCHAR(20), born DATE)")
		tg.Exec(t, "CREATE INDEX players_nick ON players (nick)")
		tg.Exec(t, "CREATE TABLE pairs (a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a, b))")
		p := drift.Project{Dialect: tg.Dialect, DB: tg.DB}
		up, down, err := drift.Baseline(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		p.Migrations = []migrate.Option{migrate.WithGo(migrate.Registry{{Name: "20260101000000-baseline", Up: up, Down: down}})}
		m, err := migrate.New(tg.DB, tg.Dialect, p.Migrations...)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Repair(ctx, "20260101000000-baseline", migrate.MarkApplied); err != nil {
			t.Fatal(err)
		}
		rep, err := drift.Check(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Clean() {
			t.Errorf("Check right after the baseline:\n%s", rep)
		}
	})
}
