package strata_test

import (
	"errors"
	"math"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
)

// A value that does not fit its column is refused the same way on the
// write paths TestValueLimits does not drive: Through attributes (a new
// link and an existing one), create with associations, Increment by an
// amount; and what only the database can know (an Increment past the
// column's range) is refused as out of range by all three (issue 12,
// defect 5).
func TestValuesThatDoNotFitOtherWritePaths(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		u := User{LastName: "Fit", Email: "fit@shop.test"}
		ok(t, strata.Create(ctx, db, &u))
		o := Order{Total: "1.00", UserID: &u.ID}
		ok(t, strata.Create(ctx, db, &o))
		p := Product{Name: "tea", Price: "2.00"}
		ok(t, strata.Create(ctx, db, &p))
		links := func() int64 { return must(strata.Find[ProductOrder](db).Count(ctx))(t) }

		// Through: a new link and an existing one.
		err := orderProducts.Through(strata.Fields{"quantity": 99999999999}).AddKeys(ctx, db, &o, p.ID)
		if !fieldFailed(err, "Quantity", "range") || links() != 0 {
			t.Errorf("new link with quantity 99999999999: %v, %d links", err, links())
		}
		ok(t, orderProducts.Through(strata.Fields{"quantity": 2}).AddKeys(ctx, db, &o, p.ID))
		err = orderProducts.Through(strata.Fields{"quantity": 99999999999}).AddKeys(ctx, db, &o, p.ID)
		if !fieldFailed(err, "Quantity", "range") {
			t.Errorf("existing link with quantity 99999999999: %v", err)
		}
		po := must(strata.Find[ProductOrder](db).Where(strata.Eq("orderId", o.ID)).One(ctx))(t)
		if po.Quantity != 2 {
			t.Errorf("quantity %d after a refused update, want 2", po.Quantity)
		}

		// Create with associations: the join row's value, and nothing is
		// created.
		orders := must(strata.Find[Order](db).Count(ctx))(t)
		bad := Order{Total: "3.00", Products: []Product{{Name: "cake", Price: "1.00", ProductOrder: &ProductOrder{Quantity: math.MaxInt32 + 1}}}}
		err = strata.Create(ctx, db, &bad, strata.WithAssociations("Products"))
		if !fieldFailed(err, "Quantity", "range") {
			t.Errorf("create with a join row's quantity past INTEGER: %v", err)
		}
		bad = Order{Total: "1.005", Products: []Product{{Name: "cake", Price: "1.00"}}}
		err = strata.Create(ctx, db, &bad, strata.WithAssociations("Products"))
		if !fieldFailed(err, "Total", "scale") {
			t.Errorf("create with associations, total 1.005: %v", err)
		}
		if n := must(strata.Find[Order](db).Count(ctx))(t); n != orders || links() != 1 {
			t.Errorf("refused creations left %d orders (want %d) and %d links", n, orders, links())
		}

		// Increment by an amount its column cannot hold, by row and by query.
		err = strata.Increment(ctx, db, po, strata.Fields{"quantity": int64(1) << 40})
		if !fieldFailed(err, "Quantity", "range") {
			t.Errorf("Increment by 2^40: %v", err)
		}
		_, err = strata.Find[ProductOrder](db).Where(strata.Eq("id", po.ID)).Increment(ctx, strata.Fields{"quantity": int64(1) << 40})
		if !fieldFailed(err, "Quantity", "range") {
			t.Errorf("query Increment by 2^40: %v", err)
		}

		// Past the column's range by arithmetic: only the database knows,
		// and every one refuses it as out of range (SQLite, whose integers
		// are all 64-bit, by the range strata writes into the statement).
		_, err = strata.Find[ProductOrder](db).Where(strata.Eq("id", po.ID)).Update(ctx, strata.Fields{"quantity": math.MaxInt32})
		ok(t, err)
		outOfRange := func(what string, err error) {
			t.Helper()
			var de *strata.DatabaseError
			if !errors.As(err, &de) || de.Kind != dialect.ErrOutOfRange {
				t.Errorf("%s: %v, want a value-out-of-range DatabaseError", what, err)
			}
		}
		outOfRange("Increment past INTEGER", strata.Increment(ctx, db, po, strata.Fields{"quantity": 1}))
		_, err = strata.Find[ProductOrder](db).Where(strata.Eq("id", po.ID)).Increment(ctx, strata.Fields{"quantity": 1})
		outOfRange("query Increment past INTEGER", err)
		if got := must(strata.Find[ProductOrder](db).ByPK(ctx, po.ID))(t); got.Quantity != math.MaxInt32 {
			t.Errorf("quantity %d after refused increments, want %d", got.Quantity, math.MaxInt32)
		}
		below := strata.Find[ProductOrder](db).Where(strata.Eq("id", po.ID))
		_, err = below.Update(ctx, strata.Fields{"quantity": math.MinInt32})
		ok(t, err)
		_, err = below.Decrement(ctx, strata.Fields{"quantity": 1})
		outOfRange("query Decrement past INTEGER", err)
		_, err = below.Update(ctx, strata.Fields{"quantity": math.MaxInt32})
		ok(t, err)
		s := Sample{Tag: "big", I64: math.MaxInt64, Dec: "0", At: p.CreatedAt}
		ok(t, strata.Create(ctx, db, &s))
		outOfRange("Increment past BIGINT", strata.Increment(ctx, db, &s, strata.Fields{"i64": 1}))
		// Within the range it adds, and NULL plus a number stays NULL.
		ok(t, strata.Increment(ctx, db, po, strata.Fields{"quantity": -1}))
		if po.Quantity != math.MaxInt32-1 {
			t.Errorf("quantity %d after -1", po.Quantity)
		}
		ok(t, strata.Increment(ctx, db, &u, strata.Fields{"age": 1}))
		if u.Age != nil {
			t.Errorf("NULL age + 1 = %d, want NULL", *u.Age)
		}
	})
}

