package sqlitedialect

import (
	"slices"

	"github.com/strata-orm/strata/schema"
)

// Canonical implements dialect.Dialect. It returns a normalized deep copy of
// db in the form SQLite stores and Inspect reads back:
//
//   - comments are dropped (SQLite keeps none);
//   - an auto-increment BIGINT or SMALLINT column is INTEGER, the only
//     type SQLite numbers rows with;
//   - primary-key columns are NOT NULL;
//   - a collation name is upper case (SQLite compares them
//     case-insensitively);
//   - an explicit DEFAULT NULL (the expression NULL) is no default;
//   - CHECK expressions, partial-index predicates, default expressions and
//     generated columns' expressions are in normalizeExpr's form;
//   - a foreign key is deferrable only if initially deferred, the one
//     deferral SQLite has.
//
// ENUM stays ENUM: Inspect reads the column's CHECK back into its values.
func (*Dialect) Canonical(db *schema.Database) *schema.Database {
	out := db.Clone()
	if out == nil {
		out = &schema.Database{}
	}
	for i := range out.Tables {
		t := &out.Tables[i]
		t.Comment = ""
		t.PrimaryKeyName = "" // SQLite keeps no name of a primary key that Inspect could read
		for j := range t.Columns {
			c := &t.Columns[j]
			c.Comment = ""
			if c.AutoIncrement {
				switch c.Type.Kind {
				case schema.KindBigInt, schema.KindSmallInt:
					c.Type = schema.Integer()
				}
			}
			if slices.Contains(t.PrimaryKey, c.Name) {
				c.NotNull = true
			}
			c.Collation = canonicalCollation(c.Collation)
			if c.Generated != nil {
				c.Generated.Expr = normalizeExpr(c.Generated.Expr)
			}
			if isNullDefault(c.Default) {
				c.Default = nil // DEFAULT NULL is no default
			}
			if c.Default != nil && c.Default.Kind == schema.DefaultExpr {
				c.Default.Value = normalizeExpr(c.Default.Value)
			}
		}
		for j := range t.Checks {
			t.Checks[j].Expr = normalizeExpr(t.Checks[j].Expr)
		}
		for j := range t.Indexes {
			if t.Indexes[j].Where != "" {
				t.Indexes[j].Where = normalizeExpr(t.Indexes[j].Where)
			}
		}
		for j := range t.ForeignKeys {
			// Only DEFERRABLE INITIALLY DEFERRED defers a key on SQLite;
			// DEFERRABLE alone (INITIALLY IMMEDIATE) is immediate, and
			// SQLite has no SET CONSTRAINTS to defer it later.
			fk := &t.ForeignKeys[j]
			fk.Deferrable = fk.InitiallyDeferred
		}
	}
	out.Warnings = nil
	// Objects are carried for a rebuild, not compared: a view or trigger a
	// raw statement made is in the database and not in an offline replay.
	out.Objects = nil
	out.Normalize()
	return out
}
