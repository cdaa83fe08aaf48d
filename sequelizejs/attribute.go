package sequelizejs

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/dop251/goja"
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// Attribute is one attribute definition as Sequelize v6 reads it, in a
// migration's createTable/addColumn/changeColumn or a model's define:
// `{type, allowNull, defaultValue, primaryKey, autoIncrement, unique,
// references: {model, key}, onDelete, onUpdate, comment, field}`, or a
// bare type (`DataTypes.STRING`, `'TIMESTAMP'`).
//
// Column is the column as Sequelize's DDL makes it on the dialect, which
// is not all of the attribute: Sequelize leaves NOW, UUIDV4 and a
// function out of the DDL and fills the value in itself (AppDefault), and
// writes `unique: 'name'` only into a model's indexes (UniqueName).
type Attribute struct {
	// Name is the attribute's key; Field its column (the field option, or
	// Name).
	Name, Field string
	Type        DataType
	Column      ddl.ColumnDef
	// Unique is unique: true; UniqueName a unique: 'name' (a composite
	// unique key of a model, not written by a migration's DDL).
	Unique     bool
	UniqueName string
	// AppDefault is a default Sequelize computes itself when a model
	// inserts a row (NOW, UUIDV4, UUIDV1): the database column has none.
	AppDefault *schema.Default
	// RefTable and RefSchema are the table references.model names.
	RefTable, RefSchema string
}

// ColumnFromAttribute turns one attribute definition into the column
// Sequelize v6 would make on d (see ReadAttribute). An inline foreign key
// is named as the database names it on PostgreSQL and SQLite
// (<table>_<column>_fkey); on MySQL the name depends on the call
// (createTable: <table>_ibfk_N; addColumn: <table>_<column>_foreign_idx),
// so Ref.Name is left empty for the caller.
func ColumnFromAttribute(r *Runtime, d Dialect, table, name string, attr goja.Value) (ddl.ColumnDef, error) {
	a, err := ReadAttribute(r, d, table, name, attr)
	if err != nil {
		return ddl.ColumnDef{}, err
	}
	return a.Column, nil
}

// ReadAttribute reads one attribute definition of table (see Attribute).
func ReadAttribute(r *Runtime, d Dialect, table, name string, attr goja.Value) (*Attribute, error) {
	a := &Attribute{Name: name, Field: name}
	vm := r.VM
	var o *goja.Object
	if IsDataType(attr) {
		o = vm.NewObject()
		_ = o.Set("type", attr)
	} else if s, ok := attr.Export().(string); ok {
		o = vm.NewObject()
		_ = o.Set("type", s)
	} else if obj, ok := attr.(*goja.Object); ok {
		o = obj
	} else {
		return nil, fmt.Errorf("attribute %q of %q: %s is not an attribute definition", name, table, attr.String())
	}
	get := func(k string) goja.Value {
		v := o.Get(k)
		if v == nil || goja.IsUndefined(v) {
			return nil
		}
		return v
	}
	if f := get("field"); f != nil {
		a.Field = f.String()
	}
	dt, err := ReadDataType(r, get("type"))
	if err != nil {
		return nil, fmt.Errorf("attribute %q of %q: %w", name, table, err)
	}
	a.Type = dt
	var values []string
	if v, ok := get("values").(*goja.Object); ok {
		for _, k := range v.Keys() {
			values = append(values, v.Get(k).String())
		}
	}
	t, collation, err := SchemaType(d, dt, values)
	if err != nil {
		return nil, fmt.Errorf("attribute %q of %q: %w", name, table, err)
	}
	c := ddl.Column(a.Field, t)
	c.Collation = collation
	if v := get("allowNull"); v != nil && !goja.IsNull(v) && !v.ToBoolean() {
		c = c.NotNull()
	}
	if v := get("primaryKey"); v != nil && v.ToBoolean() {
		c = c.PrimaryKey()
	}
	if v := get("autoIncrement"); v != nil && v.ToBoolean() {
		c = c.AutoIncrement()
	}
	if v := get("comment"); v != nil && !goja.IsNull(v) && v.String() != "" {
		c = c.Comment(v.String())
	}
	if v := get("unique"); v != nil && !goja.IsNull(v) {
		if s, ok := v.Export().(string); ok {
			a.UniqueName = s
		} else if v.ToBoolean() {
			a.Unique = true
			c = c.Unique()
		}
	}
	if v := get("defaultValue"); v != nil {
		def, app, err := defaultOf(r, d, dt, v)
		if err != nil {
			return nil, fmt.Errorf("attribute %q of %q: defaultValue: %w", name, table, err)
		}
		c.Column.Default, a.AppDefault = def, app
	}
	if v, ok := get("references").(*goja.Object); ok {
		ref := &ddl.Reference{Column: "id"}
		switch m := v.Get("model").(type) {
		case *goja.Object:
			if tn := m.Get("tableName"); tn != nil && !goja.IsUndefined(tn) {
				ref.Table = tn.String()
			} else if tn := m.Get("name"); tn != nil && !goja.IsUndefined(tn) {
				ref.Table = tn.String()
			}
			if sc := m.Get("schema"); sc != nil && !goja.IsUndefined(sc) {
				a.RefSchema = sc.String()
			}
		default:
			if m != nil && !goja.IsUndefined(m) {
				ref.Table = m.String()
			}
		}
		if ref.Table == "" {
			return nil, fmt.Errorf("attribute %q of %q: references has no model (write references: {model: 'Table', key: 'id'})", name, table)
		}
		if k := v.Get("key"); k != nil && !goja.IsUndefined(k) && !goja.IsNull(k) {
			ref.Column = k.String()
		}
		a.RefTable = ref.Table
		for _, side := range []struct {
			key string
			to  *schema.Action
		}{{"onDelete", &ref.OnDelete}, {"onUpdate", &ref.OnUpdate}} {
			if act := get(side.key); act != nil && !goja.IsNull(act) {
				x, err := schema.ParseAction(strings.ToUpper(act.String()))
				if err != nil {
					return nil, fmt.Errorf("attribute %q of %q: %s: %w", name, table, side.key, err)
				}
				*side.to = x
			}
		}
		if d != MySQL {
			ref.Name = pgObjectName(table, a.Field, "fkey")
		}
		c.Ref = ref
	}
	a.Column = c
	return a, nil
}

