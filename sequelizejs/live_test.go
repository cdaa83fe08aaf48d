package sequelizejs_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
	"github.com/strata-orm/strata/sequelizejs"
)

// TestRecordedHistoryApplies records testdata/history and testdata/methods
// for each dialect,
// runs it with strata's migrate engine on a fresh database, checks the
// live schema is the replayed one, and undoes it to empty.
func TestRecordedHistoryApplies(t *testing.T) {
	for _, h := range []string{"history", "methods", "fidelity"} {
		t.Run(h, func(t *testing.T) { applies(t, "testdata/"+h) })
	}
}

func applies(t *testing.T, dir string) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		recs, err := sequelizejs.RecordDir(dir, sequelizejs.RecordOptions{Dialect: tg.Dialect.Name(), Env: map[string]string{}})
		if err != nil {
			t.Fatal(err)
		}
		var reg migrate.Registry
		var ups []ddl.Op
		for _, r := range recs {
			if !r.Complete() {
				t.Fatalf("%s: %v", r.Name, r.Problems[0])
			}
			reg.Add(migrate.Migration{Name: r.Name, Up: r.Up, Down: r.Down, NoTx: r.NoTx})
			ups = append(ups, r.Up...)
		}
		m, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(reg))
		if err != nil {
			t.Fatal(err)
		}
		res, err := m.Up(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(res) != len(recs) {
			t.Fatalf("applied %d migrations, want %d", len(res), len(recs))
		}
		want := &schema.Database{}
		if err := ddl.Replay(want, ups...); err != nil {
			t.Fatal(err)
		}
		live := tg.Inspect(t)
		live.Tables = slices.DeleteFunc(live.Tables, func(t schema.Table) bool { return t.Name == migrate.DefaultTable })
		if diff := cmp.Diff(tg.Dialect.Canonical(live), tg.Dialect.Canonical(want)); diff != "" {
			t.Errorf("live schema differs from the recorded history (-live +recorded):\n%s", diff)
		}
		if _, err := m.UndoAll(ctx); err != nil {
			t.Fatal(err)
		}
		live = tg.Inspect(t)
		for _, tb := range live.Tables {
			if tb.Name != migrate.DefaultTable {
				t.Errorf("table %s is left after undoing everything", tb.Name)
			}
		}
	})
}
