package strata_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// subShop is three users: ann with orders of 150 and 20, bo with one of
// 30, cy with none, and an order of nobody's (userId NULL).
func subShop(t *testing.T, tg *dialecttest.Target) (*strata.DB, map[string]int) {
	t.Helper()
	ctx := testCtx(t)
	db := shop(t, tg)
	ids := map[string]int{}
	for _, n := range []string{"ann", "bo", "cy"} {
		u := &User{LastName: n, Email: n + "@example.com"}
		ok(t, strata.Create(ctx, db, u))
		ids[n] = u.ID
	}
	for _, o := range []struct {
		user  string
		total string
	}{{"ann", "150.00"}, {"ann", "20.00"}, {"bo", "30.00"}, {"", "99.00"}} {
		ord := &Order{Total: o.total}
		if o.user != "" {
			ord.UserID = ptr(ids[o.user])
		}
		ok(t, strata.Create(ctx, db, ord))
	}
	return db, ids
}

func lastNames(users []User) string {
	var out []string
	for _, u := range users {
		out = append(out, u.LastName)
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

// Subqueries built by the same builder filter the outer query: IN, NOT
// IN (NULLs of the subquery left out), EXISTS correlated by OuterEq, and
// NOT EXISTS; scopes apply inside.
func TestSubqueries(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db, _ := subShop(t, tg)
		find := func(c strata.Cond) string {
			t.Helper()
			users, err := strata.Find[User](db).Where(c).All(ctx)
			if err != nil {
				t.Fatalf("%v", err)
			}
			return lastNames(users)
		}
		big := strata.Find[Order](db).Select("userId").Where(strata.Gte("total", 100))
		if got := find(strata.InQuery("id", big)); got != "ann" {
			t.Errorf("InQuery: %q, want ann", got)
		}
		// The subquery's rows include a NULL userId: plain NOT IN would
		// match nobody.
		anyOrder := strata.Find[Order](db).Select("userId")
		if got := find(strata.NotInQuery("id", anyOrder)); got != "cy" {
			t.Errorf("NotInQuery over a NULL: %q, want cy", got)
		}
		ordersOf := func() *strata.Query[Order] {
			return strata.Find[Order](db).Where(strata.OuterEq("userId", "users.id"))
		}
		if got := find(strata.ExistsQuery(ordersOf())); got != "ann bo" {
			t.Errorf("ExistsQuery: %q, want ann bo", got)
		}
		if got := find(strata.NotExistsQuery(ordersOf())); got != "cy" {
			t.Errorf("NotExistsQuery: %q, want cy", got)
		}
		if got := find(strata.ExistsQuery(ordersOf().Where(strata.Lt("total", 25)))); got != "ann" {
			t.Errorf("ExistsQuery with a filter: %q, want ann", got)
		}
		// Nested: users with an order holding a product that is not
		// soft-deleted (the subquery's scope).
		n, err := strata.Find[User](db).Where(strata.InQuery("id", strata.Find[Order](db).Select("userId").
			Where(strata.InQuery("total", strata.Find[Order](db).Select("total").Where(strata.Gt("total", 140)))))).Count(ctx)
		if err != nil || n != 1 {
			t.Errorf("nested subqueries counted %d, %v; want 1", n, err)
		}
		// A Limit in an IN subquery: MySQL refuses it; elsewhere it runs.
		top := strata.Find[Order](db).Select("userId").Order("total DESC").Limit(1)
		users, err := strata.Find[User](db).Where(strata.InQuery("id", top)).All(ctx)
		var ue *strata.UnsupportedError
		if tg.Dialect.Name() == "mysql" {
			if !errors.As(err, &ue) {
				t.Errorf("Limit in an IN subquery on MySQL: %v, want an *UnsupportedError", err)
			}
		} else if err != nil || lastNames(users) != "ann" {
			t.Errorf("Limit in an IN subquery: %v, %v", lastNames(users), err)
		}
	})
}

