package migrate_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// triggerTable is a SQLite table with a trigger that names a column
// (NEW."a") and writes to another table.
var triggerTable = []string{
	`CREATE TABLE "t" ("id" INTEGER PRIMARY KEY, "a" TEXT, "n" VARCHAR(10))`,
	`CREATE TABLE "audit" ("what" TEXT)`,
	`CREATE TRIGGER "t_update" AFTER UPDATE ON "t" BEGIN INSERT INTO "audit" ("what") VALUES (NEW."a"); END`,
}

func triggerTarget(t *testing.T) *dialecttest.Target {
	t.Helper()
	tg := dialecttest.Fresh(t, sqlitedialect.New(), "")
	for _, s := range triggerTable {
		tg.Exec(t, s)
	}
	return tg
}

// schemaSQL lists the sql of every table and trigger in sqlite_master but
// strata's own, in rowid order.
func schemaSQL(t *testing.T, tg *dialecttest.Target) []string {
	t.Helper()
	return tg.Strings(t, `SELECT sql FROM sqlite_master WHERE name IN ('t', 'audit', 't_update') ORDER BY rowid`)
}

var (
	renameA  = ddl.RenameColumn("t", "a", "b")
	changeN  = ddl.ChangeColumn("t", ddl.Column("n", schema.String(40))) // a rebuild on SQLite
	unchange = ddl.ChangeColumn("t", ddl.Column("n", schema.String(10)))
)

// TestRebuildAfterRenameRefusesStaleTrigger: within one migration,
// RenameColumn then a rebuild would make the trigger again from the text
// read before the rename (NEW."a", which SQLite had rewritten to NEW."b");
// the migration is refused before anything runs, naming the table, the
// trigger and the fix, and the database is as it was.
func TestRebuildAfterRenameRefusesStaleTrigger(t *testing.T) {
	ctx := testCtx(t)
	tg := triggerTarget(t)
	was := schemaSQL(t, tg)
	m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{
		{Name: "20260301000000-rename-change", Up: []ddl.Op{renameA, changeN}, Down: []ddl.Op{unchange, ddl.RenameColumn("t", "b", "a")}},
	}))
	_, err := m.Up(ctx)
	if err == nil {
		t.Fatal("up: a rebuild re-making a stale trigger was not refused")
	}
	for _, want := range []string{`table "t"`, `trigger "t_update"`, "was read before", "put the rebuild in a migration of its own, after this one"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("up: error %q does not say %q", err, want)
		}
	}
	if diff := cmp.Diff(schemaSQL(t, tg), was); diff != "" {
		t.Errorf("the refused migration changed the schema (-got +want):\n%s", diff)
	}
	tg.Exec(t, `INSERT INTO "t" ("id", "a") VALUES (1, 'x')`)
	tg.Exec(t, `UPDATE "t" SET "a" = 'y'`) // the trigger still works
}

// TestRebuildAfterRenameInOwnMigration: the same two operations in two
// migrations succeed (the second renders against what it reads, after
// the rename), the trigger fires correctly afterwards, and both undo.
func TestRebuildAfterRenameInOwnMigration(t *testing.T) {
	ctx := testCtx(t)
	tg := triggerTarget(t)
	was := schemaSQL(t, tg)
	m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{
		{Name: "20260301000000-rename", Change: []ddl.Op{renameA}},
		{Name: "20260302000000-change", Up: []ddl.Op{changeN}, Down: []ddl.Op{unchange}},
	}))
	plan, err := m.Plan(ctx, migrate.Up)
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	if len(plan) != 2 || !strings.Contains(plan[1].Note, "Up reads the schema again") {
		t.Errorf("plan: %+v, want the second migration noted as rendered when it runs", plan)
	}
	if _, err := m.Up(ctx); err != nil {
		t.Fatalf("up: %v", err)
	}
	tg.Exec(t, `INSERT INTO "t" ("id", "b", "n") VALUES (1, 'x', '')`)
	tg.Exec(t, `UPDATE "t" SET "b" = 'y', "n" = 'a string longer than ten'`)
	var what string
	if err := tg.DB.QueryRowContext(ctx, `SELECT group_concat("what") FROM "audit"`).Scan(&what); err != nil {
		t.Fatal(err)
	}
	if what != "y" {
		t.Errorf("audit after the update: %q, want %q", what, "y")
	}
	tg.Exec(t, `DELETE FROM "t"`)
	tg.Exec(t, `DELETE FROM "audit"`)
	for range 2 {
		if _, err := m.Undo(ctx); err != nil {
			t.Fatalf("undo: %v", err)
		}
	}
	if got := schemaSQL(t, tg); got[2] != was[2] {
		t.Errorf("after undoing both, the trigger is\n%s\nwant\n%s", got[2], was[2])
	}
	tg.Exec(t, `INSERT INTO "t" ("id", "a") VALUES (1, 'x')`)
	tg.Exec(t, `UPDATE "t" SET "a" = 'z'`)
	if err := tg.DB.QueryRowContext(ctx, `SELECT group_concat("what") FROM "audit"`).Scan(&what); err != nil || what != "z" {
		t.Errorf("audit after undoing both and an update: %q, %v; want %q", what, err, "z")
	}
}

