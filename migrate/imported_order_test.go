package migrate_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
)

func imported(name, table string) migrate.Migration {
	m := simple(name, table)
	m.Imported = true
	return m
}

func rowNames(t *testing.T, tg *dialecttest.Target) []string {
	t.Helper()
	var out []string
	for _, r := range stateRows(t, tg) {
		out = append(out, r.Name)
	}
	slices.Sort(out)
	return out
}

// TestImportedDoubleExtension: sequelize-cli's row for the file
// 20220101000000-a.js.js is 20220101000000-a.js.js; the imported migration
// 20220101000000-a.js (the recorder's name for that file) stands for it,
// and one strata applies is recorded the same way, so that Status, Up and
// UndoAll agree with the rows, with and without a transaction (MySQL).
func TestImportedDoubleExtension(t *testing.T) {
	if err := migrate.CheckImportedName("20220101000000-a.js"); err != nil {
		t.Fatalf("CheckImportedName of a .js.js file's name: %v", err)
	}
	if err := migrate.CheckName("20220101000000-a.js"); err == nil {
		t.Fatal("CheckName accepted a strata name ending in .js")
	}
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		q := tg.Dialect.Quote
		tg.Exec(t, "CREATE TABLE "+q("SequelizeMeta")+" ("+q("name")+" VARCHAR(255) NOT NULL UNIQUE, PRIMARY KEY ("+q("name")+"))")
		tg.Exec(t, "CREATE TABLE a (id INTEGER PRIMARY KEY)")
		tg.Exec(t, "INSERT INTO "+q("SequelizeMeta")+" VALUES ("+tg.Dialect.Placeholder(1)+")", "20220101000000-a.js.js")
		reg := migrate.Registry{imported("20220101000000-a.js", "a"), imported("20220102000000-b.ts", "b")}
		m := newMigrator(t, tg, migrate.WithGo(reg))
		res, err := m.Up(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "applied", names(res), []string{"20220102000000-b.ts"})
		wantNames(t, "rows", rowNames(t, tg), []string{"20220101000000-a.js.js", "20220102000000-b.ts.js"})
		st, err := newMigrator(t, tg, migrate.WithGo(reg)).Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Err(); err != nil {
			t.Fatal(err)
		}
		for _, ms := range st.Migrations {
			if ms.State != migrate.StateApplied || ms.Recorded != ms.Name+".js" {
				t.Errorf("%s: state %s, recorded %q", ms.Name, ms.State, ms.Recorded)
			}
		}
		if _, err := m.UndoAll(ctx); err != nil {
			t.Fatal(err)
		}
		wantNames(t, "rows after undo", rowNames(t, tg), nil)
	})
}

// TestImportedOrder: after a takeover of a history whose names are not
// strata timestamps, the next strata migration sorts before them by name
// and applies all the same; a strata migration older than an applied
// strata one, or an imported one older than an applied one of its shape,
// is still out of order.
func TestImportedOrder(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		history := migrate.Registry{
			imported("1_initial", "t1"),
			imported("20190118-x", "t2"),
			imported("v2.15.0-add-team-sharing", "t3"),
		}
		if _, err := newMigrator(t, tg, migrate.WithGo(history)).Up(ctx); err != nil {
			t.Fatal(err)
		}
		next := append(slices.Clone(history), simple("20261204120000-add-c", "c"))
		m := newMigrator(t, tg, migrate.WithGo(next))
		st, err := m.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Err(); err != nil {
			t.Fatalf("status after a takeover with a new migration: %v", err)
		}
		for _, ms := range st.Migrations {
			if ms.Name == "20261204120000-add-c" && (ms.State != migrate.StatePending || ms.Skipped) {
				t.Errorf("new migration: state %s, skipped %v; want pending, not skipped", ms.State, ms.Skipped)
			}
		}
		res, err := m.Up(ctx)
		if err != nil {
			t.Fatalf("the next strata migration after a takeover: %v", err)
		}
		wantNames(t, "applied", names(res), []string{"20261204120000-add-c"})

		for _, late := range []migrate.Migration{
			simple("20261203120000-add-d", "d"), // before an applied strata migration
			imported("v2.14.0-add-e", "e"),      // before v2.15.0, same shape
			imported("0_before", "f"),           // before 1_initial
			imported("20190117-before", "g"),    // before 20190118-x
		} {
			_, err := newMigrator(t, tg, migrate.WithGo(append(slices.Clone(next), late))).Up(ctx)
			wantErr(t, err, late.Name, "sorts before")
		}
		// Names of another shape are not compared: v2.9.0 is not v0.00.0.
		other := append(slices.Clone(next), imported("v2.9.0-add-h", "h"), imported("10_more", "i"))
		res, err = newMigrator(t, tg, migrate.WithGo(other)).Up(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "applied", names(res), []string{"10_more", "v2.9.0-add-h"})
	})
}

// TestImportedStatusWarnings: Status lists, for each pending imported
// migration, the constructs strata allows it, as Plan finds them against
// the live schema; applied migrations and clean ones have none.
func TestImportedStatusWarnings(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		reg := migrate.Registry{imported("1_initial", "t1")}
		if _, err := newMigrator(t, tg, migrate.WithGo(reg)).Up(ctx); err != nil {
			t.Fatal(err)
		}
		gone := migrate.Migration{Name: "2_drop-missing-index", Imported: true,
			Up: []ddl.Op{ddl.RemoveIndex("t1", "t1_gone")}, Down: []ddl.Op{}}
		reg = append(reg, gone, imported("3_clean", "t3"))
		st, err := newMigrator(t, tg, migrate.WithGo(reg)).Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]ddl.WarningKind{}
		for _, ms := range st.Migrations {
			for _, w := range ms.Warnings {
				got[ms.Name] = append(got[ms.Name], w.Kind)
			}
		}
		if want := map[string][]ddl.WarningKind{"2_drop-missing-index": {ddl.MissingIndex}}; !reflect.DeepEqual(got, want) {
			t.Fatalf("status warnings %v, want %v", got, want)
		}
	})
}
