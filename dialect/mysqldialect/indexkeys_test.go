package mysqldialect_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// A DESC key of a non-unique index reads back as "col DESC" and is made
// again; a table rebuilt from what Inspect read has the same STATISTICS.
func TestIndexDescKeysRoundTrip(t *testing.T) {
	d := mysqldialect.New()
	url := os.Getenv(dialecttest.EnvMySQL)
	src := dialecttest.Fresh(t, d, url)
	src.Exec(t, "CREATE TABLE items (id INT PRIMARY KEY, code VARCHAR(20), `Rank` INT, INDEX items_desc (`Rank` DESC, code), INDEX items_plain (code))")
	db, err := d.Inspect(context.Background(), src.DB)
	if err != nil {
		t.Fatal(err)
	}
	if len(db.Warnings) != 0 {
		t.Errorf("Inspect warnings: %v", db.Warnings)
	}
	items := db.Table("items")
	if x := items.Index("items_desc"); x == nil || !cmp.Equal(x.Columns, []string{"Rank DESC", "code"}) {
		t.Errorf("items_desc: %+v, want keys Rank DESC, code", x)
	}
	dst := dialecttest.Fresh(t, d, url)
	cur := &schema.Database{}
	dst.Apply(t, cur, ddl.CreateTableFrom(*items)...)
	dst.Compare(t, cur, "after rebuilding from what Inspect read")
	if diff := cmp.Diff(statistics(t, dst), statistics(t, src)); diff != "" {
		t.Errorf("STATISTICS of the rebuilt table (-got +want):\n%s", diff)
	}
}

// statistics lists the index rows of information_schema.STATISTICS of the
// current database.
func statistics(t *testing.T, tg *dialecttest.Target) []string {
	t.Helper()
	return tg.Strings(t, `SELECT CONCAT_WS(' ', TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, COALESCE(COLLATION, '-'), INDEX_TYPE)
		FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`)
}

// An expression key, which MariaDB cannot make and strata does not write
// for MySQL, is refused with an error naming the index and the key, as is
// DESC on a unique index.
func TestIndexExpressionKeyRefused(t *testing.T) {
	d := mysqldialect.New()
	cur := &schema.Database{}
	if err := ddl.CreateTable("t", ddl.Column("a", schema.String(20))).Apply(cur); err != nil {
		t.Fatal(err)
	}
	for _, op := range []*ddl.AddIndexOp{
		ddl.AddIndex("t", "lower(a)").Named("t_x"),
		ddl.AddIndex("t", "a DESC").Named("t_x").AsUnique(),
	} {
		_, err := d.Render(op, cur)
		if err == nil || !strings.Contains(err.Error(), `"t_x"`) || !strings.Contains(err.Error(), op.Columns[0]) {
			t.Errorf("Render %v: %v, want an error naming index and key", op.Columns, err)
		}
	}
	stmts, err := d.Render(ddl.AddIndex("t", "a desc").Named("t_ok"), cur)
	if err != nil || len(stmts) != 1 || !strings.Contains(stmts[0].SQL, "KEY `t_ok` (`a` DESC)") {
		t.Errorf("Render: %v %v", stmts, err)
	}
}
