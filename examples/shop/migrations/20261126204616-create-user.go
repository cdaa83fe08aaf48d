package migrations

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

func init() {
	All.Add(migrate.Migration{
		Name: "20261126204616-create-user",
		Up: []ddl.Op{
			ddl.CreateTable("users",
				ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
				ddl.Column("firstName", schema.String(255)),
				ddl.Column("lastName", schema.String(255)),
				ddl.Column("email", schema.String(255)).NotNull().Unique(),
				ddl.Column("createdAt", schema.Date()).NotNull(),
				ddl.Column("updatedAt", schema.Date()).NotNull(),
			),
		},
		Down: []ddl.Op{
			ddl.DropTable("users"),
		},
	})
}
