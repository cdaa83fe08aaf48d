package migrations

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

func init() {
	All.Add(migrate.Migration{
		Name: "20261126204617-create-order",
		Up: []ddl.Op{
			ddl.CreateTable("orders",
				ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
				ddl.Column("total", schema.Decimal(10, 2)),
				ddl.Column("userId", schema.Integer()).References("users", "id").OnDelete(schema.Cascade),
				ddl.Column("createdAt", schema.Date()).NotNull(),
				ddl.Column("updatedAt", schema.Date()).NotNull(),
			),
		},
		Down: []ddl.Op{
			ddl.DropTable("orders"),
		},
	})
}
