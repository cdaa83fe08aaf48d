package sequelizejs

import (
	"fmt"
	"strings"

	"github.com/dop251/goja"
	"github.com/strata-orm/strata/schema"
)

// sequelizeDefault is the default of the few kinds Sequelize writes
// otherwise than a plain escaped value (its escape after the type's
// stringify), as the DDL then holds it:
//
//   - null: DEFAULT NULL (defaultValueSchemable(null) is true);
//   - FLOAT, DOUBLE and REAL on PostgreSQL: the value in quotes, '0', as the floating
//     types' _stringify writes it (PostgreSQL keeps '0'::double precision);
//   - an array on a PostgreSQL ARRAY column: ARRAY[…]::<element>[], the
//     cast ARRAY's _stringify adds, without which PostgreSQL refuses an
//     empty array ("cannot determine type of empty array").
//
// ok is false for every other value, which defaultOf writes.
func sequelizeDefault(r *Runtime, d Dialect, dt DataType, v goja.Value) (def *schema.Default, ok bool, err error) {
	if goja.IsNull(v) {
		return schema.Expr("NULL"), true, nil
	}
	if o, isObj := v.(*goja.Object); isObj && rawKind(o) != "" {
		return nil, false, nil
	}
	switch v.Export().(type) {
	case int64, float64, string:
		if d == Postgres && dt.Raw == "" && (dt.Key == "FLOAT" || dt.Key == "DOUBLE" || dt.Key == "REAL") {
			return schema.Expr("'" + strings.ReplaceAll(v.String(), "'", "''") + "'"), true, nil
		}
	}
	switch v.Export().(type) {
	case []any:
		if d != Postgres || dt.Key != "ARRAY" || dt.Elem == nil {
			return nil, false, nil
		}
		cast, known := pgSQLType(*dt.Elem)
		if !known {
			return nil, false, nil
		}
		s, err := escapeValue(r, d, v)
		if err != nil {
			return nil, true, err
		}
		return schema.Expr(s + "::" + cast + "[]"), true, nil
	}
	return nil, false, nil
}

// pgSQLType is the type as Sequelize's toSql() writes it on PostgreSQL,
// for the types an ARRAY's cast names; known is false for the others
// (an ENUM's cast names a type made per table).
func pgSQLType(dt DataType) (s string, known bool) {
	n := dt.Length
	switch dt.Key {
	case "STRING":
		if dt.Binary {
			return "BYTEA", true
		}
		if n == 0 {
			n = schema.DefaultStringSize
		}
		return fmt.Sprintf("VARCHAR(%d)", n), true
	case "CHAR":
		if dt.Binary {
			return "BYTEA", true
		}
		if n == 0 {
			n = schema.DefaultStringSize
		}
		return fmt.Sprintf("CHAR(%d)", n), true
	case "DECIMAL":
		switch {
		case dt.Precision == 0:
			return "DECIMAL", true
		case dt.Scale == 0:
			return fmt.Sprintf("DECIMAL(%d)", dt.Precision), true
		}
		return fmt.Sprintf("DECIMAL(%d,%d)", dt.Precision, dt.Scale), true
	case "DATE":
		return "TIMESTAMP WITH TIME ZONE", true
	case "DATEONLY":
		return "DATE", true
	case "DOUBLE":
		return "DOUBLE PRECISION", true
	case "TEXT", "CITEXT", "INTEGER", "BIGINT", "SMALLINT", "UUID", "BOOLEAN", "JSON", "JSONB", "FLOAT", "REAL", "INET", "CIDR", "MACADDR", "TIME":
		return dt.Key, true
	}
	return "", false
}
