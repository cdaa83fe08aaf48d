package sqlitedialect_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// deferrableTables are written by hand: authors and books as Django
// writes every SQLite foreign key (DEFERRABLE INITIALLY DEFERRED), and a
// tree whose self-referencing key is written as strata writes one, but
// for quotes, case and spacing.
var deferrableTables = []string{
	`CREATE TABLE "app_author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL)`,
	`CREATE TABLE "app_book" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(100) NOT NULL, ` +
		`"author_id" integer NOT NULL REFERENCES "app_author" ("id") DEFERRABLE INITIALLY DEFERRED)`,
	"create table node (id INTEGER not null, parentId INTEGER, primary key (id), constraint node_parent foreign key (parentId) " +
		"references node (id) on delete no action on update no action deferrable initially deferred)",
}

// deferredInsert inserts a book before its author, and a node before its
// parent, each pair in one transaction: it commits only if the keys are
// deferred.
func deferredInsert(t *testing.T, db *sql.DB) {
	t.Helper()
	ctx := context.Background()
	for _, pair := range [][2]string{
		{`INSERT INTO "app_book" ("id", "title", "author_id") VALUES (1, 'Dune', 7)`, `INSERT INTO "app_author" ("id", "name") VALUES (7, 'Herbert')`},
		{`INSERT INTO "node" ("id", "parentId") VALUES (2, 1)`, `INSERT INTO "node" ("id", "parentId") VALUES (1, NULL)`},
	} {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range pair {
			if _, err := tx.ExecContext(ctx, s); err != nil {
				tx.Rollback()
				t.Fatalf("%s: %v (the key is not deferred)", s, err)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatalf("commit after %q: %v", pair, err)
		}
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&n); err != nil || n != 0 {
		t.Errorf("foreign_key_check: %d rows, %v", n, err)
	}
}

// TestDeferrableForeignKeys: Inspect reads DEFERRABLE INITIALLY DEFERRED
// from a hand-made table; CreateTableFrom makes the same table in a fresh
// file (the same CREATE TABLE, quotes, case and spacing aside, for the one
// written as strata writes it) whose keys are deferred; a rebuild of the
// hand-made tables, rendered against what Inspect read, keeps them
// deferred.
func TestDeferrableForeignKeys(t *testing.T) {
	ctx := context.Background()
	d := sqlitedialect.New()
	src := rawTarget(t, deferrableTables...)
	live, err := d.Inspect(ctx, src.DB)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range []string{"app_book", "node"} {
		fks := live.Table(tb).ForeignKeys
		if len(fks) != 1 || !fks[0].Deferrable || !fks[0].InitiallyDeferred {
			t.Errorf("%s: foreign keys read as %+v, want one DEFERRABLE INITIALLY DEFERRED", tb, fks)
		}
	}

	dst := dialecttest.Fresh(t, d, "")
	cur := &schema.Database{}
	for _, tb := range live.Tables {
		dst.Apply(t, cur, ddl.CreateTableFrom(tb)...)
	}
	dst.Compare(t, live, "made again from Inspect")
	if got, want := tableSQL(t, dst.DB, "node"), tableSQL(t, src.DB, "node"); got != want {
		t.Errorf("node: made again %q, hand-made %q", got, want)
	}
	if s := tableSQL(t, dst.DB, "app_book"); !strings.Contains(s, "REFERENCESAPP_AUTHOR(ID)ONDELETENOACTIONONUPDATENOACTIONDEFERRABLEINITIALLYDEFERRED") {
		t.Errorf("app_book: made again %q, without its deferred key", s)
	}
	deferredInsert(t, dst.DB)

	// A rebuild of each hand-made table, as migrate renders it.
	src.Apply(t, live,
		ddl.ChangeColumn("app_book", ddl.Column("title", schema.String(200)).NotNull()),
		ddl.AddIndex("node", "parentId"),
		ddl.ChangeColumn("node", ddl.Column("parentId", schema.BigInt())),
	)
	src.Compare(t, live, "after the rebuilds")
	deferredInsert(t, src.DB)
}

// TestDeferrableCanonical: SQLite defers a key only when it is DEFERRABLE
// INITIALLY DEFERRED; DEFERRABLE alone (INITIALLY IMMEDIATE) and NOT
// DEFERRABLE INITIALLY DEFERRED are immediate. Inspect reads the clause as
// written (NOT DEFERRABLE clears it) and Canonical makes each immediate
// key not deferrable, so that an offline replay and Inspect agree.
func TestDeferrableCanonical(t *testing.T) {
	d := sqlitedialect.New()
	for _, c := range []struct {
		clause                      string
		deferrable, deferred, canon bool // as read; canonical deferral
	}{
		{"", false, false, false},
		{"DEFERRABLE", true, false, false},
		{"DEFERRABLE INITIALLY IMMEDIATE", true, false, false},
		{"DEFERRABLE INITIALLY DEFERRED", true, true, true},
		{"NOT DEFERRABLE INITIALLY DEFERRED", false, false, false},
		{"NOT DEFERRABLE", false, false, false},
	} {
		def, err := sqlitedialect.ParseCreateTable(`CREATE TABLE c (p INTEGER, FOREIGN KEY (p) REFERENCES parent (id) ON DELETE CASCADE ` + c.clause + `)`)
		if err != nil {
			t.Fatal(err)
		}
		if len(def.ForeignKeys) != 1 {
			t.Fatalf("%q: foreign keys %+v", c.clause, def.ForeignKeys)
		}
		fk := def.ForeignKeys[0]
		if fk.Deferrable != c.deferrable || fk.InitiallyDeferred != c.deferred || fk.OnDelete != schema.Cascade {
			t.Errorf("%q: read %+v, want Deferrable %v InitiallyDeferred %v", c.clause, fk, c.deferrable, c.deferred)
		}
		can := d.Canonical(&schema.Database{Tables: []schema.Table{{Name: "c", ForeignKeys: []schema.ForeignKey{fk}}}}).Tables[0].ForeignKeys[0]
		if can.Deferrable != c.canon || can.InitiallyDeferred != c.canon {
			t.Errorf("%q: canonical %+v, want deferred %v", c.clause, can, c.canon)
		}
	}

	// DEFERRABLE alone is immediate indeed: a child before its parent fails.
	tg := rawTarget(t, `CREATE TABLE parent (id INTEGER PRIMARY KEY)`,
		`CREATE TABLE child (p INTEGER REFERENCES parent (id) DEFERRABLE)`)
	tx, err := tg.DB.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`INSERT INTO child (p) VALUES (1)`); err == nil {
		t.Error("a child before its parent under DEFERRABLE alone was accepted")
	}
}
