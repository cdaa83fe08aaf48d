package pgdialect

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/strata-orm/strata/schema"
)

// Canonical implements dialect.Dialect: a normalized deep copy of db in the
// form PostgreSQL stores and reads back. Auto-increment and primary-key
// columns are NOT NULL and an auto-increment column has no default of its
// own; defaults are spelled as parseDefault reads them (numbers one way,
// expressions normalized); check expressions and partial-index predicates
// go through NormalizeExpr; index methods are in lower case, the B-tree's
// empty; a foreign key initially deferred is deferrable.
func (*Dialect) Canonical(db *schema.Database) *schema.Database {
	out := db.Clone()
	if out == nil {
		out = &schema.Database{}
	}
	for ti := range out.Tables {
		t := &out.Tables[ti]
		if autoKeyName(t.PrimaryKeyName) {
			t.PrimaryKeyName = ""
		}
		for ci := range t.Columns {
			c := &t.Columns[ci]
			if bareTimestamptz(c.Type) {
				// Inspect reads a timestamp with time zone without a
				// precision as Date: it holds microseconds all the same.
				c.Type = schema.Date()
			}
			c.Default = canonicalDefault(*c)
			if c.Generated != nil {
				c.Generated.Expr = NormalizeExpr(unwrapAll(c.Generated.Expr))
			}
			if c.AutoIncrement || slices.Contains(t.PrimaryKey, c.Name) {
				c.NotNull = true
			}
		}
		for i := range t.Checks {
			t.Checks[i].Expr = NormalizeExpr(t.Checks[i].Expr)
		}
		for i := range t.Indexes {
			x := &t.Indexes[i]
			if x.Where != "" {
				x.Where = NormalizeExpr(x.Where)
			}
			x.Method = canonicalMethod(x.Method)
			for k, key := range x.Columns {
				if !t.IsColumnKey(key) {
					// The server adds casts and parentheses and
					// changes case in what it prints of a key.
					x.Columns[k] = NormalizeExpr(key)
				}
			}
			if len(x.Include) == 0 {
				x.Include = nil
			}
		}
		for i := range t.ForeignKeys {
			fk := &t.ForeignKeys[i]
			fk.Deferrable = fk.Deferrable || fk.InitiallyDeferred
		}
	}
	out.Warnings = nil
	// Objects are carried for a rebuild, not compared: a view or trigger a
	// raw statement made is in the database and not in an offline replay.
	out.Objects = nil
	out.Normalize()
	return out
}

// canonicalDefault is c's default in the form both an offline replay and
// Inspect agree on: what PostgreSQL would read back, with numbers in one
// spelling and expressions normalized.
func canonicalDefault(c schema.Column) *schema.Default {
	d := c.Default
	if d == nil || c.AutoIncrement {
		return nil
	}
	switch d.Kind {
	case schema.DefaultLiteral:
		return &schema.Default{Kind: schema.DefaultLiteral, Value: canonicalLiteral(d.Value, c.Type)}
	case schema.DefaultExpr:
		p := parseDefault(d.Value)
		switch {
		case p == nil:
			return nil
		case p.Kind == schema.DefaultLiteral:
			return &schema.Default{Kind: schema.DefaultLiteral, Value: canonicalLiteral(p.Value, c.Type)}
		case p.Kind == schema.DefaultExpr:
			return schema.Expr(NormalizeExpr(p.Value))
		}
		return p
	}
	return &schema.Default{Kind: d.Kind, Value: d.Value}
}

