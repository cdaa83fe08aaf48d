package strata_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/strata-orm/strata"
	"github.com/strata-orm/strata/dialecttest"
)

// QueueJob is a job of a queue table, taken by workers with row locks.
type QueueJob struct {
	ID    int
	State string
}

func queueDB(t *testing.T, tg *dialecttest.Target) *strata.DB {
	t.Helper()
	ctx := testCtx(t)
	db, err := strata.New(tg.DB, tg.Dialect, strata.WithModels(QueueJob{}))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := strata.Create(ctx, db, &QueueJob{State: "ready"}); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// holdFirst starts a transaction that locks job 1 FOR UPDATE and keeps it
// until the returned function ends it.
func holdFirst(t *testing.T, db *strata.DB) func() {
	t.Helper()
	ctx := testCtx(t)
	tx, err := db.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := strata.Find[QueueJob](tx).Where(strata.Eq("id", 1)).ForUpdate().All(ctx); err != nil {
		t.Fatal(err)
	}
	return func() {
		if err := tx.Rollback(); err != nil {
			t.Error(err)
		}
	}
}

// Workers taking jobs with SKIP LOCKED each get rows the others do not
// hold, and NOWAIT fails at once on a held row with ErrDeadlock's kind;
// the options render per server or are refused with an
// *UnsupportedError, the same message on every database.
func TestRowLockOptions(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		db := queueDB(t, tg)
		take := func(c strata.Conn, opts ...strata.LockOption) ([]QueueJob, error) {
			return strata.Find[QueueJob](c).Where(strata.Eq("state", "ready")).Order("id").Limit(1).ForUpdate(opts...).All(ctx)
		}
		if tg.Dialect.Name() == "sqlite" {
			// No row locks: the clause and its options are left out, and a
			// write transaction holds the whole database.
			err := db.Transaction(ctx, func(tx *strata.Tx) error {
				for _, opts := range [][]strata.LockOption{{strata.SkipLocked()}, {strata.NoWait()}, {strata.LockOf("queueJobs")}} {
					jobs, err := take(tx, opts...)
					if err != nil {
						return err
					}
					if len(jobs) != 1 || jobs[0].ID != 1 {
						t.Errorf("sqlite: took %+v, want job 1", jobs)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return
		}
		release := holdFirst(t, db)
		defer release()

		err := db.Transaction(ctx, func(tx *strata.Tx) error {
			jobs, err := take(tx, strata.SkipLocked())
			if err != nil {
				return err
			}
			if len(jobs) != 1 || jobs[0].ID != 2 {
				t.Errorf("SkipLocked took %+v, want job 2 (job 1 is held)", jobs)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("SkipLocked: %v", err)
		}

		err = db.Transaction(ctx, func(tx *strata.Tx) error {
			_, err := take(tx, strata.NoWait())
			return err
		})
		if !errors.Is(err, strata.ErrDeadlock) {
			t.Fatalf("NoWait on a held row: %v, want an error matching ErrDeadlock", err)
		}

		// FOR SHARE with SKIP LOCKED: a shared lock skips the row held for update.
		err = db.Transaction(ctx, func(tx *strata.Tx) error {
			jobs, err := strata.Find[QueueJob](tx).Order("id").ForShare(strata.SkipLocked()).All(ctx)
			if err != nil {
				return err
			}
			if len(jobs) != 2 || jobs[0].ID != 2 {
				t.Errorf("ForShare(SkipLocked) read %+v, want jobs 2 and 3", jobs)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("ForShare(SkipLocked): %v", err)
		}

		err = db.Transaction(ctx, func(tx *strata.Tx) error {
			jobs, err := take(tx, strata.LockOf("queueJobs"), strata.SkipLocked())
			if err == nil && (len(jobs) != 1 || jobs[0].ID != 2) {
				t.Errorf("LockOf took %+v, want job 2", jobs)
			}
			return err
		})
		var ue *strata.UnsupportedError
		switch {
		case tg.Dialect.Name() == "mysql" && strings.Contains(strings.ToLower(tg.Strings(t, "SELECT VERSION()")[0]), "mariadb"):
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), "OF") || ue.Dialect != "mysql" {
				t.Fatalf("LockOf on MariaDB: %v, want an *UnsupportedError naming OF", err)
			}
		case err != nil:
			t.Fatalf("LockOf: %v", err)
		}
	})
}

// Lock options that contradict each other or name a table the query does
// not read are refused before any SQL runs, on every database.
func TestRowLockOptionErrors(t *testing.T) {
	each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		queueDB(t, tg)
		var ran int
		db2, err := strata.New(tg.DB, tg.Dialect, strata.WithModels(QueueJob{}),
			strata.WithQueryHook(strata.QueryHookFunc(func(context.Context, *strata.QueryEvent) { ran++ })))
		if err != nil {
			t.Fatal(err)
		}
		for name, opts := range map[string][]strata.LockOption{
			"both waits":    {strata.SkipLocked(), strata.NoWait()},
			"unknown table": {strata.LockOf("orders")},
			"no table":      {strata.LockOf()},
			"nil option":    {nil},
		} {
			_, err := strata.Find[QueueJob](db2).ForUpdate(opts...).All(ctx)
			if err == nil {
				t.Errorf("%s: accepted", name)
				continue
			}
			if name == "unknown table" && !strings.Contains(err.Error(), `"queueJobs"`) {
				t.Errorf("%s: %v does not name the table the query reads", name, err)
			}
		}
		if ran != 0 {
			t.Errorf("%d statements ran for refused locks", ran)
		}
	})
}
