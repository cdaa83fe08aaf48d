package strata_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// TestReliabilitySoftDelete keeps the part of RELIABILITY scenario 43
// strata has: a soft-deleted row is invisible to Find, ByPK, Count, Exists
// and Include; re-creating its unique value is a *UniqueConstraintError
// naming the column (strata makes no partial unique index for paranoid
// models), never a silent duplicate; a forced Destroy of an already
// soft-deleted row runs its hooks and removes it.
func TestReliabilitySoftDelete(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var destroyHooks []string
		db := shop(t, tg, strata.WithHook(strata.BeforeDestroy, strata.HookFor(func(_ context.Context, _ strata.Conn, p *Product) error {
			destroyHooks = append(destroyHooks, p.Name)
			return nil
		})))
		ps := []Product{{Name: "A", Price: "1.00"}, {Name: "B", Price: "2.00"}}
		if err := strata.BulkCreate(ctx, db, ps); err != nil {
			t.Fatal(err)
		}
		o := Order{Total: "3.00"}
		if err := strata.Create(ctx, db, &o); err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if err := strata.Create(ctx, db, &ProductOrder{ProductID: p.ID, OrderID: o.ID}); err != nil {
				t.Fatal(err)
			}
		}
		if err := strata.Destroy(ctx, db, &ps[0]); err != nil {
			t.Fatal(err)
		}
		checks, held := 0, 0
		check := func(what string, ok bool) {
			t.Helper()
			checks++
			if ok {
				held++
			} else {
				t.Errorf("%s", what)
			}
		}
		_, err := strata.Find[Product](db).ByPK(ctx, ps[0].ID)
		check("ByPK found a soft-deleted row", errors.Is(err, strata.ErrNotFound))
		n := must(strata.Find[Product](db).Count(ctx))(t)
		check("Count includes a soft-deleted row", n == 1)
		ex := must(strata.Find[Product](db).Where(strata.Eq("name", "A")).Exists(ctx))(t)
		check("Exists sees a soft-deleted row", !ex)
		got := must(strata.Find[Order](db).Include("Products").ByPK(ctx, o.ID))(t)
		var names []string
		for _, p := range got.Products {
			names = append(names, p.Name)
		}
		check("Include loaded a soft-deleted product", slices.Equal(names, []string{"B"}))
		// The unique value of a soft-deleted row is still taken.
		var ue *strata.UniqueConstraintError
		err = strata.Create(ctx, db, &Product{Name: "A", Price: "9.00"})
		check("re-creating a soft-deleted unique value: "+errString(err), errors.As(err, &ue) && slices.Contains(ue.Fields, "name"))
		all := must(strata.Find[Product](db).Unscoped().Count(ctx))(t)
		check("a duplicate row was written", all == 2)
		// Force on an already soft-deleted row: hooks run, row gone.
		destroyHooks = nil
		if err := strata.Destroy(ctx, db, &ps[0], strata.Force()); err != nil {
			t.Fatal(err)
		}
		check("forced Destroy of a soft-deleted row ran no hook", slices.Equal(destroyHooks, []string{"A"}))
		all = must(strata.Find[Product](db).Unscoped().Count(ctx))(t)
		check("forced Destroy left the soft-deleted row", all == 1)
		if err := strata.Create(ctx, db, &Product{Name: "A", Price: "9.00"}); err != nil {
			t.Errorf("re-create after the forced Destroy: %v", err)
		}
		t.Logf("figure: %d of %d soft-delete checks held (hidden from ByPK/Count/Exists/Include, unique value refused typed, forced Destroy ran its hook)", held, checks)
	})
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}
