package sqlitedialect_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// shopObjects is a schema written as raw SQL: two tables, a view, a view
// on that view, triggers whose BEGIN … END bodies hold several statements,
// and a trigger on a table Inspect is told to skip.
var shopObjects = []string{
	`CREATE TABLE "items" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "name" VARCHAR(40) NOT NULL, "price" INTEGER NOT NULL DEFAULT 0, "updatedAt" DATETIME)`,
	`CREATE TABLE "audit" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "itemId" INTEGER, "what" TEXT NOT NULL)`,
	`CREATE TABLE "skipped" ("id" INTEGER PRIMARY KEY)`,
	`CREATE VIEW "cheap_items" AS SELECT "id", "name", "price" FROM "items" WHERE "price" < 100`,
	`CREATE VIEW "cheap_names" AS SELECT "name" FROM "cheap_items" ORDER BY "name"`,
	`CREATE TRIGGER "items_insert" AFTER INSERT ON "items" BEGIN
  INSERT INTO "audit" ("itemId", "what") VALUES (NEW."id", 'insert; ' || NEW."name");
  UPDATE "items" SET "updatedAt" = '2026-01-01 00:00:00' WHERE "id" = NEW."id";
END`,
	`CREATE TRIGGER "items_price" BEFORE UPDATE OF "price" ON "items" WHEN NEW."price" < 0 BEGIN
  SELECT RAISE(ABORT, 'price; must not be negative');
END`,
	`CREATE TRIGGER "skipped_insert" AFTER INSERT ON "skipped" BEGIN SELECT 1; END`,
}

// sqliteObjects lists type, name, tbl_name and sql of every view and
// trigger in sqlite_master, in rowid order.
func sqliteObjects(t *testing.T, tg *dialecttest.Target) []string {
	t.Helper()
	return rowsOf(t, tg.DB, `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY rowid`)
}

func rawTarget(t *testing.T, sqls ...string) *dialecttest.Target {
	t.Helper()
	tg := dialecttest.Fresh(t, sqlitedialect.New(), "")
	for _, s := range sqls {
		tg.Exec(t, s)
	}
	return tg
}

// TestInspectObjects: Inspect reads views and triggers verbatim, in the
// order they were made, and leaves out triggers on a skipped table;
// CreateDatabaseFrom what it read makes the same sqlite_master rows in a
// fresh file; DropObject drops an object and its Reverse makes it again.
func TestInspectObjects(t *testing.T) {
	ctx := context.Background()
	src := rawTarget(t, shopObjects...)
	got, err := src.Dialect.Inspect(ctx, src.DB, "skipped")
	if err != nil {
		t.Fatal(err)
	}
	want := []schema.Object{
		{Kind: schema.ObjectView, Name: "cheap_items", Dialect: "sqlite", Definition: shopObjects[3]},
		{Kind: schema.ObjectView, Name: "cheap_names", Dialect: "sqlite", Definition: shopObjects[4]},
		{Kind: schema.ObjectTrigger, Name: "items_insert", Table: "items", Dialect: "sqlite", Definition: shopObjects[5]},
		{Kind: schema.ObjectTrigger, Name: "items_price", Table: "items", Dialect: "sqlite", Definition: shopObjects[6]},
	}
	if diff := cmp.Diff(got.Objects, want); diff != "" {
		t.Fatalf("objects (-got +want):\n%s", diff)
	}

	// The whole database again, in a fresh file.
	dst := dialecttest.Fresh(t, sqlitedialect.New(), "")
	cur := &schema.Database{}
	dst.Apply(t, cur, ddl.CreateDatabaseFrom(got)...)
	srcRows := rowsOf(t, src.DB, `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') AND tbl_name <> 'skipped' ORDER BY rowid`)
	if diff := cmp.Diff(sqliteObjects(t, dst), srcRows); diff != "" {
		t.Errorf("sqlite_master views and triggers of the copy (-copy +source):\n%s", diff)
	}
	again, err := dst.Dialect.Inspect(ctx, dst.DB)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(again.Objects, want); diff != "" {
		t.Errorf("objects of the copy (-got +want):\n%s", diff)
	}
	dst.Compare(t, got, "after CreateDatabaseFrom")
	checkTriggersFire(t, dst)
	if n := len(rowsOf(t, dst.DB, `SELECT * FROM "cheap_names"`)); n != 1 {
		t.Errorf("cheap_names has %d rows, want 1", n)
	}

	// Drop each object and make it again.
	for _, name := range []string{"items.items_price", "cheap_names", "items.items_insert", "cheap_items"} {
		kind := schema.ObjectView
		if strings.Contains(name, ".") {
			kind = schema.ObjectTrigger
		}
		drop := ddl.DropObject(kind, name)
		rev, err := drop.Reverse(cur)
		if err != nil {
			t.Fatal(err)
		}
		before := sqliteObjects(t, dst)
		dst.Apply(t, cur, drop)
		if after := sqliteObjects(t, dst); len(after) != len(before)-1 {
			t.Errorf("after %s: %d objects, want %d", drop, len(after), len(before)-1)
		}
		if live, err := dst.Dialect.Inspect(ctx, dst.DB); err != nil || !cmp.Equal(live.Objects, cur.Objects) {
			t.Errorf("after %s: live objects %v (%v), want %v", drop, live.Objects, err, cur.Objects)
		}
		dst.Apply(t, cur, rev...)
		// Made again, the object is last in rowid order; its row is the same.
		if diff := cmp.Diff(sortedStrings(sqliteObjects(t, dst)), sortedStrings(before)); diff != "" {
			t.Errorf("after %s and its reverse (-got +want):\n%s", drop, diff)
		}
	}
	checkTriggersFire(t, dst)
}

