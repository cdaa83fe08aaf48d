package migrate_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
)

// TestReliabilityKilledConnection is RELIABILITY scenario 15: while a
// migration blocks in a statement, the test ends its server session
// (pg_terminate_backend on PostgreSQL, KILL on MariaDB). The run fails at
// once with an error naming the migration; the lock is free (the next run
// gets it without waiting); on PostgreSQL nothing of the migration
// remains and the next run applies it, on MariaDB the record says where it
// stopped and the repair it suggests reaches the end state.
func TestReliabilityKilledConnection(t *testing.T) {
	for _, s := range dbtest.Servers() {
		if s.Dialect.Name() == "sqlite" {
			continue // no server session to end
		}
		t.Run(s.Dialect.Name(), func(t *testing.T) {
			tg := dialecttest.Fresh(t, s.Dialect, s.URL)
			ctx := testCtx(t)
			m := newMigrator(t, tg, migrate.WithGo(killMigrations(tg.Dialect, false)))
			done := make(chan error, 1)
			start := time.Now()
			go func() {
				_, err := m.Up(ctx)
				done <- err
			}()
			id := waitForSleeper(t, tg)
			killed := time.Now()
			switch tg.Dialect.Name() {
			case "postgres":
				tg.Exec(t, "SELECT pg_terminate_backend($1)", id)
			default:
				tg.Exec(t, fmt.Sprintf("KILL %d", id))
			}
			var err error
			select {
			case err = <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("Up did not return within 20s of its connection being killed")
			}
			failedAfter := time.Since(killed)
			var me *migrate.MigrationError
			if !errors.As(err, &me) || me.Name != killed2 {
				t.Fatalf("error %v (%T) is not a *MigrationError naming %s", err, err, killed2)
			}
			wantErr(t, err, killed2+" (up) failed at statement 2", "connection")
			t.Logf("error after %s: %v", time.Since(start).Round(time.Millisecond), err)

			m2 := newMigrator(t, tg, migrate.WithGo(killMigrations(tg.Dialect, true)), migrate.WithLockTimeout(3*time.Second))
			lockStart := time.Now()
			res, err := m2.Up(ctx)
			lockTook := time.Since(lockStart)
			var le *migrate.LockError
			if errors.As(err, &le) {
				t.Fatalf("the lock was not released: %v", err)
			}
			repair := ""
			if tg.Dialect.TransactionalDDL() {
				if err != nil {
					t.Fatalf("the next run: %v", err)
				}
				wantNames(t, "applied by the next run", names(res), []string{killed2})
			} else {
				var he *migrate.HistoryError
				if !errors.As(err, &he) {
					t.Fatalf("the next run: %v (%T), want a *HistoryError", err, err)
				}
				wantErr(t, err, killed2, "statement 1 took effect and was not undone", "Repair with Forget")
				wantNames(t, "tables left", tables(t, tg), []string{migrate.DefaultTable, "k1", "k2a"})
				tg.Exec(t, "DROP TABLE k2a")
				if err := m2.Repair(ctx, killed2, migrate.Forget); err != nil {
					t.Fatal(err)
				}
				if res, err = m2.Up(ctx); err != nil {
					t.Fatal(err)
				}
				wantNames(t, "applied after Forget", names(res), []string{killed2})
				repair = ", MarkApplied/Forget hint followed (Forget)"
			}
			wantNames(t, "tables", tables(t, tg), []string{migrate.DefaultTable, "k1", "k2a", "k2b"})
			rows := stateRows(t, tg)
			if len(rows) != 2 || rows[0].Status != "applied" || rows[1].Status != "applied" {
				t.Errorf("state rows: %+v", rows)
			}
			noConnsInUse(t, tg.DB)
			t.Logf("figure: session killed mid-statement: error naming %s after %s, lock free (the next run took %s)%s, end state consistent",
				killed2, failedAfter.Round(time.Millisecond), lockTook.Round(time.Millisecond), repair)
		})
	}
}

const killed2 = killed // the migration killMigrations blocks in

// waitForSleeper returns the server's id of the session running the
// blocking statement of killMigrations.
func waitForSleeper(t *testing.T, tg *dialecttest.Target) int64 {
	t.Helper()
	q := "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep%' AND pid <> pg_backend_pid()"
	if tg.Dialect.Name() == "mysql" {
		q = "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND INFO LIKE 'SELECT SLEEP%' AND ID <> CONNECTION_ID()"
	}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		var id int64
		err := tg.DB.QueryRowContext(context.Background(), q).Scan(&id)
		if err == nil {
			return id
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the migration's blocking statement did not start within 20s")
	return 0
}
