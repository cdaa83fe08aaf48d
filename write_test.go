package strata_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

func TestCreateUpdateSave(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		before := time.Now().Add(-time.Second)
		u := User{FirstName: ptr("Ann"), LastName: "Lee", Email: "ann@shop.test", Age: ptr(30)}
		if err := strata.Create(ctx, db, &u); err != nil {
			t.Fatal(err)
		}
		if u.ID == 0 || u.CreatedAt.Before(before) || !u.UpdatedAt.Equal(u.CreatedAt) || u.Version != 0 {
			t.Fatalf("after Create: %+v", u)
		}
		got := must(strata.Find[User](db).ByPK(ctx, u.ID))(t)
		if diff := cmp.Diff(*got, u); diff != "" {
			t.Fatalf("read back (-got +want):\n%s", diff)
		}

		// Update writes only the named fields, zero values included.
		u.Age = ptr(0)
		u.LastName = "not written"
		if err := strata.Update(ctx, db, &u, "Age"); err != nil {
			t.Fatal(err)
		}
		got = must(strata.Find[User](db).ByPK(ctx, u.ID))(t)
		if got.Age == nil || *got.Age != 0 || got.LastName != "Lee" || got.Version != 1 || u.Version != 1 {
			t.Fatalf("after Update(Age): %+v", got)
		}
		u.FirstName = nil
		if err := strata.Update(ctx, db, &u, "firstName"); err != nil {
			t.Fatal(err)
		}
		if n := must(strata.Find[User](db).Where(strata.IsNull("firstName"), strata.Eq("id", u.ID)).Count(ctx))(t); n != 1 {
			t.Fatalf("nil pointer did not write NULL")
		}

		// Save updates every field of a stored row and inserts a new one.
		u.LastName = "Park"
		if err := strata.Save(ctx, db, &u); err != nil {
			t.Fatal(err)
		}
		got = must(strata.Find[User](db).ByPK(ctx, u.ID))(t)
		if got.LastName != "Park" || got.Version != 3 {
			t.Fatalf("after Save: %+v", got)
		}
		v := User{LastName: "New", Email: "new@shop.test"}
		if err := strata.Save(ctx, db, &v); err != nil || v.ID == 0 {
			t.Fatalf("Save of a new row: %v %+v", err, v)
		}

		// Update of a missing row.
		gone := User{ID: 999999, Email: "x@y.z"}
		if err := strata.Update(ctx, db, &gone, "email"); !errors.Is(err, strata.ErrNotFound) {
			t.Fatalf("Update of a missing row: %v", err)
		}
		// Update with an unknown field.
		if err := strata.Update(ctx, db, &u, "emial"); err == nil || !strings.Contains(err.Error(), `did you mean "email"`) {
			t.Fatalf("Update(emial): %v", err)
		}

		// Optimistic locking: a stale copy cannot overwrite.
		stale := *got
		got.LastName = "First writer"
		if err := strata.Update(ctx, db, got); err != nil {
			t.Fatal(err)
		}
		stale.LastName = "Second writer"
		err := strata.Update(ctx, db, &stale)
		var ole *strata.OptimisticLockError
		if !errors.As(err, &ole) || ole.Model != "User" || ole.Version != 3 {
			t.Fatalf("stale update: %v", err)
		}
	})
}

