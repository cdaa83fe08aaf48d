package strata_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// The shop's association helpers, declared once as an application would.
var (
	orderUser     = strata.BelongsTo[Order, User]("User")
	userProfile   = strata.HasOne[User, Profile]("Profile")
	userOrders    = strata.HasMany[User, Order]("Orders")
	orderProducts = strata.BelongsToMany[Order, Product]("Products")
	productOrders = strata.BelongsToMany[Product, Order]("Orders")
)

// dbView reads the database by hand, to check what the helpers wrote.
type dbView struct {
	t  *testing.T
	db *strata.DB
	q  func(string) string
}

// userOf is the userId of an order (0 for NULL).
func (v dbView) userOf(order int) int {
	v.t.Helper()
	ids := must(strata.RawAll[*int](testCtx(v.t), v.db, fmt.Sprintf("SELECT %s FROM orders WHERE id = ?", v.q("userId")), order))(v.t)
	if len(ids) != 1 {
		v.t.Fatalf("order %d: %d rows", order, len(ids))
	}
	if ids[0] == nil {
		return 0
	}
	return *ids[0]
}

// links are an order's join rows as "productID×quantity".
func (v dbView) links(order int) []string {
	v.t.Helper()
	type row struct {
		ProductID int `strata:"productId,pk"`
		Quantity  int
	}
	rows := must(strata.RawAll[row](testCtx(v.t), v.db, fmt.Sprintf("SELECT %s, quantity FROM product_orders WHERE %s = ? ORDER BY %s", v.q("productId"), v.q("orderId"), v.q("productId")), order))(v.t)
	out := []string{}
	for _, r := range rows {
		out = append(out, fmt.Sprintf("%d×%d", r.ProductID, r.Quantity))
	}
	return out
}

func (v dbView) ordersOf(user int) []int {
	v.t.Helper()
	return must(strata.RawAll[int](testCtx(v.t), v.db, fmt.Sprintf("SELECT id FROM orders WHERE %s = ? ORDER BY id", v.q("userId")), user))(v.t)
}

func link(p Product, q int) string { return fmt.Sprintf("%d×%d", p.ID, q) }

