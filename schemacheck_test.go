package strata_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/testshop"
	"github.com/strata-orm/strata/schema"
)

// migrate applies ddl operations to the target's database.
func migrate(t *testing.T, tg *dialecttest.Target, ops ...ddl.Op) {
	t.Helper()
	ctx := testCtx(t)
	cur := must(tg.Dialect.Inspect(ctx, tg.DB))(t)
	for _, op := range ops {
		stmts, err := tg.Dialect.Render(op, cur)
		if err != nil {
			t.Fatalf("%s: %v", op, err)
		}
		if err := dialect.ExecAll(ctx, tg.DB, tg.Dialect, stmts); err != nil {
			t.Fatalf("%s: %v", op, err)
		}
		if err := op.Apply(cur); err != nil {
			t.Fatal(err)
		}
	}
}

// reKey gives the foreign key of table.column the actions of the models'
// association (the seed's migrations leave ON UPDATE at NO ACTION, and
// orders.userId at ON DELETE CASCADE), as CheckSchema's fix says.
func reKey(table, column, ref string, onDelete schema.Action) []ddl.Op {
	return []ddl.Op{
		ddl.RemoveConstraint(table, schema.ForeignKeyName(table, []string{column})),
		ddl.AddForeignKey(table, []string{column}, ref, []string{"id"}).WithOnDelete(onDelete).WithOnUpdate(schema.Cascade),
	}
}

func TestCheckSchema(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		// The seed's migrations, plus the columns the test models add,
		// match the models.
		ops := testshop.Ops()
		ops = append(ops, reKey("orders", "userId", "users", schema.SetNull)...)
		ops = append(ops, reKey("product_orders", "productId", "products", schema.Cascade)...)
		ops = append(ops, reKey("product_orders", "orderId", "orders", schema.Cascade)...)
		ops = append(ops,
			ddl.AddColumn("users", ddl.Column("version", schema.Integer())),
			ddl.AddColumn("orders", ddl.Column("note", schema.String(0))),
			ddl.AddColumn("orders", ddl.Column("placedAt", schema.Date())),
			ddl.AddColumn("products", ddl.Column("stock", schema.Integer()).Default(7)),
			ddl.AddColumn("products", ddl.Column("deletedAt", schema.Date())),
			ddl.AddUnique("products", "name"),
			ddl.AddColumn("product_orders", ddl.Column("quantity", schema.Integer()).NotNull().Default(1)),
			ddl.AddUnique("product_orders", "productId", "orderId"),
			ddl.CreateTable("profiles",
				ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
				ddl.Column("userId", schema.Integer()).NotNull().Unique().References("users", "id").OnDelete(schema.Cascade).OnUpdate(schema.Cascade),
				ddl.Column("bio", schema.String(0))),
		)
		migrate(t, tg, ops...)
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(User{}, Order{}, Product{}, ProductOrder{}, Profile{})))(t)
		if err := db.CheckSchema(ctx); err != nil {
			t.Fatalf("the seed's migrations do not match the models:\n%v", err)
		}

		// Take pieces away: each is reported with its migration.
		migrate(t, tg,
			ddl.RemoveConstraint("orders", schema.ForeignKeyName("orders", []string{"userId"})),
			ddl.RemoveColumn("product_orders", "quantity"),
			ddl.ChangeColumn("products", ddl.Column("price", schema.String(0))),
			ddl.DropTable("profiles"),
			ddl.RemoveConstraint("product_orders", schema.UniqueName("product_orders", []string{"productId", "orderId"})),
		)
		err := db.CheckSchema(ctx)
		var se *strata.SchemaError
		if !errors.As(err, &se) {
			t.Fatalf("CheckSchema: %v", err)
		}
		var got []string
		for _, p := range se.Problems {
			got = append(got, p.String())
		}
		want := []string{
			`column orders.userId has no foreign key (needed by association User.Orders, User.BigOrders, Order.User); write a migration: strata migration:generate --name add-orders-userId-fkey, with ddl.AddForeignKey("orders", []string{"userId"}, "users", []string{"id"}).WithOnDelete(schema.SetNull).WithOnUpdate(schema.Cascade)`,
			`column products.price of model Product is STRING(255) in the database but DECIMAL(10,2) in the model; write a migration: strata migration:generate --name change-price-in-products, with ddl.ChangeColumn("products", ddl.Column("price", schema.Decimal(10, 2)))`,
			`column product_orders.quantity of model ProductOrder is missing; write a migration: strata migration:generate --name add-quantity-to-product-orders, with ddl.AddColumn("product_orders", ddl.Column("quantity", schema.Integer()).NotNull().Default(1))`,
			`table product_orders of model ProductOrder has no unique key on (productId, orderId) (needed by association Order.Products, Product.Orders); write a migration: strata migration:generate --name add-product-orders-productId-orderId-key, with ddl.AddUnique("product_orders", "productId", "orderId"), after deleting the rows that repeat a key`,
			`table profiles of model Profile is missing; write a migration: strata migration:generate --name create-profiles, with ddl.CreateTable("profiles", ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(), ddl.Column("userId", schema.Integer()).NotNull(), ddl.Column("bio", schema.String(255))).WithUnique("userId").WithForeignKey(schema.ForeignKey{Columns: []string{"userId"}, RefTable: "users", RefColumns: []string{"id"}, OnDelete: schema.Cascade, OnUpdate: schema.Cascade})`,
		}
		if diff := cmp.Diff(got, want); diff != "" {
			t.Errorf("problems (-got +want):\n%s", diff)
		}
		if !strings.HasPrefix(err.Error(), "strata: the "+tg.Dialect.Name()+" database does not match the models (5 problems):\n  - column orders.userId") {
			t.Errorf("message:\n%v", err)
		}

		// A join table without a model that is missing, and a missing
		// foreign-key column.
		emp := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(Employee{})))(t)
		migrate(t, tg, ddl.CreateTable("employees",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("name", schema.String(0))))
		err = emp.CheckSchema(ctx)
		if !errors.As(err, &se) || len(se.Problems) != 2 {
			t.Fatalf("CheckSchema of employees: %v", err)
		}
		if p := se.Problems[0]; p.What != "missing column" || p.Column != "managerId" || p.Association != "Employee.Manager, Employee.Reports" ||
			p.Migration != "add-managerId-to-employees" || !strings.Contains(p.String(), `ddl.Column("managerId", schema.Integer()).References("employees", "id").OnDelete(schema.SetNull).OnUpdate(schema.Cascade)`) {
			t.Errorf("missing key column: %s", p)
		}
		if p := se.Problems[1]; p.What != "missing table" || p.Table != "employee_friends" || p.Association != "Employee.Friends" || p.Migration != "create-employee-friends" {
			t.Errorf("missing join table: %s", p)
		}
	})
}
