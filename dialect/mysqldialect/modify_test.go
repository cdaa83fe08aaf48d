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

// TestModifyKeepsColumns: a ChangeColumn (MODIFY COLUMN) of one column
// leaves the others' collation, comment, ON UPDATE and generation, and
// the table's check, as they were; and a ChangeColumn of each of those
// columns, changing something else, keeps them too.
func TestModifyKeepsColumns(t *testing.T) {
	d := mysqldialect.New()
	tg := dialecttest.Fresh(t, d, os.Getenv(dialecttest.EnvMySQL))
	name := ddl.Column("name", schema.String(20)).Comment("who")
	name.Collation = "utf8mb4_bin"
	twice := ddl.Column("twice", schema.Integer()).Comment("qty twice")
	twice.Generated = &schema.Generated{Expr: `"qty" * 2`, Stored: true}
	half := ddl.Column("half", schema.Integer())
	half.Generated = &schema.Generated{Expr: `"qty" DIV 2`}
	cur := &schema.Database{}
	tg.Apply(t, cur, ddl.CreateTable("items",
		ddl.Column("id", schema.Integer()).PrimaryKey(),
		name,
		ddl.Column("seen", schema.Date()).NotNull().DefaultNow().OnUpdateNow().Comment("touched"),
		ddl.Column("qty", schema.Integer()),
		twice, half,
		ddl.Column("extra", schema.SmallInt()),
	).WithCheck("items_qty_check", `"qty" >= 0`))
	tg.Exec(t, "INSERT INTO items (id, name, qty, extra) VALUES (1, 'a', 3, 1)")
	want := columnsInfo(t, tg, "items")
	for col, has := range map[string]string{"name": "utf8mb4_bin | who", "seen": "on update current_timestamp(6) | ", "twice": "STORED GENERATED | `qty` * 2", "half": "VIRTUAL GENERATED"} {
		if !strings.Contains(want[col], has) {
			t.Fatalf("column %s is %q, want it to have %q", col, want[col], has)
		}
	}
	checkHolds := func(when string) {
		t.Helper()
		_, err := tg.DB.ExecContext(t.Context(), "UPDATE items SET qty = -1")
		if c := d.Classify(err); c == nil || c.Constraint != "items_qty_check" {
			t.Errorf("%s: the check does not hold: %v", when, err)
		}
	}
	checkHolds("at first")

	// Another column: extra, widened; qty, which the check and the
	// generated columns use, widened.
	for _, col := range []string{"extra", "qty"} {
		c := ddl.ColumnOf(*cur.Table("items").Column(col))
		c.Type = schema.BigInt()
		tg.Apply(t, cur, ddl.ChangeColumn("items", c))
		tg.Compare(t, cur, "after changing "+col)
		got := columnsInfo(t, tg, "items")
		for n, w := range want {
			if n != col && got[n] != w {
				t.Errorf("after changing %s, column %s is %q, was %q", col, n, got[n], w)
			}
		}
		want[col] = got[col]
		checkHolds("after changing " + col)
	}

	// The same column: each changed in another way, keeping the rest.
	changes := map[string]func(*ddl.ColumnDef){
		"name":  func(c *ddl.ColumnDef) { c.Column.Type = schema.String(30) },
		"seen":  func(c *ddl.ColumnDef) { c.Column.Comment = "touched last" },
		"twice": func(c *ddl.ColumnDef) { c.Column.Type = schema.BigInt() },
		"half":  func(c *ddl.ColumnDef) { c.Column.Comment = "qty half" },
	}
	wantAfter := map[string]string{
		"name":  "varchar(30) | YES | NULL |  |  | utf8mb4_bin | who",
		"seen":  "on update current_timestamp(6) |  |  | touched last",
		"twice": "bigint(20) | YES | NULL | STORED GENERATED | `qty` * 2 |  | qty twice",
		"half":  "VIRTUAL GENERATED | `qty` DIV 2 |  | qty half",
	}
	for _, col := range []string{"name", "seen", "twice", "half"} {
		c := ddl.ColumnOf(*cur.Table("items").Column(col))
		changes[col](&c)
		tg.Apply(t, cur, ddl.ChangeColumn("items", c))
		tg.Compare(t, cur, "after changing "+col+" itself")
		if got := columnsInfo(t, tg, "items")[col]; !strings.HasSuffix(got, wantAfter[col]) {
			t.Errorf("after changing %s itself, it is %q, want it to end %q", col, got, wantAfter[col])
		}
		checkHolds("after changing " + col + " itself")
	}
	tg.Exec(t, "UPDATE items SET qty = 7")
	var tw, hf int
	if err := tg.DB.QueryRowContext(t.Context(), "SELECT twice, half FROM items").Scan(&tw, &hf); err != nil || tw != 14 || hf != 3 {
		t.Errorf("twice, half = %d, %d (%v); want 14, 3", tw, hf, err)
	}
}

// TestRenameGeneratedSource renames a column a generated column uses:
// MariaDB and MySQL rewrite the expression, and so does the offline
// replay.
func TestRenameGeneratedSource(t *testing.T) {
	d := mysqldialect.New()
	tg := dialecttest.Fresh(t, d, os.Getenv(dialecttest.EnvMySQL))
	twice := ddl.Column("twice", schema.Integer())
	twice.Generated = &schema.Generated{Expr: `"qty" * 2`, Stored: true}
	cur := &schema.Database{}
	tg.Apply(t, cur, ddl.CreateTable("items", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("qty", schema.Integer()), twice),
		ddl.RenameColumn("items", "qty", "quantity"))
	tg.Compare(t, cur, "after renaming qty")
}
