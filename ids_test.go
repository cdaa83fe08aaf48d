package strata_test

import (
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
)

// Without RETURNING (MySQL, MariaDB before 10.5) ids come from
// LastInsertId: consecutive for a multi-row INSERT under
// innodb_autoinc_lock_mode 0 or 1, else one row at a time; defaults are
// read back by key. Forced here on every dialect that has LastInsertId.
func TestIDsWithoutReturning(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		if tg.Dialect.Name() == "postgres" {
			t.Skip("PostgreSQL has no LastInsertId; it always uses RETURNING")
		}
		ctx := testCtx(t)
		qd, ok := tg.Dialect.(dialect.QueryDialect)
		if !ok {
			t.Fatalf("%s has no query features", tg.Dialect.Name())
		}
		for _, consecutive := range []bool{true, false} {
			if consecutive && tg.Dialect.Name() == "sqlite" {
				continue // SQLite's LastInsertId is the last row's, and SQLite has RETURNING
			}
			f := must(qd.QueryFeatures(ctx, tg.DB))(t)
			f.InsertReturning, f.UpdateReturning, f.ConsecutiveIDs = false, false, consecutive
			db, err := strata.New(tg.DB, tg.Dialect, strata.WithModels(shopModels...), strata.WithFeatures(f))
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Sync(ctx, strata.Force()); err != nil {
				t.Fatal(err)
			}
			ps := []Product{{Name: "a", Price: "1"}, {Name: "b", Price: "2", Stock: ptr(0)}, {Name: "c", Price: "3", Stock: ptr(1)}}
			if err := strata.BulkCreate(ctx, db, ps[:2]); err != nil {
				t.Fatal(err)
			}
			if err := strata.Create(ctx, db, &ps[2]); err != nil {
				t.Fatal(err)
			}
			for _, p := range ps {
				got := must(strata.Find[Product](db).ByPK(ctx, p.ID))(t)
				if got.Name != p.Name {
					t.Errorf("consecutive=%v: id %d holds %q, want %q", consecutive, p.ID, got.Name, p.Name)
				}
			}
			// Stock was not set in the first row: the database default (7)
			// applies and is read back; a zero given is stored.
			if *ps[0].Stock != 7 || *ps[1].Stock != 0 || *ps[2].Stock != 1 {
				t.Errorf("stock %d %d %d", *ps[0].Stock, *ps[1].Stock, *ps[2].Stock)
			}
			// A model without defaults takes the multi-row path.
			cs := []Canary{{Value: "x"}, {Value: "y"}, {Value: "z"}}
			if err := strata.BulkCreate(ctx, db, cs); err != nil {
				t.Fatal(err)
			}
			for _, c := range cs {
				if got := must(strata.Find[Canary](db).ByPK(ctx, c.ID))(t); got.Value != c.Value {
					t.Errorf("consecutive=%v: canary %d holds %q, want %q", consecutive, c.ID, got.Value, c.Value)
				}
			}
			one := Product{Name: "d", Price: "4"}
			if err := strata.Create(ctx, db, &one); err != nil || one.Stock == nil || *one.Stock != 7 || one.ID == 0 {
				t.Errorf("default read back by key: %v %+v", err, one)
			}
			up := Product{Name: "a", Price: "9"}
			if err := strata.Upsert(ctx, db, &up, strata.OnConflict("name")); err != nil || up.ID != ps[0].ID {
				t.Errorf("upsert id %d, want %d: %v", up.ID, ps[0].ID, err)
			}
			if err := strata.Increment(ctx, db, &ps[0], strata.Fields{"stock": 2}); err != nil || *ps[0].Stock != 9 {
				t.Errorf("increment read back: %v %+v", err, ps[0])
			}
		}
	})
}
