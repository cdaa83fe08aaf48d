package migrations

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

func init() {
	All.Add(migrate.Migration{
		Name: "20261126184503-create-user-profile",
		Up: []ddl.Op{
			ddl.CreateTable("user_profiles",
				ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
				ddl.Column("display_name", schema.String(255)),
				ddl.Column("created_at", schema.Date()).NotNull(),
				ddl.Column("updated_at", schema.Date()).NotNull(),
			),
		},
		Down: []ddl.Op{
			ddl.DropTable("user_profiles"),
		},
	})
}