// TestRemoveColumnNamedByTrigger: removing a column the trigger names is
// refused before anything runs, whether SQLite's DROP COLUMN would remove
// it or a rebuild (the column is indexed), as SQLite's DROP COLUMN itself
// refuses.
func TestRemoveColumnNamedByTrigger(t *testing.T) {
	for _, indexed := range []bool{false, true} {
		ctx := testCtx(t)
		tg := triggerTarget(t)
		if indexed {
			tg.Exec(t, `CREATE INDEX "t_a" ON "t" ("a")`)
		}
		was := schemaSQL(t, tg)
		m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{
			{Name: "20260301000000-remove", Up: []ddl.Op{ddl.RemoveColumn("t", "a")}},
		}))
		_, err := m.Up(ctx)
		if err == nil || !strings.Contains(err.Error(), `column "a" of table "t" cannot be removed: trigger "t_update" names it`) {
			t.Fatalf("indexed %v: up: %v, want the removal refused", indexed, err)
		}
		if diff := cmp.Diff(schemaSQL(t, tg), was); diff != "" {
			t.Errorf("indexed %v: the refused migration changed the schema (-got +want):\n%s", indexed, diff)
		}
	}
}

// TestRemoveColumnNamedByView: removing a column a view reads is refused
// the same way, on both paths, and a column no view or trigger names is
// removed.
func TestRemoveColumnNamedByView(t *testing.T) {
	for _, indexed := range []bool{false, true} {
		ctx := testCtx(t)
		tg := dialecttest.Fresh(t, sqlitedialect.New(), "")
		tg.Exec(t, `CREATE TABLE "t" ("id" INTEGER PRIMARY KEY, "a" TEXT, "n" VARCHAR(10))`)
		tg.Exec(t, `CREATE VIEW "t_a" AS SELECT "id", "a" FROM "t"`)
		if indexed {
			tg.Exec(t, `CREATE INDEX "t_a_idx" ON "t" ("a", "n")`)
		}
		m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{
			{Name: "20260301000000-remove", Up: []ddl.Op{ddl.RemoveColumn("t", "a")}},
		}))
		_, err := m.Up(ctx)
		if err == nil || !strings.Contains(err.Error(), `column "a" of table "t" cannot be removed: view "t_a" names it`) {
			t.Fatalf("indexed %v: up: %v, want the removal refused", indexed, err)
		}
		m = newMigrator(t, tg, migrate.WithGo(migrate.Registry{
			{Name: "20260301000000-remove", Up: []ddl.Op{ddl.RemoveColumn("t", "n")}},
		}))
		if _, err := m.Up(ctx); err != nil {
			t.Errorf("indexed %v: removing n, which the view does not read: %v", indexed, err)
		}
		if got := tg.Strings(t, `SELECT "a" FROM "t_a"`); len(got) != 0 {
			t.Errorf("the view reads %v, want no rows", got)
		}
	}
}
