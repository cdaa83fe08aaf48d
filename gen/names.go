package gen

import (
	"fmt"
	"go/token"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/internal/naming"
	"github.com/strata-orm/strata/schema"
)

// NameError is a model, field, package or migration name the generators
// refuse: one that would not become a valid Go identifier or file name, or
// that collides with another. Nothing is written when it is returned.
type NameError struct {
	What   string // "model name", "attribute", "migration name", "package"
	Name   string // as given
	Reason string // what is wrong and how to fix it
}

func (e *NameError) Error() string {
	return fmt.Sprintf("%s %s cannot be used: %s", e.What, printable(e.Name), e.Reason)
}

// printable quotes s as it was written, or as a Go string literal when it
// holds bytes a terminal would not show (NUL, control characters, invalid
// UTF-8), so an error message never carries them.
func printable(s string) string {
	if utf8.ValidString(s) && strconv.CanBackquote(s) {
		return "'" + s + "'"
	}
	return strconv.Quote(s)
}

// checkText refuses what no generated file may carry: NUL bytes (no
// database stores them in a name or an enum value, and Go source cannot
// hold them raw) and invalid UTF-8.
func checkText(s string) string {
	if !utf8.ValidString(s) {
		return "it is not valid UTF-8; write the text in UTF-8"
	}
	if strings.IndexByte(s, 0) >= 0 {
		return "it holds a NUL byte (\\x00), which no database stores in a name or value; remove it"
	}
	return ""
}

// exportedIdent reports whether s is an exported Go identifier that is not
// a keyword, as a struct or field name must be.
func exportedIdent(s string) bool {
	return token.IsIdentifier(s) && token.IsExported(s) && !token.IsKeyword(s)
}

// generatedFields are the fields and methods every model has besides its
// attributes.
var generatedFields = map[string]bool{"ID": true, "CreatedAt": true, "UpdatedAt": true, "TableName": true}

// checkModelName checks the model's name becomes a Go type, a table and a
// file name.
func checkModelName(name string) error {
	bad := func(reason string) error { return &NameError{"model name", name, reason} }
	if r := checkText(name); r != "" {
		return bad(r)
	}
	if !identRE.MatchString(name) {
		return bad("use letters, digits and underscores, starting with a letter (e.g. --name user)")
	}
	if s := naming.Camel(name); !exportedIdent(s) {
		return bad(fmt.Sprintf("it becomes the Go type name %q, which is not an exported identifier; start it with a letter", s))
	}
	if naming.Snake(name) == "" {
		return bad("it has no letter or digit to name the file and table with")
	}
	return nil
}

// checkFieldNames checks every attribute becomes its own exported field.
func checkFieldNames(attrs []Attribute) error {
	seen := map[string]string{}
	for _, a := range attrs {
		f := naming.Camel(a.Name)
		if !exportedIdent(f) {
			return &NameError{"attribute", a.Name, fmt.Sprintf("it becomes the Go field name %q, which is not an exported identifier; start it with a letter", f)}
		}
		if generatedFields[f] {
			return &NameError{"attribute", a.Name, fmt.Sprintf("it becomes the Go field %s, which every model has already; choose another name", f)}
		}
		if prev, ok := seen[f]; ok {
			return &NameError{"attribute", a.Name, fmt.Sprintf("it becomes the Go field %s, as '%s' does; rename one of them", f, prev)}
		}
		seen[f] = a.Name
	}
	return nil
}

// checkPackage checks a package name given for a generated file.
func checkPackage(pkg string) error {
	if pkg == "" {
		return nil
	}
	if !token.IsIdentifier(pkg) || token.IsKeyword(pkg) || pkg == "_" {
		return &NameError{"package", pkg, "a package name is a Go identifier, e.g. models"}
	}
	return nil
}

// MigrationSlug turns the free-form name of migration:generate or
// seed:generate into the part of the file name after the timestamp:
// "add age to users" → "add-age-to-users". It refuses a name that has
// characters other than letters, digits, spaces, '-' and '_', or none that
// names anything.
func MigrationSlug(name string) (string, error) {
	bad := func(reason string) (string, error) { return "", &NameError{"migration name", name, reason} }
	if r := checkText(name); r != "" {
		return bad(r)
	}
	for _, c := range name {
		if !(c == '-' || c == '_' || c == ' ' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return bad("it may contain only letters, digits, spaces, '-' and '_' (e.g. --name add-age-to-users)")
		}
	}
	slug := strings.ReplaceAll(naming.Snake(name), "_", "-")
	if strings.Trim(slug, "-") == "" {
		return bad("it needs a letter or digit (e.g. --name add-age-to-users)")
	}
	return slug, nil
}

// maxEnumValue is the longest enum value in bytes: PostgreSQL's limit for
// an enum label (NAMEDATALEN-1), kept on every database so a migration
// model:generate writes runs on all three.
const maxEnumValue = 63

// checkEnumValue refuses an enum value no generated migration can create.
func checkEnumValue(v string) string {
	if r := checkText(v); r != "" {
		return r
	}
	if len(v) > maxEnumValue {
		return fmt.Sprintf("it is %d bytes long; PostgreSQL takes enum values of at most %d bytes, so shorten it", len(v), maxEnumValue)
	}
	return ""
}

// checkAttribute checks an attribute built in Go rather than parsed, as
// ParseAttribute would: every name an identifier, no NUL or invalid UTF-8
// in a value, a valid type and a default of that type.
func checkAttribute(a Attribute) error {
	bad := func(format string, args ...any) error {
		return &AttributeError{a.Name, fmt.Sprintf(format, args...)}
	}
	if r := checkText(a.Name); r != "" {
		return bad("%s", r)
	}
	if !identRE.MatchString(a.Name) {
		return bad("%s is not a valid name: use letters, digits and underscores, starting with a letter", printable(a.Name))
	}
	if err := a.Type.Validate(); err != nil {
		return bad("%v", err)
	}
	for t := &a.Type; t != nil; t = t.Elem {
		for _, v := range t.Values {
			if r := checkEnumValue(v); r != "" {
				return bad("enum value %s: %s", printable(v), r)
			}
		}
	}
	if r := a.References; r != nil && (!identRE.MatchString(r.Table) || !identRE.MatchString(r.Column)) {
		return bad("references %s.%s is not a table and column name (letters, digits and underscores)", printable(r.Table), printable(r.Column))
	}
	d := a.Default
	if d == nil {
		return nil
	}
	if d.Kind == schema.DefaultExpr {
		return bad("a model's tag cannot carry an SQL expression default; use a literal, now or uuidv4")
	}
	if r := checkText(d.Value); r != "" {
		return bad("default %s: %s", printable(d.Value), r)
	}
	if r := checkNumber(a.Type, d); r != "" {
		return bad("%s", r)
	}
	c := schema.Column{Name: a.Name, Type: a.Type, Default: d}
	if err := ddl.CreateTable("t", ddl.ColumnOf(c)).Apply(&schema.Database{}); err != nil {
		return bad("%v", err)
	}
	return nil
}
