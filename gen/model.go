package gen

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/strata-orm/strata/internal/naming"
	"github.com/strata-orm/strata/schema"
)

// ModelSpec is what model:generate was asked for.
type ModelSpec struct {
	Name        string // --name as written: "user", "UserProfile"
	Attributes  []Attribute
	Underscored bool   // snake_case columns (and table) in the model and the migration alike
	Package     string // Go package of the model file; "models" when empty
}

// Struct is the Go type name of the model: "user" → "User".
func (s ModelSpec) Struct() string { return naming.Camel(s.Name) }

// Table is the table name: the plural of the name as written, as
// sequelize-cli names it ("user" → "users", "UserProfile" → "UserProfiles");
// snake_case when underscored ("user_profiles").
func (s ModelSpec) Table() string {
	if s.Underscored {
		return naming.Plural(naming.Snake(s.Name))
	}
	return naming.Plural(s.Name)
}

// Column is the column of an attribute.
func (s ModelSpec) Column(a Attribute) string {
	if s.Underscored {
		return naming.Snake(a.Name)
	}
	return a.Name
}

func (s ModelSpec) timestampColumns() (string, string) {
	if s.Underscored {
		return "created_at", "updated_at"
	}
	return "createdAt", "updatedAt"
}

// ModelFile is the file name of the model: "user.go", "user_profile.go".
func (s ModelSpec) ModelFile() string { return naming.Snake(s.Name) + ".go" }

// MigrationName is the migration model:generate writes with the model:
// "20261126184503-create-user", "…-create-user-profile".
func (s ModelSpec) MigrationName(at time.Time) string {
	return Timestamp(at) + "-create-" + strings.ReplaceAll(naming.Snake(s.Name), "_", "-")
}

// Timestamp is the migration prefix for t in UTC: YYYYMMDDHHMMSS.
func Timestamp(t time.Time) string { return t.UTC().Format("20060102150405") }

// MigrationFileName turns a free-form name into a migration name:
// "add age to users" → "20261126184551-add-age-to-users". It refuses a name
// MigrationSlug refuses.
func MigrationFileName(at time.Time, name string) (string, error) {
	slug, err := MigrationSlug(name)
	if err != nil {
		return "", err
	}
	return Timestamp(at) + "-" + slug, nil
}

// Validate checks the spec before anything is written.
func (s ModelSpec) Validate() error {
	if strings.TrimSpace(s.Name) == "" {
		return fmt.Errorf("missing required argument: name (e.g. --name user)")
	}
	if err := checkModelName(s.Name); err != nil {
		return err
	}
	if err := checkPackage(s.Package); err != nil {
		return err
	}
	if len(s.Attributes) == 0 {
		return fmt.Errorf("missing required argument: attributes (e.g. --attributes firstName:string,email:string!)")
	}
	for _, a := range s.Attributes {
		if err := checkAttribute(a); err != nil {
			return err
		}
	}
	if err := checkFieldNames(s.Attributes); err != nil {
		return err
	}
	seen := map[string]string{}
	for _, a := range s.Attributes {
		col := s.Column(a)
		if prev, ok := seen[col]; ok {
			return fmt.Errorf("attributes '%s' and '%s' both map to column '%s'", prev, a.Name, col)
		}
		seen[col] = a.Name
		if created, updated := s.timestampColumns(); col == created || col == updated || col == "id" {
			return fmt.Errorf("attribute '%s' maps to column '%s', which model:generate adds by itself", a.Name, col)
		}
	}
	// A model's Go field names and column names are one set of names (a
	// condition or an order may use either), so a column may not be the Go
	// name of another field.
	fields := map[string]string{}
	for _, a := range s.Attributes {
		fields[naming.Camel(a.Name)] = a.Name
	}
	for _, a := range s.Attributes {
		col := s.Column(a)
		if other, ok := fields[col]; ok && other != a.Name {
			return fmt.Errorf("attribute '%s' maps to column '%s', which is the Go field name of attribute '%s'; rename one of them", a.Name, col, other)
		}
		if generatedFields[col] {
			return fmt.Errorf("attribute '%s' maps to column '%s', which is the Go name of a field model:generate adds by itself; choose another name", a.Name, col)
		}
	}
	return nil
}

