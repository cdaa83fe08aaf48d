package strata_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// shopData is what seedShop created.
type shopData struct {
	users    []User
	orders   []Order
	products []Product
}

// seedShop creates n users (user i has i%4 orders), one order with no
// user, six products of which the last is soft-deleted, and join rows
// giving order j products j%6 and (j+2)%6 (unless j%5 == 4) with a
// quantity of j%3+1.
func seedShop(t *testing.T, db *strata.DB, n int) shopData {
	t.Helper()
	ctx := testCtx(t)
	var d shopData
	before := must(strata.Find[User](db).Count(ctx))(t)
	for i := range n {
		d.users = append(d.users, User{LastName: fmt.Sprintf("L%d", i), Email: fmt.Sprintf("s%d-%d@shop.test", before, i)})
	}
	if err := strata.BulkCreate(ctx, db, d.users); err != nil {
		t.Fatal(err)
	}
	for i, u := range d.users {
		for k := range i % 4 {
			d.orders = append(d.orders, Order{Total: fmt.Sprintf("%d.%02d", 10*k+i, i%100), UserID: ptr(u.ID)})
		}
	}
	d.orders = append(d.orders, Order{Total: "1.00"}) // an orphan
	if err := strata.BulkCreate(ctx, db, d.orders); err != nil {
		t.Fatal(err)
	}
	existing := must(strata.Find[Product](db).Unscoped().Count(ctx))(t)
	for i := range 6 {
		d.products = append(d.products, Product{Name: fmt.Sprintf("P%d-%d", existing, i), Price: fmt.Sprintf("%d.25", i)})
	}
	if err := strata.BulkCreate(ctx, db, d.products); err != nil {
		t.Fatal(err)
	}
	if err := strata.Destroy(ctx, db, &d.products[5]); err != nil {
		t.Fatal(err)
	}
	var links []ProductOrder
	for j, o := range d.orders {
		if j%5 == 4 {
			continue
		}
		for _, p := range []int{j % 6, (j + 2) % 6} {
			links = append(links, ProductOrder{OrderID: o.ID, ProductID: d.products[p].ID, Quantity: j%3 + 1})
		}
	}
	if err := strata.BulkCreate(ctx, db, links); err != nil {
		t.Fatal(err)
	}
	return d
}

// line is a product of an order as hand-written SQL or Include sees it.
type line struct{ Product, Quantity int }

// sqlLines reads order → lines with hand-written SQL.
func sqlLines(t *testing.T, tg *dialecttest.Target) map[int][]line {
	t.Helper()
	q := tg.Dialect.Quote
	rows, err := tg.DB.QueryContext(testCtx(t), fmt.Sprintf(
		`SELECT po.%s, p.%s, po.%s FROM %s po JOIN %s p ON p.%s = po.%s WHERE p.%s IS NULL ORDER BY po.%s, p.%s`,
		q("orderId"), q("id"), q("quantity"), q("product_orders"), q("products"), q("id"), q("productId"), q("deletedAt"), q("orderId"), q("id")))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int][]line{}
	for rows.Next() {
		var o int
		var l line
		if err := rows.Scan(&o, &l.Product, &l.Quantity); err != nil {
			t.Fatal(err)
		}
		out[o] = append(out[o], l)
	}
	return out
}

// sqlOrders reads user → order ids with hand-written SQL.
func sqlOrders(t *testing.T, tg *dialecttest.Target) map[int][]int {
	t.Helper()
	q := tg.Dialect.Quote
	rows, err := tg.DB.QueryContext(testCtx(t), fmt.Sprintf(`SELECT u.%s, o.%s FROM %s u JOIN %s o ON o.%s = u.%s ORDER BY u.%s, o.%s`,
		q("id"), q("id"), q("users"), q("orders"), q("userId"), q("id"), q("id"), q("id")))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int][]int{}
	for rows.Next() {
		var u, o int
		if err := rows.Scan(&u, &o); err != nil {
			t.Fatal(err)
		}
		out[u] = append(out[u], o)
	}
	return out
}

func linesOf(o Order) []line {
	var out []line
	for _, p := range o.Products {
		q := -1
		if p.ProductOrder != nil {
			q = p.ProductOrder.Quantity
			if p.ProductOrder.ProductID != p.ID || p.ProductOrder.OrderID != o.ID {
				q = -2 // a join row of another pair
			}
		}
		out = append(out, line{p.ID, q})
	}
	return out
}

func TestIncludeMatchesHandWrittenSQL(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var queries queryCounter
		db := shop(t, tg, strata.WithQueryHook(queries.hook()))
		seedShop(t, db, 6)

		check := func(t *testing.T, wantOrderQueries, wantQueries int64) {
			t.Helper()
			wantLines, wantOrders := sqlLines(t, tg), sqlOrders(t, tg)

			// Orders with their products (and quantities).
			queries.n.Store(0)
			orders := must(strata.Find[Order](db).Include("Products").Order("id").All(ctx))(t)
			if n := queries.n.Load(); n != wantOrderQueries {
				t.Errorf("orders with products took %d queries, want %d", n, wantOrderQueries)
			}
			got := map[int][]line{}
			for _, o := range orders {
				if o.Products == nil {
					t.Fatalf("order %d: Products is nil, want an empty slice", o.ID)
				}
				if l := linesOf(o); len(l) > 0 {
					got[o.ID] = l
				}
			}
			if diff := cmp.Diff(got, wantLines); diff != "" {
				t.Errorf("orders → products (-include +sql):\n%s", diff)
			}

			// Users with their orders with their products.
			queries.n.Store(0)
			users := must(strata.Find[User](db).Include("Orders.Products").Order("id").All(ctx))(t)
			if n := queries.n.Load(); n != wantQueries {
				t.Errorf("users with orders with products took %d queries, want %d", n, wantQueries)
			}
			gotOrders, gotLines := map[int][]int{}, map[int][]line{}
			for _, u := range users {
				for _, o := range u.Orders {
					if o.UserID == nil || *o.UserID != u.ID {
						t.Errorf("user %d holds order %d of user %v", u.ID, o.ID, o.UserID)
					}
					gotOrders[u.ID] = append(gotOrders[u.ID], o.ID)
					if l := linesOf(o); len(l) > 0 {
						gotLines[o.ID] = l
					}
				}
			}
			if diff := cmp.Diff(gotOrders, wantOrders); diff != "" {
				t.Errorf("users → orders (-include +sql):\n%s", diff)
			}
			for o := range wantLines {
				if !slices.ContainsFunc(users, func(u User) bool {
					return slices.ContainsFunc(u.Orders, func(x Order) bool { return x.ID == o })
				}) {
					delete(wantLines, o) // the orphan order
				}
			}
			if diff := cmp.Diff(gotLines, wantLines); diff != "" {
				t.Errorf("users → orders → products (-include +sql):\n%s", diff)
			}
		}
		t.Run("small", func(t *testing.T) { check(t, 2, 3) })
		// Many more parents: the same number of queries.
		seedShop(t, db, 60)
		t.Run("large", func(t *testing.T) { check(t, 2, 3) })
		// Keys chunked under a (tiny) parameter limit: more statements,
		// the same rows.
		strata.SetIncludeChunk(db, 7)
		users := len(must(strata.Find[User](db).All(ctx))(t))
		owned := int(must(strata.Find[Order](db).Where(strata.NotNull("userId")).Count(ctx))(t))
		all := int(must(strata.Find[Order](db).Count(ctx))(t))
		t.Run("chunked", func(t *testing.T) { check(t, int64(1+(all+6)/7), int64(1+(users+6)/7+(owned+6)/7)) })
	})
}
