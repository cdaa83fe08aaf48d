package pgdialect_test

import (
	"errors"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// A table inheriting from another follows it when it is renamed, stops a
// plain drop of it, and goes with it in a drop with cascade, offline as in
// PostgreSQL (the live schema equals the replay after each step).
func TestInheritsFollowsItsParent(t *testing.T) {
	d := pgdialect.New()
	tg := dialecttest.Fresh(t, d, serverURL(t))
	cur := &schema.Database{}
	step(t, tg, cur,
		ddl.CreateTable("payment", ddl.Column("amount", schema.Integer()).NotNull()),
		&ddl.CreateTableOp{Name: "payment_2026", Columns: []ddl.ColumnDef{ddl.Column("note", schema.Text())}, Inherits: []string{"payment"}},
		ddl.RenameTable("payment", "pay"),
	)
	if got := cur.Table("payment_2026").Inherits; len(got) != 1 || got[0] != "pay" {
		t.Errorf("payment_2026 inherits from %v offline, want [pay]", got)
	}
	if err := tg.TryApply(t, cur, ddl.DropTable("pay")); !errors.Is(err, ddl.ErrInvalid) {
		t.Errorf("dropping a parent without cascade: %v, want ErrInvalid", err)
	}
	step(t, tg, cur, &ddl.DropTableOp{Name: "pay", Cascade: true})
	if len(cur.Tables) != 0 {
		t.Errorf("after dropping pay with cascade: %v", cur.TableNames())
	}
}
