package drift_test

import (
	"context"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/drift"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

type tkUser struct {
	ID   int
	Code string `strata:",notnull,unique,size=20"`
}

func (tkUser) TableName() string { return "users" }

type tkOrder struct {
	ID       int
	UserCode *string `strata:",size=20"`
	User     *tkUser
}

func (tkOrder) TableName() string { return "orders" }
func (tkOrder) Associate(a *strata.Associations) {
	a.BelongsTo(tkUser{}, strata.ForeignKey("UserCode"), strata.TargetKey("Code"))
}

// TestForeignKeyToNewKey: on each dialect, a belongsTo added on a new
// column whose target key is a column (and unique key) added in the same
// migration gives a migration that applies: the foreign key comes after
// the key it points at.
func TestForeignKeyToNewKey(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := context.Background()
		id := func() ddl.ColumnDef { return ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement() }
		reg := migrate.Registry{{Name: "20260101000000-init",
			Up:   []ddl.Op{ddl.CreateTable("users", id()), ddl.CreateTable("orders", id())},
			Down: []ddl.Op{ddl.DropTable("orders"), ddl.DropTable("users")}}}
		p := drift.Project{Models: []any{tkUser{}, tkOrder{}}, Migrations: []migrate.Option{migrate.WithGo(reg)}, Dialect: tg.Dialect}
		res, err := drift.Generate(p, drift.GenerateOptions{})
		if err != nil {
			t.Fatal(err)
		}
		reg = append(reg, migrate.Migration{Name: "20260101000001-codes", Up: res.Up, Down: res.Down})
		p.Migrations = []migrate.Option{migrate.WithGo(reg)}
		m, err := migrate.New(tg.DB, tg.Dialect, p.Migrations...)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.Up(ctx); err != nil {
			t.Fatalf("the generated migration does not apply: %v", err)
		}
		p.DB = tg.DB
		rep, err := drift.Check(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Clean() {
			t.Errorf("after the generated migration:\n%s", rep)
		}
		if _, err := m.Undo(ctx); err != nil {
			t.Fatalf("its Down: %v", err)
		}
	})
}
