package migrate_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// TestConcurrentIndex is RELIABILITY scenario 4 (PostgreSQL): a migration
// marked no-transaction runs CREATE INDEX CONCURRENTLY while the run holds
// the lock; the same file without the marker fails with the database's
// error and is not recorded.
func TestConcurrentIndex(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		if tg.Dialect.Name() != "postgres" {
			t.Skipf("CREATE INDEX CONCURRENTLY is PostgreSQL's")
		}
		ctx := testCtx(t)
		table := "-- strata:up\nCREATE TABLE items (id INTEGER PRIMARY KEY, sku TEXT);\n-- strata:down\nDROP TABLE items;\n"
		index := "-- strata:up\nCREATE INDEX CONCURRENTLY items_sku ON items (sku);\n-- strata:down\nDROP INDEX CONCURRENTLY items_sku;\n"
		files := map[string]string{"20260101000000-items": table, "20260102000000-items-sku": index}
		m := newMigrator(t, tg, migrate.WithFS(sqlFS(files), "migrations"))
		_, err := m.Up(ctx)
		wantErr(t, err, "20260102000000-items-sku (up) failed at statement 1 of 1", "CREATE INDEX CONCURRENTLY cannot run inside a transaction block", "rolled back")
		st, err := m.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "pending", st.Pending(), []string{"20260102000000-items-sku"})

		files["20260102000000-items-sku"] = "-- strata:no-transaction\n" + index
		rec := &recorder{}
		m = newMigrator(t, tg, migrate.WithFS(sqlFS(files), "migrations"), migrate.WithObserver(rec.observe))
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		if tg.Inspect(t).Table("items").Index("items_sku") == nil {
			t.Fatal("index items_sku missing")
		}
		if _, err := m.Undo(ctx); err != nil {
			t.Fatal(err)
		}
		if tg.Inspect(t).Table("items").Index("items_sku") != nil {
			t.Fatal("index items_sku still there")
		}
	})
}

// TestNoTxPartialData is RELIABILITY scenario 10: a no-transaction data
// migration inserting 100 rows fails at row 51: exactly 50 rows remain and
// the migration is recorded as failed; in a transaction, none remain.
func TestNoTxPartialData(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		var b strings.Builder
		b.WriteString("-- strata:up\n")
		for i := 1; i <= 100; i++ {
			id := i
			if i == 51 {
				id = 50 // duplicate key
			}
			fmt.Fprintf(&b, "INSERT INTO rows100 (id) VALUES (%d);\n", id)
		}
		data := b.String()
		files := map[string]string{
			"20260101000000-table": "-- strata:up\nCREATE TABLE rows100 (id INTEGER PRIMARY KEY);\n",
			"20260102000000-data":  data,
		}
		m := newMigrator(t, tg, migrate.WithFS(sqlFS(files), "migrations"))
		_, err := m.Up(ctx)
		wantErr(t, err, "20260102000000-data (up) failed at statement 51 of 100")
		// Data only: a transaction on every database, MySQL too.
		if n := tg.Count(t, "rows100"); n != 0 {
			t.Fatalf("%d rows left by a rolled-back migration", n)
		}
		files["20260102000000-data"] = "-- strata:no-transaction\n" + data
		m = newMigrator(t, tg, migrate.WithFS(sqlFS(files), "migrations"))
		_, err = m.Up(ctx)
		var me *migrate.MigrationError
		if !errors.As(err, &me) || !me.Recorded || me.Done != 50 || me.Statement != 51 {
			t.Fatalf("error %v: %+v", err, me)
		}
		if n := tg.Count(t, "rows100"); n != 50 {
			t.Fatalf("%d rows, want 50", n)
		}
		st, err := m.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if s := st.Migrations[1]; s.State != migrate.StateFailed || s.Done != 50 || s.Total != 100 {
			t.Fatalf("status: %+v", s)
		}
	})
}

// TestCancel is RELIABILITY scenario 46 for migrations: the context is
// cancelled while a migration runs; the error says so and, where DDL is
// transactional, nothing of it remains.
func TestCancel(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx, cancel := context.WithCancel(testCtx(t))
		mig := migrate.Migration{Name: "20260101000000-cancelled", UpFunc: func(ctx context.Context, ex migrate.Executor) error {
			if err := ex.Apply(ctx, createTable("c1")); err != nil {
				return err
			}
			cancel()
			return ex.Apply(ctx, createTable("c2"))
		}}
		m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{mig}))
		_, err := m.Up(ctx)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error %v does not wrap context.Canceled", err)
		}
		wantErr(t, err, "20260101000000-cancelled (up) failed")
		if tg.Dialect.TransactionalDDL() {
			wantNames(t, "tables", tables(t, tg), []string{migrate.DefaultTable})
		}
		// The lock was released and the pool is clean.
		deadline := time.Now().Add(5 * time.Second)
		for tg.DB.Stats().InUse != 0 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		noConnsInUse(t, tg.DB)
		_, err = newMigrator(t, tg, migrate.WithLockTimeout(2*time.Second)).Up(testCtx(t))
		var le *migrate.LockError
		if errors.As(err, &le) {
			t.Fatalf("the lock is still held: %v", err)
		}
	})
}

