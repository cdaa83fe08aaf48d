package migrations

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

func init() {
	All.Add(migrate.Migration{
		Name: "20261126204621-add-quantity-to-product-orders",
		Up: []ddl.Op{
			ddl.AddColumn("product_orders", ddl.Column("quantity", schema.Integer()).NotNull().Default(1)),
		},
		Down: []ddl.Op{
			ddl.RemoveColumn("product_orders", "quantity"),
		},
	})
}
