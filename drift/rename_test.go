package drift_test

import (
	"context"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/drift"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// TestRenamesAreClean: on each dialect, a history that renames a table
// others point at and a column with a unique key and an index, applied,
// is in step with the database.
func TestRenamesAreClean(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := context.Background()
		id := func() ddl.ColumnDef { return ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement() }
		reg := migrate.Registry{
			{Name: "20260101000000-init", Up: []ddl.Op{
				ddl.CreateTable("users", id(), ddl.Column("email", schema.String(100)).NotNull().Unique()),
				ddl.CreateTable("orders", id(), ddl.Column("userId", schema.Integer()).References("users", "id").OnDelete(schema.Cascade)),
				ddl.AddIndex("orders", "userId"),
			}, Down: []ddl.Op{ddl.DropTable("orders"), ddl.DropTable("users")}},
			{Name: "20260101000001-rename", Up: []ddl.Op{
				ddl.RenameTable("users", "members"),
				ddl.RenameColumn("members", "email", "mail"),
				ddl.RenameColumn("orders", "userId", "memberId"),
			}, Down: []ddl.Op{
				ddl.RenameColumn("orders", "memberId", "userId"),
				ddl.RenameColumn("members", "mail", "email"),
				ddl.RenameTable("members", "users"),
			}},
		}
		p := drift.Project{Migrations: []migrate.Option{migrate.WithGo(reg)}, Dialect: tg.Dialect, DB: tg.DB}
		m, err := migrate.New(tg.DB, tg.Dialect, p.Migrations...)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		rep, err := drift.Check(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Clean() {
			t.Errorf("Check after the renames:\n%s", rep)
		}
	})
}