func TestBulkUpsertIncrement(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		products := []Product{{Name: "Apple", Price: "1.50", Stock: ptr(0)}, {Name: "Pear", Price: "2.25", Stock: ptr(3)}, {Name: "Plum", Price: "0.99"}}
		if err := strata.BulkCreate(ctx, db, products); err != nil {
			t.Fatal(err)
		}
		for _, p := range products {
			got := must(strata.Find[Product](db).ByPK(ctx, p.ID))(t)
			if got.Name != p.Name || decimal(got.Price) != decimal(p.Price) {
				t.Errorf("id %d: %+v, want %+v", p.ID, got, p)
			}
		}
		// Stock has a default (7), used when the field is not set (nil);
		// a zero given is stored as zero.
		if *products[0].Stock != 0 || *products[2].Stock != 7 {
			t.Errorf("BulkCreate stock %d, %d; want 0 (given), 7 (default)", *products[0].Stock, *products[2].Stock)
		}
		one := Product{Name: "Kiwi", Price: "3.00"}
		if err := strata.Create(ctx, db, &one); err != nil || one.Stock == nil || *one.Stock != 7 {
			t.Fatalf("default read back: %v %+v", err, one)
		}

		// Upsert inserts, then updates the row it collides with.
		up := Product{Name: "Mango", Price: "4.00", Stock: ptr(1)}
		if err := strata.Upsert(ctx, db, &up, strata.OnConflict("name")); err != nil || up.ID == 0 {
			t.Fatalf("upsert insert: %v %+v", err, up)
		}
		again := Product{Name: "Mango", Price: "4.50", Stock: ptr(2)}
		if err := strata.Upsert(ctx, db, &again, strata.OnConflict("name")); err != nil {
			t.Fatal(err)
		}
		if again.ID != up.ID {
			t.Errorf("upsert update got id %d, want %d", again.ID, up.ID)
		}
		got := must(strata.Find[Product](db).ByPK(ctx, up.ID))(t)
		if decimal(got.Price) != 4.5 || *got.Stock != 2 {
			t.Errorf("after upsert update: %+v", got)
		}
		if n := must(strata.Find[Product](db).Where(strata.Eq("name", "Mango")).Count(ctx))(t); n != 1 {
			t.Errorf("%d Mangos", n)
		}

		// Increment and decrement, on an instance and on a query.
		if err := strata.Increment(ctx, db, got, strata.Fields{"stock": 5}); err != nil || *got.Stock != 7 {
			t.Fatalf("Increment: %v %+v", err, got)
		}
		if err := strata.Decrement(ctx, db, got, strata.Fields{"Stock": 3}); err != nil || *got.Stock != 4 {
			t.Fatalf("Decrement: %v %+v", err, got)
		}
		n, err := strata.Find[Product](db).Where(strata.In("name", []string{"Apple", "Pear"})).Increment(ctx, strata.Fields{"stock": 10})
		if err != nil || n != 2 {
			t.Fatalf("query Increment: %d %v", n, err)
		}
		pear := must(strata.Find[Product](db).Where(strata.Eq("name", "Pear")).One(ctx))(t)
		if *pear.Stock != 13 {
			t.Errorf("pear stock %d", *pear.Stock)
		}
		if _, err := strata.Find[Product](db).Where(strata.Eq("name", "Pear")).Increment(ctx, strata.Fields{"stock": "1; DROP TABLE products"}); err == nil {
			t.Errorf("increment by a string accepted")
		}

		// Query-level update writes zero values and refuses without a where.
		n, err = strata.Find[Product](db).Where(strata.Eq("name", "Plum")).Update(ctx, strata.Fields{"stock": 0, "price": "0.00"})
		if err != nil || n != 1 {
			t.Fatalf("query Update: %d %v", n, err)
		}
		if _, err := strata.Find[Product](db).Update(ctx, strata.Fields{"stock": 0}); !errors.Is(err, strata.ErrMissingWhere) {
			t.Errorf("global update: %v", err)
		}
		if _, err := strata.Find[Product](db).Destroy(ctx); !errors.Is(err, strata.ErrMissingWhere) {
			t.Errorf("global destroy: %v", err)
		}
		if _, err := strata.Find[Product](db).Where(strata.Eq("id", 1)).Update(ctx, strata.Fields{"stock": strata.Fields{"$inc": 1}}); !errors.Is(err, strata.ErrValue) {
			t.Errorf("nested value in Update: %v", err)
		}
		n, err = strata.Find[Product](db).AllowGlobal().Update(ctx, strata.Fields{"stock": 1})
		if err != nil || n != 5 {
			t.Errorf("AllowGlobal update: %d %v", n, err)
		}
	})
}

