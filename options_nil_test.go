package strata_test

import (
	"context"
	"errors"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

type nilOpt struct {
	ID    int
	Name  string
	Notes []nilOptNote
}

type nilOptNote struct {
	ID       int
	NilOptID *int
}

func (nilOpt) Associate(a *strata.Associations) { a.HasMany(nilOptNote{}, strata.As("Notes")) }

// A nil option is an error matching ErrNilOption, before anything runs,
// in every function that takes options (it was a nil-pointer panic).
func TestNilOptions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := context.Background()
		if _, err := strata.New(tg.DB, tg.Dialect, strata.WithModels(nilOpt{}, nilOptNote{}), nil); !errors.Is(err, strata.ErrNilOption) {
			t.Fatalf("New with a nil option: %v, want ErrNilOption", err)
		}
		db, err := strata.New(tg.DB, tg.Dialect, strata.WithModels(nilOpt{}, nilOptNote{}))
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Sync(ctx, nil); !errors.Is(err, strata.ErrNilOption) {
			t.Fatalf("Sync(nil): %v, want ErrNilOption", err)
		}
		if err := db.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		row := nilOpt{Name: "a"}
		calls := []struct {
			name string
			run  func() error
		}{
			{"Create", func() error { return strata.Create(ctx, db, &row, nil) }},
			{"Upsert", func() error { return strata.Upsert(ctx, db, &row, strata.OnConflict("ID"), nil) }},
			{"Transaction", func() error {
				return db.Transaction(ctx, func(tx *strata.Tx) error { return strata.Create(ctx, tx, &row) }, nil)
			}},
			{"Begin", func() error { _, err := db.Begin(ctx, nil); return err }},
			{"Include", func() error { _, err := strata.Find[nilOpt](db).Include("Notes", nil).All(ctx); return err }},
		}
		for _, c := range calls {
			if err := c.run(); !errors.Is(err, strata.ErrNilOption) {
				t.Errorf("%s with a nil option: %v, want ErrNilOption", c.name, err)
			}
		}
		if n, err := strata.Find[nilOpt](db).Count(ctx); err != nil || n != 0 {
			t.Fatalf("after the refused calls: %d rows (%v), want 0", n, err)
		}
		if err := strata.Create(ctx, db, &row); err != nil {
			t.Fatal(err)
		}
		if err := strata.Destroy(ctx, db, &row, nil); !errors.Is(err, strata.ErrNilOption) {
			t.Errorf("Destroy with a nil option: %v, want ErrNilOption", err)
		}
		if n, err := strata.Find[nilOpt](db).Count(ctx); err != nil || n != 1 {
			t.Fatalf("after the refused Destroy: %d rows (%v), want 1", n, err)
		}
	})
}
