package strata_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// RELIABILITY 44: random users → orders → products graphs, with NULL
// keys, orphans, soft-deleted products and childless rows; Include (by
// separate queries, by joins, chunked, with limit and offset on the root,
// with where, required and per-parent limits) must return exactly the
// graph that naive N+1 loading builds.

// graph fills the shop's tables with a random graph from r.
func graph(t *testing.T, db *strata.DB, r *rand.Rand, round int) {
	t.Helper()
	ctx := testCtx(t)
	for _, table := range []string{"product_orders", "products", "orders", "profiles", "users"} {
		if _, err := strata.Exec(ctx, db, "DELETE FROM "+db.Dialect().Quote(table)); err != nil {
			t.Fatal(err)
		}
	}
	users := make([]User, r.IntN(12))
	for i := range users {
		users[i] = User{LastName: fmt.Sprintf("L%d", r.IntN(4)), Email: fmt.Sprintf("r%d-%d@shop.test", round, i)}
		if r.IntN(3) > 0 {
			users[i].FirstName = ptr(fmt.Sprintf("F%d", r.IntN(5)))
		}
	}
	if len(users) > 0 {
		ok(t, strata.BulkCreate(ctx, db, users))
	}
	var orders []Order
	for range r.IntN(30) {
		o := Order{Total: fmt.Sprintf("%d.%02d", r.IntN(40), r.IntN(100))}
		if len(users) > 0 && r.IntN(5) > 0 { // else an orphan
			o.UserID = ptr(users[r.IntN(len(users))].ID)
		}
		if r.IntN(2) == 0 {
			o.Note = ptr(fmt.Sprintf("n%d", r.IntN(3)))
		}
		orders = append(orders, o)
	}
	if len(orders) > 0 {
		ok(t, strata.BulkCreate(ctx, db, orders))
	}
	products := make([]Product, r.IntN(8))
	for i := range products {
		products[i] = Product{Name: fmt.Sprintf("r%d-p%d", round, i), Price: fmt.Sprintf("%d.00", r.IntN(9))}
	}
	if len(products) > 0 {
		ok(t, strata.BulkCreate(ctx, db, products))
	}
	for i := range products {
		if r.IntN(5) == 0 {
			ok(t, strata.Destroy(ctx, db, &products[i]))
		}
	}
	var links []ProductOrder
	for _, o := range orders {
		for _, p := range products {
			if r.IntN(3) == 0 {
				links = append(links, ProductOrder{OrderID: o.ID, ProductID: p.ID, Quantity: 1 + r.IntN(4)})
			}
		}
	}
	if len(links) > 0 {
		ok(t, strata.BulkCreate(ctx, db, links))
	}
}

// naive loads the same graph with one query per row.
type naive struct {
	t  *testing.T
	db *strata.DB
}

func (n naive) products(o Order, where []strata.Cond, limit int) []Product {
	ctx := testCtx(n.t)
	links := must(strata.Find[ProductOrder](n.db).Where(strata.Eq("orderId", o.ID)).Order("productId").All(ctx))(n.t)
	out := []Product{}
	for _, l := range links {
		ps := must(strata.Find[Product](n.db).Where(strata.Eq("id", l.ProductID)).Where(where...).All(ctx))(n.t)
		if len(ps) == 1 && (limit == 0 || len(out) < limit) {
			p := ps[0]
			p.ProductOrder = &l
			out = append(out, p)
		}
	}
	return out
}

func (n naive) orders(u User, where []strata.Cond, limit int, withProducts bool, pWhere []strata.Cond, pRequired bool) []Order {
	q := strata.Find[Order](n.db).Where(strata.Eq("userId", u.ID)).Where(where...).Order("id")
	all := must(q.All(testCtx(n.t)))(n.t)
	out := []Order{}
	for _, o := range all {
		if withProducts {
			o.Products = n.products(o, pWhere, 0)
			if pRequired && len(o.Products) == 0 {
				continue
			}
		}
		if limit == 0 || len(out) < limit {
			out = append(out, o)
		}
	}
	return out
}

func (n naive) user(o *Order) *User {
	if o.UserID == nil {
		return nil
	}
	u := must(strata.Find[User](n.db).ByPK(testCtx(n.t), *o.UserID))(n.t)
	return u
}

