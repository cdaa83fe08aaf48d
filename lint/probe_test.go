package lint_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/lint"
	"github.com/strata-orm/strata/schema"
)

// big makes table "big" with 120,000 rows and refreshes the statistics.
func big(t *testing.T, tg *dialecttest.Target) {
	t.Helper()
	ctx := context.Background()
	apply(t, tg, ddl.CreateTable("big", ddl.Column("n", schema.Integer()).PrimaryKey()))
	digits := func(k int) string {
		var s []string
		for i := range k {
			s = append(s, fmt.Sprintf("SELECT %d AS d", i))
		}
		return "(" + strings.Join(s, " UNION ALL ") + ")"
	}
	insert := `INSERT INTO big (n) SELECT a.d + 10*b.d + 100*c.d + 1000*e.d + 10000*f.d FROM ` +
		digits(10) + ` a, ` + digits(10) + ` b, ` + digits(10) + ` c, ` + digits(10) + ` e, ` + digits(12) + ` f`
	if _, err := tg.DB.ExecContext(ctx, insert); err != nil {
		t.Fatal(err)
	}
	analyze := map[string]string{"postgres": "ANALYZE big", "mysql": "ANALYZE TABLE big", "sqlite": "ANALYZE"}[tg.Dialect.Name()]
	if _, err := tg.DB.ExecContext(ctx, analyze); err != nil {
		t.Fatal(err)
	}
}

// TestProbeRows checks that DBProbe takes the statistics' estimate of a
// large table where the dialect has one, and that L007 reports an index
// on it at the default threshold on PostgreSQL only.
func TestProbeRows(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		big(t, tg)
		ctx := context.Background()
		n, err := lint.DBProbe(tg.DB, tg.Dialect).Rows(ctx, "big")
		if err != nil {
			t.Fatal(err)
		}
		if n < 90_000 || n > 150_000 {
			t.Errorf("Rows = %d, want about 120000", n)
		}
		if e, ok := tg.Dialect.(dialect.RowEstimator); ok {
			if _, ok, err := e.EstimateRows(ctx, tg.DB, "big"); err != nil || !ok {
				t.Errorf("EstimateRows after ANALYZE: ok %v, err %v", ok, err)
			}
			if _, ok, err := e.EstimateRows(ctx, tg.DB, "nosuch"); err != nil || ok {
				t.Errorf("EstimateRows of a missing table: ok %v, err %v", ok, err)
			}
		}
		got := rulesOf(check(t, tg, lint.Config{}, []ddl.Op{ddl.AddIndex("big", "n").Named("big_n_idx")}))
		want := tg.Dialect.Name() == "postgres"
		if has := len(got) > 0 && got[0] == "L007"; has != want {
			t.Errorf("got %v, want L007 %v", got, want)
		}
	})
}
