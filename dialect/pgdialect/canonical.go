package pgdialect

import (
	"slices"

	"github.com/strata-orm/strata/schema"
)

// Canonical implements dialect.Dialect: a normalized deep copy of db in the
// form PostgreSQL stores and reads back. Auto-increment and primary-key
// columns are NOT NULL and an auto-increment column has no default of its
// own; defaults are spelled as parseDefault reads them (numbers one way,
// expressions normalized); check expressions and partial-index predicates
// go through NormalizeExpr.
func (*Dialect) Canonical(db *schema.Database) *schema.Database {
	out := db.Clone()
	if out == nil {
		out = &schema.Database{}
	}
	for ti := range out.Tables {
		t := &out.Tables[ti]
		for ci := range t.Columns {
			c := &t.Columns[ci]
			c.Default = canonicalDefault(*c)
			if c.AutoIncrement || slices.Contains(t.PrimaryKey, c.Name) {
				c.NotNull = true
			}
		}
		for i := range t.Checks {
			t.Checks[i].Expr = NormalizeExpr(t.Checks[i].Expr)
		}
		for i := range t.Indexes {
			if t.Indexes[i].Where != "" {
				t.Indexes[i].Where = NormalizeExpr(t.Indexes[i].Where)
			}
		}
	}
	out.Normalize()
	return out
}
