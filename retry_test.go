package strata_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
)

// crossed runs two transactions that update two rows in opposite orders,
// both holding their first row before either asks for its second (on
// their first run only): the database fails one of them with a deadlock.
// It returns both errors and how many times each function ran. Without
// meet (SQLite, where one write transaction waits for the other to end)
// they only run at once.
func crossed(ctx context.Context, db *strata.DB, meet bool, a, b int, opts ...strata.TxOption) ([2]error, [2]int32) {
	var errs [2]error
	var runs [2]atomic.Int32
	var held sync.WaitGroup
	if meet {
		held.Add(2)
	}
	var wg sync.WaitGroup
	for i, order := range [][2]int{{a, b}, {b, a}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = db.Transaction(ctx, func(tx *strata.Tx) error {
				first := runs[i].Add(1) == 1
				set := func(id int) error {
					_, err := strata.Find[Canary](tx).Where(strata.Eq("id", id)).Update(ctx, strata.Fields{"value": fmt.Sprintf("tx %d", i)})
					return err
				}
				if err := set(order[0]); err != nil {
					return err
				}
				if first && meet {
					held.Done()
					held.Wait()
				}
				return set(order[1])
			}, opts...)
		}()
	}
	wg.Wait()
	return errs, [2]int32{runs[0].Load(), runs[1].Load()}
}

