package schema

import (
	"strconv"
	"strings"
)

// This file prints schema values as the Go a migration holds (fmt's %#v
// calls these GoString methods). Each value is written with the
// constructor a user types when one builds exactly that value
// (schema.String(100), schema.Cascade, schema.Now()), and as a composite
// literal otherwise, so that the text always compiles to the value it
// was printed from. The ddl package prints its operations with them.

// typeFuncs names the constructor that takes no argument for each kind.
var typeFuncs = map[Kind]string{
	KindText: "Text", KindInteger: "Integer", KindBigInt: "BigInt",
	KindSmallInt: "SmallInt", KindFloat: "Float", KindDouble: "Double",
	KindBoolean: "Boolean", KindDate: "Date", KindDateOnly: "DateOnly",
	KindTime: "Time", KindUUID: "UUID", KindJSON: "JSON", KindJSONB: "JSONB",
	KindBlob: "Blob",
}

// kindNames names the Kind constants.
var kindNames = map[Kind]string{
	KindString: "KindString", KindChar: "KindChar", KindText: "KindText", KindInteger: "KindInteger",
	KindBigInt: "KindBigInt", KindSmallInt: "KindSmallInt", KindFloat: "KindFloat", KindDouble: "KindDouble",
	KindDecimal: "KindDecimal", KindBoolean: "KindBoolean", KindDate: "KindDate", KindDateOnly: "KindDateOnly",
	KindTime: "KindTime", KindUUID: "KindUUID", KindJSON: "KindJSON", KindJSONB: "KindJSONB",
	KindBlob: "KindBlob", KindEnum: "KindEnum", KindArray: "KindArray", KindNative: "KindNative",
}

// GoString returns the Go expression that builds t, such as
// schema.String(100), schema.Decimal(10, 2) or schema.Enum("a", "b").
func (t Type) GoString() string {
	switch t.Kind {
	case KindString, KindChar:
		if t.Size > 0 && t.Precision == 0 && t.Scale == 0 && t.Values == nil && t.Elem == nil {
			return "schema." + map[Kind]string{KindString: "String", KindChar: "Char"}[t.Kind] + "(" + strconv.Itoa(t.Size) + ")"
		}
	case KindDecimal:
		if t.Precision > 0 && t.Size == 0 && t.Values == nil && t.Elem == nil {
			return "schema.Decimal(" + strconv.Itoa(t.Precision) + ", " + strconv.Itoa(t.Scale) + ")"
		}
	case KindEnum:
		if len(t.Values) > 0 && t.Size == 0 && t.Precision == 0 && t.Scale == 0 && t.Elem == nil {
			return "schema.Enum(" + quoted(t.Values) + ")"
		}
	case KindArray:
		if t.Elem != nil && t.Size == 0 && t.Precision == 0 && t.Scale == 0 && t.Values == nil {
			return "schema.Array(" + t.Elem.GoString() + ")"
		}
	case KindNative:
		if t.Size == 0 && t.Precision == 0 && t.Scale == 0 && t.Values == nil && t.Elem == nil {
			return "schema.Native(" + strconv.Quote(t.Dialect) + ", " + strconv.Quote(t.Native) + ")"
		}
	default:
		if f, ok := typeFuncs[t.Kind]; ok && t.Equal(Type{Kind: t.Kind}) && t.Values == nil {
			return "schema." + f + "()"
		}
	}
	return t.literal()
}

// literal is t as a composite literal, for the types no constructor
// builds (a STRING without a length, an unknown kind).
func (t Type) literal() string {
	kind := strconv.Quote(string(t.Kind))
	if n, ok := kindNames[t.Kind]; ok {
		kind = "schema." + n
	}
	f := []string{"Kind: " + kind}
	if t.Size != 0 {
		f = append(f, "Size: "+strconv.Itoa(t.Size))
	}
	if t.Precision != 0 {
		f = append(f, "Precision: "+strconv.Itoa(t.Precision))
	}
	if t.Scale != 0 {
		f = append(f, "Scale: "+strconv.Itoa(t.Scale))
	}
	if t.Values != nil {
		f = append(f, "Values: "+strs(t.Values))
	}
	if t.Elem != nil {
		f = append(f, "Elem: &[]schema.Type{"+t.Elem.GoString()+"}[0]")
	}
	if t.Native != "" {
		f = append(f, "Native: "+strconv.Quote(t.Native))
	}
	if t.Dialect != "" {
		f = append(f, "Dialect: "+strconv.Quote(t.Dialect))
	}
	return "schema.Type{" + strings.Join(f, ", ") + "}"
}

