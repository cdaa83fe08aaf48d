package mysqldialect_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// TestNarrowingWithoutStrictMode: on a session whose sql_mode is not
// strict, MariaDB would cut, clamp and round values that do not fit the
// changed column, with only a warning; the guard refuses the change there
// too, with the same error as everywhere, and nothing changes.
func TestNarrowingWithoutStrictMode(t *testing.T) {
	d := mysqldialect.New()
	tg := dialecttest.Fresh(t, d, os.Getenv(dialecttest.EnvMySQL))
	cur := &schema.Database{}
	tg.Apply(t, cur,
		ddl.CreateTable("tracks", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("name", schema.String(200)),
			ddl.Column("plays", schema.BigInt()), ddl.Column("price", schema.Decimal(10, 3))),
		ddl.BulkInsert("tracks", ddl.Row{"id": 1, "name": strings.Repeat("x", 60), "plays": int64(1) << 40, "price": "1.005"}))
	ctx := t.Context()
	conn, err := tg.DB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET SESSION sql_mode = ''"); err != nil {
		t.Fatal(err)
	}
	for _, op := range []ddl.Op{
		ddl.ChangeColumn("tracks", ddl.Column("name", schema.String(50))),
		ddl.ChangeColumn("tracks", ddl.Column("plays", schema.Integer())),
		ddl.ChangeColumn("tracks", ddl.Column("price", schema.Decimal(10, 2))),
	} {
		stmts, err := d.Render(op, cur)
		if err != nil {
			t.Fatal(err)
		}
		err = dialect.ExecConn(ctx, conn, d, stmts)
		var le *dialect.DataLossError
		if !errors.As(err, &le) || le.Rows != 1 {
			t.Errorf("%s on a non-strict session: error %v, want a *dialect.DataLossError for 1 row", op, err)
		}
	}
	var name, price string
	var plays int64
	if err := conn.QueryRowContext(ctx, "SELECT name, plays, price FROM tracks").Scan(&name, &plays, &price); err != nil {
		t.Fatal(err)
	}
	if len(name) != 60 || plays != 1<<40 || price != "1.005" {
		t.Errorf("row after the refused changes: %d characters, %d, %s", len(name), plays, price)
	}
	tg.Compare(t, cur, "after the refused changes")
}
