package strata_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

func orderIDs(os []Order) []int {
	out := make([]int, len(os))
	for i, o := range os {
		out[i] = o.ID
	}
	return out
}

func totalOf(o Order) float64 {
	f, _ := strconv.ParseFloat(o.Total, 64)
	return f
}

func TestIncludeOptions(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var queries queryCounter
		db := shop(t, tg, strata.WithQueryHook(queries.hook()))
		d := seedShop(t, db, 24)
		byUser := sqlOrders(t, tg)
		lines := sqlLines(t, tg)
		all := must(strata.Find[Order](db).Order("id").All(ctx))(t)
		orderByID := map[int]Order{}
		for _, o := range all {
			orderByID[o.ID] = o
		}

		t.Run("limit counts parents, each with all its children", func(t *testing.T) {
			users := must(strata.Find[User](db).Include("Orders").Order("id").Limit(10).Offset(2).All(ctx))(t)
			if len(users) != 10 {
				t.Fatalf("%d users, want 10", len(users))
			}
			for i, u := range users {
				if u.ID != d.users[i+2].ID {
					t.Errorf("user %d is %d, want %d", i, u.ID, d.users[i+2].ID)
				}
				if diff := cmp.Diff(orderIDs(u.Orders), append([]int{}, byUser[u.ID]...)); diff != "" {
					t.Errorf("user %d orders (-got +want):\n%s", u.ID, diff)
				}
			}
		})

		t.Run("required filters parents and keeps the limit", func(t *testing.T) {
			queries.n.Store(0)
			users := must(strata.Find[User](db).Include("Orders", strata.Where(strata.Gte("total", 20)), strata.Required()).Order("id").Limit(4).All(ctx))(t)
			if n := queries.n.Load(); n != 2 {
				t.Errorf("%d queries, want 2", n)
			}
			var want []int
			for _, u := range d.users {
				if slices.ContainsFunc(byUser[u.ID], func(o int) bool { return totalOf(orderByID[o]) >= 20 }) {
					want = append(want, u.ID)
				}
			}
			want = want[:4]
			var got []int
			for _, u := range users {
				got = append(got, u.ID)
				for _, o := range u.Orders {
					if totalOf(o) < 20 {
						t.Errorf("user %d got order %d of %s, below the include's where", u.ID, o.ID, o.Total)
					}
				}
			}
			if diff := cmp.Diff(got, want); diff != "" {
				t.Errorf("users (-got +want):\n%s", diff)
			}
			n := must(strata.Find[User](db).Include("Orders", strata.Required()).Count(ctx))(t)
			if want := int64(len(byUser)); n != want {
				t.Errorf("Count with a required include = %d, want %d", n, want)
			}
			page, total := must2(strata.Find[User](db).Include("Orders", strata.Required()).Limit(2).FindAndCountAll(ctx))(t)
			if len(page) != 2 || total != int64(len(byUser)) {
				t.Errorf("FindAndCountAll: %d rows of %d", len(page), total)
			}
		})

		t.Run("limit per parent", func(t *testing.T) {
			users := must(strata.Find[User](db).Include("Orders", strata.Order("total DESC"), strata.LimitPer(2)).Order("id").All(ctx))(t)
			for _, u := range users {
				want := slices.Clone(byUser[u.ID])
				slices.SortStableFunc(want, func(a, b int) int {
					ta, tb := totalOf(orderByID[a]), totalOf(orderByID[b])
					switch {
					case ta > tb:
						return -1
					case ta < tb:
						return 1
					}
					return a - b
				})
				if len(want) > 2 {
					want = want[:2]
				}
				if diff := cmp.Diff(orderIDs(u.Orders), append([]int{}, want...)); diff != "" {
					t.Errorf("user %d top orders (-got +want):\n%s", u.ID, diff)
				}
			}
			orders := must(strata.Find[Order](db).Include("Products", strata.Order("name DESC"), strata.LimitPer(1)).Order("id").All(ctx))(t)
			for _, o := range orders {
				want := lines[o.ID]
				if len(want) > 1 {
					want = want[1:] // the higher product id has the greater name
				}
				if diff := cmp.Diff(linesOf(o), want); diff != "" {
					t.Errorf("order %d last product (-got +want):\n%s", o.ID, diff)
				}
			}
		})

		t.Run("attributes, paranoid, through where, scope", func(t *testing.T) {
			orders := must(strata.Find[Order](db).Include("Products", strata.Attributes("name")).Order("id").All(ctx))(t)
			for _, o := range orders {
				for _, p := range o.Products {
					if p.Name == "" || p.Price != "" || p.ID == 0 || p.ProductOrder == nil {
						t.Fatalf("Attributes(name): %+v", p)
					}
				}
			}
			deleted := d.products[5].ID
			has := func(os []Order) bool {
				return slices.ContainsFunc(os, func(o Order) bool {
					return slices.ContainsFunc(o.Products, func(p Product) bool { return p.ID == deleted })
				})
			}
			if has(must(strata.Find[Order](db).Include("Products").All(ctx))(t)) {
				t.Errorf("a soft-deleted product was included")
			}
			if !has(must(strata.Find[Order](db).Include("Products", strata.Paranoid(false)).All(ctx))(t)) {
				t.Errorf("Paranoid(false) left the soft-deleted product out")
			}
			orders = must(strata.Find[Order](db).Include("Products", strata.ThroughWhere(strata.Gte("quantity", 2))).Order("id").All(ctx))(t)
			for _, o := range orders {
				var want []line
				for _, l := range lines[o.ID] {
					if l.Quantity >= 2 {
						want = append(want, l)
					}
				}
				if diff := cmp.Diff(linesOf(o), want); diff != "" {
					t.Errorf("order %d lines of quantity ≥ 2 (-got +want):\n%s", o.ID, diff)
				}
			}
			up := must(strata.Find[Order](db).Include("Products", strata.ThroughOrder("id")).Order("id").All(ctx))(t)
			down := must(strata.Find[Order](db).Include("Products", strata.ThroughOrder("id DESC")).Order("id").All(ctx))(t)
			for i, o := range up {
				for k, p := range o.Products {
					if k > 0 && p.ProductOrder.ID <= o.Products[k-1].ProductOrder.ID {
						t.Errorf("order %d: ThroughOrder(id) gives join rows %d then %d", o.ID, o.Products[k-1].ProductOrder.ID, p.ProductOrder.ID)
					}
					if q := down[i].Products[len(o.Products)-1-k]; q.ID != p.ID {
						t.Errorf("order %d: ThroughOrder(id DESC) is not the reverse", o.ID)
					}
				}
			}
			users := must(strata.Find[User](db).Include("BigOrders").Include("Orders").All(ctx))(t)
			for _, u := range users {
				var want []int
				for _, o := range u.Orders {
					if totalOf(o) >= 20 {
						want = append(want, o.ID)
					}
				}
				if diff := cmp.Diff(orderIDs(u.BigOrders), append([]int{}, want...)); diff != "" {
					t.Errorf("user %d scoped BigOrders (-got +want):\n%s", u.ID, diff)
				}
			}
		})

		t.Run("join strategy equals separate queries", func(t *testing.T) {
			sep := must(strata.Find[Order](db).Include("User").Order("id").Limit(9).Offset(3).All(ctx))(t)
			queries.n.Store(0)
			joined := must(strata.Find[Order](db).Include("User", strata.Join()).Order("id").Limit(9).Offset(3).All(ctx))(t)
			if n := queries.n.Load(); n != 1 {
				t.Errorf("joined include took %d queries, want 1", n)
			}
			if diff := cmp.Diff(joined, sep); diff != "" {
				t.Errorf("joined (-) vs separate (+):\n%s", diff)
			}
			orphan := must(strata.Find[Order](db).Include("User", strata.Join()).Where(strata.IsNull("userId")).One(ctx))(t)
			if orphan.User != nil {
				t.Errorf("orphan order joined to %+v", orphan.User)
			}
			n := len(must(strata.Find[Order](db).Include("User", strata.Join(), strata.Required()).All(ctx))(t))
			if want := len(all) - 1; n != want {
				t.Errorf("required join: %d orders, want %d", n, want)
			}
			// A chain of joins with an include of its own below, and a
			// soft-deleted product joined as nothing.
			po := must(strata.Find[ProductOrder](db).
				Include("Order", strata.Join()).Include("Order.User", strata.Join()).Include("Order.User.Orders").
				Include("Product", strata.Join()).Order("id").All(ctx))(t)
			for _, x := range po {
				if x.Order == nil || x.Order.ID != x.OrderID {
					t.Fatalf("join row %d: order %+v", x.ID, x.Order)
				}
				o := orderByID[x.OrderID]
				switch {
				case o.UserID == nil && x.Order.User != nil:
					t.Errorf("orphan order %d joined to user %d", o.ID, x.Order.User.ID)
				case o.UserID != nil && (x.Order.User == nil || x.Order.User.ID != *o.UserID):
					t.Errorf("order %d: user %+v", o.ID, x.Order.User)
				case o.UserID != nil && !slices.Equal(orderIDs(x.Order.User.Orders), byUser[*o.UserID]):
					t.Errorf("order %d: user's orders %v, want %v", o.ID, orderIDs(x.Order.User.Orders), byUser[*o.UserID])
				}
				if (x.ProductID == d.products[5].ID) != (x.Product == nil) {
					t.Errorf("join row %d: product %d joined as %v", x.ID, x.ProductID, x.Product)
				}
			}
		})

		t.Run("value fields and pointer slices", func(t *testing.T) {
			for _, u := range d.users[:3] {
				if err := strata.Create(ctx, db, &Profile{UserID: u.ID, Bio: "bio of " + u.LastName}); err != nil {
					t.Fatal(err)
				}
			}
			profiles := must(strata.Find[Profile](db).Include("User.Orders").Order("id").All(ctx))(t)
			joined := must(strata.Find[Profile](db).Include("User", strata.Join()).Include("User.Orders").Order("id").All(ctx))(t)
			if diff := cmp.Diff(joined, profiles); diff != "" {
				t.Errorf("joined (-) vs separate (+):\n%s", diff)
			}
			for i, p := range profiles {
				if p.User.ID != d.users[i].ID || !strings.HasSuffix(p.Bio, p.User.LastName) || !slices.Equal(orderIDs(p.User.Orders), byUser[p.UserID]) {
					t.Errorf("profile %d: user %+v", p.ID, p.User)
				}
			}
			users := must(strata.Find[User](db).Include("Profile").Order("id").Limit(4).All(ctx))(t)
			for i, u := range users {
				if (u.Profile != nil) != (i < 3) || (u.Profile != nil && u.Profile.UserID != u.ID) {
					t.Errorf("user %d: profile %+v", u.ID, u.Profile)
				}
			}
			products := must(strata.Find[Product](db).Include("Orders.User").Order("id").All(ctx))(t)
			for _, p := range products {
				for _, o := range p.Orders {
					if !slices.Contains(lines[o.ID], line{p.ID, lineQty(lines[o.ID], p.ID)}) {
						t.Errorf("product %d lists order %d, which does not hold it", p.ID, o.ID)
					}
					if (o.UserID == nil) != (o.User == nil) {
						t.Errorf("order %d: user %v for key %v", o.ID, o.User, o.UserID)
					}
				}
			}
		})

		t.Run("every association", func(t *testing.T) {
			queries.n.Store(0)
			users := must(strata.Find[User](db).Include("*").Order("id").All(ctx))(t)
			if n := queries.n.Load(); n != 4 {
				t.Errorf("Include(*) on users took %d queries, want 4 (users, orders, big orders, profiles)", n)
			}
			if users[1].Orders == nil || users[1].BigOrders == nil {
				t.Errorf("Include(*) left associations out: %+v", users[1])
			}
			// "**" follows every association but never back to a model
			// already on the path: Order → User → Profile, Order →
			// Products, but not User → Orders again.
			orders := must(strata.Find[Order](db).Include("**").Order("id").All(ctx))(t)
			profiles := 0
			for _, o := range orders {
				if o.UserID != nil && (o.User == nil || o.User.Orders != nil) {
					t.Errorf("Include(**) order %d: user %+v", o.ID, o.User)
				}
				if o.User != nil && o.User.Profile != nil {
					profiles++
				}
				if diff := cmp.Diff(linesOf(o), lines[o.ID]); diff != "" {
					t.Errorf("Include(**) order %d lines (-got +want):\n%s", o.ID, diff)
				}
			}
			if profiles == 0 {
				t.Errorf("Include(**) loaded no profile of the orders' users")
			}
		})
	})
}

func lineQty(ls []line, product int) int {
	for _, l := range ls {
		if l.Product == product {
			return l.Quantity
		}
	}
	return -1
}

func must2[A, B any](a A, b B, err error) func(testing.TB) (A, B) {
	return func(t testing.TB) (A, B) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return a, b
	}
}
