package sqlitedialect

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// errArray is what ColumnType says about ARRAY.
var errArray = errors.New("ARRAY is not supported on SQLite; use JSON")

// ColumnType implements dialect.Dialect. The names are chosen so that
// SQLite keeps them as declared and Inspect reads each back to its kind:
// DATE is DATETIME and DATEONLY is DATE; ENUM is TEXT (its values live in
// a CHECK constraint, see enumCheck).
func (*Dialect) ColumnType(t schema.Type) (string, error) {
	if t.Kind == schema.KindArray {
		return "", errArray
	}
	if err := t.Validate(); err != nil {
		return "", err
	}
	if t.Kind == schema.KindNative {
		if t.Dialect != "sqlite" {
			return "", fmt.Errorf("type NATIVE %q is %s's spelling, not SQLite's; use schema.Native(\"sqlite\", ...) or a portable kind", t.Native, t.Dialect)
		}
		return t.Native, nil
	}
	switch t.Kind {
	case schema.KindString:
		return fmt.Sprintf("VARCHAR(%d)", t.Size), nil
	case schema.KindChar:
		return fmt.Sprintf("CHAR(%d)", t.Size), nil
	case schema.KindDecimal:
		return fmt.Sprintf("DECIMAL(%d,%d)", t.Precision, t.Scale), nil
	case schema.KindDate:
		return "DATETIME", nil
	case schema.KindDateOnly:
		return "DATE", nil
	case schema.KindEnum, schema.KindText:
		return "TEXT", nil
	case schema.KindInteger, schema.KindBigInt, schema.KindSmallInt, schema.KindFloat, schema.KindDouble,
		schema.KindBoolean, schema.KindTime, schema.KindUUID, schema.KindJSON, schema.KindJSONB, schema.KindBlob:
		return string(t.Kind), nil
	}
	return "", fmt.Errorf("unknown type %q", string(t.Kind))
}

