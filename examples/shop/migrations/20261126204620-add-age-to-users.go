package migrations

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

func init() {
	All.Add(migrate.Migration{
		Name: "20261126204620-add-age-to-users",
		Up: []ddl.Op{
			ddl.AddColumn("users", ddl.Column("age", schema.Integer())),
		},
		Down: []ddl.Op{
			ddl.RemoveColumn("users", "age"),
		},
	})
}
