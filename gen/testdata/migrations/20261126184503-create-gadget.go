package migrations

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

func init() {
	All.Add(migrate.Migration{
		Name: "20261126184503-create-gadget",
		Up: []ddl.Op{
			ddl.CreateTable("gadgets",
				ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
				ddl.Column("email", schema.String(255)).NotNull().Unique(),
				ddl.Column("role", schema.Enum("admin", "guest user")),
				ddl.Column("price", schema.Decimal(10, 2)).Default("0"),
				ddl.Column("uid", schema.UUID()).DefaultUUIDv4(),
				ddl.Column("seenAt", schema.Date()).DefaultNow(),
				ddl.Column("ok", schema.Boolean()).NotNull().Default(true),
				ddl.Column("stock", schema.Integer()).NotNull().Default(10),
				ddl.Column("bio", schema.Text()).Default("it's, you"),
				ddl.Column("born", schema.DateOnly()),
				ddl.Column("score", schema.Double()),
				ddl.Column("meta", schema.JSON()),
				ddl.Column("raw", schema.Blob()),
				ddl.Column("createdAt", schema.Date()).NotNull(),
				ddl.Column("updatedAt", schema.Date()).NotNull(),
			),
		},
		Down: []ddl.Op{
			ddl.DropTable("gadgets"),
		},
	})
}
