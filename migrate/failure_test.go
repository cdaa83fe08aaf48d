package migrate_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

const failingSQL = `-- strata:up
CREATE TABLE f1 (id INTEGER PRIMARY KEY);
CREATE TABLE f2 (id INTEGER PRIMARY KEY);
INSERT INTO no_such_table (id) VALUES (1);
CREATE TABLE f3 (id INTEGER PRIMARY KEY);
CREATE TABLE f4 (id INTEGER PRIMARY KEY);
-- strata:down
DROP TABLE f4;
DROP TABLE f3;
DROP TABLE f2;
DROP TABLE f1;
`

// TestFailureAtThirdStatement is RELIABILITY scenarios 6 and 7: a
// migration fails at its third statement. PostgreSQL and SQLite roll it
// back whole; MySQL records how far it got, and later runs refuse until
// Repair.
func TestFailureAtThirdStatement(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		const (
			first = "20260101000000-first"
			bad   = "20260102000000-bad"
			later = "20260103000000-later"
		)
		files := map[string]string{bad: failingSQL}
		reg := migrate.Registry{simple(first, "first"), simple(later, "later")}
		rec := &recorder{}
		m := newMigrator(t, tg, migrate.WithGo(reg), migrate.WithFS(sqlFS(files), "migrations"), migrate.WithObserver(rec.observe))
		if _, err := m.Up(ctx, migrate.To(first)); err != nil {
			t.Fatal(err)
		}
		schemaBefore, stateBefore := tg.Inspect(t), stateRows(t, tg)

		res, err := m.Up(ctx)
		if len(res) != 0 {
			t.Fatalf("applied %v", names(res))
		}
		var me *migrate.MigrationError
		if !errors.As(err, &me) {
			t.Fatalf("error %v (%T) is not a *MigrationError", err, err)
		}
		wantErr(t, err, "migrate: 20260102000000-bad (up) failed at statement 3 of 5 (migrations/20260102000000-bad.sql line 4)",
			"INSERT INTO no_such_table (id) VALUES (1)", "no_such_table")
		if me.Statement != 3 || me.Line != 4 || me.Name != bad {
			t.Errorf("error fields: %+v", me)
		}
		if got := rec.lines(); got[len(got)-1] != "migration-failed up "+bad {
			t.Errorf("events: %q", got)
		}

		if tg.Dialect.TransactionalDDL() {
			if !me.RolledBack || me.Recorded {
				t.Errorf("RolledBack %v, Recorded %v", me.RolledBack, me.Recorded)
			}
			wantErr(t, err, "the transaction was rolled back")
			if diff := cmpSchemas(tg.Inspect(t), schemaBefore); diff != "" {
				t.Fatalf("schema changed (-after +before):\n%s", diff)
			}
			if diff := cmpRows(stateRows(t, tg), stateBefore); diff != "" {
				t.Fatalf("state changed (-after +before):\n%s", diff)
			}
			noConnsInUse(t, tg.DB)
			return
		}

		// MySQL: statements 1 and 2 took effect and the failure is recorded.
		if me.RolledBack || !me.Recorded || me.Done != 2 {
			t.Errorf("RolledBack %v, Recorded %v, Done %d", me.RolledBack, me.Recorded, me.Done)
		}
		wantErr(t, err, "statements 1 to 2 took effect", "Repair with MarkApplied", "Repair with Forget")
		wantNames(t, "tables", tables(t, tg), []string{migrate.DefaultTable, "f1", "f2", "first"})
		st, err := m.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var bs migrate.MigrationStatus
		for _, s := range st.Migrations {
			if s.Name == bad {
				bs = s
			}
		}
		if bs.State != migrate.StateFailed || bs.Done != 2 || bs.Total != 5 || bs.Direction != migrate.Up || bs.Error == "" {
			t.Fatalf("status of the failed migration: %+v", bs)
		}
		// The next run refuses, naming the migration, how far it got and
		// the ways out; nothing runs.
		_, err = m.Up(ctx)
		wantErr(t, err, "20260102000000-bad failed while applying it", "at statement 3 of 5", "statements 1 to 2 took effect", "Repair with MarkApplied", "Repair with Forget")
		wantNames(t, "tables", tables(t, tg), []string{migrate.DefaultTable, "f1", "f2", "first"})
		// Undo it by hand, fix the file, forget the record: it runs again.
		tg.Exec(t, "DROP TABLE f2")
		tg.Exec(t, "DROP TABLE f1")
		if err := m.Repair(ctx, bad, migrate.Forget); err != nil {
			t.Fatal(err)
		}
		files[bad] = failingSQLFixed()
		m = newMigrator(t, tg, migrate.WithGo(reg), migrate.WithFS(sqlFS(files), "migrations"))
		res, err = m.Up(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "applied after repair", names(res), []string{bad, later})
	})
}

func failingSQLFixed() string {
	return `-- strata:up
CREATE TABLE f1 (id INTEGER PRIMARY KEY);
CREATE TABLE f2 (id INTEGER PRIMARY KEY);
INSERT INTO f1 (id) VALUES (1);
CREATE TABLE f3 (id INTEGER PRIMARY KEY);
CREATE TABLE f4 (id INTEGER PRIMARY KEY);
-- strata:down
DROP TABLE f4;
DROP TABLE f3;
DROP TABLE f2;
DROP TABLE f1;
`
}

