package gen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/schema"
	"github.com/strata-orm/strata/sequelizejs"
)

// dataType is the portable schema type of a DataType (a model runs on
// every dialect; sequelizejs.SchemaType gives one dialect's exact type,
// which migrations need).
func dataType(d *sequelizejs.DataType, values []string) (schema.Type, error) {
	if d == nil {
		return schema.Type{}, fmt.Errorf("no DataType (a decorated property needs @Column(DataType.…): the TypeScript type alone is not kept at run time)")
	}
	if d.Raw != "" {
		t, err := schema.ParseType(d.Raw)
		if err != nil {
			return schema.Type{}, fmt.Errorf("the type %q: %v", d.Raw, err)
		}
		return t, nil
	}
	switch d.Key {
	case "STRING":
		if d.Binary {
			return schema.Type{Kind: schema.KindBlob}, nil
		}
		n := d.Length
		if n == 0 {
			n = schema.DefaultStringSize
		}
		return schema.Type{Kind: schema.KindString, Size: n}, nil
	case "CHAR":
		n := d.Length
		if n == 0 {
			n = 255
		}
		return schema.Type{Kind: schema.KindChar, Size: n}, nil
	case "TEXT", "CITEXT":
		return schema.Type{Kind: schema.KindText}, nil
	case "INTEGER", "MEDIUMINT":
		return schema.Type{Kind: schema.KindInteger}, nil
	case "BIGINT":
		return schema.Type{Kind: schema.KindBigInt}, nil
	case "SMALLINT", "TINYINT":
		return schema.Type{Kind: schema.KindSmallInt}, nil
	case "FLOAT", "REAL":
		return schema.Type{Kind: schema.KindFloat}, nil
	case "DOUBLE":
		return schema.Type{Kind: schema.KindDouble}, nil
	case "DECIMAL":
		p, sc := d.Precision, d.Scale
		if p == 0 {
			p, sc = 10, 0
		}
		return schema.ParseType(fmt.Sprintf("DECIMAL(%d,%d)", p, sc))
	case "BOOLEAN":
		return schema.Type{Kind: schema.KindBoolean}, nil
	case "DATE":
		return schema.Type{Kind: schema.KindDate}, nil
	case "DATEONLY":
		return schema.Type{Kind: schema.KindDateOnly}, nil
	case "TIME":
		return schema.Type{Kind: schema.KindTime}, nil
	case "UUID":
		return schema.Type{Kind: schema.KindUUID}, nil
	case "JSON":
		return schema.Type{Kind: schema.KindJSON}, nil
	case "JSONB":
		return schema.Type{Kind: schema.KindJSONB}, nil
	case "BLOB":
		return schema.Type{Kind: schema.KindBlob}, nil
	case "ENUM":
		vals := d.Values
		if len(vals) == 0 {
			vals = values
		}
		if len(vals) == 0 {
			return schema.Type{}, fmt.Errorf("ENUM without values")
		}
		return schema.Type{Kind: schema.KindEnum, Values: vals}, nil
	case "ARRAY":
		if d.Elem == nil {
			return schema.Type{}, fmt.Errorf("ARRAY without an element type")
		}
		elem, err := dataType(d.Elem, nil)
		if err != nil {
			return schema.Type{}, err
		}
		return schema.Array(elem), nil
	}
	return schema.Type{}, fmt.Errorf("DataTypes.%s has no portable column type", d.Key)
}

// defaultOf reads a defaultValue as a schema default, or nil when a tag
// cannot say it.
func defaultOf(v any, t schema.Type) *schema.Default {
	switch v := v.(type) {
	case nil:
		return nil
	case bool:
		return schema.Literal(strconv.FormatBool(v))
	case float64:
		return schema.Literal(strconv.FormatFloat(v, 'f', -1, 64))
	case string:
		return schema.Literal(v)
	case map[string]any:
		if dt, ok := v["__dataType"].(map[string]any); ok {
			switch dt["Key"] {
			case "NOW":
				return schema.Now()
			case "UUIDV4", "UUIDV1":
				return schema.UUIDv4()
			}
		}
		if f, ok := v["__fn"].(string); ok && (strings.EqualFold(f, "now") || strings.EqualFold(f, "current_timestamp")) {
			return schema.Now()
		}
		if l, ok := v["__literal"].(string); ok {
			return &schema.Default{Kind: schema.DefaultExpr, Value: l}
		}
	}
	return nil
}
