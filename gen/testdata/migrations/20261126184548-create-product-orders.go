package migrations

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
)

func init() {
	All.Add(migrate.Migration{
		Name: "20261126184548-create-product-orders",
		Up:   []ddl.Op{
			// Add altering commands here.
			//
			// Example:
			// ddl.CreateTable("users", ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement()),
		},
		Down: []ddl.Op{
			// Add reverting commands here.
			//
			// Example:
			// ddl.DropTable("users"),
		},
	})
}