func TestIncludeDifferential(t *testing.T) {
	rounds := 12
	if testing.Short() {
		rounds = 3
	}
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		nv := naive{t, db}
		for round := range rounds {
			r := rand.New(rand.NewPCG(44, uint64(round)))
			graph(t, db, r, round)
			chunk := 1 + r.IntN(6)
			strata.SetIncludeChunk(db, chunk)
			limit, offset := r.IntN(8), r.IntN(3)
			label := fmt.Sprintf("round %d (chunk %d, limit %d, offset %d)", round, chunk, limit, offset)
			root := func() *strata.Query[User] {
				q := strata.Find[User](db).Order("lastName DESC", "id")
				if limit > 0 {
					q.Limit(limit).Offset(offset)
				}
				return q
			}

			// users → orders → products, with a where on orders and
			// products, a per-user limit and required products.
			minTotal := r.IntN(30)
			oWhere := []strata.Cond{strata.Gte("total", minTotal)}
			pWhere := []strata.Cond{strata.Lte("price", r.IntN(9))}
			perUser := r.IntN(3)
			pRequired := r.IntN(2) == 0
			oOpts := []strata.IncludeOption{strata.Where(oWhere...), strata.Include("Products", append([]strata.IncludeOption{strata.Where(pWhere...)}, when(pRequired, strata.Required())...)...)}
			if perUser > 0 {
				oOpts = append(oOpts, strata.LimitPer(perUser))
			}
			oRequired := r.IntN(2) == 0
			if oRequired {
				oOpts = append(oOpts, strata.Required())
			}
			got := must(root().Include("Orders", oOpts...).All(ctx))(t)
			var want []User
			q := root()
			if oRequired {
				// Naively: read every user, keep those with orders, then
				// apply limit and offset.
				q = strata.Find[User](db).Order("lastName DESC", "id")
			}
			for _, u := range must(q.All(ctx))(t) {
				u.Orders = nv.orders(u, oWhere, perUser, true, pWhere, pRequired)
				if oRequired && len(u.Orders) == 0 {
					continue
				}
				want = append(want, u)
			}
			if oRequired && limit > 0 {
				want = want[min(offset, len(want)):min(offset+limit, len(want))]
			}
			if len(got) == 0 && len(want) == 0 {
				got, want = nil, nil
			}
			if diff := cmp.Diff(got, want); diff != "" {
				t.Fatalf("%s: users → orders → products (-include +naive):\n%s", label, diff)
			}

			// orders → user, joined and separate, and products.
			for _, join := range []bool{false, true} {
				q := strata.Find[Order](db).Order("total", "id")
				if limit > 0 {
					q.Limit(limit).Offset(offset)
				}
				plain := must(q.Clone().All(ctx))(t)
				opts := when(join, strata.Join())
				got := must(q.Include("User", opts...).Include("Products").All(ctx))(t)
				for i := range plain {
					plain[i].User = nv.user(&plain[i])
					plain[i].Products = nv.products(plain[i], nil, 0)
				}
				if len(got) == 0 && len(plain) == 0 {
					continue
				}
				if diff := cmp.Diff(got, plain); diff != "" {
					t.Fatalf("%s: orders → user (join %v), products (-include +naive):\n%s", label, join, diff)
				}
			}

			// join rows → order → user and → product, each joined or not
			// at random (a soft-deleted product loads as nil).
			jOrder, jUser, jProduct := r.IntN(2) == 0, r.IntN(2) == 0, r.IntN(2) == 0
			lq := strata.Find[ProductOrder](db).Order("quantity DESC", "id")
			if limit > 0 {
				lq.Limit(limit).Offset(offset)
			}
			links := must(lq.Clone().All(ctx))(t)
			gotLinks := must(lq.Include("Order", when(jOrder, strata.Join())...).Include("Order.User", when(jOrder && jUser, strata.Join())...).
				Include("Product", when(jProduct, strata.Join())...).All(ctx))(t)
			for i := range links {
				l := &links[i]
				l.Order = must(strata.Find[Order](db).ByPK(ctx, l.OrderID))(t)
				l.Order.User = nv.user(l.Order)
				if ps := must(strata.Find[Product](db).Where(strata.Eq("id", l.ProductID)).All(ctx))(t); len(ps) == 1 {
					l.Product = &ps[0]
				}
			}
			if len(links) > 0 || len(gotLinks) > 0 {
				if diff := cmp.Diff(gotLinks, links); diff != "" {
					t.Fatalf("%s: join rows → order (join %v) → user (join %v), product (join %v) (-include +naive):\n%s", label, jOrder, jUser, jProduct, diff)
				}
			}
		}
	})
}

func when(b bool, o strata.IncludeOption) []strata.IncludeOption {
	if b {
		return []strata.IncludeOption{o}
	}
	return nil
}
