package schemadiff

import (
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/internal/testshop"
	"github.com/strata-orm/strata/schema"
)

// TestLive makes the shop on each database, diffs it against a schema
// with a dropped column, an added column with a foreign key, a new join
// table with two foreign keys and a unique pair, a changed default and a
// new unique key, runs Up there and checks that the live schema then
// compares Empty with the target; then runs Down and checks that the live
// schema is the shop again.
func TestLive(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		d := tg.Dialect
		cur := &schema.Database{}
		tg.Apply(t, cur, testshop.Ops()...)
		original := tg.Inspect(t)
		if r, err := Diff(original, d.Canonical(cur), Options{DropTables: true}); err != nil || !r.Empty() {
			t.Fatalf("the shop as read differs from the shop replayed: %v %v", r, err)
		}

		to := replayed(t, cur,
			ddl.RemoveColumn("users", "age"),
			ddl.AddColumn("products", ddl.Column("ownerId", schema.Integer())),
			ddl.AddForeignKey("products", []string{"ownerId"}, "users", []string{"id"}).WithOnDelete(schema.SetNull),
			ddl.CreateTable("wishes",
				ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
				ddl.Column("userId", schema.Integer()).NotNull().References("users", "id").OnDelete(schema.Cascade),
				ddl.Column("productId", schema.Integer()).NotNull().References("products", "id").OnDelete(schema.Cascade),
			).WithUnique("userId", "productId"),
			ddl.ChangeColumn("products", ddl.Column("price", schema.Decimal(10, 2)).Default("0")),
			ddl.AddUnique("products", "name"),
		)
		r, err := Diff(cur, to, Options{DropTables: true})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range r.Changes {
			got = append(got, string(c.Kind))
		}
		want := "drop column,add column,change column,add unique,add table,add foreign key"
		if strings.Join(got, ",") != want {
			t.Errorf("changes = %s, want %s", strings.Join(got, ","), want)
		}
		tg.Apply(t, cur, r.Up...)
		live := tg.Inspect(t)
		again, err := Diff(live, d.Canonical(to), Options{DropTables: true})
		if err != nil {
			t.Fatal(err)
		}
		if !again.Empty() {
			t.Errorf("the live schema after Up differs from the target: %s", kindsText(again))
			for _, c := range again.Changes {
				t.Logf("  %s %s.%s: %q -> %q", c.Kind, c.Table, c.Name, c.From, c.To)
			}
		}
		tg.Apply(t, cur, r.Down...)
		if diff := schemaDiff(tg.Inspect(t), original); len(diff) > 0 {
			t.Errorf("the live schema after Down is not the shop:\n%s", strings.Join(diff, "\n"))
		}
	})
}
