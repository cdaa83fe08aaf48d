package strata_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// Lonely is a model nobody registered.
type Lonely struct{ ID int }

func TestIncludeErrors(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var queries queryCounter
		db := shop(t, tg, strata.WithQueryHook(queries.hook()))
		run := func(err error, want string) {
			t.Helper()
			if err == nil || err.Error() != want {
				t.Errorf("got  %v\nwant %s", err, want)
			}
		}
		users := func(q *strata.Query[User]) error { _, err := q.All(ctx); return err }
		orders := func(q *strata.Query[Order]) error { _, err := q.All(ctx); return err }
		queries.n.Store(0)

		// The seed's mistake: include: ['order'] where the association is
		// called orders.
		err := users(strata.Find[User](db).Include("order"))
		run(err, `strata: include "order": User has no association "order" (its associations: Orders, BigOrders, Profile); did you mean "Orders"?`)
		var ie *strata.IncludeError
		if !errors.As(err, &ie) || ie.Model != "User" || ie.Suggest != "Orders" || len(ie.Known) != 3 {
			t.Errorf("IncludeError: %+v", ie)
		}
		run(users(strata.Find[User](db).Include("Product")),
			`strata: include "Product": Product is not associated with User; declare the association in User's Associate method (for example a.HasMany(Product{}) or a.BelongsTo(Product{})) (its associations: Orders, BigOrders, Profile)`)
		run(users(strata.Find[User](db).Include("Orders.Prodcts")),
			`strata: include "Orders.Prodcts": Order has no association "Prodcts" (its associations: User, Products); did you mean "Products"?`)
		run(users(strata.Find[User](db).Include("Orders", strata.Include("Product"))),
			`strata: include "Orders.Product": Order has no association "Product" (its associations: User, Products); did you mean "Products"?`)
		_, err = strata.Find[Canary](db).Include("Owner").All(ctx)
		run(err, `strata: include "Owner": Canary has no associations, so it has no association "Owner"; declare them in its Associate method`)
		_, err = strata.Find[Lonely](db).Include("Things").All(ctx)
		run(err, `strata: include "Things" on Lonely: Lonely is not registered, so it has no associations; pass Lonely{} to strata.WithModels`)
		run(orders(strata.Find[Order](db).Include("User", strata.LimitPer(2))),
			`strata: include "User": LimitPer applies to hasMany and belongsToMany, and User is belongsTo`)
		run(users(strata.Find[User](db).Include("Orders", strata.Join())),
			`strata: include "Orders": Join applies to belongsTo and hasOne, and Orders is hasMany (loaded by a query of its own); drop Join()`)
		run(users(strata.Find[User](db).Include("Orders.User", strata.Join())),
			`strata: include "Orders.User": Join applies to includes of the query's model and of other joined includes; drop Join() (it is loaded by a query of its own)`)
		run(users(strata.Find[User](db).Include("Orders", strata.Attributes("totl"))),
			`strata: include "Orders": Attributes: unknown column "totl" for model Order (did you mean "total"?)`)
		run(users(strata.Find[User](db).Include("Orders", strata.Order("totl DESC"))),
			`strata: include "Orders": strata: order "totl DESC": unknown column "totl" for model Order (did you mean "total"?)`)
		run(users(strata.Find[User](db).Include("Orders", strata.ThroughWhere(strata.Eq("quantity", 1)))),
			`strata: include "Orders": ThroughWhere applies to belongsToMany associations, and Orders is hasMany`)
		run(users(strata.Find[User](db).Include("Orders", strata.Where(strata.Eq("totl", 1)))),
			`strata: include "Orders": unknown column "totl" for model Order (did you mean "total"?)`)
		run(users(strata.Find[User](db).Include("Orders", strata.LimitPer(0))),
			`strata: include "Orders": LimitPer(0) on User: a count of rows per parent must be positive; leave LimitPer out for every row`)
		run(users(strata.Find[User](db).Include("Orders", nil)), `strata: include "Orders": nil option`)
		for _, err := range strata.Find[User](db).Include("Orders").Each(ctx) {
			if err == nil || !strings.Contains(err.Error(), "Each on User does not load includes") {
				t.Errorf("Each with an include: %v", err)
			}
		}
		if n := queries.n.Load(); n != 0 {
			t.Errorf("%d queries ran for includes that fail", n)
		}
	})
}