// A subquery that cannot be written is an error before any SQL; the
// outer column name of OuterEq is quoted, never spliced.
func TestSubqueryErrors(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db, _ := subShop(t, tg)
		var unknown *strata.UnknownColumnError
		for name, tt := range map[string]struct {
			c    strata.Cond
			want string
		}{
			"two columns":   {strata.InQuery("id", strata.Find[Order](db).Select("userId", "total")), "Select exactly one"},
			"includes":      {strata.InQuery("id", strata.Find[Order](db).Select("userId").Include("Products")), "includes"},
			"lock":          {strata.ExistsQuery(strata.Find[Order](db).ForUpdate()), "lock"},
			"offset":        {strata.ExistsQuery(strata.Find[Order](db).Offset(1)), "Offset"},
			"unknown inner": {strata.ExistsQuery(strata.Find[Order](db).Where(strata.Eq("nope", 1))), "nope"},
			"unknown outer": {strata.InQuery("nope", strata.Find[Order](db).Select("userId")), "nope"},
			"outer form":    {strata.ExistsQuery(strata.Find[Order](db).Where(strata.OuterEq("userId", "id"))), "table.column"},
			"nil":           {strata.InQuery("id", nil), "nil subquery"},
		} {
			_, err := strata.Find[User](db).Where(tt.c).All(ctx)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s: %v, want an error saying %q", name, err, tt.want)
			}
			if strings.HasPrefix(name, "unknown") && !errors.As(err, &unknown) {
				t.Errorf("%s: %T, want *strata.UnknownColumnError", name, err)
			}
		}
		// Hostile outer names are quoted as names: the database does not
		// know them, and nothing else runs.
		for _, outer := range []string{`users.id; DROP TABLE users; --`, `users.id" OR 1=1 --`, "users.id` OR 1=1 -- "} {
			_, err := strata.Find[User](db).Where(strata.ExistsQuery(strata.Find[Order](db).Where(strata.OuterEq("userId", outer)))).All(ctx)
			var de *strata.DatabaseError
			if !errors.As(err, &de) {
				t.Errorf("OuterEq(%q): %v, want the database's error about an unknown name", outer, err)
			}
		}
		if n, err := strata.Find[User](db).Count(ctx); err != nil || n != 3 {
			t.Fatalf("users after hostile names: %d, %v", n, err)
		}
	})
}

// UpdateReturning and DestroyReturning return the rows they wrote where
// the database has RETURNING, and are refused before any SQL where not.
func TestWriteReturning(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db, ids := subShop(t, tg)
		maria := tg.Dialect.Name() == "mysql"

		orders, err := strata.Find[Order](db).Where(strata.Eq("userId", ids["ann"])).UpdateReturning(ctx, strata.Fields{"note": "vip"})
		var ue *strata.UnsupportedError
		if maria {
			if !errors.As(err, &ue) {
				t.Fatalf("UpdateReturning on MySQL: %v, want an *UnsupportedError", err)
			}
			if n, _ := strata.Find[Order](db).Where(strata.Eq("note", "vip")).Count(ctx); n != 0 {
				t.Errorf("a refused UpdateReturning updated %d rows", n)
			}
		} else {
			if err != nil || len(orders) != 2 || orders[0].Note == nil || *orders[0].Note != "vip" || orders[0].ID == 0 {
				t.Fatalf("UpdateReturning: %+v, %v", orders, err)
			}
		}

		gone, err := strata.Find[Order](db).Where(strata.IsNull("userId")).Select("id", "total").DestroyReturning(ctx)
		if err != nil || len(gone) != 1 || gone[0].Total != "99.00" {
			t.Fatalf("DestroyReturning: %+v, %v", gone, err)
		}
		if n, _ := strata.Find[Order](db).Count(ctx); n != 3 {
			t.Errorf("%d orders left, want 3", n)
		}

		// A paranoid model's destroy is an UPDATE setting deletedAt.
		ok(t, strata.Create(ctx, db, &Product{Name: "kite", Price: "9.00"}))
		products, err := strata.Find[Product](db).Where(strata.Eq("name", "kite")).DestroyReturning(ctx)
		if maria {
			if !errors.As(err, &ue) {
				t.Fatalf("soft DestroyReturning on MySQL: %v, want an *UnsupportedError", err)
			}
		} else if err != nil || len(products) != 1 || products[0].DeletedAt == nil {
			t.Fatalf("soft DestroyReturning: %+v, %v", products, err)
		}
		want := 0
		if maria {
			want = 1
		}
		if n, _ := strata.Find[Product](db).Count(ctx); n != int64(want) {
			t.Errorf("%d products visible after DestroyReturning, want %d", n, want)
		}
	})
}
