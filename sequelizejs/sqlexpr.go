package sequelizejs

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// rawKind is the kind of a Sequelize.fn/literal/col/cast/where value, or "".
func rawKind(o *goja.Object) string {
	if o == nil {
		return ""
	}
	k := o.Get("__strataRaw")
	if k == nil || goja.IsUndefined(k) {
		return ""
	}
	return k.String()
}

// quoteIdent quotes a name as Sequelize's query generator does on d
// ("a.b" is a table-qualified column).
func quoteIdent(d Dialect, name string) string {
	q := `"`
	if d != Postgres {
		q = "`"
	}
	if name == "*" {
		return name
	}
	parts := strings.Split(name, ".")
	for i, p := range parts {
		parts[i] = q + strings.ReplaceAll(p, q, q+q) + q
	}
	return strings.Join(parts, ".")
}

// escapeString is Sequelize's SqlString.escape of a string on d.
func escapeString(d Dialect, s string) string {
	if d == MySQL {
		var b strings.Builder
		b.WriteByte('\'')
		for _, ch := range s {
			switch ch {
			case 0:
				b.WriteString(`\0`)
			case '\b':
				b.WriteString(`\b`)
			case '\t':
				b.WriteString(`\t`)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case 0x1a:
				b.WriteString(`\Z`)
			case '"', '\'', '\\':
				b.WriteByte('\\')
				b.WriteRune(ch)
			default:
				b.WriteRune(ch)
			}
		}
		b.WriteByte('\'')
		return b.String()
	}
	if d == Postgres {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// escapeValue is Sequelize's escape of a value on d: NULL, booleans as
// the dialect writes them, numbers, strings, Dates ('YYYY-MM-DD
// HH:mm:ss.SSS +00:00', MySQL without the zone) and objects as JSON.
func escapeValue(r *Runtime, d Dialect, v goja.Value) (string, error) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return "NULL", nil
	}
	if o, ok := v.(*goja.Object); ok && rawKind(o) != "" {
		return renderExpr(r, d, o)
	}
	switch x := v.Export().(type) {
	case bool:
		switch d {
		case SQLite:
			if x {
				return "1", nil
			}
			return "0", nil
		case Postgres:
			return strconv.FormatBool(x), nil
		}
		return strconv.FormatBool(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "", fmt.Errorf("%v is not a value SQL holds", x)
		}
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case string:
		return escapeString(d, x), nil
	case time.Time:
		return escapeString(d, formatDate(d, x)), nil
	case []any:
		parts := make([]string, len(x))
		arr := v.ToObject(r.VM)
		for i := range x {
			s, err := escapeValue(r, d, arr.Get(strconv.Itoa(i)))
			if err != nil {
				return "", err
			}
			parts[i] = s
		}
		if d == Postgres {
			return "ARRAY[" + strings.Join(parts, ",") + "]", nil
		}
		return strings.Join(parts, ", "), nil
	}
	b, err := json.Marshal(v.Export())
	if err != nil {
		return "", fmt.Errorf("cannot write %s as a value: %w", v.String(), err)
	}
	return escapeString(d, string(b)), nil
}

// formatDate is how Sequelize writes a Date on d.
func formatDate(d Dialect, t time.Time) string {
	t = t.UTC()
	if d == MySQL {
		return t.Format("2006-01-02 15:04:05.000")
	}
	return t.Format("2006-01-02 15:04:05.000 -07:00")
}

// renderExpr writes a fn/literal/col/cast/where value as Sequelize's
// query generator does.
func renderExpr(r *Runtime, d Dialect, o *goja.Object) (string, error) {
	switch rawKind(o) {
	case "literal":
		return o.Get("val").String(), nil
	case "col":
		return quoteIdent(d, o.Get("col").String()), nil
	case "fn":
		var args []string
		if arr, ok := o.Get("args").(*goja.Object); ok {
			for _, k := range arr.Keys() {
				s, err := escapeValue(r, d, arr.Get(k))
				if err != nil {
					return "", err
				}
				args = append(args, s)
			}
		}
		return o.Get("fn").String() + "(" + strings.Join(args, ", ") + ")", nil
	case "cast":
		s, err := escapeValue(r, d, o.Get("val"))
		if err != nil {
			return "", err
		}
		return "CAST(" + s + " AS " + strings.ToUpper(o.Get("type").String()) + ")", nil
	case "where":
		left := o.Get("attribute")
		var l string
		if lo, ok := left.(*goja.Object); ok && rawKind(lo) != "" {
			s, err := renderExpr(r, d, lo)
			if err != nil {
				return "", err
			}
			l = s
		} else {
			l = quoteIdent(d, left.String())
		}
		return renderCondition(r, d, l, o.Get("comparator"), o.Get("logic"))
	}
	return "", fmt.Errorf("%s is not a Sequelize expression", o.String())
}

