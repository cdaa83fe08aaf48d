package strata_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
)

// lockRace is one pair of association writes that touch the same rows in
// different orders, run at once many times.
type lockRace struct {
	name string
	// setup creates the rows of one round and returns the two writes.
	setup func(t *testing.T, ctx context.Context, db *strata.DB, round int) (a, b func() error)
}

// isLockLoss reports an error of a transaction that lost a lock conflict
// (deadlock, serialization failure, lock wait timeout, SQLite BUSY), by
// the dialect's classification, which main already has.
func isLockLoss(err error) bool {
	var de *dialect.Error
	return errors.As(err, &de) && de.Kind == dialect.ErrDeadlock
}

// lockRaces are the pairs: each is a deadlock when a helper takes its
// locks in the order its arguments came, or lets the database take them
// in the order of the statements it runs.
func lockRaces() []lockRace {
	made := 0 // products made, for unique names
	products := func(t *testing.T, ctx context.Context, db *strata.DB, _, n int) []any {
		keys := make([]any, n)
		for i := range keys {
			made++
			p := Product{Name: fmt.Sprintf("lock %d", made), Price: "1.00"}
			ok(t, strata.Create(ctx, db, &p))
			keys[i] = p.ID
		}
		return keys
	}
	order := func(t *testing.T, ctx context.Context, db *strata.DB) *Order {
		o := &Order{Total: "1.00"}
		ok(t, strata.Create(ctx, db, o))
		return o
	}
	rev := func(keys []any) []any { r := slices.Clone(keys); slices.Reverse(r); return r }
	return []lockRace{
		{"Set and Add of one order", func(t *testing.T, ctx context.Context, db *strata.DB, round int) (func() error, func() error) {
			o, ps := order(t, ctx, db), products(t, ctx, db, round, 3)
			return func() error { return orderProducts.Through(strata.Fields{"quantity": 2}).SetKeys(ctx, db, o, ps...) },
				func() error {
					return orderProducts.Through(strata.Fields{"quantity": 3}).AddKeys(ctx, db, o, ps[2], ps[0])
				}
		}},
		{"Adds of one order's products in opposite orders", func(t *testing.T, ctx context.Context, db *strata.DB, round int) (func() error, func() error) {
			o, ps := order(t, ctx, db), products(t, ctx, db, round, 4)
			return func() error { return orderProducts.Through(strata.Fields{"quantity": 2}).AddKeys(ctx, db, o, ps...) },
				func() error {
					return orderProducts.Through(strata.Fields{"quantity": 3}).AddKeys(ctx, db, o, rev(ps)...)
				}
		}},
		{"Remove and Set of linked products", func(t *testing.T, ctx context.Context, db *strata.DB, round int) (func() error, func() error) {
			o, ps := order(t, ctx, db), products(t, ctx, db, round, 4)
			ok(t, orderProducts.AddKeys(ctx, db, o, ps...))
			return func() error { return orderProducts.RemoveKeys(ctx, db, o, ps[3], ps[2], ps[1]) },
				func() error {
					return orderProducts.Through(strata.Fields{"quantity": 5}).SetKeys(ctx, db, o, rev(ps)...)
				}
		}},
		{"order.addProduct and product.setOrders of one pair", func(t *testing.T, ctx context.Context, db *strata.DB, round int) (func() error, func() error) {
			o, ps := order(t, ctx, db), products(t, ctx, db, round, 1)
			p := Product{ID: ps[0].(int)}
			return func() error { return orderProducts.Through(strata.Fields{"quantity": 2}).AddKeys(ctx, db, o, ps[0]) },
				func() error { return productOrders.Through(strata.Fields{"quantity": 3}).SetKeys(ctx, db, &p, o.ID) }
		}},
		{"hasMany Set and Add of one user's orders", func(t *testing.T, ctx context.Context, db *strata.DB, round int) (func() error, func() error) {
			u := User{Email: fmt.Sprintf("lock%dc@example.com", round)}
			ok(t, strata.Create(ctx, db, &u))
			o1, o2, o3 := order(t, ctx, db), order(t, ctx, db), order(t, ctx, db)
			return func() error { return userOrders.SetKeys(ctx, db, &u, o1.ID, o2.ID, o3.ID) },
				func() error { return userOrders.AddKeys(ctx, db, &u, o3.ID, o1.ID) }
		}},
		{"hasMany Sets of two users taking the same orders", func(t *testing.T, ctx context.Context, db *strata.DB, round int) (func() error, func() error) {
			u1 := User{Email: fmt.Sprintf("lock%da@example.com", round)}
			u2 := User{Email: fmt.Sprintf("lock%db@example.com", round)}
			ok(t, strata.Create(ctx, db, &u1))
			ok(t, strata.Create(ctx, db, &u2))
			o1, o2, o3 := order(t, ctx, db), order(t, ctx, db), order(t, ctx, db)
			ok(t, userOrders.AddKeys(ctx, db, &u1, o1.ID, o2.ID))
			ok(t, userOrders.AddKeys(ctx, db, &u2, o3.ID))
			return func() error { return userOrders.SetKeys(ctx, db, &u1, o3.ID, o1.ID) },
				func() error { return userOrders.SetKeys(ctx, db, &u2, o1.ID, o2.ID) }
		}},
	}
}

// lockRounds is how many times each pair runs: enough that on main
// (helpers locking in argument order) PostgreSQL and MariaDB deadlock in
// most runs of the test.
const lockRounds = 40

// TestReliabilityAssocLockOrder runs pairs of concurrent association
// writes (Set against Add, Adds in opposite orders, Remove against Set,
// the two sides of one pair, hasMany moves) on one set of rows, many
// rounds each: no write fails, none with a deadlock, on every dialect.
func TestReliabilityAssocLockOrder(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		db := shop(t, tg)
		ctx := testCtx(t)
		runs, losses := 0, 0
		for _, r := range lockRaces() {
			lost := 0
			for round := range lockRounds {
				a, b := r.setup(t, ctx, db, round)
				var start, done sync.WaitGroup
				start.Add(1)
				errs := make([]error, 2)
				for i, f := range []func() error{a, b} {
					done.Add(1)
					go func() {
						defer done.Done()
						start.Wait()
						errs[i] = f()
					}()
				}
				start.Done()
				done.Wait()
				runs += 2
				for _, err := range errs {
					switch {
					case err == nil:
					case isLockLoss(err):
						lost++
					default:
						t.Errorf("%s, round %d: %v", r.name, round, err)
					}
				}
			}
			if lost > 0 {
				t.Errorf("%s: %d of %d writes lost a lock conflict (deadlock)", r.name, lost, 2*lockRounds)
			}
			losses += lost
		}
		t.Logf("figure: %d deadlocks in %d concurrent association writes", losses, runs)
	})
}
