package drift_test

import (
	"context"
	"strings"
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/drift"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
)

// TestHistoryProblems: on each dialect, a migration the database ran that
// the history no longer holds is reported as such (the history behind,
// with the repair that fixes it), not only as tables changed outside the
// migrations.
func TestHistoryProblems(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := context.Background()
		full := history(true)
		m, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(full))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		p := drift.Project{Migrations: []migrate.Option{migrate.WithGo(full[:2])}, Dialect: tg.Dialect, DB: tg.DB}
		rep, err := drift.Check(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, d := range rep.Differences {
			if d.Kind == drift.KindHistoryProblem && d.Name == "20260101000002-tags" {
				found = true
				if d.Behind != drift.SideHistory || d.Problem == nil || !strings.Contains(d.Fix, "Forget") {
					t.Errorf("the missing migration: %s (behind %s)", d, d.Behind)
				}
			}
		}
		if !found {
			t.Errorf("the migration the history lacks is not reported:\n%s", rep)
		}
	})
}
