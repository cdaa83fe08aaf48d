package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// Bad values by the type of the field they are sent in: each is refused
// by the decoder, a validation rule, a fit check or the database.
var (
	badStrings = []string{`"a\u0000b"`, `"\u0000"`, `"x\u0000@example.com"`, `5`, `-1.5`, `true`, `{}`, `[]`, `["a"]`,
		`"` + strings.Repeat("x", 70000) + `"`, `"` + strings.Repeat("é", 300) + `"`}
	badInts = []string{`1e400`, `99999999999999999999`, `-99999999999999999999`, `9223372036854775808`, `1.5`, `1e2`,
		`"1"`, `"NaN"`, `true`, `{}`, `[]`, `-1`, `0`, `2147483648`, `-2147483649`, `99999999999`}
	badDecimals = []string{`"NaN"`, `"nan"`, `"Infinity"`, `"-Infinity"`, `"inf"`, `"+Inf"`, `"0x1p3"`, `"0x10"`, `"1_000"`,
		`"1e400"`, `1e400`, `-1e400`, `"99999999999.99"`, `12345678901`, `"1.005"`, `" 1"`, `"1 "`, `""`, `"+1"`, `".5"`,
		`"5."`, `"1,5"`, `"\u0000"`, `true`, `{}`, `[]`, `null`}
)

// badRoute is one field of a route's body, in a body that is otherwise
// good, and the bad values to send in it.
type badRoute struct {
	method, path, field, body string // body has %s where the field's value goes
	values                    []string
	notFound                  bool // a well-formed key no row has may be a 404
}

var badRoutes = []badRoute{
	{"POST", "/users", "firstName", `{"email": "f%d@example.com", "firstName": %s}`, badStrings, false},
	{"POST", "/users", "lastName", `{"email": "l%d@example.com", "lastName": %s}`, badStrings, false},
	{"POST", "/users", "email", `{"email": %[2]s}`, badStrings, false},
	{"POST", "/users", "age", `{"email": "a%d@example.com", "age": %s}`, slices.DeleteFunc(slices.Clone(badInts), func(v string) bool { return v == "0" }), false},
	{"POST", "/products", "name", `{"name": %[2]s, "price": "1.00"}`, badStrings, false},
	{"POST", "/products", "price", `{"name": "p%d", "price": %s}`, badDecimals, false},
	{"POST", "/orders", "userId", `{"userId": %[2]s, "total": "1.00"}`, badInts, false},
	{"POST", "/orders", "total", `{"userId": 1, "total": %[2]s}`, badDecimals, false},
	{"PUT", "/orders/1", "productId", `{"productId": %[2]s}`, badInts, true},
	{"PUT", "/orders/1", "quantity", `{"productId": 1, "quantity": %[2]s}`, badInts, false},
}

// badPaths are ids no route takes, or that no row has.
var badPaths = []string{"abc", "-1", "0", "1e3", "1.5", "0x10", "99999999999999999999", "9223372036854775807",
	"2147483648", "%00", "1%00", "%201", "%E2%80%8F1", "1;DROP", "''"}

// TestReliabilityShopBadInput sends a corpus of bad values in every field
// of every route of the shop (and bad ids in every path) on every
// dialect: each answer is a 4xx JSON error (400 for a body that does not
// decode, 422 for a value that does not validate or fit, 404 for a
// well-formed key no row has), one that names the field, never a 500 or
// a success, and nothing is written.
func TestReliabilityShopBadInput(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		s := start(t, tg.URL)
		counts := func() string {
			var out []string
			for _, table := range []string{"users", "products", "orders", "product_orders"} {
				var n int
				if err := tg.DB.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
					t.Fatal(err)
				}
				out = append(out, fmt.Sprintf("%s=%d", table, n))
			}
			return strings.Join(out, " ")
		}
		before := counts()
		order1 := jsonNum(s.want("GET", "/orders/1", "", 200))
		requests, fiveHundreds, unnamed := 0, 0, 0
		routes := map[string]bool{} // method and path without its id
		for _, r := range badRoutes {
			for i, v := range r.values {
				body := fmt.Sprintf(r.body, i, v)
				status, answer := s.do(r.method, r.path, body)
				requests++
				routes[r.method+" "+strings.TrimRight(r.path, "0123456789")] = true
				short := body
				if len(short) > 80 {
					short = short[:77] + "..."
				}
				switch {
				case status >= 500:
					fiveHundreds++
					t.Errorf("%s %s %s: %d %v", r.method, r.path, short, status, answer)
				case status < 400:
					t.Errorf("%s %s %s: accepted (%d) a bad %s: %v", r.method, r.path, short, status, r.field, answer)
				case status == 404 && r.notFound:
				case status != 400 && status != 422:
					t.Errorf("%s %s %s: status %d, want 400 or 422: %v", r.method, r.path, short, status, answer)
				case answer["error"] == nil || !contains(fieldsOf(answer), r.field):
					unnamed++
					t.Errorf("%s %s %s: %d without naming the field %s: %v", r.method, r.path, short, status, r.field, answer)
				}
			}
		}
		for _, p := range badPaths {
			for _, route := range []struct{ method, path, body string }{
				{"GET", "/orders/", ""}, {"DELETE", "/orders/", ""}, {"PUT", "/orders/", `{"productId": 1}`}, {"GET", "/users/", ""},
			} {
				status, answer := s.do(route.method, route.path+p, route.body)
				requests++
				routes[route.method+" "+route.path] = true
				if status >= 500 {
					fiveHundreds++
				}
				if status != 400 && status != 404 || answer["error"] == nil {
					t.Errorf("%s %s%s: %d %v, want 400 or 404 with an error", route.method, route.path, p, status, answer)
				}
			}
		}
		rows := "rows unchanged"
		if after := counts(); after != before {
			rows = "rows written: " + before + " before, " + after + " after"
			t.Errorf("bad requests wrote rows: %s before, %s after", before, after)
		}
		if got := jsonNum(s.want("GET", "/orders/1", "", 200)); got != order1 {
			t.Errorf("bad requests changed order 1:\n%s\n%s", order1, got)
		}
		t.Logf("figure: %d bad requests on %d routes, %d answered 500, %d without the field named, %s", requests, len(routes), fiveHundreds, unnamed, rows)
	})
}