func TestParanoid(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		ps := []Product{{Name: "A", Price: "1"}, {Name: "B", Price: "2"}, {Name: "C", Price: "3"}}
		if err := strata.BulkCreate(ctx, db, ps); err != nil {
			t.Fatal(err)
		}
		if err := strata.Destroy(ctx, db, &ps[0]); err != nil || ps[0].DeletedAt == nil {
			t.Fatalf("soft Destroy: %v %+v", err, ps[0])
		}
		live := must(strata.Find[Product](db).Order("name").All(ctx))(t)
		all := must(strata.Find[Product](db).Unscoped().Order("name").All(ctx))(t)
		if len(live) != 2 || len(all) != 3 || all[0].DeletedAt == nil {
			t.Fatalf("live %d, all %d", len(live), len(all))
		}
		if _, err := strata.Find[Product](db).ByPK(ctx, ps[0].ID); !errors.Is(err, strata.ErrNotFound) {
			t.Errorf("ByPK of a soft-deleted row: %v", err)
		}
		if _, err := strata.Find[Product](db).Unscoped().ByPK(ctx, ps[0].ID); err != nil {
			t.Errorf("Unscoped ByPK: %v", err)
		}
		if err := strata.Restore(ctx, db, &ps[0]); err != nil || ps[0].DeletedAt != nil {
			t.Fatalf("Restore: %v", err)
		}
		n, err := strata.Find[Product](db).Where(strata.In("name", []string{"A", "B"})).Destroy(ctx)
		if err != nil || n != 2 {
			t.Fatalf("query soft destroy: %d %v", n, err)
		}
		n, err = strata.Find[Product](db).Where(strata.Eq("name", "A")).Restore(ctx)
		if err != nil || n != 1 {
			t.Fatalf("query restore: %d %v", n, err)
		}
		if err := strata.Destroy(ctx, db, &ps[2], strata.Force()); err != nil {
			t.Fatal(err)
		}
		n, err = strata.Find[Product](db).Unscoped().Where(strata.Eq("name", "B")).Force().Destroy(ctx)
		if err != nil || n != 1 {
			t.Fatalf("forced query destroy: %d %v", n, err)
		}
		left := must(strata.Find[Product](db).Unscoped().All(ctx))(t)
		if len(left) != 1 || left[0].Name != "A" || left[0].DeletedAt != nil {
			t.Errorf("left: %+v", left)
		}
		// A plain model is deleted for real.
		c := Canary{Value: "x"}
		if err := strata.Create(ctx, db, &c); err != nil {
			t.Fatal(err)
		}
		if err := strata.Destroy(ctx, db, &c); err != nil {
			t.Fatal(err)
		}
		if n := must(strata.Find[Canary](db).Count(ctx))(t); n != 0 {
			t.Errorf("canary rows %d", n)
		}
	})
}

// hooked records its hooks; Name "fail-<event>" makes that hook fail.
type Hooked struct {
	ID   int
	Name string `validate:"len=1..20"`
	log  *[]string
}

func (h *Hooked) rec(ev string) error {
	if h.log != nil {
		*h.log = append(*h.log, ev)
	}
	if h.Name == "fail-"+ev {
		return errors.New(ev + " says no")
	}
	return nil
}

func (h *Hooked) BeforeValidate(context.Context, strata.Conn) error { return h.rec("BeforeValidate") }
func (h *Hooked) AfterValidate(context.Context, strata.Conn) error  { return h.rec("AfterValidate") }
func (h *Hooked) BeforeCreate(context.Context, strata.Conn) error   { return h.rec("BeforeCreate") }
func (h *Hooked) AfterCreate(context.Context, strata.Conn) error    { return h.rec("AfterCreate") }
func (h *Hooked) BeforeUpdate(context.Context, strata.Conn) error   { return h.rec("BeforeUpdate") }
func (h *Hooked) AfterUpdate(context.Context, strata.Conn) error    { return h.rec("AfterUpdate") }
func (h *Hooked) BeforeSave(context.Context, strata.Conn) error     { return h.rec("BeforeSave") }
func (h *Hooked) AfterSave(context.Context, strata.Conn) error      { return h.rec("AfterSave") }
func (h *Hooked) BeforeDestroy(context.Context, strata.Conn) error  { return h.rec("BeforeDestroy") }
func (h *Hooked) AfterDestroy(context.Context, strata.Conn) error   { return h.rec("AfterDestroy") }
func (h *Hooked) AfterFind(context.Context, strata.Conn) error      { return h.rec("AfterFind") }