// GoString returns the constant that names a, such as schema.Cascade, or
// schema.Action("…") for text that names no action.
func (a Action) GoString() string {
	switch a {
	case NoAction:
		return "schema.NoAction"
	case Restrict:
		return "schema.Restrict"
	case Cascade:
		return "schema.Cascade"
	case SetNull:
		return "schema.SetNull"
	case SetDefault:
		return "schema.SetDefault"
	}
	return "schema.Action(" + strconv.Quote(string(a)) + ")"
}

// GoString returns the constant that names i, such as
// schema.IdentityAlways.
func (i Identity) GoString() string {
	switch i {
	case IdentityAlways:
		return "schema.IdentityAlways"
	case IdentityByDefault:
		return "schema.IdentityByDefault"
	}
	return "schema.Identity(" + strconv.Quote(string(i)) + ")"
}

// GoString returns the Go expression that builds d: schema.Now(),
// schema.UUIDv4(), schema.Expr("…") or schema.Literal("…"); nil for a nil
// default.
func (d *Default) GoString() string {
	if d == nil {
		return "nil"
	}
	switch {
	case d.Kind == DefaultNow && d.Value == "":
		return "schema.Now()"
	case d.Kind == DefaultUUIDv4 && d.Value == "":
		return "schema.UUIDv4()"
	case d.Kind == DefaultExpr:
		return "schema.Expr(" + strconv.Quote(d.Value) + ")"
	case d.Kind == DefaultLiteral:
		return "schema.Literal(" + strconv.Quote(d.Value) + ")"
	}
	return "&schema.Default{Kind: schema.DefaultKind(" + strconv.Quote(string(d.Kind)) + "), Value: " + strconv.Quote(d.Value) + "}"
}

// GoString returns c as a schema.Column composite literal, naming only
// the fields that are set.
func (c Column) GoString() string {
	f := []string{"Name: " + strconv.Quote(c.Name), "Type: " + c.Type.GoString()}
	if c.NotNull {
		f = append(f, "NotNull: true")
	}
	if c.AutoIncrement {
		f = append(f, "AutoIncrement: true")
	}
	if c.Default != nil {
		f = append(f, "Default: "+c.Default.GoString())
	}
	if c.Comment != "" {
		f = append(f, "Comment: "+strconv.Quote(c.Comment))
	}
	if c.Identity != "" {
		f = append(f, "Identity: "+c.Identity.GoString())
	}
	if c.OnUpdate != nil {
		f = append(f, "OnUpdate: "+c.OnUpdate.GoString())
	}
	if g := c.Generated; g != nil {
		f = append(f, "Generated: &schema.Generated{Expr: "+strconv.Quote(g.Expr)+", Stored: "+strconv.FormatBool(g.Stored)+"}")
	}
	if c.Collation != "" {
		f = append(f, "Collation: "+strconv.Quote(c.Collation))
	}
	return "schema.Column{" + strings.Join(f, ", ") + "}"
}

// GoString returns fk as a schema.ForeignKey composite literal, naming
// only the fields that are set.
func (fk ForeignKey) GoString() string {
	var f []string
	if fk.Name != "" {
		f = append(f, "Name: "+strconv.Quote(fk.Name))
	}
	f = append(f, "Columns: "+strs(fk.Columns), "RefTable: "+strconv.Quote(fk.RefTable), "RefColumns: "+strs(fk.RefColumns))
	if fk.OnDelete != "" {
		f = append(f, "OnDelete: "+fk.OnDelete.GoString())
	}
	if fk.OnUpdate != "" {
		f = append(f, "OnUpdate: "+fk.OnUpdate.GoString())
	}
	if fk.Deferrable {
		f = append(f, "Deferrable: true")
	}
	if fk.InitiallyDeferred {
		f = append(f, "InitiallyDeferred: true")
	}
	return "schema.ForeignKey{" + strings.Join(f, ", ") + "}"
}

// quoted returns ss as Go string literals separated by commas, the
// arguments of a variadic call such as schema.Enum("a", "b").
func quoted(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// strs returns ss as a Go []string composite literal; nil for a nil
// slice.
func strs(ss []string) string {
	if ss == nil {
		return "nil"
	}
	return "[]string{" + quoted(ss) + "}"
}
