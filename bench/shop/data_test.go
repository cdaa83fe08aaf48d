package shop

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestSeedProductOrders(t *testing.T) {
	for id := int64(1); id <= Orders; id++ {
		pos := SeedProductOrders(id)
		if len(pos) != ProductsPerOrder {
			t.Fatalf("order %d has %d product_orders rows, want %d", id, len(pos), ProductsPerOrder)
		}
		seen := map[int64]bool{}
		for j, po := range pos {
			if po.ProductID < 1 || po.ProductID > Products {
				t.Fatalf("order %d row %d: product %d is not seeded (1..%d)", id, j, po.ProductID, Products)
			}
			if seen[po.ProductID] {
				t.Fatalf("order %d has product %d twice", id, po.ProductID)
			}
			seen[po.ProductID] = true
			if want := (id-1)*ProductsPerOrder + int64(j) + 1; po.ID != want {
				t.Fatalf("order %d row %d: id %d, want %d", id, j, po.ID, want)
			}
		}
	}
}

func TestSeedValues(t *testing.T) {
	emails := map[string]bool{}
	for id := int64(1); id <= Users; id++ {
		u := SeedUser(id)
		if emails[u.Email] {
			t.Fatalf("user %d repeats email %s", id, u.Email)
		}
		emails[u.Email] = true
		if u.CreatedAt.Location() != time.UTC || u.CreatedAt.Nanosecond()%1000 != 0 {
			t.Fatalf("user %d createdAt %v: want UTC with whole microseconds, as every database stores it", id, u.CreatedAt)
		}
	}
	for id := int64(1); id <= Orders; id++ {
		o := SeedOrder(id)
		if s := strconv.FormatFloat(o.Total, 'f', -1, 64); strings.Contains(s, ".") && len(s)-strings.Index(s, ".") > 3 {
			t.Fatalf("order %d total %v has more than cents: DECIMAL(10,2) would round it", id, o.Total)
		}
		if o.UserID < 1 || o.UserID > Users {
			t.Fatalf("order %d belongs to user %d, not seeded", id, o.UserID)
		}
	}
	for _, u := range NewUsers("p-", 0, 200) {
		if emails[u.Email] {
			t.Fatalf("new user repeats email %s", u.Email)
		}
		emails[u.Email] = true
	}
}

func TestWant(t *testing.T) {
	for _, tc := range []struct {
		name           string
		users, perUser int
		got            []User
	}{
		{"EagerHasMany", ManyN, OrdersPerUser, WantEagerHasMany(900)},
		{"EagerNested", NestedN, OrdersPerUser, WantEagerNested(950)},
	} {
		if len(tc.got) != tc.users {
			t.Fatalf("%s: %d users, want %d", tc.name, len(tc.got), tc.users)
		}
		for _, u := range tc.got {
			if len(u.Orders) != tc.perUser {
				t.Fatalf("%s: user %d has %d orders, want %d", tc.name, u.ID, len(u.Orders), tc.perUser)
			}
			for _, o := range u.Orders {
				if o.UserID != u.ID {
					t.Fatalf("%s: user %d has order %d of user %d", tc.name, u.ID, o.ID, o.UserID)
				}
			}
		}
	}
	os := WantEagerManyToMany(Orders - ManyN)
	if last := os[len(os)-1]; last.ID != Orders || len(last.Items) != ProductsPerOrder {
		t.Fatalf("EagerManyToMany's last order is %d with %d items, want %d with %d", last.ID, len(last.Items), Orders, ProductsPerOrder)
	}
}
