// Package naming turns names into one another the way Sequelize does:
// plural table names from model names, camelCase attributes, snake_case for
// underscored schemas.
//
// Pluralization uses github.com/jinzhu/inflection, a port of the same Rails
// rules that Sequelize's inflection package carries, so "person" becomes
// "people" in both.
package naming

import (
	"strings"
	"unicode"

	"github.com/jinzhu/inflection"

	"github.com/strata-orm/strata/internal/spell"
)

// Plural returns the plural of a word or of the last word of a name:
// "user" → "users", "product_order" → "product_orders", "person" → "people".
func Plural(s string) string { return inflection.Plural(s) }

// Singular returns the singular: "users" → "user", "people" → "person".
func Singular(s string) string { return inflection.Singular(s) }

// words splits a Go or SQL name into lower-case words: "UserID" → [user id],
// "firstName" → [first name], "product_orders" → [product orders],
// "HTTPServer" → [http server].
func words(s string) []string {
	var out []string
	var cur []rune
	rs := []rune(s)
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	for i, r := range rs {
		switch {
		case r == '_' || r == '-' || r == ' ' || r == '.':
			flush()
		case unicode.IsUpper(r):
			prevLower := i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]))
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			prevUpper := i > 0 && unicode.IsUpper(rs[i-1])
			if prevLower || (prevUpper && nextLower) {
				flush()
			}
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return out
}

// LowerCamel returns the name in lowerCamelCase, Sequelize's attribute
// style: "FirstName" → "firstName", "UserID" → "userId", "ID" → "id",
// "product_orders" → "productOrders".
func LowerCamel(s string) string {
	ws := words(s)
	for i := 1; i < len(ws); i++ {
		ws[i] = upperFirst(ws[i])
	}
	return strings.Join(ws, "")
}

// Camel returns the name in UpperCamelCase, a Go exported name, with Go's
// initialisms: "firstName" → "FirstName", "user_id" → "UserID",
// "product_orders" → "ProductOrders".
func Camel(s string) string {
	ws := words(s)
	for i, w := range ws {
		if initialisms[w] {
			ws[i] = strings.ToUpper(w)
		} else {
			ws[i] = upperFirst(w)
		}
	}
	return strings.Join(ws, "")
}

// Snake returns the name in snake_case: "FirstName" → "first_name",
// "UserID" → "user_id", "firstName" → "first_name".
func Snake(s string) string { return strings.Join(words(s), "_") }

func upperFirst(w string) string {
	if w == "" {
		return w
	}
	rs := []rune(w)
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs)
}

// initialisms are the words Go writes in capitals (from golint's list).
var initialisms = map[string]bool{
	"acl": true, "api": true, "ascii": true, "cpu": true, "css": true, "dns": true, "eof": true, "guid": true,
	"html": true, "http": true, "https": true, "id": true, "ip": true, "json": true, "lhs": true, "qps": true,
	"ram": true, "rhs": true, "rpc": true, "sla": true, "smtp": true, "sql": true, "ssh": true, "tcp": true,
	"tls": true, "ttl": true, "udp": true, "ui": true, "uid": true, "uuid": true, "uri": true, "url": true,
	"utf8": true, "vm": true, "xml": true, "xmpp": true, "xsrf": true, "xss": true,
}

// Closest returns the candidate nearest to name by edit distance (ignoring
// case), or "" when none is close enough to be a plausible typo.
func Closest(name string, candidates []string) string { return spell.Suggest(name, candidates) }
