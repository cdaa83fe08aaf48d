package pgdialect_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// TestNarrowingWithoutTheGuard: the ALTER a narrowing changeColumn renders
// to VARCHAR(n) and CHAR(n) refuses a value too long by itself (USING
// col::text, then PostgreSQL's assignment to the column), so a row written
// between the guard's count and the ALTER, or statements run without
// their guard, never cut text: USING col::VARCHAR(50) cut 46 of 3,503
// track names.
func TestNarrowingWithoutTheGuard(t *testing.T) {
	d := pgdialect.New()
	tg := dialecttest.Fresh(t, d, serverURL(t))
	cur := &schema.Database{}
	long := strings.Repeat("x", 60)
	tg.Apply(t, cur,
		ddl.CreateTable("tracks", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("name", schema.Text()), ddl.Column("code", schema.String(20))),
		ddl.BulkInsert("tracks", ddl.Row{"id": 1, "name": long, "code": "abcdef"}))
	for _, op := range []ddl.Op{
		ddl.ChangeColumn("tracks", ddl.Column("name", schema.String(50))),
		ddl.ChangeColumn("tracks", ddl.Column("code", schema.Char(3))),
	} {
		stmts, err := d.Render(op, cur)
		if err != nil {
			t.Fatal(err)
		}
		var unguarded []dialect.Stmt
		for _, st := range stmts {
			if st.Guard == nil {
				unguarded = append(unguarded, st)
			}
		}
		err = dialect.ExecAll(t.Context(), tg.DB, d, unguarded)
		var de *dialect.Error
		if !errors.As(err, &de) || de.Kind != dialect.ErrDataTooLong {
			t.Errorf("%s without its guard: error %v, want a value-too-long error", op, err)
		}
	}
	var name, code string
	if err := tg.DB.QueryRowContext(t.Context(), `SELECT name, code FROM tracks`).Scan(&name, &code); err != nil {
		t.Fatal(err)
	}
	if name != long || code != "abcdef" {
		t.Errorf("row after the refused changes: %q, %q", name, code)
	}
}
