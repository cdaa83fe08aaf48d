package pgdialect

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// ColumnType implements dialect.Dialect with the mapping of ARCHITECTURE.md.
// An ENUM has no type of its own until a column owns it (the type is named
// after the table and column), so ColumnType refuses it; Render creates it.
func (*Dialect) ColumnType(t schema.Type) (string, error) {
	return columnType(t, "")
}

// enumTypeName is the name of the type an ENUM column of table gets, as
// Sequelize names it: enum_<table>_<column>, shortened with a hash when it
// is longer than PostgreSQL allows.
func enumTypeName(table, column string) string {
	return schema.DeriveName("enum", table, column)
}

// hasEnum reports whether a column of type t owns an enum type: an ENUM, or
// an ARRAY of ENUM.
func hasEnum(t schema.Type) bool {
	return t.Kind == schema.KindEnum || (t.Kind == schema.KindArray && t.Elem != nil && t.Elem.Kind == schema.KindEnum)
}

// enumValues returns the values of an ENUM or ARRAY of ENUM type.
func enumValues(t schema.Type) []string {
	if t.Kind == schema.KindArray && t.Elem != nil {
		return t.Elem.Values
	}
	return t.Values
}

// columnType is the SQL type for t; enumType is the name of the enum type
// an ENUM stands for ("" outside a column).
func columnType(t schema.Type, enumType string) (string, error) {
	if err := t.Validate(); err != nil {
		return "", err
	}
	switch t.Kind {
	case schema.KindString:
		return fmt.Sprintf("VARCHAR(%d)", t.Size), nil
	case schema.KindChar:
		return fmt.Sprintf("CHAR(%d)", t.Size), nil
	case schema.KindText:
		return "TEXT", nil
	case schema.KindInteger:
		return "INTEGER", nil
	case schema.KindBigInt:
		return "BIGINT", nil
	case schema.KindSmallInt:
		return "SMALLINT", nil
	case schema.KindFloat:
		return "REAL", nil
	case schema.KindDouble:
		return "DOUBLE PRECISION", nil
	case schema.KindDecimal:
		return fmt.Sprintf("DECIMAL(%d,%d)", t.Precision, t.Scale), nil
	case schema.KindBoolean:
		return "BOOLEAN", nil
	case schema.KindDate:
		return "TIMESTAMP(6) WITH TIME ZONE", nil
	case schema.KindDateOnly:
		return "DATE", nil
	case schema.KindTime:
		return "TIME", nil
	case schema.KindUUID:
		return "UUID", nil
	case schema.KindJSON:
		return "JSON", nil
	case schema.KindJSONB:
		return "JSONB", nil
	case schema.KindBlob:
		return "BYTEA", nil
	case schema.KindEnum:
		if enumType == "" {
			return "", fmt.Errorf("type %s: PostgreSQL keeps the values of an ENUM in a type of its own, named after its table and column (enum_<table>_<column>); declare the column in a migration and render that", t)
		}
		return quoteIdent(enumType), nil
	case schema.KindArray:
		elem, err := columnType(*t.Elem, enumType)
		if err != nil {
			return "", err
		}
		return elem + "[]", nil
	}
	return "", fmt.Errorf("type %s has no PostgreSQL equivalent", t)
}

// serialType is the SERIAL pseudo-type of an auto-increment integer column.
func serialType(t schema.Type) (string, error) {
	switch t.Kind {
	case schema.KindInteger:
		return "SERIAL", nil
	case schema.KindBigInt:
		return "BIGSERIAL", nil
	case schema.KindSmallInt:
		return "SMALLSERIAL", nil
	}
	return "", fmt.Errorf("type %s cannot auto-increment; use INTEGER, BIGINT or SMALLINT", t)
}

// parseType reads a type as format_type() prints it ("character
// varying(255)", "numeric(10,2)", "timestamp(6) with time zone",
// "integer[]", "\"enum_users_state\"") back into a schema.Type. enums maps
// the names of enum types, as format_type prints them, to their values.
// Types strata has no kind for are an error.
func parseType(s string, enums map[string][]string) (schema.Type, error) {
	src := s
	s = strings.TrimSpace(s)
	if base, ok := strings.CutSuffix(s, "[]"); ok {
		if strings.HasSuffix(base, "[]") {
			return schema.Type{}, fmt.Errorf("type %q: arrays of arrays have no strata type", src)
		}
		elem, err := parseType(base, enums)
		if err != nil {
			return schema.Type{}, err
		}
		return schema.Array(elem), nil
	}
	if vals, ok := enums[s]; ok {
		return schema.Enum(vals...), nil
	}
	// Split "name(args) rest" into name+rest and args: the modifier of
	// timestamp(6) with time zone sits in the middle.
	name, args := s, ""
	if i := strings.IndexByte(s, '('); i >= 0 {
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			return schema.Type{}, fmt.Errorf("type %q: missing closing parenthesis", src)
		}
		name, args = strings.Join(strings.Fields(s[:i]+" "+s[i+j+1:]), " "), s[i+1:i+j]
	}
	nums, err := typmods(args)
	if err != nil {
		return schema.Type{}, fmt.Errorf("type %q: %v", src, err)
	}
	switch name {
	case "character varying":
		if len(nums) == 0 {
			// Unbounded varchar behaves as text in PostgreSQL.
			return schema.Text(), nil
		}
		return schema.String(nums[0]), nil
	case "character", "bpchar":
		if len(nums) == 0 {
			return schema.Char(1), nil
		}
		return schema.Char(nums[0]), nil
	case "text":
		return schema.Text(), nil
	case "integer":
		return schema.Integer(), nil
	case "bigint":
		return schema.BigInt(), nil
	case "smallint":
		return schema.SmallInt(), nil
	case "real":
		return schema.Float(), nil
	case "double precision":
		return schema.Double(), nil
	case "numeric":
		switch len(nums) {
		case 1:
			return schema.Decimal(nums[0], 0), nil
		case 2:
			return schema.Decimal(nums[0], nums[1]), nil
		}
		return schema.Type{}, fmt.Errorf("type %q: numeric without a precision has no strata type; give it one, e.g. numeric(12,2)", src)
	case "boolean":
		return schema.Boolean(), nil
	case "timestamp with time zone":
		return schema.Date(), nil
	case "date":
		return schema.DateOnly(), nil
	case "time without time zone":
		return schema.Time(), nil
	case "uuid":
		return schema.UUID(), nil
	case "json":
		return schema.JSON(), nil
	case "jsonb":
		return schema.JSONB(), nil
	case "bytea":
		return schema.Blob(), nil
	}
	hint := ""
	switch name {
	case "timestamp without time zone":
		hint = "; strata's DATE is timestamp with time zone"
	case "time with time zone":
		hint = "; strata's TIME is time without time zone"
	}
	return schema.Type{}, fmt.Errorf("type %q has no strata type%s", src, hint)
}

// typmods parses the comma-separated numbers of a type modifier.
func typmods(args string) ([]int, error) {
	if strings.TrimSpace(args) == "" {
		return nil, nil
	}
	var out []int
	for _, p := range strings.Split(args, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil {
			return nil, fmt.Errorf("modifier %q is not a number", strings.TrimSpace(p))
		}
		out = append(out, n)
	}
	return out, nil
}
