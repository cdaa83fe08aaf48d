package strata_test

import (
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// TestIncludedEmptyListsAreNotNil: the Include doc promises that a to-many
// field of a row without rows is an empty slice, not nil, so that JSON
// shows [] (with `json:",omitzero"`, a list that was not loaded is left out
// and a loaded empty one is []). Every way rows are loaded keeps it: All,
// One, ByPK, FindAndCountAll, a nested level, a level under a joined
// include (by value and by pointer), []*T fields, and an include whose
// Where or LimitPer leaves nothing.
func TestIncludedEmptyListsAreNotNil(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		d := seedShop(t, db, 6) // user 0 has no orders; user 1 one order of 1.01
		loner := Product{Name: "loner", Price: "1.00"}
		if err := strata.Create(ctx, db, &loner); err != nil {
			t.Fatal(err)
		}
		if err := strata.Create(ctx, db, &Profile{UserID: d.users[0].ID, Bio: "no orders"}); err != nil {
			t.Fatal(err)
		}
		empty := func(what string, n int, isNil bool) {
			t.Helper()
			if isNil || n != 0 {
				t.Errorf("%s: nil %v, len %d; want an empty, non-nil slice", what, isNil, n)
			}
		}
		noOrders := d.users[0].ID

		users := must(strata.Find[User](db).Include("Orders").Include("BigOrders").Order("id").All(ctx))(t)
		empty("All: user 0's Orders", len(users[0].Orders), users[0].Orders == nil)
		empty("All: user 1's BigOrders (scoped)", len(users[1].BigOrders), users[1].BigOrders == nil)
		u := must(strata.Find[User](db).Include("Orders").Where(strata.Eq("id", noOrders)).One(ctx))(t)
		empty("One: Orders", len(u.Orders), u.Orders == nil)
		u = must(strata.Find[User](db).Include("Orders").ByPK(ctx, noOrders))(t)
		empty("ByPK: Orders", len(u.Orders), u.Orders == nil)
		rows, _ := must2(strata.Find[User](db).Include("Orders").Where(strata.Eq("id", noOrders)).FindAndCountAll(ctx))(t)
		empty("FindAndCountAll: Orders", len(rows[0].Orders), rows[0].Orders == nil)
		u = must(strata.Find[User](db).Include("Orders", strata.Where(strata.Eq("total", "-1"))).ByPK(ctx, d.users[3].ID))(t)
		empty("Where that matches nothing: Orders", len(u.Orders), u.Orders == nil)
		u = must(strata.Find[User](db).Include("Orders", strata.LimitPer(2), strata.Where(strata.Eq("total", "-1"))).ByPK(ctx, d.users[3].ID))(t)
		empty("LimitPer: Orders", len(u.Orders), u.Orders == nil)

		// Nested: an order without products (order j%5 == 4) under its user.
		var bare Order
		for j, o := range d.orders {
			if j%5 == 4 && o.UserID != nil {
				bare = o
				break
			}
		}
		if bare.ID == 0 {
			t.Fatal("the seed has no user's order without products")
		}
		u = must(strata.Find[User](db).Include("Orders.Products").ByPK(ctx, *bare.UserID))(t)
		for _, o := range u.Orders {
			if o.ID == bare.ID {
				empty("nested: the order's Products", len(o.Products), o.Products == nil)
			}
		}
		// belongsToMany, []*T: a product in no order.
		p := must(strata.Find[Product](db).Include("Orders").ByPK(ctx, loner.ID))(t)
		empty("[]*T: Orders", len(p.Orders), p.Orders == nil)
		// Under a joined include: by value (Profile.User) and by pointer
		// (Order.User).
		prof := must(strata.Find[Profile](db).Include("User", strata.Join(), strata.Include("Orders")).Where(strata.Eq("userId", noOrders)).One(ctx))(t)
		empty("under a joined value: User.Orders", len(prof.User.Orders), prof.User.Orders == nil)
		o := must(strata.Find[Order](db).Include("User", strata.Join(), strata.Include("BigOrders")).Where(strata.Eq("userId", d.users[1].ID)).One(ctx))(t)
		if o.User == nil {
			t.Fatalf("order %d: no user", o.ID)
		}
		empty("under a joined pointer: User.BigOrders", len(o.User.BigOrders), o.User.BigOrders == nil)
	})
}
