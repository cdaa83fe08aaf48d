package mysqldialect

import (
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// Canonical implements dialect.Dialect. It returns a normalized deep copy
// of db in the form MySQL stores and Inspect reads back:
//
//   - UUID is CHAR(36) and JSONB is JSON;
//   - a unique index without a WHERE is a unique constraint (MySQL has
//     only unique indexes), but for one on a column prefix, which only an
//     index holds;
//   - an index named after a foreign key of its table, not unique and on
//     exactly the key's columns, is the index MySQL needs for that key and
//     is left out. strata keeps index and constraint names unique
//     database-wide, so an index it was asked for never has a foreign key's
//     name; only the one it made for the key does (see the package doc);
//   - RESTRICT is NO ACTION: InnoDB checks both at once and treats them
//     the same;
//   - literal defaults are spelled as the column type reads them back
//     (decimals with their scale, whole numbers without a sign or leading
//     zeros, booleans true/false, times without trailing fractional zeros);
//     expression defaults that mean the current time or a random UUID are
//     NOW and UUIDV4, other expressions pass through NormalizeExpr;
//   - check and generated columns' expressions pass through NormalizeExpr;
//   - an index method is upper-case (fulltext is FULLTEXT).
func (d *Dialect) Canonical(db *schema.Database) *schema.Database {
	out := db.Clone()
	if out == nil {
		out = &schema.Database{}
	}
	for i := range out.Tables {
		canonicalTable(&out.Tables[i])
	}
	out.Warnings = nil
	// Objects are carried for a rebuild, not compared: a view or trigger a
	// raw statement made is in the database and not in an offline replay.
	out.Objects = nil
	out.TableScopedIndexNames = true // as Inspect reads it: MySQL names indexes per table
	out.Normalize()
	return out
}

func canonicalTable(t *schema.Table) {
	t.PrimaryKeyName = "" // MySQL names every primary key PRIMARY
	for i := range t.Columns {
		c := &t.Columns[i]
		switch c.Type.Kind {
		case schema.KindUUID:
			c.Type = schema.Char(36)
		case schema.KindJSONB:
			c.Type = schema.JSON()
		}
		c.Default = canonicalDefault(c.Default, c.Type)
		if c.Generated != nil {
			c.Generated.Expr = NormalizeExpr(c.Generated.Expr)
		}
	}
	var idx []schema.Index
	for _, x := range t.Indexes {
		for k, key := range x.Columns {
			if col, desc := descKey(key); desc && t.Column(key) == nil {
				x.Columns[k] = col + " DESC" // as Inspect reads it
			}
		}
		x.Method = strings.ToUpper(x.Method) // Inspect reads FULLTEXT, SPATIAL
		x.Lengths = x.CanonicalLengths()
		switch {
		case x.Unique && x.Where == "" && x.Lengths == nil: // a unique key with a prefix stays an index, as Inspect reads it
			t.Uniques = append(t.Uniques, schema.Unique{Name: x.Name, Columns: x.Columns})
		case isForeignKeyIndex(t, x):
		default:
			idx = append(idx, x)
		}
	}
	t.Indexes = idx
	for i := range t.ForeignKeys {
		fk := &t.ForeignKeys[i]
		fk.OnDelete, fk.OnUpdate = canonicalAction(fk.OnDelete), canonicalAction(fk.OnUpdate)
	}
	for i := range t.Checks {
		t.Checks[i].Expr = NormalizeExpr(t.Checks[i].Expr)
	}
}

// isForeignKeyIndex reports whether x is the index strata (or MySQL) made
// for a foreign key of t: named after it, on its columns, not unique.
func isForeignKeyIndex(t *schema.Table, x schema.Index) bool {
	fk := t.ForeignKey(x.Name)
	return fk != nil && !x.Unique && x.Where == "" && slices.Equal(fk.Columns, x.Columns)
}

func canonicalAction(a schema.Action) schema.Action {
	if a == "" || a == schema.Restrict {
		return schema.NoAction
	}
	return a
}

func canonicalDefault(d *schema.Default, t schema.Type) *schema.Default {
	if d == nil {
		return nil
	}
	switch d.Kind {
	case schema.DefaultExpr:
		if strings.EqualFold(strings.TrimSpace(d.Value), "NULL") {
			return nil // DEFAULT NULL is no default, as Inspect reads it
		}
		return defaultFromExpr(d.Value)
	case schema.DefaultLiteral:
		return &schema.Default{Kind: schema.DefaultLiteral, Value: canonicalLiteral(d.Value, t)}
	}
	return &schema.Default{Kind: d.Kind, Value: d.Value}
}

// canonicalLiteral spells a literal default of a column of type t the way
// MySQL reads it back. Values that do not parse are left alone.
func canonicalLiteral(v string, t schema.Type) string {
	switch t.Kind {
	case schema.KindBoolean:
		switch strings.ToLower(v) {
		case "1", "true":
			return "true"
		case "0", "false":
			return "false"
		}
	case schema.KindInteger, schema.KindBigInt, schema.KindSmallInt:
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return strconv.FormatInt(n, 10)
		}
	case schema.KindFloat, schema.KindDouble:
		bits := 64
		if t.Kind == schema.KindFloat {
			bits = 32
		}
		if f, err := strconv.ParseFloat(v, bits); err == nil {
			return strconv.FormatFloat(f, 'g', -1, bits)
		}
	case schema.KindDecimal:
		if s, ok := fixedPoint(v, t.Scale); ok {
			return s
		}
	case schema.KindDate, schema.KindTime:
		if i := strings.LastIndexByte(v, '.'); i >= 0 && strings.Count(v, ":") == 2 && i > strings.LastIndexByte(v, ':') {
			return strings.TrimSuffix(strings.TrimRight(v, "0"), ".")
		}
	}
	return v
}

// fixedPoint writes the decimal number v with exactly scale digits after
// the point, rounded half away from zero, as a DECIMAL column stores it.
func fixedPoint(v string, scale int) (string, bool) {
	if !numberRe.MatchString(v) {
		return "", false
	}
	r, ok := new(big.Rat).SetString(v)
	if !ok {
		return "", false
	}
	s := r.FloatString(scale)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s, true
}