// parseDeclType reads a declared column type, as PRAGMA table_info reports
// it, back into a schema type. It reads everything ColumnType writes, and
// the usual spellings of tables made by other tools (Sequelize's
// TINYINT(1) booleans, INT, REAL, NUMERIC, TIMESTAMP, VARCHAR without a
// length …), case-insensitively. An ENUM comes back as TEXT; Inspect turns
// it into ENUM when the column carries its CHECK.
func parseDeclType(decl string) (schema.Type, error) {
	s := strings.Join(strings.Fields(strings.ToUpper(decl)), " ")
	name, args := s, ""
	hasArgs := false
	if i := strings.IndexByte(s, '('); i >= 0 {
		if !strings.HasSuffix(s, ")") {
			return schema.Type{}, fmt.Errorf("declared type %q: missing closing parenthesis", decl)
		}
		name, args, hasArgs = strings.TrimSpace(s[:i]), s[i+1:len(s)-1], true
	}
	nums := func(max int) ([]int, error) {
		if !hasArgs {
			return nil, nil
		}
		parts := strings.Split(args, ",")
		if len(parts) > max {
			return nil, fmt.Errorf("declared type %q has %d arguments, at most %d expected", decl, len(parts), max)
		}
		out := make([]int, len(parts))
		for i, p := range parts {
			n, err := strconv.Atoi(strings.TrimSpace(p))
			if err != nil || n < 0 {
				return nil, fmt.Errorf("declared type %q: %q is not a length", decl, strings.TrimSpace(p))
			}
			out[i] = n
		}
		return out, nil
	}
	plain := func(t schema.Type) (schema.Type, error) {
		if hasArgs {
			// INTEGER(11), FLOAT(53) …: SQLite ignores the argument, so does strata.
			if _, err := nums(2); err != nil {
				return schema.Type{}, err
			}
		}
		return t, nil
	}
	switch name {
	case "VARCHAR", "CHARACTER VARYING", "VARYING CHARACTER", "NVARCHAR", "NATIONAL VARCHAR", "STRING":
		n, err := nums(1)
		if err != nil {
			return schema.Type{}, err
		}
		if len(n) == 1 && n[0] > 0 {
			return schema.String(n[0]), nil
		}
		return schema.String(0), nil
	case "CHAR", "CHARACTER", "NCHAR", "NATIVE CHARACTER":
		n, err := nums(1)
		if err != nil {
			return schema.Type{}, err
		}
		if len(n) == 1 && n[0] > 0 {
			return schema.Char(n[0]), nil
		}
		return schema.Char(0), nil
	case "DECIMAL", "NUMERIC":
		n, err := nums(2)
		if err != nil {
			return schema.Type{}, err
		}
		switch len(n) {
		case 0:
			return schema.Decimal(0, 0), nil
		case 1:
			return schema.Decimal(n[0], 0), nil
		}
		t := schema.Decimal(n[0], n[1])
		if err := t.Validate(); err != nil {
			return schema.Type{}, fmt.Errorf("declared type %q: %w", decl, err)
		}
		return t, nil
	case "TINYINT":
		// Sequelize writes BOOLEAN as TINYINT(1) on SQLite.
		if n, err := nums(1); err == nil && len(n) == 1 && n[0] == 1 {
			return schema.Boolean(), nil
		}
		return plain(schema.SmallInt())
	case "TEXT", "CLOB", "MEDIUMTEXT", "LONGTEXT", "TINYTEXT":
		return plain(schema.Text())
	case "INTEGER", "INT", "MEDIUMINT", "INT4", "UNSIGNED INTEGER":
		return plain(schema.Integer())
	case "BIGINT", "INT8", "UNSIGNED BIG INT":
		return plain(schema.BigInt())
	case "SMALLINT", "INT2":
		return plain(schema.SmallInt())
	case "FLOAT", "FLOAT4":
		return plain(schema.Float())
	case "DOUBLE", "DOUBLE PRECISION", "REAL", "FLOAT8":
		return plain(schema.Double())
	case "BOOLEAN", "BOOL":
		return plain(schema.Boolean())
	case "DATETIME", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "DATETIME WITH TIME ZONE", "TIMESTAMPTZ":
		return plain(schema.Date())
	case "DATE":
		return plain(schema.DateOnly())
	case "TIME":
		return plain(schema.Time())
	case "UUID":
		return plain(schema.UUID())
	case "JSON":
		return plain(schema.JSON())
	case "JSONB":
		return plain(schema.JSONB())
	case "BLOB", "BYTEA", "":
		// A column declared without a type has BLOB affinity.
		return plain(schema.Blob())
	}
	return schema.Type{}, fmt.Errorf("declared type %q is not one strata knows (it reads VARCHAR(n), CHAR(n), TEXT, INTEGER, BIGINT, SMALLINT, FLOAT, DOUBLE, DECIMAL(p,s), BOOLEAN, DATETIME, DATE, TIME, UUID, JSON, JSONB and BLOB)", decl)
}

// inspectDeclType reads a declared type as Inspect does: exactly what
// ColumnType writes for a portable kind reads as that kind; every other
// declared type reads as schema.Native("sqlite", decl), as written. A
// column with no declared type reads as BLOB, the affinity SQLite gives it
// (schema.Native cannot hold an empty spelling).
func inspectDeclType(decl string) schema.Type {
	if decl == "" {
		return schema.Blob()
	}
	if t, err := parseDeclType(decl); err == nil {
		if back, err := (*Dialect)(nil).ColumnType(t); err == nil && back == strings.TrimSpace(decl) {
			return t
		}
	}
	return schema.Native("sqlite", decl)
}

// enumCheckName is the name of the CHECK constraint that holds an ENUM
// column's values.
func enumCheckName(table, column string) string {
	return schema.DeriveName(table, column, "enum")
}

// enumCheck is the expression of an ENUM column's CHECK constraint:
// "col" IN ('a', 'b').
func (d *Dialect) enumCheck(column string, values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = quoteString(v)
	}
	return d.Quote(column) + " IN (" + strings.Join(q, ", ") + ")"
}

var _ dialect.PortableTypes = (*Dialect)(nil)

// PortableOf implements dialect.PortableTypes: a declared type SQLite
// gives the affinity and strata the meaning of a portable kind (INT,
// TIMESTAMP, varchar(40), TINYINT(1) …) stands for that kind.
func (*Dialect) PortableOf(t schema.Type) (schema.Type, bool) {
	if t.Kind != schema.KindNative || t.Dialect != "sqlite" {
		return schema.Type{}, false
	}
	p, err := parseDeclType(t.Native)
	return p, err == nil
}
