package schemadiff

import (
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// TestFoldedForeignKey: a column added with a foreign key on it alone is
// one AddColumn with References, as a person writes it; a key to a table
// created later in Up stays an AddForeignKey after it.
func TestFoldedForeignKey(t *testing.T) {
	from := &schema.Database{}
	if err := ddl.Replay(from,
		ddl.CreateTable("users", ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement()),
		ddl.CreateTable("products", ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement()),
	); err != nil {
		t.Fatal(err)
	}
	to := from.Clone()
	if err := ddl.Replay(to,
		ddl.AddColumn("products", ddl.Column("userId", schema.Integer()).References("users", "id").OnDelete(schema.SetNull).OnUpdate(schema.Cascade)),
		ddl.CreateTable("shops", ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement()),
		ddl.AddColumn("products", ddl.Column("shopId", schema.Integer()).References("shops", "id")),
	); err != nil {
		t.Fatal(err)
	}
	res := roundTrip(t, from, to, Options{})
	var got []string
	for _, op := range res.Up {
		got = append(got, op.GoString())
	}
	want := ddl.AddColumn("products", ddl.Column("userId", schema.Integer()).References("users", "id").OnDelete(schema.SetNull).OnUpdate(schema.Cascade)).GoString()
	found, fkAfter := false, false
	for _, g := range got {
		if g == want {
			found = true
		}
		if g == ddl.AddForeignKey("products", []string{"shopId"}, "shops", []string{"id"}).GoString() {
			fkAfter = true
		}
	}
	if !found || !fkAfter || len(got) != 4 {
		t.Errorf("Up:\n%s\nwant the userId key folded into its column and the shopId key after shops", got)
	}
}
