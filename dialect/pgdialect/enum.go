package pgdialect

import (
	"strings"

	"github.com/strata-orm/strata/schema"
)

// createEnum creates the type of ENUM column c of table.
func createEnum(table string, c schema.Column) string {
	return createEnumNamed(enumTypeName(table, c.Name), enumValues(c.Type))
}

func createEnumNamed(name string, values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = quoteLiteral(v)
	}
	return "CREATE TYPE " + quoteIdent(name) + " AS ENUM (" + strings.Join(q, ", ") + ")"
}

// dropEnum drops an enum type once no column uses it. IF EXISTS lets a
// table made outside strata, with its enum named otherwise, be dropped.
func dropEnum(name string) string {
	return "DROP TYPE IF EXISTS " + quoteIdent(name)
}

func renameEnum(from, to string) string {
	return "ALTER TYPE " + quoteIdent(from) + " RENAME TO " + quoteIdent(to)
}
