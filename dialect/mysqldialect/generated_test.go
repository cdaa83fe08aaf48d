package mysqldialect_test

import (
	"database/sql"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// columnsInfo is what information_schema.COLUMNS says of every column of
// table, by name: type, nullability, default (NULL as MariaDB writes it),
// extra, generation expression, collation and comment, as one line each.
func columnsInfo(t *testing.T, tg *dialecttest.Target, table string) map[string]string {
	t.Helper()
	rows, err := tg.DB.QueryContext(t.Context(), `SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COALESCE(COLUMN_DEFAULT, 'NULL'), EXTRA,
  COALESCE(GENERATION_EXPRESSION, ''), COALESCE(COLLATION_NAME, ''), COLUMN_COMMENT
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var f [8]string
		if err := rows.Scan(&f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &f[7]); err != nil {
			t.Fatal(err)
		}
		out[f[0]] = strings.Join(f[1:], " | ")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// generatedValues reads s and v of the row of g with id 1.
func generatedValues(t *testing.T, tg *dialecttest.Target) (int64, string) {
	t.Helper()
	var s sql.NullInt64
	var v sql.NullString
	if err := tg.DB.QueryRowContext(t.Context(), "SELECT s, v FROM g WHERE id = 1").Scan(&s, &v); err != nil {
		t.Fatal(err)
	}
	return s.Int64, v.String
}

// TestGeneratedColumns: a table made by hand with a stored (PERSISTENT,
// as MariaDB also spells it) and a virtual generated column is read as
// such, made again from what was read in another database with the same
// columns, computes the same values, and keeps both generated through a
// ChangeColumn of each.
func TestGeneratedColumns(t *testing.T) {
	d := mysqldialect.New()
	src := dialecttest.Fresh(t, d, os.Getenv(dialecttest.EnvMySQL))
	src.Exec(t, "CREATE TABLE g (id INT PRIMARY KEY, a INT, b VARCHAR(10), s INT AS (a*2) PERSISTENT, "+
		"v VARCHAR(20) GENERATED ALWAYS AS (concat(b, 'x')) VIRTUAL COMMENT 'v''s')")
	read, err := d.Inspect(t.Context(), src.DB)
	if err != nil {
		t.Fatal(err)
	}
	g := read.Table("g")
	if g == nil {
		t.Fatalf("g is missing: %v", read.TableNames())
	}
	for _, want := range []struct {
		col    string
		stored bool
	}{{"s", true}, {"v", false}} {
		c := g.Column(want.col)
		if c == nil || c.Generated == nil || c.Generated.Stored != want.stored || c.Default != nil {
			t.Fatalf("column %s reads as %#v, want generated (stored %v) without a default", want.col, c, want.stored)
		}
	}

	dst := dialecttest.Fresh(t, d, os.Getenv(dialecttest.EnvMySQL))
	cur := &schema.Database{}
	dst.Apply(t, cur, ddl.CreateTableFrom(*g)...)
	dst.Compare(t, cur, "after the rebuild")
	if diff := cmp.Diff(columnsInfo(t, src, "g"), columnsInfo(t, dst, "g")); diff != "" {
		t.Errorf("the rebuilt columns differ (-source +rebuilt):\n%s", diff)
	}
	dst.Exec(t, "INSERT INTO g (id, a, b) VALUES (1, 3, 'q')")
	if s, v := generatedValues(t, dst); s != 6 || v != "qx" {
		t.Errorf("rebuilt g computes s = %d, v = %q; want 6, \"qx\"", s, v)
	}

	// ChangeColumn restates a generated column: widened, commented.
	s := ddl.ColumnOf(*cur.Table("g").Column("s"))
	s.Type = schema.BigInt()
	v := ddl.ColumnOf(*cur.Table("g").Column("v")).Comment("changed")
	dst.Apply(t, cur, ddl.ChangeColumn("g", s), ddl.ChangeColumn("g", v))
	dst.Compare(t, cur, "after changing the generated columns")
	info := columnsInfo(t, dst, "g")
	for col, want := range map[string]string{
		"s": "bigint(20) | YES | NULL | STORED GENERATED | `a` * 2 |  | ",
		"v": "varchar(20) | YES | NULL | VIRTUAL GENERATED | concat(`b`,'x') | utf8mb4_general_ci | changed",
	} {
		if got := info[col]; got != want {
			t.Errorf("after ChangeColumn, %s is %q, want %q", col, got, want)
		}
	}
	dst.Exec(t, "UPDATE g SET a = 5, b = 'w' WHERE id = 1")
	if s, v := generatedValues(t, dst); s != 10 || v != "wx" {
		t.Errorf("changed g computes s = %d, v = %q; want 10, \"wx\"", s, v)
	}
}