// Model returns the Go source of the model file.
func Model(s ModelSpec) ([]byte, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	pkg := s.Package
	if pkg == "" {
		pkg = "models"
	}
	imports := map[string]bool{"time": true}
	type field struct{ name, typ, tag string }
	fields := []field{{"ID", "int", `json:"id"`}}
	for _, a := range s.Attributes {
		fname := naming.Camel(a.Name)
		typ, imp := goType(a.Type)
		if imp != "" {
			imports[imp] = true
		}
		tagTyp := typ
		if unsettable(a) {
			// nil is "not set": NULL, or the column's default.
			typ = nullable(typ)
		}
		var opts []string
		col := s.Column(a)
		if col != naming.LowerCamel(fname) {
			opts = append(opts, col)
		} else {
			opts = append(opts, "")
		}
		if a.NotNull {
			opts = append(opts, "notnull")
		}
		if a.Unique {
			opts = append(opts, "unique")
		}
		if a.Default != nil {
			opts = append(opts, "default="+tagDefault(a.Type, a.Default))
		}
		if t := tagType(a.Type, tagTyp); t != "" {
			opts = append(opts, "type="+t)
		}
		tag := fmt.Sprintf(`json:"%s"`, naming.LowerCamel(a.Name))
		if len(opts) > 1 || opts[0] != "" {
			tag = fmt.Sprintf(`strata:%s %s`, strconv.Quote(strings.Join(opts, ",")), tag)
		}
		fields = append(fields, field{fname, typ, tag})
	}
	created, updated := s.timestampColumns()
	for _, ts := range []struct{ field, col string }{{"CreatedAt", created}, {"UpdatedAt", updated}} {
		tag := fmt.Sprintf(`json:"%s"`, naming.LowerCamel(ts.field))
		if ts.col != naming.LowerCamel(ts.field) {
			tag = fmt.Sprintf(`strata:"%s" %s`, ts.col, tag)
		}
		fields = append(fields, field{ts.field, "time.Time", tag})
	}

	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\n", pkg)
	writeImports(&b, imports)
	name := s.Struct()
	fmt.Fprintf(&b, "// %s is a row of the %s table.\n", name, s.Table())
	fmt.Fprintf(&b, "type %s struct {\n", name)
	for _, f := range fields {
		if strings.Contains(f.tag, "`") {
			fmt.Fprintf(&b, "\t%s %s %s\n", f.name, f.typ, strconv.Quote(f.tag))
			continue
		}
		fmt.Fprintf(&b, "\t%s %s `%s`\n", f.name, f.typ, f.tag)
	}
	b.WriteString("}\n\n")
	fmt.Fprintf(&b, "// TableName is the table %s is stored in.\n", name)
	fmt.Fprintf(&b, "func (%s) TableName() string { return %q }\n", name, s.Table())
	return gofmt(b.String())
}

// unsettable reports an attribute whose model field must be able to say
// "not set": a column that accepts NULL, or one with a default. Such a
// field is a pointer (slices, already nil-able, stay as they are), and an
// INSERT leaves a nil one out, so the column's default applies.
func unsettable(a Attribute) bool { return !a.NotNull || a.Default != nil }

// tagDefault is the default=… tag option of d: now, uuidv4, a number or
// boolean as it is, anything else quoted ('it”s').
func tagDefault(t schema.Type, d *schema.Default) string {
	switch d.Kind {
	case schema.DefaultNow:
		return "now"
	case schema.DefaultUUIDv4:
		return "uuidv4"
	case schema.DefaultExpr:
		return "(" + d.Value + ")"
	}
	switch t.Kind {
	case schema.KindInteger, schema.KindBigInt, schema.KindSmallInt, schema.KindFloat, schema.KindDouble, schema.KindBoolean, schema.KindDecimal:
		return d.Value
	}
	return "'" + strings.ReplaceAll(d.Value, "'", "''") + "'"
}

// tagType is the type= option a field needs when its Go type alone would
// map to another column type.
func tagType(t schema.Type, goTyp string) string {
	if strings.HasPrefix(goTyp, "strata.Array[") {
		return t.String()
	}
	plain := map[string]schema.Kind{
		"int": schema.KindInteger, "int64": schema.KindBigInt, "int16": schema.KindSmallInt,
		"float32": schema.KindFloat, "float64": schema.KindDouble, "bool": schema.KindBoolean,
		"time.Time": schema.KindDate, "json.RawMessage": schema.KindJSON, "[]byte": schema.KindBlob,
	}
	if k, ok := plain[goTyp]; ok && k == t.Kind {
		return ""
	}
	if goTyp == "string" && t.Kind == schema.KindString && t.Size == schema.DefaultStringSize {
		return ""
	}
	return t.String()
}

// typeOption is the tag option that gives a field of Go type goTyp the
// column type t of an imported column: size=N for a string of another
// size than the default, type=… where goTyp does not imply t, or "".
func typeOption(t schema.Type, goTyp string) string {
	if t.Kind == schema.KindString && goTyp == "string" {
		if t.Size == schema.DefaultStringSize {
			return ""
		}
		return "size=" + strconv.Itoa(t.Size)
	}
	if tt := tagType(t, goTyp); tt != "" {
		return "type=" + tt
	}
	return ""
}