// TestRepairMarkApplied: a migration that failed half-way on MySQL and was
// then finished by hand is recorded as applied.
func TestRepairMarkApplied(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		if tg.Dialect.TransactionalDDL() {
			t.Skipf("%s rolls a failed migration back; nothing to repair", tg.Dialect.Name())
		}
		ctx := testCtx(t)
		const bad = "20260102000000-bad"
		m := newMigrator(t, tg, migrate.WithFS(sqlFS(map[string]string{bad: failingSQL}), "migrations"))
		if _, err := m.Up(ctx); err == nil {
			t.Fatal("no error")
		}
		tg.Exec(t, "CREATE TABLE f3 (id INTEGER PRIMARY KEY)")
		tg.Exec(t, "CREATE TABLE f4 (id INTEGER PRIMARY KEY)")
		if err := m.Repair(ctx, bad, migrate.MarkApplied); err != nil {
			t.Fatal(err)
		}
		st, err := m.Status(ctx)
		if err != nil || st.Err() != nil || st.Migrations[0].State != migrate.StateApplied {
			t.Fatalf("status after MarkApplied: %+v %v", st, err)
		}
		// It undoes like any applied migration.
		if _, err := m.Undo(ctx); err != nil {
			t.Fatal(err)
		}
		wantNames(t, "tables", tables(t, tg), []string{migrate.DefaultTable})
	})
}

// TestDownFailure is RELIABILITY scenario 11: undoing a migration fails at
// its second statement.
func TestDownFailure(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		mig := migrate.Migration{Name: "20260101000000-two",
			Up:   []ddl.Op{createTable("t1"), createTable("t2")},
			Down: []ddl.Op{ddl.DropTable("t2"), ddl.Raw("DROP TABLE no_such_table"), ddl.DropTable("t1")}}
		m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{mig}))
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		before := tg.Inspect(t)
		_, err := m.Undo(ctx)
		wantErr(t, err, "20260101000000-two (down) failed at statement 2 of 3 in raw \"DROP TABLE no_such_table\": DROP TABLE no_such_table")
		st, serr := m.Status(ctx)
		if serr != nil {
			t.Fatal(serr)
		}
		got := st.Migrations[0]
		if tg.Dialect.TransactionalDDL() {
			if got.State != migrate.StateApplied || st.Err() != nil {
				t.Fatalf("status: %+v", got)
			}
			if diff := cmpSchemas(tg.Inspect(t), before); diff != "" {
				t.Fatalf("schema changed:\n%s", diff)
			}
			return
		}
		if got.State != migrate.StateFailed || got.Direction != migrate.Down || got.Done != 1 || got.Total != 3 {
			t.Fatalf("status: %+v", got)
		}
		wantErr(t, st.Err(), "failed while undoing it", "record the migration as still applied (Repair with MarkApplied) or as undone (Repair with Forget)")
	})
}

// TestPanic is RELIABILITY scenario 9: a panic in a Go migration is an
// error like any other; the lock is released and the process goes on.
func TestPanic(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		mig := migrate.Migration{Name: "20260101000000-panics", UpFunc: func(ctx context.Context, ex migrate.Executor) error {
			if err := ex.Apply(ctx, createTable("half")); err != nil {
				return err
			}
			panic("boom: a bug in the migration")
		}}
		m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{mig}), migrate.WithLockTimeout(2*time.Second))
		_, err := m.Up(ctx)
		var pe *migrate.PanicError
		if !errors.As(err, &pe) || len(pe.Stack) == 0 {
			t.Fatalf("error %v is not a *PanicError with a stack", err)
		}
		wantErr(t, err, "20260101000000-panics (up) failed", "panic: boom: a bug in the migration")
		if tg.Dialect.TransactionalDDL() {
			wantNames(t, "tables", tables(t, tg), []string{migrate.DefaultTable})
		} else {
			wantErr(t, err, "statement 1 took effect")
		}
		// The lock was released: another run takes it at once.
		if _, err := m.Status(ctx); err != nil {
			t.Fatal(err)
		}
		if err := m.Repair(ctx, mig.Name, migrate.Forget); err != nil && !tg.Dialect.TransactionalDDL() {
			t.Fatal(err)
		}
		noConnsInUse(t, tg.DB)
	})
}

