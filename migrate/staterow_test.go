package migrate_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
)

// TestReliabilityMigrateUnknownStatus is issue 13's defect 8 (state rows):
// a state row whose status strata never writes ('FAILED', 'applied ', empty,
// 'Applied') is not taken as applied: Up and Undo refuse before any SQL
// with a *HistoryError naming the migration, the status and the fix, and
// Repair (MarkApplied or Forget) resolves it.
func TestReliabilityMigrateUnknownStatus(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		q := tg.Dialect.Quote
		refused := 0
		statuses := []string{"FAILED", "applied ", "", "Applied", "done"}
		for i, status := range statuses {
			a := simple(fmt.Sprintf("2026010100000%d-a", i), fmt.Sprintf("a%d", i))
			b := simple(fmt.Sprintf("2026010100000%d-b", i), fmt.Sprintf("b%d", i))
			m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{a}))
			if _, err := m.Up(ctx); err != nil {
				t.Fatal(err)
			}
			tg.Exec(t, "UPDATE "+q("SequelizeMeta")+" SET "+q("status")+" = '"+status+"' WHERE "+q("name")+" = '"+a.Name+"'")
			m = newMigrator(t, tg, migrate.WithGo(migrate.Registry{a, b}))
			before := tables(t, tg)
			for _, run := range []func() error{
				func() error { _, err := m.Up(ctx); return err },
				func() error { _, err := m.Undo(ctx); return err },
			} {
				err := run()
				var he *migrate.HistoryError
				if !errors.As(err, &he) || len(he.Problems) != 1 || he.Problems[0].Kind != migrate.ProblemKind("unknown-status") {
					t.Fatalf("status %q: %v, want a *HistoryError with one unknown-status problem", status, err)
				}
				wantErr(t, err, a.Name, fmt.Sprintf("status %q", status), "Repair with MarkApplied", "Repair with Forget")
				refused++
			}
			wantNames(t, "tables after the refused runs", tables(t, tg), before)
			st, err := m.Status(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got := st.Migrations[0].State; got != migrate.State("unknown") {
				t.Fatalf("status %q: Status says %s, want unknown", status, got)
			}
			if i%2 == 0 {
				// The schema says it is applied: record it so.
				if err := m.Repair(ctx, a.Name, migrate.MarkApplied); err != nil {
					t.Fatal(err)
				}
			} else {
				// Undo it by hand and forget it: it runs again.
				tg.Exec(t, "DROP TABLE "+q(fmt.Sprintf("a%d", i)))
				if err := m.Repair(ctx, a.Name, migrate.Forget); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := m.Up(ctx); err != nil {
				t.Fatalf("status %q: after Repair: %v", status, err)
			}
			if st, err := m.Status(ctx); err != nil || st.Err() != nil || len(st.Pending()) != 0 {
				t.Fatalf("status %q: after Repair and Up: %+v, %v", status, st, err)
			}
			if _, err := m.Undo(ctx, migrate.All()); err != nil {
				t.Fatal(err)
			}
			tg.Exec(t, "DELETE FROM "+q("SequelizeMeta"))
		}
		t.Logf("figure: %d of %d runs over %d unknown statuses refused before any SQL, each repaired", refused, 2*len(statuses), len(statuses))
	})
}

// TestReliabilityMigrateNamesDifferInCase is issue 13's defect 8 (case):
// two migrations whose names differ only in case are both recorded and
// both applied, in a new state table and in one made before (its name
// column in the server's case-insensitive collation on MySQL/MariaDB,
// which the next run makes case-sensitive in place).
func TestReliabilityMigrateNamesDifferInCase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		lower, upper := simple("20260101000000-add-x", "lower_x"), simple("20260101000000-ADD-X", "upper_x")
		m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{lower, upper}))
		res, err := m.Up(ctx)
		if err != nil {
			t.Fatalf("new state table: %v", err)
		}
		wantNames(t, "applied", names(res), []string{upper.Name, lower.Name})
		if rows := stateRows(t, tg); len(rows) != 2 {
			t.Fatalf("state rows %+v, want two", rows)
		}
		if _, err := m.Undo(ctx, migrate.All()); err != nil {
			t.Fatal(err)
		}
		// A state table as an earlier strata (or sequelize-cli) made it.
		if tg.Dialect.Name() == "mysql" {
			tg.Exec(t, "ALTER TABLE `SequelizeMeta` MODIFY `name` VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL")
		}
		m = newMigrator(t, tg, migrate.WithGo(migrate.Registry{lower}))
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		m = newMigrator(t, tg, migrate.WithGo(migrate.Registry{lower, upper}))
		st, err := m.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// ADD-X sorts before add-x and came later: out of order, on purpose.
		if _, err := m.Up(ctx, migrate.Only(upper.Name)); err != nil {
			t.Fatalf("existing state table: %v (status before: %+v)", err, st.Problems)
		}
		rows := stateRows(t, tg)
		if len(rows) != 2 || rows[0].Name == rows[1].Name || !strings.EqualFold(rows[0].Name, rows[1].Name) {
			t.Fatalf("state rows %+v, want both names", rows)
		}
		st, err = m.Status(ctx)
		if err != nil || len(st.Pending()) != 0 {
			t.Fatalf("status %+v, %v: want both applied", st, err)
		}
		t.Logf("figure: 2 of 2 names differing only in case recorded, in a new and in an existing state table")
	})
}

// TestReliabilityMigrateRecoveryHint is issue 13's defect 8 (hint): what a
// failed or unfinished migration left is said right for 0, 1 and 2
// statements done, never "statements 1 to 0" or "1 to 1".
func TestReliabilityMigrateRecoveryHint(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		q := tg.Dialect.Quote
		mig := simple("20260101000000-a", "a")
		m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{mig}))
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, tc := range []struct {
			status      string
			done, total int
			says        string
		}{
			{"failed", 0, 3, "so no statement took effect"},
			{"failed", 1, 3, "so statement 1 took effect and was not undone"},
			{"failed", 2, 3, "so statements 1 to 2 took effect and were not undone"},
			{"in_progress", 0, 3, "stopped before statement 1 of 3 finished"},
			{"in_progress", 0, 3, "so statement 1 may have taken effect"},
			{"in_progress", 1, 3, "so statement 1 took effect and statement 2 may have too"},
			{"in_progress", 2, 3, "so statements 1 to 2 took effect and statement 3 may have too"},
			{"in_progress", 1, 1, "its one statement took effect"},
		} {
			tg.Exec(t, fmt.Sprintf("UPDATE %s SET %s = '%s', %s = %d, %s = %d, %s = 'boom'", q("SequelizeMeta"),
				q("status"), tc.status, q("stmts_done"), tc.done, q("stmts_total"), tc.total, q("error")))
			_, err := m.Up(ctx)
			wantErr(t, err, tc.says)
			for _, bad := range []string{"1 to 0", "1 to 1 ", "all 1 statements"} {
				if strings.Contains(err.Error(), bad) {
					t.Errorf("%s with %d of %d done says %q:\n%v", tc.status, tc.done, tc.total, bad, err)
				}
			}
			checked++
		}
		t.Logf("figure: %d of %d recovery hints say which statements took effect", checked, checked)
	})
}
