package importedreg

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

func init() {
	All.Add(migrate.Migration{
		Imported: true,
		Up:       []ddl.Op{ddl.CreateTable("things", ddl.Column("id", schema.Integer()).PrimaryKey())},
		Down:     []ddl.Op{ddl.DropTable("things")},
	})
}
