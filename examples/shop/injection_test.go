package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/examples/shop/migrations"
	"github.com/strata-orm/strata/examples/shop/models"
	"github.com/strata-orm/strata/internal/corpus"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
)

// TestReliabilityInjectionShop sends the injection corpus (RELIABILITY
// 27, internal/corpus) to every route of the shop, in the path, the
// query string and every field of the JSON bodies, on every dialect. No
// request is answered 500; a created user or product reads back from the
// database with exactly the text sent; no request changes a row it does
// not name (a canary table and the seeded rows are compared at the end).
func TestReliabilityInjectionShop(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		start := time.Now()
		ctx := t.Context()
		m, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(migrations.All))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		db, err := strata.New(tg.DB, tg.Dialect, strata.WithModels(models.All()...))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tg.DB.ExecContext(ctx, "CREATE TABLE canaries (id INTEGER PRIMARY KEY, value TEXT)"); err != nil {
			t.Fatal(err)
		}
		if _, err := tg.DB.ExecContext(ctx, "INSERT INTO canaries (id, value) VALUES (1, 'one'), (2, 'two')"); err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(newServer(db).routes())
		defer srv.Close()

		fails := map[string]int{} // "status 500 on POST /users" → count
		checks := 0
		var statuses []string
		send := func(p corpus.Payload, method, path, body string) (int, map[string]any) {
			t.Helper()
			checks++
			req, err := http.NewRequestWithContext(ctx, method, srv.URL+path, strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			route := method + " " + strings.SplitN(strings.SplitN(path, "?", 2)[0], "/", 3)[1]
			if resp.StatusCode >= 500 {
				key := fmt.Sprintf("status %d on %s", resp.StatusCode, route)
				if fails[key]++; fails[key] <= 3 {
					t.Errorf("%s, payload %q (%s): %s", key, p.Short(), p.Family, raw)
				}
			}
			statuses = append(statuses, strconv.Itoa(resp.StatusCode))
			var v map[string]any
			_ = json.Unmarshal(raw, &v)
			return resp.StatusCode, v
		}
		fail := func(class string, p corpus.Payload, format string, args ...any) {
			t.Helper()
			if fails[class]++; fails[class] <= 3 {
				t.Errorf("%s, payload %q (%s): %s", class, p.Short(), p.Family, fmt.Sprintf(format, args...))
			}
		}
		countOf := func(table string) int {
			var n int
			if err := tg.DB.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		snapshot := func() string {
			var b strings.Builder
			for _, q := range []string{"SELECT id, value FROM canaries ORDER BY id", "SELECT id, email FROM users WHERE email = 'corpus@shop.test'"} {
				rs, err := tg.DB.QueryContext(ctx, q)
				if err != nil {
					t.Fatalf("the canary is unreadable: %v", err)
				}
				for rs.Next() {
					var id int
					var v string
					if err := rs.Scan(&id, &v); err != nil {
						t.Fatal(err)
					}
					fmt.Fprintf(&b, "%d=%q;", id, v)
				}
				rs.Close()
			}
			return b.String()
		}
		var checkDecimal func(p corpus.Payload, sent, field string, c int, v map[string]any)
		// decimal checks a created product's price or order's total, read
		// back from the database: the number sent (to the cent), finite.
		decimal := func(p corpus.Payload, sent, field string) func(c int, v map[string]any) {
			return func(c int, v map[string]any) { checkDecimal(p, sent, field, c, v) }
		}
		checkDecimal = func(p corpus.Payload, sent, field string, c int, v map[string]any) {
			t.Helper()
			if c != 201 {
				return
			}
			id, _ := v["id"].(float64)
			var stored *string
			if field == "price" {
				got, err := strata.Find[models.Product](db).ByPK(ctx, int(id))
				if err != nil {
					t.Fatal(err)
				}
				stored = got.Price
			} else {
				got, err := strata.Find[models.Order](db).ByPK(ctx, int(id))
				if err != nil {
					t.Fatal(err)
				}
				stored = got.Total
			}
			want, werr := strconv.ParseFloat(strings.TrimSpace(sent), 64) // a raw JSON number may have spaces around it
			var g float64
			var gerr error
			if stored != nil {
				g, gerr = strconv.ParseFloat(*stored, 64)
			}
			if stored == nil || werr != nil || gerr != nil || math.IsNaN(g) || math.IsInf(g, 0) || math.Abs(g-want) > 0.005+1e-12*math.Abs(want) {
				fail("accepted "+field+" reads back changed", p, "sent %q, stored %v", sent, showDecimal(stored))
			}
		}
		// The test's own user, order and product, which requests may change.
		base := corpus.Payload{Family: "setup"}
		id := func(method, path, body string) int {
			c, v := send(base, method, path, body)
			n, _ := v["id"].(float64)
			if c != 201 || n == 0 {
				t.Fatalf("%s %s: %d %v", method, path, c, v)
			}
			return int(n)
		}
		userID := id("POST", "/users", `{"lastName": "corpus", "email": "corpus@shop.test"}`)
		productID := id("POST", "/products", `{"name": "corpus", "price": "1.00"}`)
		orderID := id("POST", "/orders", fmt.Sprintf(`{"userId": %d, "total": 1}`, userID))
		before := snapshot()
		users := countOf("users")

		payloads := corpus.All()
		if testing.Short() {
			payloads = corpus.Sample(payloads, 4)
		}
		for i, p := range payloads {
			js, _ := json.Marshal(p.Text)
			var s string
			_ = json.Unmarshal(js, &s)
			j := string(js)
			// The payload in the path and in the query string.
			esc := url.PathEscape(p.Text)
			send(p, "GET", "/orders/"+esc, "")
			send(p, "GET", "/users/"+esc, "")
			send(p, "PUT", "/orders/"+esc, fmt.Sprintf(`{"productId": %d}`, productID))
			q := url.QueryEscape(p.Text)
			if c, _ := send(p, "GET", fmt.Sprintf("/orders/%d?limit=%s&offset=%s&order=%s&where=%s", orderID, q, q, q, q), ""); c != 200 {
				fail("query string changed the answer", p, "status %d", c)
			}
			// The payload in every field of the bodies.
			c, v := send(p, "POST", "/users", fmt.Sprintf(`{"firstName": %s, "lastName": %s, "email": "u%d@shop.test"}`, j, j, i))
			if c == 201 {
				users++
				id, _ := v["id"].(float64)
				u, err := strata.Find[models.User](db).ByPK(ctx, int(id))
				if err != nil || u.FirstName == nil || *u.FirstName != s || u.LastName == nil || *u.LastName != s {
					fail("user read back changed", p, "%+v, %v", u, err)
				}
			}
			if c, _ := send(p, "POST", "/users", fmt.Sprintf(`{"lastName": "x", "email": %s}`, j)); c == 201 {
				users++
			}
			if c, _ := send(p, "POST", "/users", fmt.Sprintf(`{"lastName": "x", "email": "v%d@shop.test", "age": %s}`, i, j)); c == 201 {
				users++
			}
			c, v = send(p, "POST", "/products", fmt.Sprintf(`{"name": %s, "price": "1.00"}`, j))
			if c == 201 {
				id, _ := v["id"].(float64)
				got, err := strata.Find[models.Product](db).ByPK(ctx, int(id))
				if err != nil || got.Name != s {
					fail("product read back changed", p, "%+v, %v", got, err)
				}
			}
			decimal(p, s, "price")(send(p, "POST", "/products", fmt.Sprintf(`{"name": "p%d", "price": %s}`, i, j)))
			decimal(p, s, "total")(send(p, "POST", "/orders", fmt.Sprintf(`{"userId": %d, "total": %s}`, userID, j)))
			send(p, "POST", "/orders", fmt.Sprintf(`{"userId": %s, "total": 1}`, j))
			send(p, "PUT", fmt.Sprintf("/orders/%d", orderID), fmt.Sprintf(`{"productId": %d, "quantity": %s}`, productID, j))
			send(p, "PUT", fmt.Sprintf("/orders/%d", orderID), fmt.Sprintf(`{"productId": %s}`, j))
			if json.Valid([]byte(p.Text)) {
				send(p, "PUT", fmt.Sprintf("/orders/%d", orderID), fmt.Sprintf(`{"productId": %d, "quantity": %s}`, productID, p.Text))
				decimal(p, p.Text, "price")(send(p, "POST", "/products", fmt.Sprintf(`{"name": "n%d", "price": %s}`, i, p.Text)))
				decimal(p, p.Text, "total")(send(p, "POST", "/orders", fmt.Sprintf(`{"userId": %d, "total": %s}`, userID, p.Text)))
			}
			send(p, "POST", "/users", p.Text)
		}
		// DELETE last: a payload naming an order by number deletes that
		// order only.
		for _, p := range payloads {
			orders := countOf("orders")
			c, _ := send(p, "DELETE", "/orders/"+url.PathEscape(p.Text), "")
			want := orders
			if c == 204 {
				want--
			}
			if got := countOf("orders"); got != want {
				fail("DELETE removed other orders", p, "%d orders, want %d", got, want)
			}
		}
		if got := countOf("users"); got != users {
			fail("users count", base, "%d users, want %d", got, users)
		}
		state := "canary unchanged"
		if snapshot() != before {
			state = "CANARY CHANGED"
			t.Errorf("the canary table or the seeded users changed")
		}
		var keys []string
		n500, other := 0, 0
		for k, n := range fails {
			keys = append(keys, fmt.Sprintf("%s %d", k, n))
			if strings.HasPrefix(k, "status 5") {
				n500 += n
			} else {
				other += n
			}
		}
		sort.Strings(keys)
		if len(keys) > 0 {
			t.Errorf("failures: %s", strings.Join(keys, ", "))
		}
		byStatus := map[string]int{}
		for _, s := range statuses {
			byStatus[s]++
		}
		t.Logf("figure: %d payloads × %d routes and fields = %d requests, %d answered 500, %d other failures (statuses %v), %s, in %v",
			len(payloads), checks/len(payloads), checks, n500, other, byStatus, state, time.Since(start).Round(time.Second))
	})
}

func showDecimal(s *string) string {
	if s == nil {
		return "NULL"
	}
	return strconv.Quote(*s)
}
