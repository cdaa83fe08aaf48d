package migrate_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// names of tracks, one longer than 50 characters.
var trackNames = []string{"Blue in Green", strings.Repeat("a very long title ", 4), "So What"}

func trackTable() migrate.Migration {
	var rows []ddl.Row
	for i, n := range trackNames {
		rows = append(rows, ddl.Row{"id": i + 1, "name": n})
	}
	return migrate.Migration{
		Name: "20260101000000-tracks",
		Up: []ddl.Op{
			ddl.CreateTable("tracks", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("name", schema.String(200))),
			ddl.BulkInsert("tracks", rows...),
		},
		Down: []ddl.Op{ddl.DropTable("tracks")},
	}
}

func trackNamesIn(t *testing.T, tg *dialecttest.Target) []string {
	t.Helper()
	rows, err := tg.DB.QueryContext(testCtx(t), `SELECT name FROM tracks ORDER BY id`)
	if err != nil {
		// Once more: pgx's statement cache fails the first time after the
		// column changed type, and drops the stale plan.
		rows, err = tg.DB.QueryContext(testCtx(t), `SELECT name FROM tracks ORDER BY id`)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// TestNarrowingMigration is issue 12 defect 4 through migrations: a
// changeColumn to STRING(50) over a name of 72 characters fails with a
// *dialect.DataLossError and leaves the rows, the schema and the state as
// they were, on every database; on MariaDB, where DDL commits itself, that
// holds for a migration whose other operations come first too (its
// guards run before any of it), so nothing is left half-applied or
// recorded as failed. Cleaning the data in the same migration, before the
// change, works; so does a down that narrows, refused in the same way.
func TestNarrowingMigration(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		narrow := migrate.Migration{Name: "20260102000000-narrow",
			Up: []ddl.Op{
				ddl.AddColumn("tracks", ddl.Column("note", schema.Text())),
				ddl.AddIndex("tracks", "id", "name"),
				ddl.ChangeColumn("tracks", ddl.Column("name", schema.String(50)).NotNull()),
			},
			Down: []ddl.Op{ddl.ChangeColumn("tracks", ddl.Column("name", schema.String(200))), ddl.RemoveIndex("tracks", "tracks_id_name"), ddl.RemoveColumn("tracks", "note")}}
		m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{trackTable(), narrow}))
		if _, err := m.Up(ctx, migrate.To(trackTable().Name)); err != nil {
			t.Fatal(err)
		}
		schemaBefore, stateBefore := tg.Inspect(t), stateRows(t, tg)

		plan, err := m.Plan(ctx, migrate.Up)
		if err != nil {
			t.Fatal(err)
		}
		var guards []string
		for _, st := range plan[0].Statements {
			if st.Guard != nil {
				guards = append(guards, st.Guard.Lost)
			}
		}
		wantNames(t, "guards in the plan", guards, []string{"is NULL or is longer than 50 characters"})

		_, err = m.Up(ctx)
		var le *dialect.DataLossError
		var me *migrate.MigrationError
		if !errors.As(err, &le) || !errors.As(err, &me) {
			t.Fatalf("Up: %v, want a *migrate.MigrationError wrapping a *dialect.DataLossError", err)
		}
		if le.Table != "tracks" || le.Column != "name" || le.Rows != 1 || !me.Unchanged || me.Recorded {
			t.Errorf("error %+v of %+v", le, me)
		}
		wantErr(t, err, `changing "tracks"."name" from STRING(200) to STRING(50) NOT NULL would lose data: 1 row holds a value that is NULL or is longer than 50 characters; nothing was changed`)
		if diff := cmpSchemas(tg.Inspect(t), schemaBefore); diff != "" {
			t.Errorf("schema changed by the refused migration (-after +before):\n%s", diff)
		}
		if diff := cmp.Diff(stateRows(t, tg), stateBefore); diff != "" {
			t.Errorf("state changed by the refused migration (-after +before):\n%s", diff)
		}
		wantNames(t, "names after the refused migration", trackNamesIn(t, tg), trackNames)
		if st, err := m.Status(ctx); err != nil || st.Err() != nil {
			t.Fatalf("status after the refused migration: %v, %v", st.Err(), err)
		}

		// The same migration, cleaning the data first, goes through.
		short := trackNames[1][:50]
		fixed := narrow
		fixed.Up = append([]ddl.Op{ddl.BulkUpdate("tracks", ddl.Row{"name": short}, ddl.Where{"id": 2})}, narrow.Up...)
		m = newMigrator(t, tg, migrate.WithGo(migrate.Registry{trackTable(), fixed}))
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		wantNames(t, "names after the narrowing", trackNamesIn(t, tg), []string{trackNames[0], short, trackNames[2]})

		// A down that narrows is refused the same way, and stays applied.
		widen := migrate.Migration{Name: "20260103000000-widen",
			Up:   []ddl.Op{ddl.ChangeColumn("tracks", ddl.Column("name", schema.String(100)).NotNull())},
			Down: []ddl.Op{ddl.ChangeColumn("tracks", ddl.Column("name", schema.String(50)).NotNull())}}
		m = newMigrator(t, tg, migrate.WithGo(migrate.Registry{trackTable(), fixed, widen}))
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		tg.Exec(t, "UPDATE tracks SET name = '"+strings.Repeat("x", 80)+"' WHERE id = 3")
		schemaBefore, stateBefore = tg.Inspect(t), stateRows(t, tg)
		_, err = m.Undo(ctx)
		if !errors.As(err, &le) || le.Rows != 1 {
			t.Fatalf("Undo: %v, want a *dialect.DataLossError for 1 row", err)
		}
		if diff := cmpSchemas(tg.Inspect(t), schemaBefore); diff != "" {
			t.Errorf("schema changed by the refused undo (-after +before):\n%s", diff)
		}
		if diff := cmp.Diff(stateRows(t, tg), stateBefore); diff != "" {
			t.Errorf("state changed by the refused undo (-after +before):\n%s", diff)
		}
		if st, err := m.Status(ctx); err != nil || st.Err() != nil {
			t.Fatalf("status after the refused undo: %v, %v", st.Err(), err)
		}
	})
}

