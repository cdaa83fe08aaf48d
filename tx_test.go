package strata_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

func canaries(t *testing.T, db *strata.DB) []string {
	t.Helper()
	var out []string
	for _, c := range must(strata.Find[Canary](db).Order("id").All(testCtx(t)))(t) {
		out = append(out, c.Value)
	}
	return out
}

func TestTransactions(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		add := func(c strata.Conn, v string) error { return strata.Create(ctx, c, &Canary{Value: v}) }

		t.Run("commit", func(t *testing.T) {
			err := db.Transaction(ctx, func(tx *strata.Tx) error { return add(tx, "committed") })
			if err != nil {
				t.Fatal(err)
			}
		})
		t.Run("error rolls back", func(t *testing.T) {
			boom := errors.New("boom")
			err := db.Transaction(ctx, func(tx *strata.Tx) error {
				if err := add(tx, "rolled back"); err != nil {
					return err
				}
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("got %v", err)
			}
		})
		t.Run("panic rolls back and re-panics", func(t *testing.T) {
			func() {
				defer func() {
					if p := recover(); p != "kaboom" {
						t.Errorf("recovered %v, want kaboom", p)
					}
				}()
				_ = db.Transaction(ctx, func(tx *strata.Tx) error {
					if err := add(tx, "panicked"); err != nil {
						return err
					}
					panic("kaboom")
				})
			}()
			if n := tg.DB.Stats().InUse; n != 0 {
				t.Errorf("%d connections in use after the panic", n)
			}
		})
		t.Run("nested savepoint", func(t *testing.T) {
			inner := errors.New("inner fails")
			err := db.Transaction(ctx, func(tx *strata.Tx) error {
				if err := add(tx, "outer"); err != nil {
					return err
				}
				if err := tx.Transaction(ctx, func(tx2 *strata.Tx) error {
					if err := add(tx2, "inner"); err != nil {
						return err
					}
					return inner
				}); !errors.Is(err, inner) {
					return fmt.Errorf("inner transaction: %v", err)
				}
				// A failed statement inside a savepoint leaves the outer
				// transaction usable (PostgreSQL aborts without it).
				_ = tx.Transaction(ctx, func(tx2 *strata.Tx) error {
					return strata.Create(ctx, tx2, &User{Email: "x@y.z", LastName: "x", ID: -1})
				})
				_ = tx.Transaction(ctx, func(tx2 *strata.Tx) error {
					_, err := strata.Exec(ctx, tx2, "SELECT * FROM no_such_table")
					return err
				})
				if err := tx.Transaction(ctx, func(tx2 *strata.Tx) error {
					if err := tx2.Commit(); err == nil {
						return errors.New("Commit on a savepoint accepted")
					}
					return add(tx2, "inner kept")
				}); err != nil {
					return err
				}
				if n := must(strata.Find[Canary](tx).Where(strata.In("value", []string{"outer", "inner kept"})).Count(ctx))(t); n != 2 {
					return fmt.Errorf("inside the transaction: %d rows", n)
				}
				return inner // roll everything back
			})
			if !errors.Is(err, inner) {
				t.Fatalf("outer transaction: %v", err)
			}
			err = db.Transaction(ctx, func(tx *strata.Tx) error {
				if err := add(tx, "outer"); err != nil {
					return err
				}
				_ = tx.Transaction(ctx, func(tx2 *strata.Tx) error {
					if err := add(tx2, "inner"); err != nil {
						return err
					}
					return errors.New("inner fails")
				})
				return tx.Transaction(ctx, func(tx2 *strata.Tx) error { return add(tx2, "inner kept") })
			})
			if err != nil {
				t.Fatal(err)
			}
		})
		t.Run("cancel", func(t *testing.T) {
			cctx, cancel := context.WithCancel(ctx)
			err := db.Transaction(cctx, func(tx *strata.Tx) error {
				if err := add(tx, "cancelled"); err != nil {
					return err
				}
				cancel()
				return strata.Create(cctx, tx, &Canary{Value: "never"})
			})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("after cancel: %v", err)
			}
		})
		t.Run("options", func(t *testing.T) {
			err := db.Transaction(ctx, func(tx *strata.Tx) error {
				_, err := strata.Find[Canary](tx).Where(strata.Eq("value", "committed")).ForUpdate().All(ctx)
				return err
			}, strata.Isolation(sql.LevelSerializable))
			if err != nil {
				t.Fatal(err)
			}
			err = db.Transaction(ctx, func(tx *strata.Tx) error {
				_, err := strata.Find[Canary](tx).ForShare().All(ctx)
				if err != nil {
					return err
				}
				return tx.Transaction(ctx, func(*strata.Tx) error { return nil }, strata.ReadOnly())
			}, strata.ReadOnly())
			if err == nil {
				t.Fatalf("options on a savepoint accepted")
			}
		})
		want := []string{"committed", "outer", "inner kept"}
		if got := canaries(t, db); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("canaries %v, want %v", got, want)
		}
		if n := tg.DB.Stats().InUse; n != 0 {
			t.Errorf("%d connections in use", n)
		}
	})
}

