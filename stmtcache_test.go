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
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
)

// wantCached is how many statements a DB over tg should keep after
// running n distinct cacheable ones: MySQL's and SQLite's drivers prepare
// each statement anew, so strata keeps them; pgx keeps its own.
func wantCached(tg *dialecttest.Target, n int) int {
	if tg.Dialect.Name() == "postgres" {
		return 0
	}
	return n
}

func TestStatementCache(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		petTables(t, tg)
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(Pet{})))(t)
		p := Pet{Name: "rex", OwnerID: 1}
		if err := strata.Create(ctx, db, &p); err != nil {
			t.Fatal(err)
		}
		for range 3 {
			got, err := strata.Find[Pet](db).ByPK(ctx, p.ID)
			if err != nil || *got != p {
				t.Fatalf("ByPK: %+v, %v", got, err)
			}
		}
		// The INSERT and the SELECT by primary key.
		if n := strata.CachedStatements(db); n != wantCached(tg, 2) {
			t.Fatalf("%d statements cached, want %d", n, wantCached(tg, 2))
		}

		// Hand-written SQL is not cached.
		if _, err := strata.RawAll[Pet](ctx, db, `SELECT * FROM pets WHERE id = ?`, p.ID); err != nil {
			t.Fatal(err)
		}
		if n := strata.CachedStatements(db); n != wantCached(tg, 2) {
			t.Fatalf("after RawAll: %d statements cached, want %d", n, wantCached(tg, 2))
		}

		// A cached statement survives its table being dropped and made
		// again: the database prepares it anew.
		for _, s := range []string{`DROP TABLE pets`, `DROP TABLE owners`} {
			if _, err := tg.DB.ExecContext(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := strata.Find[Pet](db).ByPK(ctx, p.ID); !isMissingTable(err) {
			t.Fatalf("ByPK on a dropped table: %v, want a missing-table error", err)
		}
		petTables(t, tg)
		q := Pet{Name: "fido", OwnerID: 1}
		if err := strata.Create(ctx, db, &q); err != nil {
			t.Fatal(err)
		}
		got, err := strata.Find[Pet](db).ByPK(ctx, q.ID)
		if err != nil || *got != q {
			t.Fatalf("ByPK after the table was made again: %+v, %v", got, err)
		}

		// Close closes the statements; a DB over a pool it does not own
		// still works after, unprepared.
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		if n := strata.CachedStatements(db); n != 0 {
			t.Fatalf("after Close: %d statements cached", n)
		}
		if _, err := strata.Find[Pet](db).ByPK(ctx, q.ID); err != nil {
			t.Fatalf("ByPK after Close of a DB over a pool it does not own: %v", err)
		}
	})
}

// isMissingTable reports whether err is strata's missing-table error.
func isMissingTable(err error) bool {
	var de *dialect.Error
	return errors.As(err, &de) && de.Kind == dialect.ErrNoTable
}

// TestStatementCacheEviction runs many goroutines over more distinct
// statements than the cache holds: statements are evicted while others
// still use them, and no query may find its statement closed.
func TestStatementCacheEviction(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		petTables(t, tg)
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(Pet{}), strata.WithStatementCache(2)))(t)
		t.Cleanup(func() { db.Close() })
		var pets []Pet
		for i := range 8 {
			pets = append(pets, Pet{Name: fmt.Sprintf("pet%d", i), OwnerID: 1})
		}
		if err := strata.BulkCreate(ctx, db, pets); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for g := range 8 {
			wg.Go(func() {
				for i := range 40 {
					// Five conditions, five statement texts; each matches
					// every pet.
					conds := []strata.Cond{strata.Gt("id", 0), strata.Gte("id", 1), strata.Ne("id", -1),
						strata.Lt("id", 1000), strata.Lte("id", 1000)}
					c := conds[(g+i)%len(conds)]
					got, err := strata.Find[Pet](db).Where(c).Order("id").All(ctx)
					if err == nil && len(got) != len(pets) {
						err = fmt.Errorf("%v gave %d rows, want %d", c, len(got), len(pets))
					}
					if err != nil {
						errs <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if n := strata.CachedStatements(db); n > 2 {
			t.Fatalf("%d statements cached, more than the 2 allowed", n)
		}
	})
}

func TestWithStatementCache(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		petTables(t, tg)
		if _, err := strata.New(tg.DB, tg.Dialect, strata.WithStatementCache(-1)); err == nil {
			t.Fatal("WithStatementCache(-1) accepted")
		}
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(Pet{}), strata.WithStatementCache(0)))(t)
		p := Pet{Name: "rex", OwnerID: 1}
		if err := strata.Create(ctx, db, &p); err != nil {
			t.Fatal(err)
		}
		if _, err := strata.Find[Pet](db).ByPK(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		if n := strata.CachedStatements(db); n != 0 {
			t.Fatalf("WithStatementCache(0): %d statements cached", n)
		}
	})
}

