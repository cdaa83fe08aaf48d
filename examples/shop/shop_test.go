package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/examples/shop/migrations"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
)

// shop is a running shop server for one test.
type shop struct {
	t    *testing.T
	base string
	log  []string // every request with its status and (normalized) answer
}

func start(t *testing.T, url string) *shop {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	var out bytes.Buffer
	go func() {
		done <- run(ctx, []string{"--addr", "127.0.0.1:0", "--url", url}, func(string) string { return "" }, &out, func(a string) { addr <- a })
	}()
	select {
	case a := <-addr:
		t.Cleanup(func() {
			// Connections the client opened but never sent a request on
			// are new, not idle, to the server, which waits up to 5 s for
			// them on shutdown: close them first.
			http.DefaultClient.CloseIdleConnections()
			cancel()
			if err := <-done; err != nil {
				t.Errorf("shop stopped with %v", err)
			}
		})
		if !strings.Contains(out.String(), "listening on http://") || !strings.Contains(out.String(), "curl -s http://") {
			t.Errorf("start-up output lacks the address or the example curl:\n%s", out.String())
		}
		return &shop{t: t, base: "http://" + a}
	case err := <-done:
		cancel()
		t.Fatalf("shop did not start: %v\n%s", err, out.String())
	case <-time.After(2 * time.Minute):
		cancel()
		t.Fatal("shop did not start within 2 minutes")
	}
	return nil
}

// do sends a request and decodes the JSON answer (nil for an empty body).
func (s *shop) do(method, path, body string) (int, map[string]any) {
	s.t.Helper()
	req, err := http.NewRequest(method, s.base+path, strings.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	s.log = append(s.log, fmt.Sprintf("%s %s %s → %d %s", method, path, body, resp.StatusCode, normalized(raw)))
	if len(raw) == 0 {
		return resp.StatusCode, nil
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		s.t.Errorf("%s %s: Content-Type %q", method, path, ct)
	}
	var v map[string]any
	if err := json.Unmarshal(raw, &v); err != nil {
		s.t.Fatalf("%s %s: not JSON: %v\n%s", method, path, err, raw)
	}
	return resp.StatusCode, v
}

func (s *shop) want(method, path, body string, status int) map[string]any {
	s.t.Helper()
	got, v := s.do(method, path, body)
	if got != status {
		s.t.Fatalf("%s %s %s: status %d, want %d: %v", method, path, body, got, status, v)
	}
	return v
}

func quantities(t *testing.T, order map[string]any) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	products, ok := order["products"].([]any)
	if !ok {
		t.Fatalf("order has no products list: %v", order)
	}
	for _, p := range products {
		pm := p.(map[string]any)
		po, ok := pm["productOrder"].(map[string]any)
		if !ok {
			t.Fatalf("product without its join row: %v", pm)
		}
		out[pm["name"].(string)] = po["quantity"].(float64)
	}
	return out
}

func fieldsOf(v map[string]any) []string {
	var out []string
	fs, _ := v["fields"].([]any)
	for _, f := range fs {
		out = append(out, f.(map[string]any)["field"].(string))
	}
	return out
}

// normalized is a JSON answer with what differs between runs and
// databases by design replaced: the times rows were written, and the ids
// of join rows (a conflicting or failed insert uses up an id on
// PostgreSQL and MySQL, not on SQLite).
func normalized(raw []byte) string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return string(raw)
	}
	var walk func(v any, parent string) any
	walk = func(v any, parent string) any {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				switch {
				case k == "createdAt" || k == "updatedAt":
					x[k] = "<time>"
				case k == "id" && parent == "productOrder":
					x[k] = "<id>"
				default:
					x[k] = walk(e, k)
				}
			}
		case []any:
			for i, e := range x {
				x[i] = walk(e, parent)
			}
		}
		return v
	}
	out, _ := json.Marshal(walk(v, ""))
	return string(out)
}

