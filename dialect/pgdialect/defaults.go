package pgdialect

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// plainNumber matches a number PostgreSQL reads as a numeric constant.
var plainNumber = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$`)

// renderDefault is the SQL of column c's default: literals quoted or bare
// as their type needs, NOW as CURRENT_TIMESTAMP (CURRENT_DATE for a
// DATEONLY), UUIDV4 as gen_random_uuid(), an expression verbatim.
func renderDefault(c schema.Column) (string, error) {
	d := c.Default
	switch d.Kind {
	case schema.DefaultLiteral:
		switch c.Type.Kind {
		case schema.KindInteger, schema.KindBigInt, schema.KindSmallInt,
			schema.KindFloat, schema.KindDouble, schema.KindDecimal:
			if plainNumber.MatchString(d.Value) {
				return d.Value, nil
			}
			return quoteLiteral(d.Value), nil // 'NaN', 'Infinity'
		case schema.KindBoolean:
			return strings.ToLower(d.Value), nil
		}
		return quoteLiteral(d.Value), nil
	case schema.DefaultNow:
		if c.Type.Kind == schema.KindDateOnly {
			return "CURRENT_DATE", nil
		}
		return "CURRENT_TIMESTAMP", nil
	case schema.DefaultUUIDv4:
		return "gen_random_uuid()", nil
	case schema.DefaultExpr:
		return d.Value, nil
	}
	return "", fmt.Errorf("column %q: unknown default kind %q", c.Name, d.Kind)
}

// inspectDefault is parseDefault as Inspect reads a column: the current
// time spelled otherwise than strata writes it (now(), Sakila's
// ('now'::text)::date) stays the expression it is, so a rebuilt table has
// it exactly; Canonical, through parseDefault, still reads it as NOW, so
// it compares equal to a model's DefaultNow.
func inspectDefault(expr string) *schema.Default {
	d := parseDefault(expr)
	if d != nil && d.Kind == schema.DefaultNow && !strings.EqualFold(expr, "CURRENT_TIMESTAMP") && !strings.EqualFold(expr, "CURRENT_DATE") {
		return schema.Expr(expr)
	}
	return d
}

// castChain matches one or more casts to a type name, as PostgreSQL prints
// them after a default or constant: ::integer, ::character varying(20),
// ::timestamp(6) with time zone, ::"enum_users_state"[].
var castChain = regexp.MustCompile(`(?i)^(\s*::\s*("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)(\.("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*))?(\s*\(\s*\d+(\s*,\s*\d+)*\s*\))?(\s+(varying|precision|with|without|time|zone))*(\s*\[\s*\])*)+$`)

var (
	nowDefault  = regexp.MustCompile(`(?i)^(now\(\)|transaction_timestamp\(\)|current_timestamp|current_date|current_time|localtimestamp|localtime)(\(\d+\))?$`)
	uuidDefault = regexp.MustCompile(`(?i)^(gen_random_uuid|uuid_generate_v4)\(\)$`)
)

// parseDefault reads a column default as pg_get_expr prints it back into a
// schema.Default: constants ('0'::integer, 'x'::character varying, true,
// 9.99) are literals; now(), CURRENT_TIMESTAMP, CURRENT_DATE and their kin
// are Now; gen_random_uuid() is UUIDv4; NULL is no default; anything else
// is an expression, kept as the server printed it.
func parseDefault(expr string) *schema.Default {
	expr = strings.TrimSpace(expr)
	if expr == "" {
		return nil
	}
	core := stripCasts(expr)
	switch {
	case strings.EqualFold(core, "null"):
		return nil
	case strings.EqualFold(core, "true"), strings.EqualFold(core, "false"):
		return schema.Literal(strings.ToLower(core))
	case plainNumber.MatchString(core):
		return schema.Literal(core)
	case nowDefault.MatchString(core):
		return schema.Now()
	case uuidDefault.MatchString(core):
		return schema.UUIDv4()
	}
	if m := textThenCast.FindStringSubmatch(expr); m != nil {
		// ('now'::text)::date: the text is cast on every insert, not once
		// when the table was made, so it is the time of the insert. Read
		// as a literal, it would be rendered as the day the table was made.
		switch strings.ToLower(strings.TrimSpace(m[1])) {
		case "now", "today", "current":
			return schema.Now()
		}
		return schema.Expr(expr) // 'tomorrow', 'epoch' …: kept as written
	}
	if s, ok := unquoteLiteral(core); ok {
		return schema.Literal(s)
	}
	return schema.Expr(expr)
}

// textThenCast matches a default that casts a text constant to another
// type at run time: ('now'::text)::date, as pg_dump writes CURRENT_DATE
// from older PostgreSQL and as Sakila's customer.create_date has it.
var textThenCast = regexp.MustCompile(`^\(\s*'((?:[^']|'')*)'::text\s*\)\s*::`)