// TestRebuildKeepsRows: a migration whose operation SQLite performs by
// rebuilding a table (a column change on a table others point at with ON
// DELETE CASCADE) keeps every row, there and in the tables pointing at it
// (RELIABILITY scenario 24, through the migration engine).
func TestRebuildKeepsRows(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		m := newMigrator(t, tg, migrate.WithGo(shop()))
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		now := "2026-11-26 18:45:03"
		cur := tg.Inspect(t)
		tg.Apply(t, cur,
			ddl.BulkInsert("users", ddl.Row{"id": 1, "email": "ada@example.com", "createdAt": now, "updatedAt": now}),
			ddl.BulkInsert("orders", ddl.Row{"id": 1, "userId": 1, "createdAt": now, "updatedAt": now}, ddl.Row{"id": 2, "userId": 1, "createdAt": now, "updatedAt": now}),
		)
		widen := migrate.Migration{Name: "20261201000000-widen-email",
			Up:   []ddl.Op{ddl.ChangeColumn("users", ddl.Column("email", schema.String(320)).NotNull())},
			Down: []ddl.Op{ddl.ChangeColumn("users", ddl.Column("email", schema.String(255)).NotNull())}}
		m = newMigrator(t, tg, migrate.WithGo(append(shop(), widen)))
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		if n, o := tg.Count(t, "users"), tg.Count(t, "orders"); n != 1 || o != 2 {
			t.Fatalf("after the change: %d users, %d orders; want 1 and 2", n, o)
		}
		if _, err := m.Undo(ctx); err != nil {
			t.Fatal(err)
		}
		if n, o := tg.Count(t, "users"), tg.Count(t, "orders"); n != 1 || o != 2 {
			t.Fatalf("after undoing it: %d users, %d orders; want 1 and 2", n, o)
		}

		// From Go code, where the session cannot be opened beforehand, SQLite
		// refuses the rebuild rather than run it with foreign keys on.
		fromCode := migrate.Migration{Name: "20261202000000-from-code", UpFunc: func(ctx context.Context, ex migrate.Executor) error {
			return ex.Apply(ctx, ddl.ChangeColumn("users", ddl.Column("email", schema.String(320)).NotNull()))
		}}
		m = newMigrator(t, tg, migrate.WithGo(append(shop(), widen, fromCode)), migrate.WithAllowOutOfOrder())
		_, err := m.Up(ctx, migrate.Only(fromCode.Name))
		if tg.Dialect.Name() == "sqlite" {
			wantErr(t, err, `changeColumn "users"."email" needs sqlite's DDL session`, "put this operation in a migration of its own")
		} else if err != nil {
			t.Fatal(err)
		}
		if n, o := tg.Count(t, "users"), tg.Count(t, "orders"); n != 1 || o != 2 {
			t.Fatalf("%d users, %d orders; want 1 and 2", n, o)
		}
	})
}

// A migration of bulk operations only (the seeders seed:generate writes)
// runs in a transaction on every database, MySQL too: failing at its
// third table it leaves no row of the first two, and no state row; Plan
// says it runs in a transaction.
func TestBulkOpsRunInATransaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		tg.Exec(t, "CREATE TABLE b1 (id INTEGER PRIMARY KEY)")
		tg.Exec(t, "CREATE TABLE b2 (id INTEGER PRIMARY KEY)")
		tg.Exec(t, "CREATE TABLE b3 (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
		reg := migrate.Registry{{
			Name: "20260102000000-seed",
			Up: []ddl.Op{
				ddl.BulkInsert("b1", ddl.Row{"id": 1}, ddl.Row{"id": 2}),
				ddl.BulkInsert("b2", ddl.Row{"id": 1}),
				ddl.BulkInsert("b3", ddl.Row{"id": 1, "n": nil}),
			},
			Down: []ddl.Op{},
		}}
		m := newMigrator(t, tg, migrate.WithGo(reg))
		plan, err := m.Plan(ctx, migrate.Up)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan) != 1 || plan[0].NoTx {
			t.Errorf("Plan: %+v, want one migration in a transaction", plan)
		}
		if _, err := m.Up(ctx); err == nil {
			t.Fatal("Up succeeded with a NULL into NOT NULL")
		}
		for _, tb := range []string{"b1", "b2", "b3"} {
			if n := tg.Count(t, tb); n != 0 {
				t.Errorf("%s holds %d rows after the failed migration, want 0", tb, n)
			}
		}
		st, err := m.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range st.Migrations {
			if s.State != migrate.StatePending {
				t.Errorf("%s is %v after the failed migration, want pending", s.Name, s.State)
			}
		}
	})
}

// The zero time.Time in a bulk operation's rows (a seeder's) is year 1 on
// every database: MySQL's driver would send 0000-00-00, which strict mode
// refuses.
func TestBulkInsertZeroTime(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		reg := migrate.Registry{{
			Name: "20260102000000-zero",
			Up: []ddl.Op{
				ddl.CreateTable("zt", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("at", schema.Date())),
				ddl.BulkInsert("zt", ddl.Row{"id": 1, "at": time.Time{}}),
			},
			Down: []ddl.Op{},
		}}
		if _, err := newMigrator(t, tg, migrate.WithGo(reg)).Up(ctx); err != nil {
			t.Fatal(err)
		}
		if n := tg.Count(t, "zt"); n != 1 {
			t.Fatalf("%d rows, want 1", n)
		}
	})
}
