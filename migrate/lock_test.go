package migrate_test

import (
	"context"
	"database/sql/driver"
	"errors"
	"testing"
	"time"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// TestLocker checks each dialect's dialect.Locker, which the migration
// lock rests on: one session at a time, a wait bounded by the context, the
// holder named, and the lock free again after unlock or when the holding
// connection closes.
func TestLocker(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		locker, ok := tg.Dialect.(dialect.Locker)
		if !ok {
			t.Fatalf("%s does not implement dialect.Locker", tg.Dialect.Name())
		}
		const key = "strata-test:lock"
		a, err := tg.DB.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		b, err := tg.DB.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		if h, err := locker.LockHolder(ctx, b, key); err != nil || h != "" {
			t.Fatalf("holder of a free lock: %q, %v", h, err)
		}
		unlockA, err := locker.Lock(ctx, a, key)
		if err != nil {
			t.Fatal(err)
		}
		holder, err := locker.LockHolder(ctx, b, key)
		if err != nil || holder == "" {
			t.Fatalf("holder: %q, %v", holder, err)
		}
		t.Logf("holder: %s", holder)
		short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
		start := time.Now()
		_, err = locker.Lock(short, b, key)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 3*time.Second {
			t.Fatalf("second Lock: %v after %s; want a deadline error after 300ms", err, time.Since(start))
		}
		if err := unlockA(ctx); err != nil {
			t.Fatal(err)
		}
		unlockB, err := locker.Lock(ctx, b, key)
		if err != nil {
			t.Fatalf("Lock after unlock: %v", err)
		}
		if err := unlockB(ctx); err != nil {
			t.Fatal(err)
		}
		// A lock held by a connection that goes away is freed with it.
		if _, err := locker.Lock(ctx, a, key); err != nil {
			t.Fatal(err)
		}
		if err := a.Raw(func(any) error { return errBadConn }); !errors.Is(err, errBadConn) {
			t.Fatalf("discarding the connection: %v", err)
		}
		a.Close()
		if tg.Dialect.Name() == "sqlite" {
			return // the file lock lives with the process, not the connection; TestKilledMidMigration covers it
		}
		deadline, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		unlockB, err = locker.Lock(deadline, b, key)
		if err != nil {
			t.Fatalf("Lock after the holder's connection closed: %v", err)
		}
		if err := unlockB(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

// errBadConn makes database/sql discard a connection instead of pooling it.
var errBadConn = driver.ErrBadConn
