package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"testing"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// TestEmptyListsInJSON is the JSON item of issue 12, defect 12: an
// included list without rows is [] in the answer (a user with no orders
// had no "orders" key), at every level; a list the route does not load is
// left out.
func TestEmptyListsInJSON(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		s := start(t, tg.URL)
		u := s.want("POST", "/users", `{"firstName": "Edsger", "lastName": "Dijkstra", "email": "edsger@example.com"}`, 201)
		if _, ok := u["orders"]; ok {
			t.Errorf("POST /users answers with orders it did not load: %v", u)
		}
		id := jsonNum(u["id"])
		got := s.want("GET", "/users/"+id, "", 200)
		if orders, ok := got["orders"].([]any); !ok || len(orders) != 0 {
			t.Errorf(`GET /users/%s: "orders" is %#v, want []`, id, got["orders"])
		}
		o := s.want("POST", "/orders", `{"userId": `+id+`, "total": "5.00"}`, 201)
		if _, ok := o["products"]; ok {
			t.Errorf("POST /orders answers with products it did not load: %v", o)
		}
		oid := jsonNum(o["id"])
		got = s.want("GET", "/orders/"+oid, "", 200)
		if products, ok := got["products"].([]any); !ok || len(products) != 0 {
			t.Errorf(`GET /orders/%s: "products" is %#v, want []`, oid, got["products"])
		}
		// Nested: the user's order without products.
		got = s.want("GET", "/users/"+id, "", 200)
		orders, _ := got["orders"].([]any)
		if len(orders) != 1 {
			t.Fatalf("GET /users/%s: orders %#v, want one", id, got["orders"])
		}
		if products, ok := orders[0].(map[string]any)["products"].([]any); !ok || len(products) != 0 {
			t.Errorf(`GET /users/%s: the order's "products" is %#v, want []`, id, orders[0].(map[string]any)["products"])
		}
	})
}

// TestCreatesItsDatabase is the README item of issue 12, defect 12: the
// quick start's "--url postgres://…/shop" names a database nobody created;
// the shop creates it, as SQLite creates its file.
func TestCreatesItsDatabase(t *testing.T) {
	dbtest.EachServer(t, func(t *testing.T, srv dbtest.Server) {
		admin, ok := srv.Dialect.(dialect.Admin)
		if !ok || srv.URL == "" {
			t.Skip("a SQLite file is created on first use")
		}
		var b [6]byte
		_, _ = rand.Read(b[:])
		url, err := admin.DatabaseURL(srv.URL, "strata_shop_"+hex.EncodeToString(b[:]))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = admin.DropDatabase(context.Background(), url) })
		s := start(t, url)
		if v := s.want("GET", "/orders/1", "", 200); len(v["products"].([]any)) == 0 {
			t.Errorf("the new database's order 1 has no products: %v", v)
		}
	})
}
