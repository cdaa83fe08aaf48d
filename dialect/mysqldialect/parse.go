package mysqldialect

import (
	"database/sql"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/schema"
)

var columnTypeRe = regexp.MustCompile(`(?is)^([a-z ]+?)\s*(?:\((.*)\))?((?:\s+(?:unsigned|signed|zerofill))*)$`)

// ParseColumnType reads a column type as information_schema.COLUMNS
// reports it in COLUMN_TYPE (varchar(255), int(11), decimal(10,2),
// tinyint(1), datetime(6), enum('a','b') …) back into a schema.Type.
//
// The portable kinds are read only from the spellings strata's own
// renderer produces, as the server prints them: varchar(n), char(n),
// text, blob, int / int(11), bigint / bigint(20), smallint / smallint(6),
// float, double, decimal(p,s), tinyint(1) (BOOLEAN), datetime(6) (DATE),
// date (DATEONLY), time (TIME), json (MySQL 8) and enum(…) with its values'
// case, quotes and backslashes kept. Every other type (unsigned or
// zerofill ones, mediumint, year, set, bit, binary, varbinary, timestamp,
// datetime(3), the other text and blob sizes, geometry types …) is
// schema.Native("mysql", columnType): rendering writes it back verbatim.
// MariaDB stores JSON as longtext, which reads as Native here: Inspect
// recognises it by its json_valid check. Only text that is not a column
// type at all is an error.
func ParseColumnType(columnType string) (schema.Type, error) {
	raw := strings.TrimSpace(columnType)
	m := columnTypeRe.FindStringSubmatch(raw)
	if m == nil {
		return schema.Type{}, fmt.Errorf("cannot read MySQL column type %q", columnType)
	}
	name, args, mods := strings.ToLower(m[1]), m[2], strings.ToLower(strings.TrimSpace(m[3]))
	native := func() (schema.Type, error) {
		t := schema.Native("mysql", raw)
		if err := t.Validate(); err != nil {
			return schema.Type{}, fmt.Errorf("cannot read MySQL column type %q: %w", columnType, err)
		}
		return t, nil
	}
	if mods != "" && mods != "signed" {
		return native()
	}
	ints := func() ([]int, bool) {
		if args == "" {
			return nil, true
		}
		parts := strings.Split(args, ",")
		out := make([]int, len(parts))
		for i, p := range parts {
			n, err := strconv.Atoi(strings.TrimSpace(p))
			if err != nil {
				return nil, false
			}
			out[i] = n
		}
		return out, true
	}
	n, numeric := ints()
	bare := args == ""
	width := func(w int) bool { return bare || (numeric && len(n) == 1 && n[0] == w) }
	switch name {
	case "enum":
		vals, err := splitEnum(args)
		if err != nil {
			return schema.Type{}, fmt.Errorf("cannot read MySQL column type %q: %w", columnType, err)
		}
		return schema.Enum(vals...), nil
	case "varchar", "char":
		if !numeric || len(n) != 1 || n[0] <= 0 {
			return schema.Type{}, fmt.Errorf("cannot read MySQL column type %q: it needs a length", columnType)
		}
		if name == "char" {
			return schema.Char(n[0]), nil
		}
		return schema.String(n[0]), nil
	case "decimal", "numeric":
		if numeric && len(n) == 2 && n[0] > 0 {
			return schema.Decimal(n[0], n[1]), nil
		}
	case "tinyint":
		if numeric && len(n) == 1 && n[0] == 1 {
			return schema.Boolean(), nil
		}
	case "int":
		if width(11) {
			return schema.Integer(), nil
		}
	case "bigint":
		if width(20) {
			return schema.BigInt(), nil
		}
	case "smallint":
		if width(6) {
			return schema.SmallInt(), nil
		}
	case "float":
		if bare {
			return schema.Float(), nil
		}
	case "double":
		if bare {
			return schema.Double(), nil
		}
	case "datetime":
		if numeric && len(n) == 1 && n[0] == 6 {
			return schema.Date(), nil
		}
	case "date":
		if bare {
			return schema.DateOnly(), nil
		}
	case "time":
		if bare {
			return schema.Time(), nil
		}
	case "text":
		if bare {
			return schema.Text(), nil
		}
	case "json":
		if bare {
			return schema.JSON(), nil
		}
	case "blob":
		if bare {
			return schema.Blob(), nil
		}
	}
	return native()
}