// TestShop drives every route on every dialect, error responses included,
// and every request gets the same status and answer on every database.
func TestShop(t *testing.T) {
	logs := map[string][]string{}
	defer func() {
		var first string
		for name, log := range logs {
			if first == "" {
				first = name
				continue
			}
			if diff := cmp.Diff(log, logs[first]); diff != "" {
				t.Errorf("%s and %s answer differently (-%s +%s):\n%s", name, first, name, first, diff)
			}
		}
	}()
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		s := start(t, tg.URL)
		defer func() { logs[tg.Dialect.Name()] = s.log }()

		// The demo data, seeded once.
		o := s.want("GET", "/orders/1", "", 200)
		if o["id"] != 1.0 || o["userId"] != 1.0 || o["total"] != "12.20" {
			t.Errorf("order 1: %v", o)
		}
		for _, k := range []string{"createdAt", "updatedAt", "products"} {
			if _, ok := o[k]; !ok {
				t.Errorf("order 1 lacks camelCase field %q: %v", k, o)
			}
		}
		if q := quantities(t, o); len(q) != 2 || q["Tea"] != 2 || q["Cake"] != 1 {
			t.Errorf("order 1 products: %v", q)
		}

		// PUT adds a product with a quantity (order.addProduct), then again
		// with another quantity: still one row for it, quantity updated.
		o = s.want("PUT", "/orders/1", `{"productId": 2, "quantity": 3}`, 200)
		if q := quantities(t, o); len(q) != 3 || q["Coffee"] != 3 {
			t.Errorf("after adding coffee: %v", q)
		}
		o = s.want("PUT", "/orders/1", `{"productId": 2, "quantity": 5}`, 200)
		if q := quantities(t, o); len(q) != 3 || q["Coffee"] != 5 {
			t.Errorf("after adding coffee again: %v", q)
		}
		if q := quantities(t, s.want("GET", "/orders/1", "", 200)); q["Coffee"] != 5 {
			t.Errorf("GET after PUT: %v", q)
		}
		s.want("PUT", "/orders/1", `{"productId": 1}`, 200) // quantity defaults to 1
		for _, bad := range []string{`{`, `{"productId": "two"}`, `{"productId": 2, "color": "red"}`, `{"productId": 0}`, `{"productId": 2, "quantity": 0}`, ``} {
			v := s.want("PUT", "/orders/1", bad, 400)
			if v["error"] == "" {
				t.Errorf("400 without an error message for %q", bad)
			}
		}
		s.want("PUT", "/orders/999", `{"productId": 2}`, 404)
		if v := s.want("PUT", "/orders/1", `{"productId": 999}`, 404); v["error"] != "product 999 not found" {
			t.Errorf("unknown product: %v", v)
		}
		s.want("GET", "/orders/999", "", 404)
		s.want("GET", "/orders/abc", "", 400)

		// The user with its orders and their products (nested include).
		u := s.want("GET", "/users/1", "", 200)
		if u["email"] != "ada@example.com" || u["firstName"] != "Ada" {
			t.Errorf("user 1: %v", u)
		}
		orders := u["orders"].([]any)
		if len(orders) != 1 {
			t.Fatalf("user 1 orders: %v", orders)
		}
		if q := quantities(t, orders[0].(map[string]any)); len(q) != 3 {
			t.Errorf("user 1's order products: %v", q)
		}
		s.want("GET", "/users/999", "", 404)

		// Creating rows: 201 with the row; validation failures 422 listing
		// every failing field; a duplicate email 409.
		nu := s.want("POST", "/users", `{"firstName": "Grace", "lastName": "Hopper", "email": "grace@example.com", "age": 85}`, 201)
		if nu["id"] == nil || nu["email"] != "grace@example.com" || nu["createdAt"] == nil {
			t.Errorf("created user: %v", nu)
		}
		v := s.want("POST", "/users", `{"email": "not-an-email", "age": -1}`, 422)
		if f := fieldsOf(v); !contains(f, "email") || !contains(f, "age") {
			t.Errorf("validation fields: %v (%v)", f, v)
		}
		v = s.want("POST", "/users", `{"email": "ada@example.com"}`, 409)
		if f := fieldsOf(v); !contains(f, "email") {
			t.Errorf("duplicate email fields: %v (%v)", f, v)
		}
		s.want("POST", "/users", `{"email": 5}`, 400)

		np := s.want("POST", "/products", `{"name": "Scone", "price": 2.75}`, 201)
		if np["price"] != "2.75" || np["name"] != "Scone" {
			t.Errorf("created product: %v", np)
		}
		if v := s.want("POST", "/products", `{"price": "1.00"}`, 422); !contains(fieldsOf(v), "name") {
			t.Errorf("product without name: %v", v)
		}
		s.want("POST", "/products", `{"name": "x", "price": "cheap"}`, 400)

		no := s.want("POST", "/orders", `{"userId": `+jsonNum(nu["id"])+`, "total": "9.99"}`, 201)
		if no["userId"] != nu["id"] || no["total"] != "9.99" {
			t.Errorf("created order: %v", no)
		}
		if v := s.want("POST", "/orders", `{"userId": 999, "total": 1}`, 422); !contains(fieldsOf(v), "userId") {
			t.Errorf("order for an unknown user: %v", v)
		}
		if v := s.want("POST", "/orders", `{"total": 1}`, 422); !contains(fieldsOf(v), "userId") {
			t.Errorf("order without a user: %v", v)
		}
		id := jsonNum(no["id"])
		s.want("PUT", "/orders/"+id, `{"productId": `+jsonNum(np["id"])+`, "quantity": 2}`, 200)

		// A value that does not fit its column gets the same answer on
		// every database (issue 12, defect 5): a key no row can have is not
		// found; a quantity, a total that does not fit is a 422 naming the
		// field, and nothing is written.
		s.want("GET", "/orders/2147483648", "", 404)
		s.want("GET", "/users/2147483648", "", 404)
		s.want("PUT", "/orders/2147483648", `{"productId": 3}`, 404)
		s.want("DELETE", "/orders/2147483648", "", 404)
		if v := s.want("PUT", "/orders/1", `{"productId": 2147483648}`, 404); v["error"] != "product 2147483648 not found" {
			t.Errorf("product 2147483648: %v", v)
		}
		for _, q := range []string{"99999999999", "2147483648"} {
			v := s.want("PUT", "/orders/1", `{"productId": 3, "quantity": `+q+`}`, 422)
			if f := fieldsOf(v); len(f) != 1 || f[0] != "quantity" {
				t.Errorf("quantity %s: %v", q, v)
			}
		}
		if q := quantities(t, s.want("GET", "/orders/1", "", 200)); q["Cake"] != 1 {
			t.Errorf("a refused quantity changed the order: %v", q)
		}
		ordersOf1 := len(s.want("GET", "/users/1", "", 200)["orders"].([]any))
		// NaN and Infinity are no JSON numbers: the body does not decode
		// (400); the others are numbers that do not fit DECIMAL(10,2) (422).
		for _, total := range []string{`"NaN"`, `"Infinity"`, `"123456789012.345"`, `1.005`, `"100000000"`} {
			status := 422
			if strings.Contains(total, "N") || strings.Contains(total, "I") {
				status = 400
			}
			v := s.want("POST", "/orders", `{"userId": 1, "total": `+total+`}`, status)
			if f := fieldsOf(v); len(f) != 1 || f[0] != "total" {
				t.Errorf("total %s: %v", total, v)
			}
		}
		if v := s.want("POST", "/orders", `{"userId": 2147483648, "total": 1}`, 422); !contains(fieldsOf(v), "userId") {
			t.Errorf("order for user 2147483648: %v", v)
		}
		if n := len(s.want("GET", "/users/1", "", 200)["orders"].([]any)); n != ordersOf1 {
			t.Errorf("refused orders were created: %d orders, want %d", n, ordersOf1)
		}
		if v := s.want("POST", "/products", `{"name": "Gold", "price": "1e10"}`, 422); !contains(fieldsOf(v), "price") {
			t.Errorf("price 1e10: %v", v)
		}

		// DELETE removes the order and, through the cascade, its join rows.
		var joins int
		if err := tg.DB.QueryRow("SELECT COUNT(*) FROM product_orders WHERE " + tg.Dialect.Quote("orderId") + " = " + id).Scan(&joins); err != nil || joins != 1 {
			t.Fatalf("join rows before delete: %d, %v", joins, err)
		}
		if status, body := s.do("DELETE", "/orders/"+id, ""); status != 204 || body != nil {
			t.Errorf("DELETE: %d %v", status, body)
		}
		if err := tg.DB.QueryRow("SELECT COUNT(*) FROM product_orders WHERE " + tg.Dialect.Quote("orderId") + " = " + id).Scan(&joins); err != nil || joins != 0 {
			t.Errorf("join rows after delete: %d, %v", joins, err)
		}
		s.want("GET", "/orders/"+id, "", 404)
		s.want("DELETE", "/orders/"+id, "", 404)
	})
}