func sortedStrings(s []string) []string {
	out := append([]string(nil), s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// checkTriggersFire inserts an item (items_insert writes audit and sets
// updatedAt) and tries a negative price (items_price refuses it).
func checkTriggersFire(t *testing.T, tg *dialecttest.Target) {
	t.Helper()
	audits := tg.Count(t, "audit")
	tg.Exec(t, `INSERT INTO "items" ("name", "price") VALUES ('pen', 3)`)
	if got := tg.Count(t, "audit"); got != audits+1 {
		t.Errorf("audit has %d rows after an insert, want %d: items_insert did not fire", got, audits+1)
	}
	if v := rowsOf(t, tg.DB, `SELECT "updatedAt" FROM "items" WHERE "id" = (SELECT max("id") FROM "items")`); len(v) != 1 || !strings.HasPrefix(v[0], "2026-01-01") {
		t.Errorf("updatedAt = %v, want 2026-01-01: items_insert did not fire", v)
	}
	_, err := tg.DB.Exec(`UPDATE "items" SET "price" = -1`)
	if err == nil || !strings.Contains(err.Error(), "price; must not be negative") {
		t.Errorf("negative price: error = %v, want items_price's", err)
	}
}

// TestRebuildKeepsTriggers: a rebuild (changeColumn) of a table with two
// triggers that a view (and a view on it) reads, rendered against what
// Inspect read as migrate does, keeps the triggers as they were, and the
// views still name the table and select from it.
func TestRebuildKeepsTriggers(t *testing.T) {
	ctx := context.Background()
	tg := rawTarget(t, shopObjects...)
	tg.Exec(t, `INSERT INTO "items" ("name", "price") VALUES ('book', 12), ('lamp', 250)`)
	objectsBefore := sqliteObjects(t, tg)
	live, err := tg.Dialect.Inspect(ctx, tg.DB)
	if err != nil {
		t.Fatal(err)
	}
	for _, op := range []ddl.Op{
		ddl.ChangeColumn("items", ddl.Column("name", schema.String(100)).NotNull()),
		ddl.AddIndex("items", "price"),
		ddl.AddCheck("items", "items_name_check", `length("name") > 0`),
	} {
		stmts, err := tg.Dialect.Render(op, live)
		if err != nil {
			t.Fatal(err)
		}
		if err := dialect.ExecAll(ctx, tg.DB, tg.Dialect, stmts); err != nil {
			t.Fatalf("%s: %v\n%s", op, err, dialecttest.FormatStmts(stmts))
		}
		if live, err = tg.Dialect.Inspect(ctx, tg.DB); err != nil {
			t.Fatal(err)
		}
		// Made again, the triggers come last in rowid order; their rows are the same.
		if diff := cmp.Diff(sortedStrings(sqliteObjects(t, tg)), sortedStrings(objectsBefore)); diff != "" {
			t.Errorf("after %s, views and triggers (-got +want):\n%s", op, diff)
		}
	}
	if got := live.Table("items").Column("name").Type; !cmp.Equal(got, schema.String(100)) {
		t.Errorf("name is %v after the rebuild, want VARCHAR(100)", got)
	}
	if v := rowsOf(t, tg.DB, `SELECT "name" FROM "cheap_names"`); !cmp.Equal(v, []string{"book"}) {
		t.Errorf("cheap_names = %v, want [book]", v)
	}
	checkTriggersFire(t, tg)
	if v := rowsOf(t, tg.DB, `SELECT name FROM sqlite_master WHERE name LIKE '%strata_new%'`); len(v) > 0 {
		t.Errorf("left behind: %v", v)
	}
}
