package sqlitedialect

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// uuidV4Expr generates a random version-4 UUID in lower-case hex, the
// default strata writes for UUIDV4: 8-4-4-4-12 digits, with the version
// nibble 4 and the variant nibble one of 8, 9, a, b.
const uuidV4Expr = "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || " +
	"substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || " +
	"substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))"

// plainNumber is a number SQLite reads as a literal without quotes.
var plainNumber = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

// renderDefault writes the DEFAULT clause's value for c: numbers bare,
// booleans 1 and 0 (as SQLite stores them), other literals quoted, NOW as
// CURRENT_TIMESTAMP (CURRENT_DATE for DATEONLY, CURRENT_TIME for TIME),
// UUIDV4 as uuidV4Expr and an expression in parentheses.
func renderDefault(c schema.Column) (string, error) {
	d := c.Default
	switch d.Kind {
	case schema.DefaultLiteral:
		switch c.Type.Kind {
		case schema.KindBoolean:
			switch d.Value {
			case "true":
				return "1", nil
			case "false":
				return "0", nil
			}
			return "", fmt.Errorf("column %q: default %q is not true or false", c.Name, d.Value)
		case schema.KindInteger, schema.KindBigInt, schema.KindSmallInt, schema.KindFloat, schema.KindDouble, schema.KindDecimal:
			if plainNumber.MatchString(d.Value) {
				return d.Value, nil
			}
			return "", fmt.Errorf("column %q: default %q is not a plain decimal number", c.Name, d.Value)
		case schema.KindNative:
			// A number on a type of INTEGER affinity (TINYINT(1), a
			// Sequelize BOOLEAN) is bare, as Sequelize writes it; SQLite
			// reads it back the same.
			if plainNumber.MatchString(d.Value) && integerAffinity(c.Type.Native) {
				return d.Value, nil
			}
		}
		return quoteString(d.Value), nil
	case schema.DefaultNow:
		switch c.Type.Kind {
		case schema.KindDateOnly:
			return "CURRENT_DATE", nil
		case schema.KindTime:
			return "CURRENT_TIME", nil
		}
		return "CURRENT_TIMESTAMP", nil
	case schema.DefaultUUIDv4:
		return uuidV4Expr, nil
	case schema.DefaultExpr:
		if isNullDefault(d) {
			return d.Value, nil // bare, as a schema that says DEFAULT NULL has it
		}
		return "(" + d.Value + ")", nil
	}
	return "", fmt.Errorf("column %q: unknown default kind %q", c.Name, d.Kind)
}

// parseDefault reads back a default as PRAGMA table_info reports it (the
// text of the DEFAULT clause) for a column of type t. "" is no default;
// an explicit DEFAULT NULL is the expression NULL, so that rendering the
// column writes it again (Canonical treats it as no default);
// CURRENT_TIMESTAMP, CURRENT_DATE and CURRENT_TIME are NOW;
// uuidV4Expr is UUIDV4; a quoted string, a signed number, TRUE or FALSE is
// a literal (1 and 0 are true and false for a BOOLEAN); anything else is an
// expression, without the parentheses around it.
func parseDefault(text string, t schema.Type) *schema.Default {
	s := strings.TrimSpace(text)
	switch up := strings.ToUpper(s); up {
	case "":
		return nil
	case "NULL":
		return schema.Expr(s)
	case "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME":
		return schema.Now()
	case "TRUE", "FALSE":
		return schema.Literal(up == "TRUE")
	}
	if normalizeExpr(s) == normalizeExpr(uuidV4Expr) {
		return schema.UUIDv4()
	}
	toks, err := tokenize(s)
	if err == nil && len(toks) == 1 && toks[0].kind == tString {
		return schema.Literal(unquoteString(toks[0].text))
	}
	if plainNumber.MatchString(s) {
		if t.Kind == schema.KindBoolean {
			switch s {
			case "1":
				return schema.Literal(true)
			case "0":
				return schema.Literal(false)
			}
		}
		return schema.Literal(s)
	}
	if err == nil {
		if inner := stripParens(toks); len(inner) > 0 && len(inner) < len(toks) {
			s = strings.TrimSpace(s[inner[0].pos:inner[len(inner)-1].end])
		}
	}
	return schema.Expr(s)
}

// isNullDefault reports whether d is the expression NULL, an explicit
// DEFAULT NULL, which means the same as no default.
func isNullDefault(d *schema.Default) bool {
	return d != nil && d.Kind == schema.DefaultExpr && strings.EqualFold(strings.TrimSpace(d.Value), "NULL")
}

// integerAffinity reports whether SQLite gives a column of the declared
// type name INTEGER affinity (its rule 1: the name contains INT).
func integerAffinity(name string) bool {
	return strings.Contains(strings.ToUpper(name), "INT")
}
