package strata_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// Reading — a composite key, read in batches in key order.
type Reading struct {
	Sensor string `strata:",pk"`
	Seq    int    `strata:",pk"`
	Value  int
}

// Batches read every matching row once, in key order, n at a time, each
// batch with its includes; a Limit caps the total; rows written between
// batches never make it skip or repeat a row; breaking out stops reading.
func TestBatches(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var statements int
		db := shop(t, tg, strata.WithModels(Reading{}), strata.WithQueryHook(strata.QueryHookFunc(func(context.Context, *strata.QueryEvent) { statements++ })))
		for i := range 25 {
			u := &User{LastName: fmt.Sprintf("u%02d", i), Email: fmt.Sprintf("u%02d@example.com", i)}
			if err := strata.Create(ctx, db, u); err != nil {
				t.Fatal(err)
			}
			if i%5 == 0 {
				if err := strata.Create(ctx, db, &Order{Total: "1.00", UserID: &u.ID}); err != nil {
					t.Fatal(err)
				}
			}
		}
		var sizes []int
		var ids []int
		orders := 0
		for batch, err := range strata.Find[User](db).Include("Orders").Batches(ctx, 10) {
			if err != nil {
				t.Fatal(err)
			}
			sizes = append(sizes, len(batch))
			for _, u := range batch {
				ids = append(ids, u.ID)
				orders += len(u.Orders)
			}
		}
		if fmt.Sprint(sizes) != "[10 10 5]" || orders != 5 {
			t.Errorf("batches of %v with %d orders, want [10 10 5] with 5", sizes, orders)
		}
		for i := 1; i < len(ids); i++ {
			if ids[i] <= ids[i-1] {
				t.Fatalf("ids out of key order: %v", ids)
			}
		}

		// A Limit caps the total; Where narrows as in All.
		sizes = nil
		err := strata.Find[User](db).Where(strata.Like("lastName", "u%")).Limit(12).FindInBatches(ctx, 5, func(b []User) error {
			sizes = append(sizes, len(b))
			return nil
		})
		if err != nil || fmt.Sprint(sizes) != "[5 5 2]" {
			t.Errorf("Limit(12) in batches of 5: %v, %v; want [5 5 2]", sizes, err)
		}

		// Writes between batches: a row deleted behind the cursor and one
		// ahead of it, and a row inserted, neither skip nor repeat a row.
		seen := map[int]int{}
		first := true
		for batch, err := range strata.Find[User](db).Batches(ctx, 10) {
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range batch {
				seen[u.ID]++
			}
			if first {
				first = false
				if _, err := strata.Find[User](db).Where(strata.In("id", []int{batch[0].ID, batch[9].ID + 1})).Destroy(ctx); err != nil {
					t.Fatal(err)
				}
				if err := strata.Create(ctx, db, &User{LastName: "late", Email: "late@example.com"}); err != nil {
					t.Fatal(err)
				}
			}
		}
		for id, n := range seen {
			if n != 1 {
				t.Errorf("user %d read %d times", id, n)
			}
		}
		if len(seen) != 25 { // 25, one deleted ahead, one inserted
			t.Errorf("read %d users across writes, want 25", len(seen))
		}

		// A composite key continues after (sensor, seq).
		for _, s := range []string{"b", "a"} {
			for i := range 4 {
				if err := strata.Create(ctx, db, &Reading{Sensor: s, Seq: i, Value: i}); err != nil {
					t.Fatal(err)
				}
			}
		}
		var keys []string
		err = strata.Find[Reading](db).FindInBatches(ctx, 3, func(b []Reading) error {
			for _, r := range b {
				keys = append(keys, fmt.Sprintf("%s%d", r.Sensor, r.Seq))
			}
			return nil
		})
		if want := "a0 a1 a2 a3 b0 b1 b2 b3"; err != nil || strings.Join(keys, " ") != want {
			t.Errorf("composite keys %v, %v; want %s", keys, err, want)
		}

		// Breaking out of the loop stops reading; fn's error is returned.
		statements = 0
		for range strata.Find[User](db).Batches(ctx, 2) {
			break
		}
		if statements != 1 {
			t.Errorf("%d statements after breaking out of the first batch, want 1", statements)
		}
		stop := errors.New("stop")
		if err := strata.Find[User](db).FindInBatches(ctx, 2, func([]User) error { return stop }); err != stop {
			t.Errorf("FindInBatches returned %v, want fn's error", err)
		}
	})
}

// A query that cannot be read in key order is refused before any SQL.
func TestBatchesRefused(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var statements int
		db := shop(t, tg, strata.WithQueryHook(strata.QueryHookFunc(func(context.Context, *strata.QueryEvent) { statements++ })))
		statements = 0
		var le *strata.LimitError
		for name, q := range map[string]struct {
			q    *strata.Query[User]
			n    int
			want string
		}{
			"zero":      {strata.Find[User](db), 0, "at least one row"},
			"order":     {strata.Find[User](db).Order("email"), 5, "remove Order"},
			"offset":    {strata.Find[User](db).Offset(3), 5, "remove Offset"},
			"group":     {strata.Find[User](db).Group("email"), 5, "remove Group"},
			"no key":    {strata.Find[User](db).Select("email"), 5, "Select must keep id"},
			"bad where": {strata.Find[User](db).Where(strata.Eq("nope", 1)), 5, "nope"},
		} {
			err := q.q.FindInBatches(ctx, q.n, func([]User) error { return nil })
			if err == nil || !strings.Contains(err.Error(), q.want) {
				t.Errorf("%s: %v, want an error saying %q", name, err, q.want)
			}
			if name == "zero" && !errors.As(err, &le) {
				t.Errorf("zero: %T, want *strata.LimitError", err)
			}
		}
		if statements != 0 {
			t.Errorf("%d statements ran for refused batches", statements)
		}
	})
}
