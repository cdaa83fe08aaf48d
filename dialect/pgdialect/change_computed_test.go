package pgdialect_test

import (
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// ChangeColumn keeps or changes a column's collation, identity and
// generation as the new definition says (the live schema equals the
// offline replay after each step), and refuses, before anything runs, what
// PostgreSQL cannot change in place.
func TestChangeColumnCollationIdentityGenerated(t *testing.T) {
	d := pgdialect.New()
	tg := dialecttest.Fresh(t, d, serverURL(t))
	cur := &schema.Database{}
	named := func(size int, collation string) ddl.ColumnDef {
		c := ddl.Column("name", schema.String(size))
		c.Collation = collation
		return c
	}
	identity := func(i schema.Identity) ddl.ColumnDef {
		c := ddl.Column("n", schema.BigInt()).NotNull().AutoIncrement()
		c.Identity = i
		return c
	}
	twice := ddl.Column("twice", schema.Integer())
	twice.Generated = &schema.Generated{Expr: "id * 2", Stored: true}
	step(t, tg, cur,
		ddl.CreateTable("films", ddl.Column("id", schema.Integer()).PrimaryKey(), named(50, "C"), identity(schema.IdentityAlways),
			ddl.Column("m", schema.Integer()).NotNull(), twice),
		ddl.ChangeColumn("films", named(100, "C")), // wider, still "C"
		ddl.ChangeColumn("films", named(100, "")),  // back to the default collation
		ddl.ChangeColumn("films", named(100, "C")), // the collation alone
		ddl.ChangeColumn("films", identity(schema.IdentityByDefault)),
		ddl.ChangeColumn("films", ddl.Column("n", schema.BigInt()).NotNull()), // no longer numbered
		ddl.ChangeColumn("films", func() ddl.ColumnDef {
			c := ddl.Column("m", schema.Integer()).NotNull().AutoIncrement()
			c.Identity = schema.IdentityAlways
			return c
		}()),
		ddl.ChangeColumn("films", ddl.Column("twice", schema.Integer())), // a plain column now
	)
	tg.Exec(t, `INSERT INTO films (id, name, n, twice) VALUES (1, 'a', 5, 9)`)

	other := ddl.Column("again", schema.Integer())
	other.Generated = &schema.Generated{Expr: "id * 3", Stored: true}
	step(t, tg, cur, ddl.AddColumn("films", other))
	for _, tt := range []struct {
		op   ddl.Op
		want string
	}{
		{ddl.ChangeColumn("films", func() ddl.ColumnDef {
			c := ddl.Column("again", schema.Integer())
			c.Generated = &schema.Generated{Expr: "id * 4", Stored: true}
			return c
		}()), "cannot change its expression"},
		{ddl.ChangeColumn("films", func() ddl.ColumnDef {
			c := ddl.Column("again", schema.BigInt())
			c.Generated = &schema.Generated{Expr: "id * 3", Stored: true}
			return c
		}()), "cannot change its expression or type"},
		{ddl.ChangeColumn("films", func() ddl.ColumnDef {
			c := ddl.Column("name", schema.String(100))
			c.Generated = &schema.Generated{Expr: "'x'", Stored: true}
			return c
		}()), "cannot make an existing column generated"},
	} {
		_, err := d.Render(tt.op, cur)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error containing %q", tt.op, err, tt.want)
		}
	}
}
