package migrations

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

func init() {
	All.Add(migrate.Migration{
		Name: "20261126204618-create-product",
		Up: []ddl.Op{
			ddl.CreateTable("products",
				ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
				ddl.Column("name", schema.String(255)).NotNull(),
				ddl.Column("price", schema.Decimal(10, 2)),
				ddl.Column("createdAt", schema.Date()).NotNull(),
				ddl.Column("updatedAt", schema.Date()).NotNull(),
			),
		},
		Down: []ddl.Op{
			ddl.DropTable("products"),
		},
	})
}