func (h *Hooked) Validate(context.Context) error {
	if strings.Contains(h.Name, "!") {
		return errors.New("no shouting")
	}
	return nil
}

func TestHooksAndValidation(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var dbLog []string
		db, err := strata.New(tg.DB, tg.Dialect, strata.WithModels(Hooked{}),
			strata.WithHook(strata.BeforeCreate, strata.HookFor(func(_ context.Context, _ strata.Conn, h *Hooked) error {
				dbLog = append(dbLog, "db BeforeCreate "+h.Name)
				return nil
			})))
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		var log []string
		h := Hooked{Name: "ok", log: &log}
		if err := strata.Create(ctx, db, &h); err != nil {
			t.Fatal(err)
		}
		if err := strata.Update(ctx, db, &h, "name"); err != nil {
			t.Fatal(err)
		}
		if err := strata.Destroy(ctx, db, &h); err != nil {
			t.Fatal(err)
		}
		want := []string{"BeforeValidate", "AfterValidate", "BeforeCreate", "BeforeSave", "AfterCreate", "AfterSave",
			"BeforeValidate", "AfterValidate", "BeforeUpdate", "BeforeSave", "AfterUpdate", "AfterSave",
			"BeforeDestroy", "AfterDestroy"}
		if diff := cmp.Diff(log, want); diff != "" {
			t.Errorf("hook order (-got +want):\n%s", diff)
		}
		if diff := cmp.Diff(dbLog, []string{"db BeforeCreate ok"}); diff != "" {
			t.Errorf("db hooks (-got +want):\n%s", diff)
		}
		for _, ev := range []string{"BeforeValidate", "AfterValidate", "BeforeCreate", "BeforeSave"} {
			h := Hooked{Name: "fail-" + ev}
			err := strata.Create(ctx, db, &h)
			var he *strata.HookError
			if !errors.As(err, &he) || he.Event.String() != ev || !strings.Contains(err.Error(), ev+" says no") {
				t.Errorf("%s failing: %v", ev, err)
			}
		}
		if n := must(strata.Find[Hooked](db).Count(ctx))(t); n != 0 {
			t.Errorf("a failing before-hook left %d rows", n)
		}
		// Validation lists every failure, custom ones included.
		err = strata.Create(ctx, db, &Hooked{Name: strings.Repeat("!", 30)})
		var ve *strata.ValidationError
		if !errors.As(err, &ve) || len(ve.Errors) != 2 || ve.Errors[0].Rule != "len" || ve.Errors[0].Column != "name" || ve.Errors[1].Rule != "custom" {
			t.Errorf("validation: %v", err)
		}
		err = strata.Create(ctx, db, &User{Email: "not-an-email", Age: ptr(200)})
		if !errors.As(err, &ve) || len(ve.Field("Email")) != 1 || len(ve.Field("age")) != 1 {
			t.Errorf("user validation: %v", err)
		}
		// AfterFind runs for each row found.
		var found []string
		if err := strata.BulkCreate(ctx, db, []Hooked{{Name: "a", log: &found}, {Name: "b"}}); err != nil {
			t.Fatal(err)
		}
		rows := must(strata.Find[Hooked](db).All(ctx))(t)
		if len(rows) != 2 {
			t.Fatalf("rows %v", rows)
		}
		if !slices.Equal(found, []string{"BeforeValidate", "AfterValidate", "BeforeCreate", "BeforeSave", "AfterCreate", "AfterSave"}) {
			t.Errorf("bulk hooks: %v", found)
		}
	})
}

// decimal reads a DECIMAL column's text (SQLite keeps "1.50" as 1.5).
func decimal(s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return f
}
