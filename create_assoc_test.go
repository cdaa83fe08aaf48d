package strata_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

func TestCreateWithAssociations(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		v := dbView{t, db, tg.Dialect.Quote}
		pear := Product{Name: "pear", Price: "2.00"}
		ok(t, strata.Create(ctx, db, &pear))

		// A user, its profile, its orders and their products (one new,
		// one existing), each link with its quantity.
		ann := User{LastName: "Ann", Email: "ann@shop.test", Profile: &Profile{Bio: "hi"}, Orders: []Order{
			{Total: "9.99", Products: []Product{
				{Name: "apple", Price: "1.00", ProductOrder: &ProductOrder{Quantity: 3}},
				{ID: pear.ID, ProductOrder: &ProductOrder{Quantity: 2}},
			}},
			{Total: "5.00"},
		}}
		ok(t, strata.Create(ctx, db, &ann, strata.WithAssociations("Orders.Products", "Profile")))
		if ann.ID == 0 || ann.Profile.ID == 0 || ann.Profile.UserID != ann.ID {
			t.Fatalf("created %+v, profile %+v", ann, ann.Profile)
		}
		if diff := cmp.Diff(v.ordersOf(ann.ID), []int{ann.Orders[0].ID, ann.Orders[1].ID}); diff != "" {
			t.Errorf("orders (-db +want):\n%s", diff)
		}
		apple := ann.Orders[0].Products[0]
		if diff := cmp.Diff(v.links(ann.Orders[0].ID), []string{link(pear, 2), link(apple, 3)}); diff != "" {
			t.Errorf("links (-db +want):\n%s", diff)
		}
		if n := must(strata.Find[Product](db).Count(ctx))(t); n != 2 {
			t.Errorf("%d products, want 2 (pear existed)", n)
		}
		got := must(strata.Find[User](db).Include("Orders.Products").Include("Profile").Where(strata.Eq("id", ann.ID)).One(ctx))(t)
		if len(got.Orders) != 2 || len(got.Orders[0].Products) != 2 || got.Profile == nil || got.Profile.Bio != "hi" {
			t.Errorf("read back %+v", got)
		}

		// belongsTo: the user is created first and the order points at it.
		order := Order{Total: "1.00", User: &User{LastName: "Bob", Email: "bob@shop.test"}}
		ok(t, strata.Create(ctx, db, &order, strata.WithAssociations("User")))
		if order.User.ID == 0 || v.userOf(order.ID) != order.User.ID {
			t.Errorf("belongsTo: user %d, order's user %d", order.User.ID, v.userOf(order.ID))
		}

		// A child that fails rolls the whole creation back: a product
		// without a name fails validation, a duplicate name the unique key.
		users := must(strata.Find[User](db).Count(ctx))(t)
		orders := must(strata.Find[Order](db).Count(ctx))(t)
		bad := User{LastName: "Cy", Email: "cy@shop.test", Orders: []Order{{Total: "1.00"}, {Total: "2.00", Products: []Product{{Name: ""}}}}}
		err := strata.Create(ctx, db, &bad, strata.WithAssociations("Orders.Products"))
		var ve *strata.ValidationError
		if !errors.As(err, &ve) || ve.Model != "Product" {
			t.Errorf("invalid child: %v", err)
		}
		dup := User{LastName: "Cy", Email: "cy@shop.test", Orders: []Order{{Total: "1.00", Products: []Product{{Name: "pear", Price: "1"}}}}}
		err = strata.Create(ctx, db, &dup, strata.WithAssociations("Orders.Products"))
		var ue *strata.UniqueConstraintError
		if !errors.As(err, &ue) {
			t.Errorf("duplicate child: %v", err)
		}
		if n := must(strata.Find[User](db).Count(ctx))(t); n != users {
			t.Errorf("%d users after failed creations, want %d", n, users)
		}
		if n := must(strata.Find[Order](db).Count(ctx))(t); n != orders {
			t.Errorf("%d orders after failed creations, want %d", n, orders)
		}

		err = strata.Create(ctx, db, &User{Email: "dy@shop.test"}, strata.WithAssociations("Order"))
		if err == nil || !strings.Contains(err.Error(), `strata: association "Order": User has no association "Order"`) {
			t.Errorf("unknown association: %v", err)
		}
	})
}
