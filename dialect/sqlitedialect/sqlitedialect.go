package sqlitedialect

import (
	"strings"

	"github.com/strata-orm/strata/dialect"
)

// Dialect is SQLite. Its zero value is ready to use; New returns one.
type Dialect struct{}

// Compile-time checks of the abilities the dialect offers.
var (
	_ dialect.Dialect    = (*Dialect)(nil)
	_ dialect.Admin      = (*Dialect)(nil)
	_ dialect.DDLSession = (*Dialect)(nil)
)

// New returns the SQLite dialect.
func New() *Dialect { return &Dialect{} }

// Name implements dialect.Dialect: "sqlite".
func (*Dialect) Name() string { return "sqlite" }

// Quote implements dialect.Dialect: "name", with " doubled inside.
func (*Dialect) Quote(ident string) string {
	return `"` + strings.ReplaceAll(ident, `"`, `""`) + `"`
}

// Placeholder implements dialect.Dialect: SQLite binds "?" in order.
func (*Dialect) Placeholder(int) string { return "?" }

// MaxIdentLen implements dialect.Dialect: SQLite has no identifier limit.
func (*Dialect) MaxIdentLen() int { return 0 }

// MaxParams implements dialect.Dialect: SQLITE_MAX_VARIABLE_NUMBER.
func (*Dialect) MaxParams() int { return 32766 }

// TransactionalDDL implements dialect.Dialect: SQLite runs DDL in transactions.
func (*Dialect) TransactionalDDL() bool { return true }

// quoteString quotes s as an SQL string literal.
func quoteString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
