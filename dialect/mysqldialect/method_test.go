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

// TestIndexMethodCase: an index method is MySQL's in either case, as
// PostgreSQL spells them lower-case: fulltext renders FULLTEXT KEY and
// is, canonically, the FULLTEXT Inspect reads; HASH, which InnoDB would
// silently build as a B-tree, is refused.
func TestIndexMethodCase(t *testing.T) {
	d := mysqldialect.New()
	cur := &schema.Database{}
	create := ddl.CreateTable("docs", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("body", schema.Text()), ddl.Column("n", schema.Integer()))
	if err := create.Apply(cur); err != nil {
		t.Fatal(err)
	}
	op := ddl.AddIndex("docs", "body").Named("docs_body_ft").Using("fulltext")
	stmts, err := d.Render(op, cur)
	if err != nil {
		t.Fatalf("Render(%s): %v", op, err)
	}
	if len(stmts) != 1 || !strings.Contains(stmts[0].SQL, "ADD FULLTEXT KEY") {
		t.Errorf("Render(%s) = %+v, want ADD FULLTEXT KEY", op, stmts)
	}
	hash := ddl.AddIndex("docs", "n").Using("hash")
	if _, err := d.Render(hash, cur); err == nil || !strings.Contains(err.Error(), "HASH") {
		t.Errorf("Render(%s) = %v, want HASH refused", hash, err)
	}

	tg := dialecttest.Fresh(t, d, os.Getenv(dialecttest.EnvMySQL))
	live := &schema.Database{}
	tg.Apply(t, live, create, op, ddl.AddIndex("docs", "n"))
	tg.Compare(t, live, "after a lower-case fulltext index") // Canonical: fulltext is FULLTEXT
	if x := tg.Inspect(t).Table("docs").Index("docs_body_ft"); x == nil || x.Method != "FULLTEXT" {
		t.Errorf("Inspect reads the index as %+v, want method FULLTEXT", x)
	}
}
