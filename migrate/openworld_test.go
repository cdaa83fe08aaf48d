package migrate_test

import (
	"github.com/google/go-cmp/cmp"

	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// exoticTable is a table made by hand, as teams bring them, with column
// types that no portable kind of strata renders: Go migrations must plan
// and run next to it, and on it, without understanding those columns.
var exoticTable = map[string]string{
	"postgres": `CREATE TABLE docs (id serial PRIMARY KEY, title varchar(10), body tsvector, ip inet, seen timestamp without time zone,
  amount numeric, span int4range, tags inet[], flags bit(3))`,
	"mysql": `CREATE TABLE docs (id int unsigned AUTO_INCREMENT PRIMARY KEY, title varchar(10), yr year, opts set('Trailers','Deleted Scenes'),
  body blob, seen timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, n mediumint, rating enum('G','PG-13'))`,
	"sqlite": `CREATE TABLE docs (id INTEGER PRIMARY KEY, title VARCHAR(10), body BLOB SUB_TYPE TEXT, name NVARCHAR(160), seen DATETIME,
  price NUMERIC(10,2), raw)`,
}

// TestGoMigrationNextToNativeTypes is issue 15's "Go migrations on any
// existing database": a table strata did not create holds tsvector, INET,
// YEAR, SET, BLOB SUB_TYPE TEXT … columns; a Go migration that creates a
// table next to it, adds a column to it, changes another of its columns
// (a table rebuild on SQLite) and indexes it plans, applies and undoes on
// every dialect, and leaves the native columns exactly as they were.
func TestGoMigrationNextToNativeTypes(t *testing.T) {
	reg := migrate.Registry{
		{Name: "20260201000000-notes", Change: []ddl.Op{
			ddl.CreateTable("notes", ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(), ddl.Column("text", schema.Text())),
		}},
		{Name: "20260202000000-docs-author", Change: []ddl.Op{
			ddl.AddColumn("docs", ddl.Column("author", schema.String(40))),
			ddl.AddIndex("docs", "author"),
		}},
		{Name: "20260203000000-docs-title",
			Up:   []ddl.Op{ddl.ChangeColumn("docs", ddl.Column("title", schema.String(40)))},
			Down: []ddl.Op{ddl.ChangeColumn("docs", ddl.Column("title", schema.String(10)))}},
	}
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		if _, err := tg.DB.ExecContext(ctx, exoticTable[tg.Dialect.Name()]); err != nil {
			t.Fatal(err)
		}
		before := tg.Inspect(t).Table("docs")
		if before == nil {
			t.Fatal("Inspect does not read table docs")
		}
		m := newMigrator(t, tg, migrate.WithGo(reg))
		if _, err := m.Plan(ctx, migrate.Up); err != nil {
			t.Fatalf("plan: %v", err)
		}
		if _, err := m.Up(ctx); err != nil {
			t.Fatalf("up: %v", err)
		}
		after := tg.Inspect(t).Table("docs")
		for _, c := range before.Columns {
			got := after.Column(c.Name)
			if got == nil {
				t.Fatalf("column docs.%s is gone after the migrations", c.Name)
			}
			if c.Name != "title" && !got.Type.Equal(c.Type) {
				t.Errorf("column docs.%s was %s, is %s after the migrations", c.Name, c.Type, got.Type)
			}
		}
		if c := after.Column("author"); c == nil || !c.Type.Equal(schema.String(40)) {
			t.Errorf("column docs.author after the migrations: %+v", c)
		}
		for range reg {
			if _, err := m.Undo(ctx); err != nil {
				t.Fatalf("undo: %v", err)
			}
		}
		if diff := cmp.Diff(tg.Inspect(t).Table("docs"), before); diff != "" {
			t.Errorf("docs after undoing every migration differs from before them (-after +before):\n%s", diff)
		}
	})
}