// TestReliabilityTransactionRetry: a transaction that loses a real
// deadlock (PostgreSQL, MySQL/MariaDB) or serialization race (PostgreSQL
// REPEATABLE READ) fails with an error errors.Is ErrDeadlock or
// ErrSerialization; with Retry it runs again and commits. Other errors
// are never retried, a done context stops the retries, and Retry is
// refused where it cannot apply; on every dialect.
func TestReliabilityTransactionRetry(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := shop(t, tg)
		a, b := Canary{Value: "a"}, Canary{Value: "b"}
		ok(t, strata.Create(ctx, db, &a))
		ok(t, strata.Create(ctx, db, &b))
		server := tg.Dialect.Name() != "sqlite" // SQLite runs one writer at a time: no deadlock

		if server {
			t.Run("deadlock without Retry", func(t *testing.T) {
				errs, runs := crossed(ctx, db, true, a.ID, b.ID)
				lost := 0
				for _, err := range errs {
					if err != nil {
						lost++
						if !errors.Is(err, strata.ErrDeadlock) || !strata.Retryable(err) {
							t.Errorf("deadlock error %v is not errors.Is ErrDeadlock", err)
						}
					}
				}
				if lost != 1 || runs != [2]int32{1, 1} {
					t.Errorf("%d of 2 transactions failed, runs %v; want one deadlock and one run each", lost, runs)
				}
			})
		}
		t.Run("deadlock with Retry", func(t *testing.T) {
			errs, runs := crossed(ctx, db, server, a.ID, b.ID, strata.Retry(3))
			for i, err := range errs {
				if err != nil {
					t.Errorf("transaction %d with Retry(3): %v", i, err)
				}
			}
			want := int32(2)
			if server {
				want = 3 // the loser ran twice
			}
			if runs[0]+runs[1] != want {
				t.Errorf("runs %v, want %d in all", runs, want)
			}
			if got := canaries(t, db); len(got) != 2 || got[0] != got[1] {
				t.Errorf("canaries %v: the two rows should hold the value of the transaction that committed last", got)
			}
		})
		if tg.Dialect.Name() == "postgres" {
			t.Run("serialization failure", func(t *testing.T) {
				for _, retry := range []bool{false, true} {
					var opts []strata.TxOption
					if retry {
						opts = append(opts, strata.Retry(2))
					}
					opts = append(opts, strata.Isolation(sql.LevelRepeatableRead))
					read, updated := make(chan struct{}), make(chan struct{})
					var runs atomic.Int32
					var wg sync.WaitGroup
					var errRR error
					wg.Add(1)
					go func() {
						defer wg.Done()
						errRR = db.Transaction(ctx, func(tx *strata.Tx) error {
							n := runs.Add(1)
							if _, err := strata.Find[Canary](tx).ByPK(ctx, a.ID); err != nil {
								return err
							}
							if n == 1 {
								close(read)
								<-updated
							}
							_, err := strata.Find[Canary](tx).Where(strata.Eq("id", a.ID)).Update(ctx, strata.Fields{"value": "rr"})
							return err
						}, opts...)
					}()
					<-read
					_, err := strata.Find[Canary](db).Where(strata.Eq("id", a.ID)).Update(ctx, strata.Fields{"value": "other"})
					ok(t, err)
					close(updated)
					wg.Wait()
					switch {
					case !retry && (!errors.Is(errRR, strata.ErrSerialization) || errors.Is(errRR, strata.ErrDeadlock)):
						t.Errorf("REPEATABLE READ update of a row changed since: %v, want errors.Is ErrSerialization", errRR)
					case retry && (errRR != nil || runs.Load() != 2):
						t.Errorf("with Retry: %v after %d runs, want a commit on the second", errRR, runs.Load())
					}
				}
			})
		}
		t.Run("other errors are not retried", func(t *testing.T) {
			boom := errors.New("boom")
			var runs int
			err := db.Transaction(ctx, func(tx *strata.Tx) error {
				runs++
				if err := strata.Create(ctx, tx, &Canary{Value: "rolled back"}); err != nil {
					return err
				}
				return boom
			}, strata.Retry(5))
			if !errors.Is(err, boom) || runs != 1 {
				t.Errorf("got %v after %d runs, want boom after one", err, runs)
			}
			// A unique violation is an answer, not a race.
			runs = 0
			err = db.Transaction(ctx, func(tx *strata.Tx) error {
				runs++
				return strata.Create(ctx, tx, &Product{Name: "dup", Price: "1.00"})
			}, strata.Retry(5))
			ok(t, err)
			runs = 0
			err = db.Transaction(ctx, func(tx *strata.Tx) error {
				runs++
				return strata.Create(ctx, tx, &Product{Name: "dup", Price: "1.00"})
			}, strata.Retry(5))
			var ue *strata.UniqueConstraintError
			if !errors.As(err, &ue) || runs != 1 || strata.Retryable(err) {
				t.Errorf("duplicate: %v after %d runs, want a UniqueConstraintError after one", err, runs)
			}
		})
		t.Run("a done context stops the retries", func(t *testing.T) {
			// What the database returns for a lost deadlock, as fn would
			// pass it on; the transaction itself is real.
			lost := &strata.DatabaseError{SQL: "UPDATE", Kind: dialect.ErrDeadlock, Err: errors.New("deadlock detected")}
			cctx, cancel := context.WithCancel(ctx)
			var runs int
			err := db.Transaction(cctx, func(tx *strata.Tx) error {
				runs++
				if runs == 2 {
					cancel()
				}
				return fmt.Errorf("in fn: %w", lost)
			}, strata.Retry(100))
			if !errors.Is(err, strata.ErrDeadlock) || !errors.Is(err, context.Canceled) || runs > 3 {
				t.Errorf("got %v after %d runs, want the deadlock and context.Canceled after at most 3", err, runs)
			}
			// Without Retry a lost race runs once.
			runs = 0
			err = db.Transaction(ctx, func(tx *strata.Tx) error { runs++; return lost })
			if !errors.Is(err, strata.ErrDeadlock) || runs != 1 {
				t.Errorf("without Retry: %v after %d runs", err, runs)
			}
			// Retry(n) runs at most n+1 times.
			runs = 0
			start := time.Now()
			err = db.Transaction(ctx, func(tx *strata.Tx) error { runs++; return lost }, strata.Retry(4))
			if !errors.Is(err, strata.ErrDeadlock) || runs != 5 || time.Since(start) > 5*time.Second {
				t.Errorf("Retry(4): %v after %d runs in %v, want 5 runs", err, runs, time.Since(start))
			}
		})
		t.Run("Retry where it cannot apply", func(t *testing.T) {
			if _, err := db.Begin(ctx, strata.Retry(2)); err == nil || !strings.Contains(err.Error(), "Retry is an option of DB.Transaction") {
				t.Errorf("Begin with Retry: %v", err)
			}
			err := db.Transaction(ctx, func(*strata.Tx) error { t.Error("fn ran"); return nil }, strata.Retry(-1))
			if err == nil || !strings.Contains(err.Error(), "Retry(-1)") {
				t.Errorf("Retry(-1): %v", err)
			}
			err = db.Transaction(ctx, func(tx *strata.Tx) error {
				return tx.Transaction(ctx, func(*strata.Tx) error { return nil }, strata.Retry(1))
			})
			if err == nil || !strings.Contains(err.Error(), "takes no options") {
				t.Errorf("savepoint with Retry: %v", err)
			}
		})
		t.Logf("figure: a lost deadlock is errors.Is ErrDeadlock and Retry commits it; other errors run once")
	})
}
