// Package testshop holds the seed's shop (users, orders, products and the
// product_orders join table) as ddl operations, for tests across packages.
package testshop

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// Migration is one step of the shop's history.
type Migration struct {
	Name string
	Up   []ddl.Op
	Down []ddl.Op
}

func id() ddl.ColumnDef {
	return ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement()
}

func timestamps() []ddl.ColumnDef {
	return []ddl.ColumnDef{
		ddl.Column("createdAt", schema.Date()).NotNull(),
		ddl.Column("updatedAt", schema.Date()).NotNull(),
	}
}

// Migrations returns the seed's five migrations: users; orders with userId
// referencing users ON DELETE CASCADE; products; product_orders with NOT NULL
// foreign keys to products and orders; users.age.
func Migrations() []Migration {
	return []Migration{
		{
			Name: "20261126184503-create-user",
			Up: []ddl.Op{ddl.CreateTable("users", append([]ddl.ColumnDef{
				id(),
				ddl.Column("firstName", schema.String(0)),
				ddl.Column("lastName", schema.String(0)),
				ddl.Column("email", schema.String(0)).NotNull().Unique(),
			}, timestamps()...)...)},
			Down: []ddl.Op{ddl.DropTable("users")},
		},
		{
			Name: "20261126184506-create-order",
			Up: []ddl.Op{ddl.CreateTable("orders", append([]ddl.ColumnDef{
				id(),
				ddl.Column("total", schema.Decimal(10, 2)),
				ddl.Column("userId", schema.Integer()).References("users", "id").OnDelete(schema.Cascade),
			}, timestamps()...)...)},
			Down: []ddl.Op{ddl.DropTable("orders")},
		},
		{
			Name: "20261126184508-create-product",
			Up: []ddl.Op{ddl.CreateTable("products", append([]ddl.ColumnDef{
				id(),
				ddl.Column("name", schema.String(0)).NotNull(),
				ddl.Column("price", schema.Decimal(10, 2)),
			}, timestamps()...)...)},
			Down: []ddl.Op{ddl.DropTable("products")},
		},
		{
			Name: "20261126184548-create-product-orders",
			Up: []ddl.Op{ddl.CreateTable("product_orders", append([]ddl.ColumnDef{
				id(),
				ddl.Column("productId", schema.Integer()).NotNull().References("products", "id").OnDelete(schema.Cascade),
				ddl.Column("orderId", schema.Integer()).NotNull().References("orders", "id").OnDelete(schema.Cascade),
			}, timestamps()...)...)},
			Down: []ddl.Op{ddl.DropTable("product_orders")},
		},
		{
			Name: "20261126184551-add-age-to-users",
			Up:   []ddl.Op{ddl.AddColumn("users", ddl.Column("age", schema.Integer()))},
			Down: []ddl.Op{ddl.RemoveColumn("users", "age")},
		},
	}
}

// Ops returns every up operation of the history, in order.
func Ops() []ddl.Op {
	var ops []ddl.Op
	for _, m := range Migrations() {
		ops = append(ops, m.Up...)
	}
	return ops
}