// TestRestartSeedsOnce: a second start migrates nothing and seeds nothing.
func TestRestartSeedsOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		for range 2 {
			ctx, cancel := context.WithCancel(context.Background())
			var out bytes.Buffer
			err := run(ctx, []string{"--addr", "127.0.0.1:0", "--url", tg.URL}, func(string) string { return "" }, &out, func(string) { cancel() })
			if err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
		}
		var users int
		if err := tg.DB.QueryRow("SELECT COUNT(*) FROM users").Scan(&users); err != nil || users != 2 {
			t.Errorf("users after two starts: %d, %v", users, err)
		}
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func jsonNum(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// joinRows counts the join rows of one product in one order.
func joinRows(t *testing.T, tg *dialecttest.Target, order, product int) int {
	t.Helper()
	var n int
	q := fmt.Sprintf("SELECT COUNT(*) FROM product_orders WHERE %s = %d AND %s = %d", tg.Dialect.Quote("orderId"), order, tg.Dialect.Quote("productId"), product)
	if err := tg.DB.QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestConcurrentAddProduct sends 16 PUT /orders/{id} at once adding the
// same product (order.addProduct from 16 requests): one join row, and the
// order lists the product once, on every database.
func TestConcurrentAddProduct(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		s := start(t, tg.URL)
		for trial := range 4 {
			id := jsonNum(s.want("POST", "/orders", `{"userId": 1, "total": "1.00"}`, 201)["id"])
			const racers = 16
			statuses := make([]int, racers)
			errs := make([]error, racers)
			var ready, done sync.WaitGroup
			ready.Add(1)
			for i := range racers {
				done.Add(1)
				go func() {
					defer done.Done()
					ready.Wait()
					req, err := http.NewRequest("PUT", s.base+"/orders/"+id, strings.NewReader(fmt.Sprintf(`{"productId": 2, "quantity": %d}`, i+1)))
					if err != nil {
						errs[i] = err
						return
					}
					resp, err := http.DefaultClient.Do(req)
					if err != nil {
						errs[i] = err
						return
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					statuses[i] = resp.StatusCode
				}()
			}
			ready.Done()
			done.Wait()
			for i := range racers {
				if errs[i] != nil || statuses[i] != 200 {
					t.Errorf("trial %d: PUT %d: status %d, %v", trial, i, statuses[i], errs[i])
				}
			}
			o := s.want("GET", "/orders/"+id, "", 200)
			q := quantities(t, o)
			if n := len(o["products"].([]any)); n != 1 || q["Coffee"] < 1 || q["Coffee"] > racers {
				t.Errorf("trial %d: after %d concurrent PUTs the order lists %d products: %v", trial, racers, n, q)
			}
			oid, err := strconv.Atoi(id)
			if err != nil {
				t.Fatal(err)
			}
			if n := joinRows(t, tg, oid, 2); n != 1 {
				t.Errorf("trial %d: %d join rows for the product, want 1", trial, n)
			}
		}
	})
}

// TestUpgradeAddsUniqueKey starts the shop on a database migrated before
// product_orders had its unique key, holding the duplicate join rows that
// concurrent PUTs made then: the next start keeps the newest row of the
// pair, adds the key and serves; the key's migration undoes and redoes.
func TestUpgradeAddsUniqueKey(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := context.Background()
		m, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(migrations.All))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.Up(ctx, migrate.To("20261126204621-add-quantity-to-product-orders")); err != nil {
			t.Fatal(err)
		}
		q := tg.Dialect.Quote
		tg.Exec(t, "INSERT INTO users (id, email, "+q("createdAt")+", "+q("updatedAt")+") VALUES (9, 'old@example.com', '2026-01-01', '2026-01-01')")
		tg.Exec(t, "INSERT INTO orders (id, total, "+q("userId")+", "+q("createdAt")+", "+q("updatedAt")+") VALUES (9, 1, 9, '2026-01-01', '2026-01-01')")
		tg.Exec(t, "INSERT INTO products (id, name, price, "+q("createdAt")+", "+q("updatedAt")+") VALUES (9, 'Old', 1, '2026-01-01', '2026-01-01')")
		for i, qty := range []int{4, 7, 5} {
			tg.Exec(t, fmt.Sprintf("INSERT INTO product_orders (id, %s, %s, quantity, %s, %s) VALUES (%d, 9, 9, %d, '2026-01-01', '2026-01-01')",
				q("productId"), q("orderId"), q("createdAt"), q("updatedAt"), 90+i, qty))
		}

		s := start(t, tg.URL) // migrates the rest, then CheckSchema passes
		o := s.want("GET", "/orders/9", "", 200)
		if qs := quantities(t, o); len(o["products"].([]any)) != 1 || qs["Old"] != 5 {
			t.Errorf("order 9 after the upgrade: %v, want the newest row (quantity 5) alone", o["products"])
		}
		s.want("PUT", "/orders/9", `{"productId": 9, "quantity": 8}`, 200)
		if n := joinRows(t, tg, 9, 9); n != 1 {
			t.Errorf("%d join rows after the upgrade and a PUT, want 1", n)
		}

		if _, err := m.Undo(ctx); err != nil {
			t.Fatalf("undo the unique key: %v", err)
		}
		if _, err := m.Up(ctx); err != nil {
			t.Fatalf("redo the unique key: %v", err)
		}
	})
}
