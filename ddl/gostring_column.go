package ddl

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/strata-orm/strata/schema"
)

// This file and gostring.go are strata's one printer from operations to
// Go source: the GoString methods (fmt's %#v) write each operation and
// column as a migration holds it, with the constructors and chainable
// methods a user types (ddl.Column("email", schema.String(255)).NotNull()),
// and as a composite literal when no chain of them builds exactly that
// value. migration:generate writes its files with them and CheckSchema
// names the migration each difference needs with them.

// GoString returns the Go expression that builds c, such as
// ddl.Column("userId", schema.Integer()).NotNull().References("users", "id").
func (c ColumnDef) GoString() string {
	if !c.chainable() {
		return c.literal()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "ddl.Column(%q, %#v)", c.Name, c.Type)
	if c.IsPrimaryKey {
		b.WriteString(".PrimaryKey()")
	}
	if c.Column.AutoIncrement {
		b.WriteString(".AutoIncrement()")
	}
	if c.Column.NotNull && !c.IsPrimaryKey {
		b.WriteString(".NotNull()")
	}
	if c.IsUnique {
		b.WriteString(".Unique()")
	}
	if d := c.Column.Default; d != nil {
		b.WriteString(defaultCall(c.Type, d))
	}
	if c.Column.Comment != "" {
		fmt.Fprintf(&b, ".Comment(%q)", c.Column.Comment)
	}
	if r := c.Ref; r != nil {
		fmt.Fprintf(&b, ".References(%q, %q)", r.Table, r.Column)
		if r.OnDelete != "" {
			fmt.Fprintf(&b, ".OnDelete(%#v)", r.OnDelete)
		}
		if r.OnUpdate != "" {
			fmt.Fprintf(&b, ".OnUpdate(%#v)", r.OnUpdate)
		}
	}
	return b.String()
}

// chainable reports whether Column and its methods build exactly c.
func (c ColumnDef) chainable() bool {
	if c.IsPrimaryKey && !c.Column.NotNull {
		return false
	}
	if c.Ref != nil && c.Ref.Name != "" {
		return false
	}
	if col := c.Column; col.Identity != "" || col.Collation != "" || col.OnUpdate != nil || col.Generated != nil {
		return false // no chain method sets these: the literal holds them
	}
	if d := c.Column.Default; d != nil {
		switch d.Kind {
		case schema.DefaultNow, schema.DefaultUUIDv4:
			return d.Value == ""
		case schema.DefaultLiteral, schema.DefaultExpr:
		default:
			return false
		}
	}
	return true
}

// literal is c as a ddl.ColumnDef composite literal.
func (c ColumnDef) literal() string {
	f := []string{"Column: " + c.Column.GoString()}
	if c.IsPrimaryKey {
		f = append(f, "IsPrimaryKey: true")
	}
	if c.IsUnique {
		f = append(f, "IsUnique: true")
	}
	if r := c.Ref; r != nil {
		ref := []string{"Table: " + strconv.Quote(r.Table), "Column: " + strconv.Quote(r.Column)}
		if r.OnDelete != "" {
			ref = append(ref, "OnDelete: "+r.OnDelete.GoString())
		}
		if r.OnUpdate != "" {
			ref = append(ref, "OnUpdate: "+r.OnUpdate.GoString())
		}
		if r.Name != "" {
			ref = append(ref, "Name: "+strconv.Quote(r.Name))
		}
		f = append(f, "Ref: &ddl.Reference{"+strings.Join(ref, ", ")+"}")
	}
	return "ddl.ColumnDef{" + strings.Join(f, ", ") + "}"
}

// defaultCall is the ColumnDef method call that sets d on a column of type t.
func defaultCall(t schema.Type, d *schema.Default) string {
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

// GoString returns r as a ddl.Row composite literal, its columns sorted.
func (r Row) GoString() string {
	if r == nil {
		return "ddl.Row(nil)"
	}
	return "ddl.Row{" + mapFields(r) + "}"
}

// GoString returns w as a ddl.Where composite literal, its columns
// sorted; nil for a nil Where (every row).
func (w Where) GoString() string {
	if w == nil {
		return "nil"
	}
	return "ddl.Where{" + mapFields(w) + "}"
}

func mapFields(m map[string]any) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	f := make([]string, len(keys))
	for i, k := range keys {
		f[i] = strconv.Quote(k) + ": " + goValue(m[k])
	}
	return strings.Join(f, ", ")
}

// goValue is v as a Go expression of the same type: a bare literal for
// the types a constant defaults to (string, bool, int, float64), a
// conversion for the other numbers, a composite literal for slices.
func goValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case string:
		return strconv.Quote(x)
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case float64:
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEIN") {
			s += ".0"
		}
		return s
	case time.Time:
		return x.GoString()
	case []byte:
		return fmt.Sprintf("%#v", x)
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32:
		return fmt.Sprintf("%s(%v)", rv.Type(), v)
	case reflect.Slice:
		if rv.IsNil() {
			return fmt.Sprintf("%s(nil)", typeName(rv.Type()))
		}
		elems := make([]string, rv.Len())
		for i := range elems {
			elems[i] = goValue(rv.Index(i).Interface())
		}
		return typeName(rv.Type()) + "{" + strings.Join(elems, ", ") + "}"
	}
	return fmt.Sprintf("%#v", v)
}

// typeName is a slice type as gofmt writes it.
func typeName(t reflect.Type) string {
	return strings.ReplaceAll(t.String(), "interface {}", "any")
}

// quoted is the strings as Go literals separated by commas.
func quoted(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// strs is ss as a []string composite literal.
func strs(ss []string) string {
	if ss == nil {
		return "nil"
	}
	return "[]string{" + quoted(ss) + "}"
}