var opSQL = map[string]string{"eq": "=", "ne": "!=", "gt": ">", "gte": ">=", "lt": "<", "lte": "<=", "is": "IS", "not": "IS NOT",
	"in": "IN", "notIn": "NOT IN", "like": "LIKE", "notLike": "NOT LIKE", "iLike": "ILIKE", "notILike": "NOT ILIKE",
	"regexp": "~", "notRegexp": "!~", "between": "BETWEEN", "notBetween": "NOT BETWEEN"}

func symbolName(s *goja.Symbol) string {
	n := s.String()
	n = strings.TrimPrefix(n, "Symbol(")
	return strings.TrimSuffix(n, ")")
}

// renderCondition writes `left op value` for one comparison.
func renderCondition(r *Runtime, d Dialect, left string, comparator, value goja.Value) (string, error) {
	op := "eq"
	if s, ok := comparator.(*goja.Symbol); ok {
		op = symbolName(s)
	} else if comparator != nil && !goja.IsUndefined(comparator) {
		op = comparator.String()
		for k, v := range opSQL {
			if v == strings.ToUpper(op) {
				op = k
			}
		}
	}
	if o, ok := value.(*goja.Object); ok && rawKind(o) == "" && !isArray(value) {
		if _, isDate := value.Export().(time.Time); !isDate {
			return renderWhereObject(r, d, left, o)
		}
	}
	sqlOp, ok := opSQL[op]
	if !ok {
		return "", fmt.Errorf("operator Op.%s is not one the recorder writes (it writes %s)", op, "eq, ne, gt, gte, lt, lte, is, not, in, notIn, like, notLike, iLike, notILike, between, notBetween")
	}
	isNull := value == nil || goja.IsNull(value) || goja.IsUndefined(value)
	switch {
	case isNull && op == "eq", isNull && op == "is":
		return left + " IS NULL", nil
	case isNull && (op == "ne" || op == "not"):
		return left + " IS NOT NULL", nil
	case op == "between" || op == "notBetween":
		arr := value.ToObject(r.VM)
		a, err := escapeValue(r, d, arr.Get("0"))
		if err != nil {
			return "", err
		}
		b, err := escapeValue(r, d, arr.Get("1"))
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%s %s %s AND %s", left, sqlOp, a, b), nil
	case isArray(value):
		if op == "eq" {
			sqlOp = "IN"
		} else if op == "ne" {
			sqlOp = "NOT IN"
		}
		arr := value.ToObject(r.VM)
		var parts []string
		for _, k := range arr.Keys() {
			s, err := escapeValue(r, d, arr.Get(k))
			if err != nil {
				return "", err
			}
			parts = append(parts, s)
		}
		return fmt.Sprintf("%s %s (%s)", left, sqlOp, strings.Join(parts, ", ")), nil
	}
	if op == "not" {
		sqlOp = "!="
	}
	s, err := escapeValue(r, d, value)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s %s %s", left, sqlOp, s), nil
}

func isArray(v goja.Value) bool {
	o, ok := v.(*goja.Object)
	return ok && o.ClassName() == "Array"
}

// renderWhereObject writes the operators of {[Op.gt]: 1, [Op.lt]: 5} on left.
func renderWhereObject(r *Runtime, d Dialect, left string, o *goja.Object) (string, error) {
	var parts []string
	for _, s := range o.Symbols() {
		p, err := renderCondition(r, d, left, s, o.GetSymbol(s))
		if err != nil {
			return "", err
		}
		parts = append(parts, p)
	}
	for _, k := range o.Keys() {
		p, err := renderCondition(r, d, left, r.VM.ToValue(k), o.Get(k))
		if err != nil {
			return "", err
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " AND "), nil
}

// RenderWhere writes a Sequelize where object ({col: value, [Op.or]:
// [...]}) as Sequelize's whereItemsQuery does on d: the conditions joined
// by AND, an Op.or group in parentheses.
func RenderWhere(r *Runtime, d Dialect, where goja.Value) (string, error) {
	o, ok := where.(*goja.Object)
	if !ok {
		return "", fmt.Errorf("where %s is not an object", where.String())
	}
	if rawKind(o) != "" {
		return renderExpr(r, d, o)
	}
	var parts []string
	for _, s := range o.Symbols() {
		name := symbolName(s)
		if name != "and" && name != "or" {
			return "", fmt.Errorf("where: Op.%s at the top level is not a condition", name)
		}
		sub := o.GetSymbol(s).ToObject(r.VM)
		var items []string
		for _, k := range sub.Keys() {
			p, err := RenderWhere(r, d, sub.Get(k))
			if err != nil {
				return "", err
			}
			items = append(items, p)
		}
		parts = append(parts, "("+strings.Join(items, " "+strings.ToUpper(name)+" ")+")")
	}
	for _, k := range o.Keys() {
		p, err := renderCondition(r, d, quoteIdent(d, k), nil, o.Get(k))
		if err != nil {
			return "", err
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " AND "), nil
}
