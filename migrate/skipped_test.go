package migrate_test

import (
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
)

// skippedNames lists the pending migrations Status marks as skipped on
// purpose, and the out-of-order problems, by name.
func skippedNames(t *testing.T, m *migrate.Migrator) (skipped, outOfOrder []string) {
	t.Helper()
	st, err := m.Status(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range st.Migrations {
		if e.Skipped {
			skipped = append(skipped, e.Name)
		}
	}
	for _, p := range st.Problems {
		if p.Kind != migrate.ProblemOutOfOrder {
			t.Fatalf("unexpected problem %+v", p)
		}
		outOfOrder = append(outOfOrder, p.Name)
	}
	return skipped, outOfOrder
}

// TestOnlyIsNotOutOfOrder is issue 12 defect 10: a migration applied by
// name (sequelize-cli's db:migrate --name) before older pending ones does
// not make them out of order: a later plain Up applies them. A migration
// that appears later and sorts before an applied one (merged from a
// branch) still is out of order. The same holds for the ones From leaves
// behind and for a migration undone by name.
func TestOnlyIsNotOutOfOrder(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		a, b, c, d := simple("20260101000000-a", "a"), simple("20260102000000-b", "b"), simple("20260103000000-c", "c"), simple("20260104000000-d", "d")
		late := simple("20260101120000-late", "late") // merged from a branch after c was applied
		reg := migrate.Registry{a, b, c, d}
		withLate := migrate.Registry{a, late, b, c, d}

		if res, err := newMigrator(t, tg, migrate.WithGo(reg)).Up(ctx, migrate.Only(c.Name)); err != nil || len(res) != 1 {
			t.Fatalf("Up Only c: %v, %v", names(res), err)
		}
		skipped, ooo := skippedNames(t, newMigrator(t, tg, migrate.WithGo(reg)))
		wantNames(t, "skipped after Only c", skipped, []string{a.Name, b.Name})
		wantNames(t, "out of order after Only c", ooo, nil)
		// late was not there when c was applied: it is out of order, a and b are not.
		skipped, ooo = skippedNames(t, newMigrator(t, tg, migrate.WithGo(withLate)))
		wantNames(t, "skipped with late", skipped, []string{a.Name, b.Name})
		wantNames(t, "out of order with late", ooo, []string{late.Name})
		_, err := newMigrator(t, tg, migrate.WithGo(withLate)).Up(ctx)
		wantErr(t, err, late.Name+" is pending but sorts before "+c.Name+", which is already applied")

		// A plain Up applies a, b and d, in order, without WithAllowOutOfOrder.
		res, err := newMigrator(t, tg, migrate.WithGo(reg)).Up(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "plain Up after Only c", names(res), []string{a.Name, b.Name, d.Name})
		wantNames(t, "tables", tables(t, tg), []string{migrate.DefaultTable, "a", "b", "c", "d"})
		_, err = newMigrator(t, tg, migrate.WithGo(withLate)).Up(ctx)
		wantErr(t, err, late.Name+" is pending but sorts before "+d.Name+", which is already applied")

		// Applying late by name is on purpose too: its own place is no problem.
		if res, err := newMigrator(t, tg, migrate.WithGo(withLate)).Up(ctx, migrate.Only(late.Name)); err != nil || len(res) != 1 {
			t.Fatalf("Up Only late: %v, %v", names(res), err)
		}
		// Undoing a by name leaves it pending on purpose; Up applies it again.
		m := newMigrator(t, tg, migrate.WithGo(withLate))
		if _, err := m.Undo(ctx, migrate.Only(a.Name)); err != nil {
			t.Fatal(err)
		}
		skipped, ooo = skippedNames(t, m)
		wantNames(t, "skipped after Undo Only a", skipped, []string{a.Name})
		wantNames(t, "out of order after Undo Only a", ooo, nil)
		res, err = m.Up(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "Up after Undo Only a", names(res), []string{a.Name})
		// Undo goes by order of application: a (applied last) first.
		res, err = m.Undo(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "Undo", names(res), []string{a.Name})
	})
}

// TestFromIsNotOutOfOrder: the pending migrations From leaves behind are
// left on purpose too; a plain Up applies them later.
func TestFromIsNotOutOfOrder(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		a, b, c := simple("20260101000000-a", "a"), simple("20260102000000-b", "b"), simple("20260103000000-c", "c")
		m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{a, b, c}))
		res, err := m.Up(ctx, migrate.From(a.Name))
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "Up From a", names(res), []string{b.Name, c.Name})
		skipped, ooo := skippedNames(t, m)
		wantNames(t, "skipped", skipped, []string{a.Name})
		wantNames(t, "out of order", ooo, nil)
		res, err = m.Up(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "plain Up", names(res), []string{a.Name})
	})
}

// TestMarkAppliedIsNotOutOfOrder: recording a pending migration as
// applied by hand (Repair with MarkApplied) leaves the older pending ones
// pending on purpose.
func TestMarkAppliedIsNotOutOfOrder(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		a, b := simple("20260101000000-a", "a"), simple("20260102000000-b", "b")
		m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{a, b}))
		tg.Exec(t, "CREATE TABLE b (id INTEGER PRIMARY KEY, note VARCHAR(40))")
		if err := m.Repair(ctx, b.Name, migrate.MarkApplied); err != nil {
			t.Fatal(err)
		}
		res, err := m.Up(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "Up after MarkApplied b", names(res), []string{a.Name})
	})
}
