package gen

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/internal/naming"
	"github.com/strata-orm/strata/schema"
)

// Attribute is one attribute of --attributes.
type Attribute struct {
	Name       string // as written: the column name, unless underscored
	Type       schema.Type
	NotNull    bool
	Unique     bool
	Index      bool
	Default    *schema.Default
	References *ddl.Reference
}

// AttributeError is an attribute that cannot be parsed; its message follows
// sequelize-cli's: Attribute 'foo:strin' cannot be parsed: Unknown type 'strin'.
type AttributeError struct {
	Attribute string
	Reason    string
}

func (e *AttributeError) Error() string {
	return fmt.Sprintf("Attribute %s cannot be parsed: %s", printable(e.Attribute), e.Reason)
}

var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// reserved are the attributes model:generate adds by itself.
var reserved = map[string]bool{"id": true, "createdAt": true, "updatedAt": true, "created_at": true, "updated_at": true}

// ParseAttributes parses a comma-separated --attributes list. Commas inside
// parentheses or braces (decimal(10,2), enum:{a,b}) do not split.
func ParseAttributes(s string) ([]Attribute, error) {
	if strings.TrimSpace(s) == "" {
		return nil, errors.New("no attributes given: pass --attributes, for example --attributes firstName:string,email:string!:unique")
	}
	var out []Attribute
	seen := map[string]bool{}
	for _, raw := range splitTop(s, ',') {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		a, err := ParseAttribute(raw)
		if err != nil {
			return nil, err
		}
		if seen[a.Name] {
			return nil, &AttributeError{raw, fmt.Sprintf("attribute '%s' is given twice", a.Name)}
		}
		seen[a.Name] = true
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil, errors.New("no attributes given: pass --attributes, for example --attributes firstName:string,email:string!:unique")
	}
	return out, nil
}