// TestNarrowingHoldsWriters: between the guard's count and the change,
// no other session writes the table, so a value the count did not see
// cannot be rounded or cut by the ALTER: PostgreSQL's guard takes a SHARE
// ROW EXCLUSIVE lock first, SQLite's write transaction holds the whole
// database. (MySQL commits DDL itself: its guard and ALTER cannot share a
// transaction; strata's own sessions write in strict mode, which refuses
// what does not fit.)
func TestNarrowingHoldsWriters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		if !tg.Dialect.TransactionalDDL() {
			t.Skipf("%s commits DDL itself: a guard and its change share no transaction to hold writers in", tg.Dialect.Name())
		}
		ctx := testCtx(t)
		create := migrate.Migration{Name: "20260101000000-prices",
			Up: []ddl.Op{
				ddl.CreateTable("prices", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("amount", schema.Decimal(10, 3))),
				ddl.BulkInsert("prices", ddl.Row{"id": 1, "amount": "1.500"}),
			},
			Down: []ddl.Op{ddl.DropTable("prices")}}
		narrow := migrate.Migration{Name: "20260102000000-narrow",
			Up:   []ddl.Op{ddl.ChangeColumn("prices", ddl.Column("amount", schema.Decimal(10, 2)))},
			Down: []ddl.Op{ddl.ChangeColumn("prices", ddl.Column("amount", schema.Decimal(10, 3)))}}
		var during error
		tried := false
		observe := func(e migrate.Event) {
			if e.Kind != migrate.Statement || e.Name != narrow.Name || !strings.HasPrefix(e.SQL, "SELECT COUNT(*)") {
				return
			}
			// Right after the guard counted: a writer with a value the
			// count did not see must wait.
			tried = true
			wctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
			defer cancel()
			_, during = tg.DB.ExecContext(wctx, "INSERT INTO prices (id, amount) VALUES (2, 2.345)")
		}
		m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{create, narrow}), migrate.WithObserver(observe))
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		if !tried {
			t.Fatal("the narrowing ran no guard")
		}
		if during == nil {
			t.Errorf("a writer inserted 2.345 between the guard and the change to DECIMAL(10,2), which would round it")
		}
		var n int
		if err := tg.DB.QueryRowContext(ctx, "SELECT COUNT(*) FROM prices").Scan(&n); err != nil || n != 1 {
			t.Errorf("rows after the change: %d (%v), want the one the guard counted", n, err)
		}
	})
}
