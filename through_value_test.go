package strata_test

import (
	"errors"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// TestThroughValueOfTheWrongKind: a join row's value its field cannot
// take (text for the integer quantity, as a handler passing a form value
// would) is a *ValidationError naming the field, before any SQL, and
// links nothing; a text that is a whole number converts.
func TestThroughValueOfTheWrongKind(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		o, p := Order{Total: "1.00"}, Product{Name: "tea", Price: "1.00"}
		ok(t, strata.Create(ctx, db, &o))
		ok(t, strata.Create(ctx, db, &p))
		for _, v := range []any{"x", "1 OR 1=1", "2.5", "1e999", 1.5, true, " 3"} {
			err := orderProducts.Through(strata.Fields{"quantity": v}).AddKeys(ctx, db, &o, p.ID)
			var ve *strata.ValidationError
			if !errors.As(err, &ve) || len(ve.Field("Quantity")) != 1 {
				t.Errorf("Through quantity %#v: %T %v, want a *ValidationError on Quantity", v, err, err)
			}
		}
		if n := must(strata.Find[ProductOrder](db).Count(ctx))(t); n != 0 {
			t.Errorf("%d join rows after refused values", n)
		}
		ok(t, orderProducts.Through(strata.Fields{"quantity": "3"}).AddKeys(ctx, db, &o, p.ID))
		if q := must(strata.RawAll[int](ctx, db, "SELECT quantity FROM product_orders"))(t); len(q) != 1 || q[0] != 3 {
			t.Errorf("join rows' quantities: %v, want [3]", q)
		}
	})
}
