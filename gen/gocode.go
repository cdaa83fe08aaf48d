package gen

import (
	"fmt"
	"go/format"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// typeExpr is the Go expression that builds t with the schema package.
func typeExpr(t schema.Type) string {
	switch t.Kind {
	case schema.KindString:
		return fmt.Sprintf("schema.String(%d)", t.Size)
	case schema.KindChar:
		return fmt.Sprintf("schema.Char(%d)", t.Size)
	case schema.KindDecimal:
		return fmt.Sprintf("schema.Decimal(%d, %d)", t.Precision, t.Scale)
	case schema.KindEnum:
		q := make([]string, len(t.Values))
		for i, v := range t.Values {
			q[i] = strconv.Quote(v)
		}
		return "schema.Enum(" + strings.Join(q, ", ") + ")"
	case schema.KindArray:
		return "schema.Array(" + typeExpr(*t.Elem) + ")"
	}
	names := map[schema.Kind]string{
		schema.KindText: "Text", schema.KindInteger: "Integer", schema.KindBigInt: "BigInt",
		schema.KindSmallInt: "SmallInt", schema.KindFloat: "Float", schema.KindDouble: "Double",
		schema.KindBoolean: "Boolean", schema.KindDate: "Date", schema.KindDateOnly: "DateOnly",
		schema.KindTime: "Time", schema.KindUUID: "UUID", schema.KindJSON: "JSON", schema.KindJSONB: "JSONB",
		schema.KindBlob: "Blob",
	}
	return "schema." + names[t.Kind] + "()"
}

// goType is the Go type of a model field for t, and the import it needs.
func goType(t schema.Type) (string, string) {
	switch t.Kind {
	case schema.KindInteger:
		return "int", ""
	case schema.KindBigInt:
		return "int64", ""
	case schema.KindSmallInt:
		return "int16", ""
	case schema.KindFloat:
		return "float32", ""
	case schema.KindDouble:
		return "float64", ""
	case schema.KindBoolean:
		return "bool", ""
	case schema.KindDate, schema.KindDateOnly:
		return "time.Time", "time"
	case schema.KindJSON, schema.KindJSONB:
		return "json.RawMessage", "encoding/json"
	case schema.KindBlob:
		return "[]byte", ""
	case schema.KindArray:
		// strata.Array reads and writes PostgreSQL's array form.
		elem, _ := goType(*t.Elem)
		switch elem {
		case "string", "int", "int16", "int64", "float32", "float64", "bool":
			return "strata.Array[" + elem + "]", "github.com/strata-orm/strata"
		}
		return "strata.Array[string]", "github.com/strata-orm/strata"
	}
	// STRING, CHAR, TEXT, DECIMAL (exact, as Sequelize returns it), TIME, UUID, ENUM.
	return "string", ""
}

// defaultExpr is the ColumnDef method call that sets d.
func defaultExpr(t schema.Type, d *schema.Default) string {
	switch d.Kind {
	case schema.DefaultNow:
		return ".DefaultNow()"
	case schema.DefaultUUIDv4:
		return ".DefaultUUIDv4()"
	case schema.DefaultExpr:
		return ".DefaultExpr(" + strconv.Quote(d.Value) + ")"
	}
	if goLiteral(t, d.Value) {
		return ".Default(" + d.Value + ")"
	}
	// Default(v any) keeps v as text either way, so a quoted number is the
	// same default; it is quoted whenever Go would read the bare text as
	// another value (007 is octal) or not at all (08).
	return ".Default(" + strconv.Quote(d.Value) + ")"
}

// goLiteral reports whether the default v of a t column can be written as
// a bare Go literal that Default turns back into exactly v.
func goLiteral(t schema.Type, v string) bool {
	switch t.Kind {
	case schema.KindInteger, schema.KindBigInt, schema.KindSmallInt:
		n, err := strconv.ParseInt(v, 10, 64)
		return err == nil && strconv.FormatInt(n, 10) == v
	case schema.KindFloat, schema.KindDouble:
		// A Go float64 constant goes through FormatFloat(x, 'f', -1, 64).
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && strconv.FormatInt(n, 10) == v {
			return true
		}
		f, err := strconv.ParseFloat(v, 64)
		return err == nil && strings.Contains(v, ".") && strconv.FormatFloat(f, 'f', -1, 64) == v
	case schema.KindBoolean:
		return v == "true" || v == "false"
	}
	return false
}

var actionNames = map[schema.Action]string{
	schema.Cascade: "schema.Cascade", schema.SetNull: "schema.SetNull", schema.SetDefault: "schema.SetDefault",
	schema.Restrict: "schema.Restrict", schema.NoAction: "schema.NoAction",
}

// gofmt formats generated source, reporting the source on failure (a bug in
// the generator, never in the user's input).
func gofmt(src string) ([]byte, error) {
	out, err := format.Source([]byte(src))
	if err != nil {
		return nil, fmt.Errorf("gen: generated code does not parse (a strata bug): %v\n%s", err, src)
	}
	return out, nil
}