// stripCasts removes parentheses around the whole of expr and casts of the
// whole of it, repeatedly: ('-42'::integer)::bigint becomes '-42'.
func stripCasts(expr string) string {
	for {
		s := strings.TrimSpace(expr)
		if inner, ok := unwrapParens(s); ok {
			expr = inner
			continue
		}
		if i := topLevelCast(s); i > 0 {
			expr = s[:i]
			continue
		}
		return s
	}
}

// unwrapParens returns what is inside parentheses that enclose all of s.
func unwrapParens(s string) (string, bool) {
	if len(s) < 2 || s[0] != '(' || s[len(s)-1] != ')' {
		return "", false
	}
	if end := matchingParen(s, 0); end != len(s)-1 {
		return "", false
	}
	return s[1 : len(s)-1], true
}

// matchingParen returns the index of the parenthesis closing the one at
// open, skipping quoted text, or -1.
func matchingParen(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '\'', '"':
			j := skipQuoted(s, i)
			if j < 0 {
				return -1
			}
			i = j
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// skipQuoted returns the index of the quote closing the quoted text that
// starts at i (a ' or "), treating a doubled quote as part of the text, or
// -1 when it is not closed.
func skipQuoted(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		if s[j] == q {
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j
		}
		if q == '\'' && s[j] == '\\' && escapeString(s, i) {
			j++ // E'…' escapes
		}
	}
	return -1
}

// topLevelCast returns the index of the first "::" outside quotes and
// parentheses after which only casts follow, or -1.
func topLevelCast(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'', '"':
			j := skipQuoted(s, i)
			if j < 0 {
				return -1
			}
			i = j
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case ':':
			if depth == 0 && i+1 < len(s) && s[i+1] == ':' && castChain.MatchString(s[i:]) {
				return i
			}
		}
	}
	return -1
}

// escapeString reports whether the quote at i opens an E'…' constant: an E
// stands right before it, as a word of its own.
func escapeString(s string, i int) bool {
	if i == 0 || (s[i-1] != 'E' && s[i-1] != 'e') {
		return false
	}
	return i == 1 || !(isWordStart(s[i-2]) || isDigit(s[i-2]))
}

// unquoteLiteral reads a whole string constant, '…' or E'…'.
func unquoteLiteral(s string) (string, bool) {
	escapes := false
	if len(s) > 0 && (s[0] == 'E' || s[0] == 'e') {
		escapes, s = true, s[1:]
	}
	if len(s) < 2 || s[0] != '\'' || skipQuotedFrom(s, escapes) != len(s)-1 {
		return "", false
	}
	body := s[1 : len(s)-1]
	if !escapes {
		return strings.ReplaceAll(body, "''", "'"), true
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '\'' && i+1 < len(body) && body[i+1] == '\'':
			b.WriteByte('\'')
			i++
		case c == '\\' && i+1 < len(body):
			i++
			switch body[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			default:
				b.WriteByte(body[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

// skipQuotedFrom is skipQuoted for a constant at the start of s.
func skipQuotedFrom(s string, escapes bool) int {
	for j := 1; j < len(s); j++ {
		switch {
		case s[j] == '\'' && j+1 < len(s) && s[j+1] == '\'':
			j++
		case s[j] == '\'':
			return j
		case escapes && s[j] == '\\':
			j++
		}
	}
	return -1
}