// splitTop splits s on sep outside (), {} and quotes.
func splitTop(s string, sep byte) []string {
	var out []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(' || c == '{' || c == '[':
			depth++
		case c == ')' || c == '}' || c == ']':
			depth--
		case c == sep && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// ParseAttribute parses one `name:type[:modifier…]` attribute.
func ParseAttribute(raw string) (Attribute, error) {
	bad := func(format string, args ...any) (Attribute, error) {
		return Attribute{}, &AttributeError{raw, fmt.Sprintf(format, args...)}
	}
	if r := checkText(raw); r != "" {
		return bad("%s", r)
	}
	parts := splitTop(raw, ':')
	name := strings.TrimSpace(parts[0])
	if name == "" {
		return bad("the name is empty; write name:type, e.g. firstName:string")
	}
	if !identRE.MatchString(name) {
		return bad("'%s' is not a valid name: use letters, digits and underscores, starting with a letter", name)
	}
	if reserved[name] {
		return bad("'%s' is added to every model automatically; leave it out", name)
	}
	if len(parts) < 2 || strings.TrimSpace(parts[1]) == "" {
		return bad("the type is missing; write %s:string (or another type)", name)
	}
	a := Attribute{Name: name}
	rest := parts[1:]
	typ, n, err := parseAttrType(rest)
	if err != nil {
		return bad("%s", err.Error())
	}
	a.Type = typ.t
	a.NotNull = typ.notNull
	for _, m := range rest[n:] {
		m = strings.TrimSpace(m)
		key, val, hasVal := strings.Cut(m, "=")
		switch strings.ToLower(key) {
		case "!", "notnull", "required":
			a.NotNull = true
		case "unique":
			a.Unique = true
		case "index":
			a.Index = true
		case "default":
			if !hasVal || val == "" {
				return bad("default needs a value, e.g. default=0, default=now or default=uuidv4")
			}
			a.Default = parseDefault(val)
			if r := checkNumber(typ.t, a.Default); r != "" {
				return bad("%s", r)
			}
		case "references":
			table, col, _ := strings.Cut(strings.TrimSuffix(strings.Replace(val, "(", ".", 1), ")"), ".")
			if !hasVal || table == "" {
				return bad("references needs a table, e.g. references=users or references=users.id")
			}
			if col == "" {
				col = "id"
			}
			if !identRE.MatchString(table) || !identRE.MatchString(col) {
				return bad("references=%s does not name a table and column: write references=users or references=users.id (letters, digits and underscores)", val)
			}
			if a.References == nil {
				a.References = &ddl.Reference{}
			}
			a.References.Table, a.References.Column = table, col
		case "ondelete", "onupdate":
			act, err := schema.ParseAction(val)
			if err != nil {
				return bad("%v", err)
			}
			if a.References == nil {
				return bad("%s needs references=<table> before it", key)
			}
			if strings.EqualFold(key, "ondelete") {
				a.References.OnDelete = act
			} else {
				a.References.OnUpdate = act
			}
		default:
			return bad("unknown modifier '%s' (known: unique, notnull or !, index, default=…, references=table.column, onDelete=…, onUpdate=…)", m)
		}
	}
	if a.References != nil && a.References.OnDelete == schema.SetNull && a.NotNull {
		return bad("onDelete=set null needs a column that allows NULL; drop the ! or choose another action")
	}
	if a.Default != nil {
		c := schema.Column{Name: a.Name, Type: a.Type, Default: a.Default}
		if err := ddl.CreateTable("t", ddl.ColumnOf(c)).Apply(&schema.Database{}); err != nil {
			msg := err.Error()
			if i := strings.Index(msg, ": "); i >= 0 {
				msg = msg[i+2:]
			}
			return bad("%s", msg)
		}
	}
	return a, nil
}

type attrType struct {
	t       schema.Type
	notNull bool
}

// parseAttrType reads the type at the start of parts: "string(100)!",
// "enum", "{a,b}", "array", "integer". It returns how many parts it used.
func parseAttrType(parts []string) (attrType, int, error) {
	first := strings.TrimSpace(parts[0])
	notNull := strings.HasSuffix(first, "!")
	first = strings.TrimSuffix(first, "!")
	switch strings.ToLower(first) {
	case "enum":
		if len(parts) < 2 || !strings.HasPrefix(strings.TrimSpace(parts[1]), "{") {
			return attrType{}, 0, fmt.Errorf("enum needs its values, e.g. role:enum:{admin,guest}")
		}
		vals := strings.TrimSpace(parts[1])
		nn := strings.HasSuffix(vals, "!")
		vals = strings.TrimSuffix(vals, "!")
		if !strings.HasSuffix(vals, "}") {
			return attrType{}, 0, fmt.Errorf("enum values must be in braces, e.g. {admin,guest}")
		}
		t, err := schema.ParseType("ENUM(" + vals[1:len(vals)-1] + ")")
		if err != nil {
			return attrType{}, 0, err
		}
		for _, v := range t.Values {
			if r := checkEnumValue(v); r != "" {
				return attrType{}, 0, reason(fmt.Sprintf("enum value %s: %s", printable(v), r))
			}
		}
		return attrType{t, notNull || nn}, 2, nil
	case "array":
		if len(parts) < 2 {
			return attrType{}, 0, fmt.Errorf("array needs an element type, e.g. tags:array:string")
		}
		elem, n, err := parseAttrType(parts[1:])
		if err != nil {
			return attrType{}, 0, err
		}
		t := schema.Array(elem.t)
		if err := t.Validate(); err != nil {
			return attrType{}, 0, err
		}
		return attrType{t, notNull || elem.notNull}, n + 1, nil
	}
	t, err := schema.ParseType(first)
	if err != nil {
		name, _, _ := strings.Cut(first, "(")
		if strings.HasPrefix(err.Error(), "unknown type") {
			known := append([]string{"enum", "array", "real", "bool", "int", "varchar"}, lowerKinds()...)
			// Capitalised as sequelize-cli writes it.
			if c := naming.Closest(name, known); c != "" {
				return attrType{}, 0, reason(fmt.Sprintf("Unknown type '%s' (did you mean '%s'?)", name, c))
			}
			return attrType{}, 0, reason(fmt.Sprintf("Unknown type '%s' (known: %s)", name, strings.Join(lowerKinds(), ", ")))
		}
		return attrType{}, 0, err
	}
	return attrType{t, notNull}, 1, nil
}

// reason is an error message used as it is.
type reason string

func (r reason) Error() string { return string(r) }

func lowerKinds() []string {
	var out []string
	for _, k := range schema.KindNames() {
		out = append(out, strings.ToLower(k))
	}
	return out
}

// checkNumber refuses a default ParseFloat takes but no database does as
// a number: NaN, infinities, hexadecimal and underscores.
func checkNumber(t schema.Type, d *schema.Default) string {
	if d.Kind != schema.DefaultLiteral {
		return ""
	}
	switch t.Kind {
	case schema.KindFloat, schema.KindDouble:
		if !floatRE.MatchString(d.Value) {
			return fmt.Sprintf("default %s is not a decimal number; write it as 1.5, -2 or 1e-3", printable(d.Value))
		}
	case schema.KindDecimal:
		if !decimalRE.MatchString(d.Value) {
			return fmt.Sprintf("default %s is not a decimal number; write it as 10.25 or -3", printable(d.Value))
		}
	}
	return ""
}

var (
	floatRE   = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$`)
	decimalRE = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$`)
)

func parseDefault(v string) *schema.Default {
	switch strings.ToLower(v) {
	case "now":
		return schema.Now()
	case "uuidv4", "uuid":
		return schema.UUIDv4()
	}
	if len(v) >= 2 && (v[0] == '\'' || v[0] == '"') && v[len(v)-1] == v[0] {
		q := v[:1]
		v = strings.ReplaceAll(v[1:len(v)-1], q+q, q) // 'it''s' is it's
	}
	return schema.Literal(v)
}
