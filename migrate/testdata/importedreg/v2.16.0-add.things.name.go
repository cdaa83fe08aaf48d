package importedreg

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

func init() {
	All.Add(migrate.Migration{
		Imported: true,
		Up:       []ddl.Op{ddl.AddColumn("things", ddl.Column("name", schema.String(40)))},
		Down:     []ddl.Op{ddl.RemoveColumn("things", "name")},
	})
}