func TestAssociationHelpers(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var mu sync.Mutex
		var inTx []bool
		var stmts []string
		db := shop(t, tg, strata.WithQueryHook(strata.QueryHookFunc(func(_ context.Context, e *strata.QueryEvent) {
			mu.Lock()
			inTx = append(inTx, e.InTx)
			stmts = append(stmts, e.SQL)
			mu.Unlock()
		})))
		v := dbView{t, db, tg.Dialect.Quote}
		ann, bob := User{LastName: "Ann", Email: "ann@shop.test"}, User{LastName: "Bob", Email: "bob@shop.test"}
		apple, pear, plum := Product{Name: "apple", Price: "1.00"}, Product{Name: "pear", Price: "2.00"}, Product{Name: "plum", Price: "3.00"}
		o1, o2, o3 := Order{Total: "10.00"}, Order{Total: "25.00"}, Order{Total: "5.00"}
		for _, err := range []error{
			strata.Create(ctx, db, &ann), strata.Create(ctx, db, &bob),
			strata.Create(ctx, db, &apple), strata.Create(ctx, db, &pear), strata.Create(ctx, db, &plum),
			strata.Create(ctx, db, &o1), strata.Create(ctx, db, &o2), strata.Create(ctx, db, &o3),
		} {
			if err != nil {
				t.Fatal(err)
			}
		}

		t.Run("belongsTo", func(t *testing.T) {
			ok(t, orderUser.Set(ctx, db, &o1, &ann))
			if got := v.userOf(o1.ID); got != ann.ID || *o1.UserID != ann.ID {
				t.Errorf("Set: userId %d in the database, %v in the struct; want %d", got, o1.UserID, ann.ID)
			}
			u := must(orderUser.Get(ctx, db, &o1))(t)
			if u == nil || u.ID != ann.ID {
				t.Errorf("Get: %+v", u)
			}
			ok(t, orderUser.SetKey(ctx, db, &o1, bob.ID))
			if got := v.userOf(o1.ID); got != bob.ID {
				t.Errorf("SetKey: userId %d, want %d", got, bob.ID)
			}
			ok(t, orderUser.Set(ctx, db, &o1, nil))
			if got := v.userOf(o1.ID); got != 0 || o1.UserID != nil {
				t.Errorf("Set(nil): userId %d", got)
			}
			if u := must(orderUser.Get(ctx, db, &o1))(t); u != nil {
				t.Errorf("Get of an order without user: %+v", u)
			}
			cy := User{LastName: "Cy", Email: "cy@shop.test"}
			ok(t, orderUser.Create(ctx, db, &o3, &cy))
			if cy.ID == 0 || v.userOf(o3.ID) != cy.ID {
				t.Errorf("Create: user %d, order's user %d", cy.ID, v.userOf(o3.ID))
			}
			var pe *strata.PKTypeError
			if err := orderUser.SetKey(ctx, db, &o1, "1 OR 1=1"); !errors.As(err, &pe) {
				t.Errorf("SetKey with a string: %v", err)
			}
		})

		t.Run("hasMany", func(t *testing.T) {
			made := Order{Total: "7.00"}
			ok(t, userOrders.Create(ctx, db, &ann, &made))
			if made.ID == 0 || v.userOf(made.ID) != ann.ID {
				t.Errorf("Create: order %d of user %d", made.ID, v.userOf(made.ID))
			}
			ok(t, userOrders.Add(ctx, db, &ann, &o1, &o2))
			if diff := cmp.Diff(v.ordersOf(ann.ID), []int{o1.ID, o2.ID, made.ID}); diff != "" {
				t.Errorf("Add (-db +want):\n%s", diff)
			}
			if o1.UserID == nil || *o1.UserID != ann.ID {
				t.Errorf("Add left the struct's key %v", o1.UserID)
			}
			if n := must(userOrders.Count(ctx, db, &ann))(t); n != 3 {
				t.Errorf("Count = %d", n)
			}
			if n := must(userOrders.Count(ctx, db, &ann, strata.Gte("total", 10)))(t); n != 2 {
				t.Errorf("Count(total ≥ 10) = %d", n)
			}
			if !must(userOrders.Has(ctx, db, &ann, &o1, &o2))(t) || must(userOrders.Has(ctx, db, &bob, &o1))(t) || must(userOrders.HasKeys(ctx, db, &ann, o1.ID, o3.ID))(t) {
				t.Errorf("Has answers wrong")
			}
			got := must(userOrders.Get(ctx, db, &ann, strata.Order("total DESC")))(t)
			if diff := cmp.Diff(orderIDs(got), []int{o2.ID, o1.ID, made.ID}); diff != "" {
				t.Errorf("Get in total order (-got +want):\n%s", diff)
			}
			big := must(strata.HasMany[User, Order]("BigOrders").Get(ctx, db, &ann))(t)
			if diff := cmp.Diff(orderIDs(big), []int{o2.ID}); diff != "" {
				t.Errorf("scoped Get (-got +want):\n%s", diff)
			}
			ok(t, userOrders.Remove(ctx, db, &ann, &o1))
			if v.userOf(o1.ID) != 0 || o1.UserID != nil {
				t.Errorf("Remove: userId %d (struct %v), want NULL", v.userOf(o1.ID), o1.UserID)
			}
			if n := must(strata.Find[Order](db).Where(strata.Eq("id", o1.ID)).Count(ctx))(t); n != 1 {
				t.Errorf("Remove deleted the order")
			}
			ok(t, userOrders.Set(ctx, db, &ann, &o1, &o3))
			if diff := cmp.Diff(v.ordersOf(ann.ID), []int{o1.ID, o3.ID}); diff != "" {
				t.Errorf("Set (-db +want):\n%s", diff)
			}
			if v.userOf(made.ID) != 0 || v.userOf(o2.ID) != 0 {
				t.Errorf("Set kept other orders")
			}
			ok(t, userOrders.SetKeys(ctx, db, &ann))
			if got := v.ordersOf(ann.ID); len(got) != 0 {
				t.Errorf("SetKeys() kept %v", got)
			}
			ok(t, userOrders.AddKeys(ctx, db, &bob, o1.ID, o2.ID))
			ok(t, userOrders.RemoveKeys(ctx, db, &bob, o2.ID))
			if diff := cmp.Diff(v.ordersOf(bob.ID), []int{o1.ID}); diff != "" {
				t.Errorf("AddKeys, RemoveKeys (-db +want):\n%s", diff)
			}
		})

		t.Run("hasOne", func(t *testing.T) {
			p := Profile{Bio: "first"}
			ok(t, userProfile.Set(ctx, db, &ann, &p))
			if p.ID == 0 || p.UserID != ann.ID {
				t.Fatalf("Set created %+v", p)
			}
			got := must(userProfile.Get(ctx, db, &ann))(t)
			if got == nil || got.ID != p.ID || got.Bio != "first" {
				t.Errorf("Get: %+v", got)
			}
			if got := must(userProfile.Get(ctx, db, &bob))(t); got != nil {
				t.Errorf("Get of a user without profile: %+v", got)
			}
			// The old profile's userId cannot become NULL (it is NOT
			// NULL), so replacing it fails as a whole.
			err := userProfile.Set(ctx, db, &ann, &Profile{Bio: "second"})
			var nn *strata.NotNullError
			if !errors.As(err, &nn) {
				t.Errorf("Set over a NOT NULL key: %v", err)
			}
			if n := must(strata.Find[Profile](db).Count(ctx))(t); n != 1 {
				t.Errorf("a failed Set left %d profiles", n)
			}
			q := Profile{Bio: "bob's"}
			ok(t, userProfile.Create(ctx, db, &bob, &q))
			if q.UserID != bob.ID {
				t.Errorf("Create: %+v", q)
			}
		})

		t.Run("belongsToMany", func(t *testing.T) {
			three := orderProducts.Through(strata.Fields{"quantity": 3})
			ok(t, three.Add(ctx, db, &o1, &apple))
			ok(t, orderProducts.AddKeys(ctx, db, &o1, pear.ID))
			if diff := cmp.Diff(v.links(o1.ID), []string{link(apple, 3), link(pear, 1)}); diff != "" {
				t.Errorf("Add with quantity 3, AddKeys (-db +want):\n%s", diff)
			}
			// Adding again keeps one row, with the new quantity.
			ok(t, orderProducts.Through(strata.Fields{"Quantity": 5}).Add(ctx, db, &o1, &apple))
			ok(t, orderProducts.Add(ctx, db, &o1, &apple))
			if diff := cmp.Diff(v.links(o1.ID), []string{link(apple, 5), link(pear, 1)}); diff != "" {
				t.Errorf("Add twice (-db +want):\n%s", diff)
			}
			got := must(orderProducts.Get(ctx, db, &o1))(t)
			if diff := cmp.Diff(linesOf(Order{ID: o1.ID, Products: got}), []line{{apple.ID, 5}, {pear.ID, 1}}); diff != "" {
				t.Errorf("Get with quantities (-got +want):\n%s", diff)
			}
			if !must(orderProducts.Has(ctx, db, &o1, &apple, &pear))(t) || must(orderProducts.HasKeys(ctx, db, &o1, apple.ID, plum.ID))(t) {
				t.Errorf("Has answers wrong")
			}
			if n := must(orderProducts.Count(ctx, db, &o1))(t); n != 2 {
				t.Errorf("Count = %d", n)
			}
			if n := must(orderProducts.Count(ctx, db, &o1, strata.Eq("name", "pear")))(t); n != 1 {
				t.Errorf("Count(name = pear) = %d", n)
			}
			ok(t, orderProducts.Remove(ctx, db, &o1, &pear))
			if diff := cmp.Diff(v.links(o1.ID), []string{link(apple, 5)}); diff != "" {
				t.Errorf("Remove (-db +want):\n%s", diff)
			}
			if n := must(strata.Find[Product](db).Where(strata.Eq("id", pear.ID)).Count(ctx))(t); n != 1 {
				t.Errorf("Remove deleted the product")
			}
			mu.Lock()
			inTx, stmts = nil, nil
			mu.Unlock()
			ok(t, orderProducts.Through(strata.Fields{"quantity": 2}).Set(ctx, db, &o1, &pear, &plum))
			mu.Lock()
			setTx, setStmts := inTx, stmts
			mu.Unlock()
			if len(setTx) < 3 {
				t.Errorf("Set ran %d statements, want a delete, a read and an insert at least", len(setTx))
			}
			for i, x := range setTx {
				if !x {
					t.Errorf("Set ran statement %d of %d outside its transaction: %s", i, len(setTx), setStmts[i])
				}
			}
			if diff := cmp.Diff(v.links(o1.ID), []string{link(pear, 2), link(plum, 2)}); diff != "" {
				t.Errorf("Set (-db +want):\n%s", diff)
			}
			kiwi := Product{Name: "kiwi", Price: "0.50"}
			ok(t, orderProducts.Through(strata.Fields{"quantity": 4}).Create(ctx, db, &o1, &kiwi))
			if diff := cmp.Diff(v.links(o1.ID), []string{link(pear, 2), link(plum, 2), link(kiwi, 4)}); diff != "" {
				t.Errorf("Create (-db +want):\n%s", diff)
			}
			ok(t, productOrders.Add(ctx, db, &kiwi, &o2))
			orders := must(productOrders.Get(ctx, db, &kiwi))(t)
			if diff := cmp.Diff(orderIDs(orders), []int{o1.ID, o2.ID}); diff != "" {
				t.Errorf("the other side (-got +want):\n%s", diff)
			}
			ok(t, orderProducts.SetKeys(ctx, db, &o1))
			if got := v.links(o1.ID); len(got) != 0 {
				t.Errorf("SetKeys() kept %v", got)
			}
		})

		t.Run("errors", func(t *testing.T) {
			check := func(err error, want string) {
				t.Helper()
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("got  %v\nwant %s", err, want)
				}
			}
			_, err := strata.HasMany[User, Order]("Order").Get(ctx, db, &ann)
			check(err, `strata: association "Order": User has no association "Order" (its associations: Orders, BigOrders, Profile); did you mean "Orders"?`)
			_, err = strata.BelongsTo[User, Order]("Orders").Get(ctx, db, &ann)
			check(err, `strata: User.Orders (hasMany Order) is hasMany Order, but the handle is strata.BelongsTo[User, Order]; declare it as strata.HasMany[User, Order]("Orders")`)
			_, err = strata.HasMany[User, Product]("Orders").Get(ctx, db, &ann)
			check(err, `declare it as strata.HasMany[User, Order]("Orders")`)
			check(userOrders.Add(ctx, db, &User{}, &o1), `strata: User.Orders (hasMany Order): the User has no ID yet; create it first`)
			check(userOrders.Add(ctx, db, &ann, &Order{}), `strata: User.Orders (hasMany Order): the Order (target 0) has no ID yet; create it first`)
			check(orderProducts.Through(strata.Fields{"qty": 1}).Add(ctx, db, &o1, &apple), `Through: unknown column "qty" for model ProductOrder`)
			check(orderProducts.Through(strata.Fields{"orderId": 9}).Add(ctx, db, &o1, &apple), `Through cannot set ProductOrder.OrderID, which strata sets`)
			check(orderUser.Set(ctx, db, &o1, &User{}), `the User (target 0) has no ID yet; create it first`)
		})
	})
}

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