// TestLockTimeout is RELIABILITY scenario 3 in one process: while a run
// holds the lock, another gives up after its lock timeout, naming the
// holder, and changes nothing.
func TestLockTimeout(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		started, release := make(chan struct{}), make(chan struct{})
		hold := migrate.Migration{Name: "20260101000000-hold", UpFunc: func(ctx context.Context, ex migrate.Executor) error {
			close(started)
			<-release
			return nil
		}}
		var wg sync.WaitGroup
		wg.Add(1)
		var holdErr error
		go func() {
			defer wg.Done()
			_, holdErr = newMigrator(t, tg, migrate.WithGo(migrate.Registry{hold})).Up(ctx)
		}()
		<-started
		// Status meanwhile: on MySQL the migration is recorded as running,
		// which is no problem while its run holds the lock.
		st, err := newMigrator(t, tg, migrate.WithGo(migrate.Registry{hold})).Status(ctx)
		if err != nil || st.Err() != nil {
			t.Fatalf("status during the run: %v, %v", err, st.Err())
		}
		if want := map[bool]migrate.State{true: migrate.StatePending, false: migrate.StateInProgress}[tg.Dialect.TransactionalDDL()]; st.Migrations[0].State != want {
			t.Errorf("state during the run: %s, want %s", st.Migrations[0].State, want)
		}
		rec := &recorder{}
		other := newMigrator(t, tg, migrate.WithGo(migrate.Registry{hold, simple("20260102000000-x", "x")}),
			migrate.WithLockTimeout(time.Second), migrate.WithObserver(rec.observe))
		start := time.Now()
		_, err = other.Up(ctx)
		waited := time.Since(start)
		close(release)
		wg.Wait()
		if holdErr != nil {
			t.Fatal(holdErr)
		}
		var le *migrate.LockError
		if !errors.As(err, &le) || !errors.Is(err, migrate.ErrLockTimeout) {
			t.Fatalf("error %v (%T) is not a lock timeout", err, err)
		}
		if le.Holder == "" || waited < time.Second || waited > 5*time.Second {
			t.Errorf("holder %q, waited %s", le.Holder, waited)
		}
		wantErr(t, err, "could not acquire the migration lock for SequelizeMeta after 1", "(held by ", "WithLockTimeout")
		if rec.count(migrate.LockWait) != 1 || rec.count(migrate.MigrationStart) != 0 {
			t.Errorf("events: %d lock waits, %d migrations started", rec.count(migrate.LockWait), rec.count(migrate.MigrationStart))
		}
		t.Logf("%s", err)
		// Now that the lock is free, the other run applies its one.
		res, err := other.Up(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "applied", names(res), []string{"20260102000000-x"})
	})
}

func cmpRows(got, want []stateRow) string {
	if len(got) != len(want) {
		return "different row counts"
	}
	for i := range got {
		if got[i] != want[i] {
			return "different rows"
		}
	}
	return ""
}

// TestFailureAtFirstStatement: when the first statement fails nothing took
// effect, even on MySQL, so no failure is recorded and the migration stays
// pending; a malformed operation fails before any SQL.
func TestFailureAtFirstStatement(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		const name = "20260101000000-first-fails"
		rec := &recorder{}
		m := newMigrator(t, tg, migrate.WithFS(sqlFS(map[string]string{name: "-- strata:up\nINSERT INTO nope (id) VALUES (1);\nCREATE TABLE x (id INTEGER);\n"}), "migrations"),
			migrate.WithObserver(rec.observe))
		_, err := m.Up(ctx)
		var me *migrate.MigrationError
		if !errors.As(err, &me) || !me.Unchanged || me.Recorded || me.Statement != 1 {
			t.Fatalf("error %v: %+v", err, me)
		}
		st, err := m.Status(ctx)
		if err != nil || st.Err() != nil || len(st.Pending()) != 1 {
			t.Fatalf("status: %+v, %v", st, err)
		}
		// An operation on a table that does not exist fails before any SQL.
		bad := migrate.Migration{Name: "20260102000000-bad-op", Up: []ddl.Op{ddl.AddColumn("customers", ddl.Column("age", schema.Integer()))}}
		m = newMigrator(t, tg, migrate.WithGo(migrate.Registry{bad}), migrate.WithObserver(rec.observe))
		_, err = m.Up(ctx)
		wantErr(t, err, `migrate: 20260102000000-bad-op (up) failed: addColumn "customers"."age": table "customers" does not exist`, "nothing of it took effect")
		if got := rec.lines(); len(got) != 4 || got[2] != "migration-start up "+bad.Name || got[3] != "migration-failed up "+bad.Name {
			t.Errorf("events: %q", got)
		}
	})
}

// TestAbandonedAfterBody is RELIABILITY scenario 14: a run outside a
// transaction stopped after the body, before recording the end. Status
// says the migration is most likely applied and how to record it.
func TestAbandonedAfterBody(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		mig := simple("20260101000000-a", "a")
		m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{mig}))
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		// What a process killed between its last statement and the final
		// update leaves behind.
		q := tg.Dialect.Quote
		tg.Exec(t, "UPDATE "+q("SequelizeMeta")+" SET "+q("status")+" = 'in_progress', "+q("stmts_done")+" = 1, "+q("stmts_total")+" = 1")
		_, err := m.Up(ctx)
		wantErr(t, err, "20260101000000-a never finished: applying it started at ", "its one statement took effect", "record it as applied (Repair with MarkApplied)")
		if err := m.Repair(ctx, mig.Name, migrate.MarkApplied); err != nil {
			t.Fatal(err)
		}
		if st, err := m.Status(ctx); err != nil || st.Err() != nil || st.Migrations[0].State != migrate.StateApplied {
			t.Fatalf("after MarkApplied: %+v, %v", st, err)
		}
	})
}
