package migrations

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

func init() {
	All.Add(migrate.Migration{
		Name: "20261126184503-create-widget",
		Up: []ddl.Op{
			ddl.CreateTable("widgets",
				ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
				ddl.Column("tags", schema.Array(schema.String(255))),
				ddl.Column("status", schema.Enum("active", "inactive")),
				ddl.Column("flag", schema.Boolean()),
				ddl.Column("body", schema.Text()),
				ddl.Column("born", schema.DateOnly()),
				ddl.Column("meta", schema.JSON()),
				ddl.Column("uid", schema.UUID()).DefaultUUIDv4(),
				ddl.Column("big", schema.BigInt()),
				ddl.Column("f", schema.Float()),
				ddl.Column("d", schema.Double()),
				ddl.Column("r", schema.Float()),
				ddl.Column("ts", schema.Date()),
				ddl.Column("price", schema.Decimal(10, 2)).NotNull().Default("0"),
				ddl.Column("userId", schema.Integer()).References("users", "id").OnDelete(schema.Cascade),
				ddl.Column("email", schema.String(100)).NotNull().Unique(),
				ddl.Column("createdAt", schema.Date()).NotNull(),
				ddl.Column("updatedAt", schema.Date()).NotNull(),
			),
			ddl.AddIndex("widgets", "email"),
		},
		Down: []ddl.Op{
			ddl.DropTable("widgets"),
		},
	})
}
