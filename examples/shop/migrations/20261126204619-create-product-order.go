package migrations

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

func init() {
	All.Add(migrate.Migration{
		Name: "20261126204619-create-product-order",
		Up: []ddl.Op{
			ddl.CreateTable("product_orders",
				ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
				ddl.Column("productId", schema.Integer()).NotNull().References("products", "id").OnDelete(schema.Cascade),
				ddl.Column("orderId", schema.Integer()).NotNull().References("orders", "id").OnDelete(schema.Cascade),
				ddl.Column("createdAt", schema.Date()).NotNull(),
				ddl.Column("updatedAt", schema.Date()).NotNull(),
			),
		},
		Down: []ddl.Op{
			ddl.DropTable("product_orders"),
		},
	})
}