// TestStatementCacheInTransaction: in a transaction a cached statement is
// bound to it once and reused, by its savepoints too, for at most the
// cache's size of statement texts; one that fails is dropped, so the
// transaction can run it again once the cause is gone.
func TestStatementCacheInTransaction(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		petTables(t, tg)
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(Pet{}), strata.WithStatementCache(2)))(t)
		t.Cleanup(func() { db.Close() })
		pets := []Pet{{Name: "a", OwnerID: 1}, {Name: "b", OwnerID: 1}, {Name: "c", OwnerID: 1}}
		if err := strata.BulkCreate(ctx, db, pets); err != nil {
			t.Fatal(err)
		}
		err := db.Transaction(ctx, func(tx *strata.Tx) error {
			for range 3 {
				for _, p := range pets {
					got, err := strata.Find[Pet](tx).ByPK(ctx, p.ID)
					if err != nil || *got != p {
						t.Fatalf("ByPK in a transaction: %+v, %v", got, err)
					}
				}
			}
			if n := strata.TxStatements(tx); n != wantCached(tg, 1) {
				t.Fatalf("%d statements bound to the transaction, want %d", n, wantCached(tg, 1))
			}
			// A savepoint shares them.
			err := tx.Transaction(ctx, func(sp *strata.Tx) error {
				if err := strata.Update(ctx, sp, &Pet{ID: pets[0].ID, Name: "a2"}, "Name"); err != nil {
					return err
				}
				_, err := strata.Find[Pet](sp).Where(strata.Eq("name", "a2")).All(ctx)
				return err
			})
			if err != nil {
				return err
			}
			// Three statement texts now, two allowed: the third ran unprepared.
			if n := strata.TxStatements(tx); n != wantCached(tg, 2) {
				t.Fatalf("%d statements bound to the transaction, want %d", n, wantCached(tg, 2))
			}
			got, err := strata.Find[Pet](tx).Where(strata.Eq("name", "a2")).All(ctx)
			if err != nil || len(got) != 1 || got[0].ID != pets[0].ID {
				t.Fatalf("the savepoint's update, read in the transaction: %+v, %v", got, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// A statement kept for a transaction stays there after an error:
		// a loop that meets duplicate keys prepares nothing more (the
		// server holds its prepared statements until the transaction
		// ends). The INSERT is prepared on the transaction: the cache does
		// not have it, since it has only run in transactions.
		err = db.Transaction(ctx, func(tx *strata.Tx) error {
			if err := strata.Create(ctx, tx, &Pet{Name: "dup", OwnerID: 1}); err != nil {
				return err
			}
			for range 5 {
				// Each in a savepoint, as PostgreSQL needs after an error.
				err := tx.Transaction(ctx, func(sp *strata.Tx) error {
					return strata.Create(ctx, sp, &Pet{Name: "dup", OwnerID: 1})
				})
				var ue *strata.UniqueConstraintError
				if !errors.As(err, &ue) {
					t.Fatalf("a duplicate name: %v, want a *UniqueConstraintError", err)
				}
			}
			if n := strata.TxStatements(tx); n != wantCached(tg, 1) {
				t.Fatalf("after the duplicates: %d statements kept for the transaction, want %d", n, wantCached(tg, 1))
			}
			return errRollback
		})
		if !errors.Is(err, errRollback) {
			t.Fatal(err)
		}

		// A cancelled context ends the transaction at once, closing what is
		// bound to it: the next statement reports the cancellation.
		cctx, cancel := context.WithCancel(ctx)
		tx, err := db.Begin(cctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := strata.Find[Pet](tx).ByPK(cctx, pets[1].ID); err != nil {
			t.Fatal(err)
		}
		cancel()
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
			var one int
			if err := tx.SQL().QueryRowContext(ctx, "SELECT 1").Scan(&one); errors.Is(err, sql.ErrTxDone) {
				break // database/sql has rolled the transaction back
			}
			if time.Now().After(deadline) {
				t.Fatal("the transaction did not end when its context was cancelled")
			}
		}
		if _, err := strata.Find[Pet](tx).ByPK(cctx, pets[1].ID); !errors.Is(err, context.Canceled) && !errors.Is(err, sql.ErrTxDone) {
			t.Fatalf("ByPK in a cancelled transaction: %v, want context.Canceled or sql.ErrTxDone", err)
		}

		if tg.Dialect.Name() == "postgres" {
			return // an error aborts a PostgreSQL transaction, and pgx keeps its own statements
		}

		// A cached statement whose table is gone fails in a transaction
		// (binding it to the transaction's connection prepares it anew:
		// with no idle connections kept, the one it was prepared on is
		// gone), and works again in the same transaction once the table
		// is back.
		if _, err := strata.Find[Pet](db).ByPK(ctx, pets[1].ID); err != nil {
			t.Fatal(err)
		}
		tg.DB.SetMaxIdleConns(0)
		for _, s := range []string{`DROP TABLE pets`, `DROP TABLE owners`} {
			if _, err := tg.DB.ExecContext(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		err = db.Transaction(ctx, func(tx *strata.Tx) error {
			if _, err := strata.Find[Pet](tx).ByPK(ctx, pets[1].ID); !isMissingTable(err) {
				t.Fatalf("ByPK on a dropped table in a transaction: %v, want a missing-table error", err)
			}
			if _, err := strata.Exec(ctx, tx, `CREATE TABLE pets (id INTEGER PRIMARY KEY, name VARCHAR(20), ownerId INTEGER)`); err != nil {
				return err
			}
			if _, err := strata.Exec(ctx, tx, `INSERT INTO pets (id, name, ownerId) VALUES (?, 'z', 1)`, pets[1].ID); err != nil {
				return err
			}
			got, err := strata.Find[Pet](tx).ByPK(ctx, pets[1].ID)
			if err != nil || got.Name != "z" {
				t.Fatalf("ByPK once the table is back, in the same transaction: %+v, %v", got, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// TestStatementCacheOneConnection: with a pool of one connection, which a
// transaction holds, a statement the cache does not have yet is prepared
// on the transaction, not on the pool (which would wait for ever).
func TestStatementCacheOneConnection(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		petTables(t, tg)
		tg.DB.SetMaxOpenConns(1)
		ctx, cancel := context.WithTimeout(testCtx(t), 20*time.Second)
		defer cancel()
		db := must(strata.New(tg.DB, tg.Dialect, strata.WithModels(Pet{})))(t)
		err := db.Transaction(ctx, func(tx *strata.Tx) error {
			p := Pet{Name: "rex", OwnerID: 1}
			if err := strata.Create(ctx, tx, &p); err != nil {
				return err
			}
			got, err := strata.Find[Pet](tx).ByPK(ctx, p.ID)
			if err != nil || *got != p {
				t.Fatalf("ByPK: %+v, %v", got, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// Outside the transaction the connection is free again, and the
		// statements go to the cache as usual.
		if _, err := strata.Find[Pet](db).Where(strata.Eq("name", "rex")).All(ctx); err != nil {
			t.Fatal(err)
		}
		if n := strata.CachedStatements(db); n != wantCached(tg, 1) {
			t.Fatalf("%d statements cached, want %d", n, wantCached(tg, 1))
		}
	})
}
