package mysqldialect_test

import (
	"os"
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// TestRoundTrip creates tables with what the scenarios leave out (quotes
// and backslashes in defaults, comments and enum values, TEXT and JSON
// defaults, expression defaults, checks MariaDB rewrites) and checks that
// Inspect reads back what was written.
func TestRoundTrip(t *testing.T) {
	d := mysqldialect.New()
	tg := dialecttest.Fresh(t, d, os.Getenv(dialecttest.EnvMySQL))
	cur := &schema.Database{}
	tg.Apply(t, cur,
		ddl.CreateTable("odd",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement().Comment("it's the key"),
			ddl.Column("path", schema.String(50)).Default(`C:\temp\'x'`).Comment(`back\slash`),
			ddl.Column("note", schema.Text()).Default("hello, 'world'"),
			ddl.Column("doc", schema.JSON()).Default(`{"a": [1, 2]}`),
			ddl.Column("bin", schema.JSONB()),
			ddl.Column("kind", schema.Enum(`a\b`, "it's", "ünï")).NotNull().Default("ünï"),
			ddl.Column("at", schema.Time()).DefaultNow(),
			ddl.Column("since", schema.Date()).Default("2026-01-02 03:04:05"),
			ddl.Column("day", schema.DateOnly()).Default("2026-01-02"),
			ddl.Column("n", schema.Integer()).DefaultExpr("1 + 2"),
			ddl.Column("f", schema.Float()).Default(0.25),
			ddl.Column("price", schema.Decimal(8, 3)).Default("1.5"),
			ddl.Column("flag", schema.Boolean()).Default(false),
			ddl.Column("u", schema.UUID()).NotNull().DefaultUUIDv4().Unique(),
			ddl.Column("bytes", schema.Blob()),
		).WithComment("odd's table").
			WithCheck("odd_n_check", `"n" BETWEEN 1 AND 10 AND "kind" <> 'it''s' OR "n" IS NULL`).
			WithCheck("odd_flag_check", `("flag" = TRUE OR length("path") > 0) AND "n" != 4 && "path" IS NOT NULL`),
		ddl.AddIndex("odd", "kind", "n").AsUnique(),
		ddl.AddIndex("odd", "since"),
		ddl.RenameColumn("odd", "doc", "document"),
	)
	tg.Compare(t, cur, "after creating odd")

	live, err := d.Inspect(t.Context(), tg.DB)
	if err != nil {
		t.Fatal(err)
	}
	odd := live.Table("odd")
	if odd == nil {
		t.Fatalf("odd is missing: %v", live.TableNames())
	}
	if c := odd.Column("document"); c == nil || c.Type.Kind != schema.KindJSON {
		t.Errorf("renamed JSON column reads back as %+v, want JSON", c)
	}
	for _, ck := range odd.Checks {
		if strings.Contains(ck.Expr, "json_valid") {
			t.Errorf("Inspect reports MariaDB's JSON check %q", ck.Expr)
		}
	}
	if c := odd.Column("path"); c == nil || c.Default == nil || c.Default.Value != `C:\temp\'x'` {
		t.Errorf("path default reads back as %+v", c.Default)
	}

	// Skipped tables and views are left out.
	tg.Exec(t, "CREATE VIEW odd_view AS SELECT id FROM odd")
	skipped, err := d.Inspect(t.Context(), tg.DB, "odd")
	if err != nil {
		t.Fatal(err)
	}
	if len(skipped.Tables) != 0 {
		t.Errorf("Inspect(skip odd) = %v, want no tables (views are not tables)", skipped.TableNames())
	}
}

// TestRenameCheckedColumn renames a column that checks use: the checks
// follow it.
func TestRenameCheckedColumn(t *testing.T) {
	d := mysqldialect.New()
	tg := dialecttest.Fresh(t, d, os.Getenv(dialecttest.EnvMySQL))
	cur := &schema.Database{}
	tg.Apply(t, cur,
		ddl.CreateTable("items",
			ddl.Column("id", schema.Integer()).PrimaryKey(),
			ddl.Column("qty", schema.Integer()),
			ddl.Column("max", schema.Integer()),
		).WithCheck("items_qty_check", `"qty" >= 0`).WithCheck("items_max_check", `"max" > 1`),
	)
	tg.Exec(t, "INSERT INTO items (id, qty, max) VALUES (1, 2, 3)")
	op := ddl.RenameColumn("items", "qty", "quantity")
	stmts, err := d.Render(op, cur)
	if err != nil {
		t.Fatal(err)
	}
	want := "ALTER TABLE `items`\n  DROP CONSTRAINT `items_qty_check`,\n  RENAME COLUMN `qty` TO `quantity`,\n  ADD CONSTRAINT `items_qty_check` CHECK (`quantity` >= 0)"
	if len(stmts) != 1 || stmts[0].SQL != want {
		t.Errorf("Render(%s) = %+v, want %q", op, stmts, want)
	}
	tg.Apply(t, cur, op)
	tg.Compare(t, cur, "after "+op.String())
	if _, err := tg.DB.ExecContext(t.Context(), "UPDATE items SET quantity = -1"); d.Classify(err) == nil || d.Classify(err).Constraint != "items_qty_check" {
		t.Errorf("the renamed check does not hold: %v", err)
	}
}