// defaultOf is the default the DDL gets for v (Sequelize's
// defaultValueSchemable and escape), or the default Sequelize applies
// itself.
func defaultOf(r *Runtime, d Dialect, dt DataType, v goja.Value) (def, app *schema.Default, err error) {
	if IsDataType(v) {
		switch v.ToObject(r.VM).Get("key").String() {
		case "NOW":
			return nil, schema.Now(), nil
		case "UUIDV4", "UUIDV1":
			return nil, schema.UUIDv4(), nil
		}
		return nil, nil, fmt.Errorf("%s is not a default value", v.String())
	}
	if _, ok := goja.AssertFunction(v); ok {
		return nil, nil, nil // Sequelize calls it per row; the DDL has none
	}
	// MySQL writes no default for BLOB, TEXT, GEOMETRY and JSON columns,
	// nor for a BINARY string.
	if d == MySQL && dt.Raw == "" && dt.Size == "" && (dt.Key == "BLOB" || dt.Key == "TEXT" || dt.Key == "GEOMETRY" || dt.Key == "JSON" || dt.Binary) {
		return nil, nil, nil
	}
	if def, ok, err := sequelizeDefault(r, d, dt, v); ok || err != nil {
		return def, nil, err
	}
	if o, ok := v.(*goja.Object); ok {
		if kind := rawKind(o); kind != "" {
			s, err := renderExpr(r, d, o)
			if err != nil {
				return nil, nil, err
			}
			// CURRENT_TIMESTAMP is what strata writes for NOW on
			// PostgreSQL and SQLite (MySQL's is CURRENT_TIMESTAMP(6)).
			if strings.EqualFold(s, "CURRENT_TIMESTAMP") && d != MySQL && dt.Key == "DATE" {
				return schema.Now(), nil, nil
			}
			return schema.Expr(s), nil, nil
		}
	}
	switch x := v.Export().(type) {
	case bool:
		if d == SQLite { // Sequelize writes 1 and 0 there
			if x {
				return schema.Literal(1), nil, nil
			}
			return schema.Literal(0), nil, nil
		}
		return schema.Literal(x), nil, nil
	case int64:
		return schema.Literal(x), nil, nil
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return schema.Literal(int64(x)), nil, nil
		}
		return schema.Literal(x), nil, nil
	case string:
		return schema.Literal(x), nil, nil
	}
	// A plain object is JSON text; a Date or an array Sequelize escapes
	// as a value.
	if o, ok := v.(*goja.Object); ok && o.ClassName() == "Object" {
		b, err := json.Marshal(v.Export())
		if err != nil {
			return nil, nil, err
		}
		return schema.Literal(string(b)), nil, nil
	}
	s, err := escapeValue(r, d, v)
	if err != nil {
		return nil, nil, err
	}
	return schema.Expr(s), nil, nil
}

// pgObjectName is PostgreSQL's makeObjectName: name1_name2_label within 63
// bytes, cutting the longer of the two names first.
func pgObjectName(name1, name2, label string) string {
	avail := 63 - len(label) - 1
	if name2 != "" {
		avail--
	}
	n1, n2 := len(name1), len(name2)
	for n1+n2 > avail {
		if n1 > n2 {
			n1--
		} else {
			n2--
		}
	}
	out := name1[:n1]
	if name2 != "" {
		out += "_" + name2[:n2]
	}
	return out + "_" + label
}

// underscore is inflection.underscore, which Sequelize's index names go
// through: each capital letter gets an underscore before it (a leading
// one dropped), then all is lower case.
func underscore(s string) string {
	parts := strings.Split(s, "::")
	for i, p := range parts {
		var b strings.Builder
		for _, ch := range p {
			if ch >= 'A' && ch <= 'Z' {
				b.WriteByte('_')
			}
			b.WriteRune(ch)
		}
		parts[i] = strings.TrimPrefix(b.String(), "_")
	}
	return strings.ToLower(strings.Join(parts, "/"))
}
