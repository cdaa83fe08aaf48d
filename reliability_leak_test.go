package strata_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// TestReliabilityRowsLeak is RELIABILITY scenario 49: reads abandoned
// early (a break out of Each), ended by a panicking or failing AfterFind
// hook, or by a scan error, return their connection: across the loop the
// pool never opens more than its size and at the end no connection is in
// use (go-sql-driver/mysql#566, GORM #7798).
func TestReliabilityRowsLeak(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var mode atomic.Int32 // 0: hooks pass, 1: AfterFind panics, 2: AfterFind fails
		errHook := errors.New("after find refused")
		db := shop(t, tg, strata.WithHook(strata.AfterFind, func(context.Context, strata.Conn, any) error {
			switch mode.Load() {
			case 1:
				panic("after find panics")
			case 2:
				return errHook
			}
			return nil
		}))
		const pool = 3
		tg.DB.SetMaxOpenConns(pool)
		users := make([]User, 20)
		for i := range users {
			users[i] = User{LastName: "l", Email: fmt.Sprintf("u%d@x.io", i)}
		}
		if err := strata.BulkCreate(ctx, db, users); err != nil {
			t.Fatal(err)
		}
		n := 1000
		if testing.Short() {
			n = 200
		}
		maxOpen, panics, failed, leaked := 0, 0, 0, 0
		for i := range n {
			switch i % 5 {
			case 0: // break out of Each after the first row
				mode.Store(0)
				for u, err := range strata.Find[User](db).Order("id").Each(ctx) {
					if err != nil || u == nil {
						t.Fatalf("Each: %v", err)
					}
					break
				}
			case 1: // AfterFind panics in All
				mode.Store(1)
				func() {
					defer func() {
						if recover() != nil {
							panics++
						}
					}()
					_, _ = strata.Find[User](db).All(ctx)
				}()
			case 2: // AfterFind fails in Each
				mode.Store(2)
				for _, err := range strata.Find[User](db).Each(ctx) {
					if errors.Is(err, errHook) {
						failed++
					}
				}
			case 3: // scan error: a text column into an int
				mode.Store(0)
				if _, err := strata.RawAll[int](ctx, db, "SELECT "+quoted(t, db, User{}, "Email")+" FROM users"); err != nil {
					failed++
				}
			case 4: // panic inside the range body
				mode.Store(0)
				func() {
					defer func() {
						if recover() != nil {
							panics++
						}
					}()
					for range strata.Find[User](db).Each(ctx) {
						panic("body panics")
					}
				}()
			}
			st := tg.DB.Stats()
			if st.OpenConnections > maxOpen {
				maxOpen = st.OpenConnections
			}
			if st.InUse != 0 {
				leaked++
			}
		}
		mode.Store(0)
		st := tg.DB.Stats()
		if leaked != 0 {
			t.Errorf("%d of %d reads left a connection in use after they returned", leaked, n)
		}
		if st.InUse != 0 || maxOpen > pool {
			t.Errorf("after %d reads: %d connections in use, at most %d open (pool %d)", n, st.InUse, maxOpen, pool)
		}
		if want := 2 * n / 5; panics != want || failed != want {
			t.Errorf("%d panics and %d errors, want %d each", panics, failed, want)
		}
		if c := must(strata.Find[User](db).Count(ctx))(t); c != int64(len(users)) {
			t.Errorf("%d users after the loop", c)
		}
		t.Logf("figure: %d abandoned reads (break, hook panic, hook error, scan error, body panic), at most %d of %d connections open, %d reads left one in use, %d in use at the end", n, maxOpen, pool, leaked, st.InUse)
	})
}