// Goroutines racing to FindOrCreate one key make one row; exactly one of
// them reports created (RELIABILITY 42).
func TestFindOrCreateRace(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		const workers, rounds = 8, 15
		for round := range rounds {
			email := fmt.Sprintf("race%d@shop.test", round)
			var wg sync.WaitGroup
			ids := make([]int, workers)
			created := make([]bool, workers)
			errs := make([]error, workers)
			start := make(chan struct{})
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					run := func(c strata.Conn) error {
						u, ok, err := strata.Find[User](c).Where(strata.Eq("email", email)).FindOrCreate(ctx, &User{LastName: "Racer"})
						if err == nil {
							ids[w], created[w] = u.ID, ok
						}
						return err
					}
					if w%2 == 0 {
						errs[w] = run(db)
					} else {
						errs[w] = db.Transaction(ctx, func(tx *strata.Tx) error { return run(tx) })
					}
				}()
			}
			close(start)
			wg.Wait()
			n := 0
			for w := range workers {
				if errs[w] != nil {
					t.Fatalf("round %d worker %d: %v", round, w, errs[w])
				}
				if created[w] {
					n++
				}
				if ids[w] != ids[0] {
					t.Fatalf("round %d: ids differ: %v", round, ids)
				}
			}
			if n != 1 {
				t.Fatalf("round %d: %d callers created the row", round, n)
			}
			if c := must(strata.Find[User](db).Where(strata.Eq("email", email)).Count(ctx))(t); c != 1 {
				t.Fatalf("round %d: %d rows", round, c)
			}
		}
		// Without a unique key among the where columns, FindOrCreate refuses.
		_, _, err := strata.Find[User](db).Where(strata.Eq("lastName", "x")).FindOrCreate(ctx, nil)
		if err == nil {
			t.Errorf("FindOrCreate on a non-unique column accepted")
		}
		_, _, err = strata.Find[User](db).Where(strata.Gt("id", 1)).FindOrCreate(ctx, nil)
		if err == nil {
			t.Errorf("FindOrCreate on a range accepted")
		}
	})
}

// With the pool exhausted by open transactions, a query on the root handle
// fails at its context's deadline instead of hanging, and every connection
// comes back (RELIABILITY 48).
func TestPoolExhaustion(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		tg.DB.SetMaxOpenConns(2)
		defer tg.DB.SetMaxOpenConns(0)
		var txs []*strata.Tx
		for range 2 {
			tx, err := db.Begin(ctx, strata.ReadOnly())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := strata.Find[Canary](tx).Count(ctx); err != nil {
				t.Fatal(err)
			}
			txs = append(txs, tx)
		}
		short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := strata.Find[Canary](db).Count(short)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("query with the pool exhausted: %v", err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("waited %v", d)
		}
		for _, tx := range txs {
			if err := tx.Rollback(); err != nil {
				t.Fatal(err)
			}
		}
		if err := txs[0].Rollback(); !errors.Is(err, sql.ErrTxDone) {
			t.Errorf("second Rollback: %v", err)
		}
		if n := tg.DB.Stats().InUse; n != 0 {
			t.Errorf("%d connections in use", n)
		}
	})
}