// canonicalLiteral spells a literal default of type t the way PostgreSQL
// prints the constant back, or one way both sides agree on: integers and
// floating-point numbers as Go formats them, decimals without a leading +,
// leading zeros or trailing fractional zeros, booleans in lower case,
// instants in UTC ("2026-01-01 08:00:00.5+00"), times of day and dates in
// full, UUIDs in lower case, JSONB compact with sorted keys, bytes in hex.
// A value it cannot read is kept as it is.
func canonicalLiteral(v string, t schema.Type) string {
	switch t.Kind {
	case schema.KindDate:
		if ts, ok := parseTimestamp(v); ok {
			return ts.UTC().Format("2006-01-02 15:04:05.999999-07")
		}
	case schema.KindDateOnly:
		if d, err := time.Parse("2006-1-2", strings.TrimSpace(v)); err == nil {
			return d.Format("2006-01-02")
		}
	case schema.KindTime:
		for _, layout := range []string{"15:04:05.999999999", "15:04"} {
			if tod, err := time.Parse(layout, strings.TrimSpace(v)); err == nil {
				return tod.Format("15:04:05.999999")
			}
		}
	case schema.KindUUID:
		h := strings.ToLower(strings.NewReplacer("-", "", "{", "", "}", "").Replace(strings.TrimSpace(v)))
		if _, err := hex.DecodeString(h); err == nil && len(h) == 32 {
			return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
		}
	case schema.KindJSONB:
		dec := json.NewDecoder(strings.NewReader(v))
		dec.UseNumber()
		var doc any
		if err := dec.Decode(&doc); err == nil && !dec.More() {
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			if enc.Encode(doc) == nil {
				return strings.TrimSuffix(b.String(), "\n")
			}
		}
	case schema.KindBlob:
		if h, ok := strings.CutPrefix(v, `\x`); ok {
			return `\x` + strings.ToLower(h)
		}
		if !strings.Contains(v, `\`) {
			return `\x` + hex.EncodeToString([]byte(v))
		}
	case schema.KindInteger, schema.KindBigInt, schema.KindSmallInt:
		if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
			return strconv.FormatInt(n, 10)
		}
	case schema.KindFloat, schema.KindDouble:
		if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
			return strconv.FormatFloat(f, 'g', -1, 64)
		}
	case schema.KindDecimal:
		if plainNumber.MatchString(strings.TrimSpace(v)) {
			return canonicalDecimal(strings.TrimSpace(v))
		}
	case schema.KindBoolean:
		return strings.ToLower(v)
	}
	return v
}

// canonicalDecimal spells a plain decimal number without exponent, sign
// clutter, leading zeros or trailing fractional zeros: "+009.90" is "9.9".
func canonicalDecimal(v string) string {
	if strings.ContainsAny(v, "eE") {
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			v = strconv.FormatFloat(f, 'f', -1, 64)
		}
	}
	neg := strings.HasPrefix(v, "-")
	v = strings.TrimLeft(v, "+-")
	whole, frac, _ := strings.Cut(v, ".")
	whole = strings.TrimLeft(whole, "0")
	frac = strings.TrimRight(frac, "0")
	if whole == "" {
		whole = "0"
	}
	out := whole
	if frac != "" {
		out += "." + frac
	}
	if neg && out != "0" {
		out = "-" + out
	}
	return out
}

// parseTimestamp reads an instant as people and PostgreSQL write one; a
// time without a zone is UTC, the zone Open gives every session.
func parseTimestamp(v string) (time.Time, bool) {
	v = strings.TrimSpace(v)
	for _, layout := range []string{
		"2006-01-02 15:04:05.999999999Z07:00", "2006-01-02T15:04:05.999999999Z07:00",
		"2006-01-02 15:04:05.999999999-07", "2006-01-02T15:04:05.999999999-07",
		"2006-01-02 15:04:05.999999999-0700", "2006-01-02T15:04:05.999999999-0700",
		"2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999",
		"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02",
	} {
		if ts, err := time.Parse(layout, v); err == nil {
			return ts, true
		}
	}
	return time.Time{}, false
}

// autoKeyName reports whether a primary key's name is one PostgreSQL makes
// up for an unnamed key: <table>_pkey, or <table>_pkey1, 2 … when that name
// is taken. Such a name stays when the table is renamed, so it says nothing
// a rebuilt table should keep; Inspect and Canonical leave it out. Any
// other name (Chinook's "PK_Album") is the schema's own and is kept.
func autoKeyName(name string) bool {
	i := strings.LastIndex(name, "_pkey")
	if i <= 0 {
		return name == ""
	}
	return strings.Trim(name[i+len("_pkey"):], "0123456789") == ""
}

// bareTimestamptz reports whether t is the native timestamp with time zone
// without a precision (Sequelize's DATE), which Inspect reads as Date.
func bareTimestamptz(t schema.Type) bool {
	return t.Kind == schema.KindNative && t.Dialect == "postgres" && strings.EqualFold(strings.Join(strings.Fields(t.Native), " "), "timestamp with time zone")
}