// splitEnum reads the values of enum('a','it”s').
func splitEnum(args string) ([]string, error) {
	var out []string
	s := strings.TrimSpace(args)
	for s != "" {
		if s[0] != '\'' {
			return nil, fmt.Errorf("enum value should start with a quote near %q", s)
		}
		v, n, err := unquote(s, '\'')
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		s = strings.TrimSpace(s[n:])
		if s == "" {
			break
		}
		if s[0] != ',' {
			return nil, fmt.Errorf("expected a comma between enum values near %q", s)
		}
		s = strings.TrimSpace(s[1:])
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("enum has no values")
	}
	return out, nil
}

var (
	numberRe     = regexp.MustCompile(`^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$`)
	introducedRe = regexp.MustCompile(`^_[a-z0-9]+('.*')$`)
)

// Flavor says how the server writes information_schema.COLUMNS.COLUMN_DEFAULT.
type Flavor int

const (
	// MariaDB quotes literal defaults ('x', with '' for a quote), writes
	// numbers and expressions bare, and NULL for no default.
	MariaDB Flavor = iota
	// MySQL writes literal defaults unquoted and marks expression defaults
	// with DEFAULT_GENERATED in EXTRA.
	MySQL
)

// ParseDefault reads a column default back from
// information_schema.COLUMNS: COLUMN_DEFAULT (NULL when there is none) and
// EXTRA, for a column of type t on a server of the given flavor. It returns
// nil for no default (and for DEFAULT NULL). current_timestamp(6),
// curdate(), curtime() and now() are NOW; uuid() is UUIDV4; other
// expressions are DefaultExpr; the rest are literals, TINYINT(1) ones as
// true or false.
func ParseDefault(raw sql.NullString, extra string, t schema.Type, flavor Flavor) *schema.Default {
	if !raw.Valid {
		return nil
	}
	v := raw.String
	switch flavor {
	case MariaDB:
		if v == "NULL" {
			return nil
		}
		if strings.HasPrefix(v, "'") {
			if s, n, err := unquote(v, '\''); err == nil && n == len(v) {
				return literal(s, t)
			}
		}
		if numberRe.MatchString(v) {
			return literal(v, t)
		}
		return defaultFromExpr(v)
	default:
		if !strings.Contains(strings.ToUpper(extra), "DEFAULT_GENERATED") {
			if strings.EqualFold(v, "CURRENT_TIMESTAMP") || strings.HasPrefix(strings.ToUpper(v), "CURRENT_TIMESTAMP(") {
				return schema.Now() // MySQL before 8.0.13 marked no expressions
			}
			return literal(v, t)
		}
		// MySQL 8 writes a literal in expression form as _utf8mb4\'x\': a
		// string literal with an introducer, its quotes escaped once more.
		unescaped := strings.NewReplacer(`\\`, `\`, `\'`, `'`).Replace(v)
		if m := introducedRe.FindStringSubmatch(unescaped); m != nil {
			if s, n, err := unquote(m[1], '\''); err == nil && n == len(m[1]) {
				return literal(s, t)
			}
		}
		return defaultFromExpr(v)
	}
}

func literal(v string, t schema.Type) *schema.Default {
	if t.Kind == schema.KindBoolean {
		switch v {
		case "1":
			v = "true"
		case "0":
			v = "false"
		}
	}
	return &schema.Default{Kind: schema.DefaultLiteral, Value: v}
}

// defaultFromExpr reads a default expression: the current time is NOW,
// uuid() is UUIDV4, anything else stays an expression, normalized.
func defaultFromExpr(expr string) *schema.Default {
	e := strings.ToLower(strings.TrimSpace(expr))
	e = stripOuterParensText(e)
	switch strings.TrimSuffix(strings.TrimSuffix(e, "(6)"), "()") {
	case "current_timestamp", "now", "localtimestamp", "localtime", "curdate", "current_date", "curtime", "current_time":
		return schema.Now()
	case "uuid":
		return schema.UUIDv4()
	}
	return schema.Expr(NormalizeExpr(expr))
}

// stripOuterParensText drops the parentheses that enclose all of e.
func stripOuterParensText(e string) string {
	toks, err := lex(e)
	if err != nil {
		return e
	}
	inner := stripOuterParens(toks)
	if len(inner) == len(toks) || len(inner) == 0 {
		return e
	}
	return strings.TrimSpace(e[inner[0].start:inner[len(inner)-1].end])
}