// A condition comparing a column with a value it cannot hold has the
// answer every database that compares gives, and ByPK with a key no row
// can have finds nothing: the same on all three (PostgreSQL's driver
// refused to send 2147483648 for an INTEGER, a 500 in the shop); a value
// that cannot be compared is an error everywhere, never a broader query
// (MySQL reads "abc" as 0, PostgreSQL rounds 1.5).
func TestConditionsWithValuesThatDoNotFit(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		ok(t, strata.BulkCreate(ctx, db, []Product{{Name: "zero", Price: "0", Stock: ptr(0)}, {Name: "one", Price: "1", Stock: ptr(1)}}))
		ok(t, strata.Create(ctx, db, &User{LastName: "Age", Email: "age@shop.test"})) // age NULL
		ok(t, strata.Create(ctx, db, &User{LastName: "Old", Email: "old@shop.test", Age: ptr(30)}))

		if _, err := strata.Find[Product](db).ByPK(ctx, 2147483648); !errors.Is(err, strata.ErrNotFound) {
			t.Errorf("ByPK(2147483648) on an INTEGER key: %v, want not found", err)
		}
		if _, err := strata.Find[Product](db).Where(strata.Eq("name", "one")).ByPK(ctx, -2147483649); !errors.Is(err, strata.ErrNotFound) {
			t.Errorf("ByPK(-2147483649) with a Where: %v, want not found", err)
		}
		count := func(c strata.Cond) int64 {
			t.Helper()
			return must(strata.Find[User](db).Where(c).Count(ctx))(t)
		}
		big := int64(1) << 40
		for _, tt := range []struct {
			name string
			cond strata.Cond
			want int64
		}{
			{"eq", strata.Eq("age", big), 0},
			{"ne", strata.Ne("age", big), 1},
			{"not eq keeps NULL out", strata.Not(strata.Eq("age", big)), 1},
			{"not ne", strata.Not(strata.Ne("age", big)), 0},
			{"lt", strata.Lt("age", big), 1},
			{"gt below", strata.Gt("age", -big), 1},
			{"gte", strata.Gte("age", big), 0},
			{"in", strata.In("age", []int64{30, big}), 1},
			{"in nothing that fits", strata.In("age", []int64{big}), 0},
			{"not in", strata.NotIn("age", []int64{big}), 1},
			{"between", strata.Between("age", -big, big), 1},
			{"between past", strata.Between("age", big, 2*big), 0},
			{"not between", strata.NotBetween("age", 31, big), 1},
			{"fields", strata.Fields{"age": big}, 0},
			{"uint64", strata.Eq("id", uint64(math.MaxUint64)), 0},
			{"numeric text", strata.Eq("age", "30"), 1},
		} {
			if got := count(tt.cond); got != tt.want {
				t.Errorf("%s: %d rows, want %d", tt.name, got, tt.want)
			}
		}
		for _, c := range []strata.Cond{strata.Eq("age", 1.5), strata.Eq("age", "abc"), strata.Gt("age", math.NaN()), strata.Eq("age", true), strata.Eq("email", 30), strata.Eq("email", false)} {
			if _, err := strata.Find[User](db).Where(c).Count(ctx); !errors.Is(err, strata.ErrValue) {
				t.Errorf("users where %#v: %v, want an error matching ErrValue", c, err)
			}
		}
		if _, err := strata.Find[Product](db).Where(strata.Eq("price", "cheap")).Count(ctx); !errors.Is(err, strata.ErrValue) {
			t.Errorf(`products where price = "cheap": %v, want an error matching ErrValue`, err)
		}
	})
}
