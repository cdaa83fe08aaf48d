package migrate_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/internal/testshop"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// TestShop applies the seed's history, checks the live schema against the
// offline replay, then undoes it step by step.
func TestShop(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		rec := &recorder{}
		m := newMigrator(t, tg, migrate.WithGo(shop()), migrate.WithObserver(rec.observe))
		var all []string
		for _, sm := range testshop.Migrations() {
			all = append(all, sm.Name)
		}

		res, err := m.Up(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "applied", names(res), all)
		want := &schema.Database{}
		if err := ddl.Replay(want, testshop.Ops()...); err != nil {
			t.Fatal(err)
		}
		live := tg.Inspect(t)
		live.Tables = dropTable(live.Tables, migrate.DefaultTable)
		if diff := cmpSchemas(live, tg.Dialect.Canonical(want)); diff != "" {
			t.Fatalf("live schema differs from the offline replay (-live +offline):\n%s", diff)
		}
		if got := rec.lines(); len(got) != 10 || got[0] != "migration-start up 20261126184503-create-user" || got[1] != "migration-done up 20261126184503-create-user" {
			t.Errorf("events: %q", got)
		}
		if rec.count(migrate.Statement) < 5 || rec.count(migrate.LockAcquired) != 1 {
			t.Errorf("%d statement events, %d lock events", rec.count(migrate.Statement), rec.count(migrate.LockAcquired))
		}

		// Nothing pending: no results, no error.
		if res, err := m.Up(ctx); err != nil || len(res) != 0 {
			t.Fatalf("second Up: %v, %v", names(res), err)
		}
		st, err := m.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Pending()) != 0 || st.Err() != nil || len(st.Migrations) != 5 {
			t.Fatalf("status: pending %v, problems %v", st.Pending(), st.Err())
		}
		for i, ms := range st.Migrations {
			if ms.State != migrate.StateApplied || ms.Seq != int64(i+1) || ms.Checksum == "" || ms.Checksum != ms.AppliedChecksum || ms.AppliedAt.IsZero() || ms.RanBy == "" {
				t.Errorf("status of %s: %+v", ms.Name, ms)
			}
		}

		// Undo reverts the last one; UndoAll the rest, last first.
		res, err = m.Undo(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "undone", names(res), all[4:])
		if tg.Inspect(t).Table("users").Column("age") != nil {
			t.Fatal("users.age still there after undo")
		}
		res, err = m.UndoAll(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "undone by UndoAll", names(res), []string{all[3], all[2], all[1], all[0]})
		wantNames(t, "tables after UndoAll", tables(t, tg), []string{migrate.DefaultTable})
		if rows := stateRows(t, tg); len(rows) != 0 {
			t.Fatalf("state rows after UndoAll: %v", rows)
		}
		if res, err := m.Undo(ctx); err != nil || len(res) != 0 {
			t.Fatalf("Undo with nothing applied: %v, %v", names(res), err)
		}
		noConnsInUse(t, tg.DB)
	})
}

func TestUpToAndOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		m := newMigrator(t, tg, migrate.WithGo(shop()))
		res, err := m.Up(ctx, migrate.To("20261126184506-create-order"))
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "Up To", names(res), []string{"20261126184503-create-user", "20261126184506-create-order"})
		res, err = m.Up(ctx, migrate.Only("20261126184508-create-product"))
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "Up Only", names(res), []string{"20261126184508-create-product"})
		_, err = m.Up(ctx, migrate.Only("20261126184508-create-product"))
		wantErr(t, err, "20261126184508-create-product is already applied")
		_, err = m.Up(ctx, migrate.To("20261126184508-create-prod"))
		wantErr(t, err, "20261126184508-create-prod: no such migration; did you mean 20261126184508-create-product?")
		if !errors.Is(err, migrate.ErrUnknown) {
			t.Errorf("errors.Is(%v, ErrUnknown) = false", err)
		}
		// Undo of a named migration, then undo down to one.
		res, err = m.Undo(ctx, migrate.Only("20261126184508-create-product"))
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "Undo Only", names(res), []string{"20261126184508-create-product"})
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		res, err = m.UndoAll(ctx, migrate.To("20261126184508-create-product"))
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "UndoAll To", names(res), []string{"20261126184551-add-age-to-users", "20261126184548-create-product-orders", "20261126184508-create-product"})
	})
}

func TestUpFrom(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		m := newMigrator(t, tg, migrate.WithGo(shop()))
		if _, err := m.Up(ctx, migrate.To("20261126184503-create-user")); err != nil {
			t.Fatal(err)
		}
		res, err := m.Up(ctx, migrate.From("20261126184503-create-user"), migrate.To("20261126184508-create-product"))
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "Up From To", names(res), []string{"20261126184506-create-order", "20261126184508-create-product"})
		_, err = m.Up(ctx, migrate.From("20261126184548-create-product-orders"), migrate.To("20261126184508-create-product"))
		wantErr(t, err, "is not after From")
		res, err = m.Up(ctx, migrate.From("20261126184548-create-product-orders"))
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "Up From", names(res), []string{"20261126184551-add-age-to-users"})
	})
}

// TestOutOfOrder: A and C applied, then B (merged late) refused, then
// applied with WithAllowOutOfOrder; undo reverts B, the last applied.
func TestOutOfOrder(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		a, b, c := simple("20260101000000-a", "a"), simple("20260102000000-b", "b"), simple("20260103000000-c", "c")
		if _, err := newMigrator(t, tg, migrate.WithGo(migrate.Registry{a, c})).Up(ctx); err != nil {
			t.Fatal(err)
		}
		strict := newMigrator(t, tg, migrate.WithGo(migrate.Registry{a, b, c}))
		st, err := strict.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Problems) != 1 || st.Problems[0].Kind != migrate.ProblemOutOfOrder || st.Problems[0].Name != b.Name {
			t.Fatalf("problems: %+v", st.Problems)
		}
		_, err = strict.Up(ctx)
		wantErr(t, err, "20260102000000-b is pending but sorts before 20260103000000-c, which is already applied", "WithAllowOutOfOrder")
		if !errors.Is(err, migrate.ErrHistory) {
			t.Errorf("errors.Is(err, ErrHistory) = false for %v", err)
		}
		m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{a, b, c}), migrate.WithAllowOutOfOrder())
		res, err := m.Up(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "applied", names(res), []string{b.Name})
		if got := stateRows(t, tg); got[0].Seq != 1 || got[1].Seq != 3 || got[2].Seq != 2 {
			t.Fatalf("seq by name a, b, c: %+v", got)
		}
		res, err = m.Undo(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "undone", names(res), []string{b.Name})
		wantNames(t, "tables", tables(t, tg), []string{migrate.DefaultTable, "a", "c"})
	})
}

// TestEditedMigration: editing an applied migration stops status and up
// before any SQL runs; line endings and a byte-order mark are not edits.
func TestEditedMigration(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		const one = "20260101000000-one"
		text := "-- strata:up\nCREATE TABLE one (id INTEGER PRIMARY KEY);\n-- strata:down\nDROP TABLE one;\n"
		if _, err := newMigrator(t, tg, migrate.WithFS(sqlFS(map[string]string{one: text}), "migrations")).Up(ctx); err != nil {
			t.Fatal(err)
		}
		two := simple("20260102000000-two", "two")

		crlf := "\ufeff" + strings.ReplaceAll(text, "\n", "\r\n")
		m := newMigrator(t, tg, migrate.WithFS(sqlFS(map[string]string{one: crlf}), "migrations"))
		if st, err := m.Status(ctx); err != nil || st.Err() != nil {
			t.Fatalf("CRLF and BOM count as an edit: %v %v", err, st.Err())
		}

		edited := strings.Replace(text, "id INTEGER", "id BIGINT", 1)
		rec := &recorder{}
		m = newMigrator(t, tg, migrate.WithFS(sqlFS(map[string]string{one: edited}), "migrations"), migrate.WithGo(migrate.Registry{two}), migrate.WithObserver(rec.observe))
		st, err := m.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Problems) != 1 || st.Problems[0].Kind != migrate.ProblemChecksum {
			t.Fatalf("problems: %+v", st.Problems)
		}
		wantErr(t, st.Err(), "20260101000000-one (migrations/20260101000000-one.sql) was edited after it was applied: applied checksum v1:sha256:", "local checksum v1:sha256:")
		before := tg.Inspect(t)
		_, err = m.Up(ctx)
		wantErr(t, err, "nothing was run", "was edited after it was applied")
		if rec.count(migrate.MigrationStart) != 0 {
			t.Fatalf("a migration started: %q", rec.lines())
		}
		if diff := cmpSchemas(tg.Inspect(t), before); diff != "" {
			t.Fatalf("schema changed:\n%s", diff)
		}
		// WithIgnoreChecksums (seeders) runs anyway; status still tells.
		lenient := newMigrator(t, tg, migrate.WithFS(sqlFS(map[string]string{one: edited}), "migrations"), migrate.WithIgnoreChecksums())
		if st, err := lenient.Status(ctx); err != nil || len(st.Problems) != 1 {
			t.Fatalf("status with WithIgnoreChecksums: %+v, %v", st, err)
		}
		if _, err := lenient.Up(ctx); err != nil {
			t.Fatalf("Up with WithIgnoreChecksums: %v", err)
		}
		// Accepting the checksum lets runs go on.
		if err := m.Repair(ctx, one, migrate.AcceptChecksum); err != nil {
			t.Fatal(err)
		}
		if res, err := m.Up(ctx); err != nil || len(res) != 1 {
			t.Fatalf("Up after AcceptChecksum: %v %v", names(res), err)
		}
	})
}

// TestAdoptSequelizeMeta: a database migrated by sequelize-cli, its
// SequelizeMeta holding the seed's five *.js names, is adopted.
func TestAdoptSequelizeMeta(t *testing.T) {
	for _, timestamps := range []bool{false, true} {
		name := "name only"
		if timestamps {
			name = "with timestamps"
		}
		t.Run(name, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
				ctx := testCtx(t)
				q := tg.Dialect.Quote
				cols := q("name") + " VARCHAR(255) NOT NULL UNIQUE"
				if timestamps {
					// db:migrate:schema:timestamps:add
					cols += ", " + q("createdAt") + " " + map[string]string{"postgres": "TIMESTAMP WITH TIME ZONE", "mysql": "DATETIME", "sqlite": "DATETIME"}[tg.Dialect.Name()] + " NOT NULL"
					cols += ", " + q("updatedAt") + " " + map[string]string{"postgres": "TIMESTAMP WITH TIME ZONE", "mysql": "DATETIME", "sqlite": "DATETIME"}[tg.Dialect.Name()] + " NOT NULL"
				}
				tg.Exec(t, "CREATE TABLE "+q("SequelizeMeta")+" ("+cols+", PRIMARY KEY ("+q("name")+"))")
				cur := &schema.Database{}
				tg.Apply(t, cur, testshop.Ops()...)
				for _, sm := range testshop.Migrations() {
					if timestamps {
						tg.Exec(t, "INSERT INTO "+q("SequelizeMeta")+" VALUES ("+tg.Dialect.Placeholder(1)+", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", sm.Name+".js")
					} else {
						tg.Exec(t, "INSERT INTO "+q("SequelizeMeta")+" VALUES ("+tg.Dialect.Placeholder(1)+")", sm.Name+".js")
					}
				}
				phone := migrate.Migration{Name: "20261201000000-add-phone",
					Change: []ddl.Op{ddl.AddColumn("users", ddl.Column("phone", schema.String(20)))}}
				m := newMigrator(t, tg, migrate.WithGo(append(shop(), phone)))
				st, err := m.Status(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if st.Err() != nil {
					t.Fatal(st.Err())
				}
				wantNames(t, "pending", st.Pending(), []string{phone.Name})
				for _, ms := range st.Migrations[:5] {
					if ms.State != migrate.StateApplied || ms.Recorded != ms.Name+".js" || ms.AppliedChecksum != "" || ms.Kind != migrate.KindGo {
						t.Errorf("adopted %s: %+v", ms.Name, ms)
					}
				}
				res, err := m.Up(ctx)
				if err != nil {
					t.Fatal(err)
				}
				wantNames(t, "applied", names(res), []string{phone.Name})
				if tg.Inspect(t).Table("users").Column("phone") == nil {
					t.Fatal("users.phone missing")
				}
				rows := stateRows(t, tg)
				if len(rows) != 6 || rows[0].Name != "20261126184503-create-user.js" || rows[0].Status != "" || rows[5].Status != "applied" || rows[5].Seq != 1 {
					t.Fatalf("state rows: %+v", rows)
				}
				// Undo all: the .js rows go with their migrations.
				res, err = m.UndoAll(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if len(res) != 6 || res[0].Name != phone.Name || res[5].Name != "20261126184503-create-user" {
					t.Fatalf("undone: %v", names(res))
				}
				wantNames(t, "tables", tables(t, tg), []string{"SequelizeMeta"})
			})
		})
	}
}

func TestPlan(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		sqlOne := "-- strata:up\nCREATE TABLE s (id INTEGER PRIMARY KEY);\nINSERT INTO s (id) VALUES (1);\n-- strata:down\nDROP TABLE s;\n"
		m := newMigrator(t, tg, migrate.WithGo(shop()), migrate.WithFS(sqlFS(map[string]string{"20261126184600-s": sqlOne}), "migrations"))
		before := tg.Inspect(t)
		plan, err := m.Plan(ctx, migrate.Up)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan) != 6 {
			t.Fatalf("%d planned", len(plan))
		}
		if s := plan[1].Statements; len(s) == 0 || !strings.Contains(s[0].SQL, "CREATE TABLE") || !strings.Contains(s[0].SQL, "orders") {
			t.Errorf("plan for create-order: %+v", plan[1])
		}
		if p := plan[5]; len(p.Statements) != 2 || p.Statements[1].SQL != "INSERT INTO s (id) VALUES (1)" || p.Source != "migrations/20261126184600-s.sql" {
			t.Errorf("plan for the SQL file: %+v", p)
		}
		if diff := cmpSchemas(tg.Inspect(t), before); diff != "" {
			t.Fatalf("Plan changed the database:\n%s", diff)
		}
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		down, err := m.Plan(ctx, migrate.Down, migrate.All())
		if err != nil {
			t.Fatal(err)
		}
		if len(down) != 6 || down[0].Name != "20261126184600-s" || down[0].Statements[0].SQL != "DROP TABLE s" {
			t.Fatalf("down plan: %+v", down)
		}
	})
}

func TestIrreversible(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		keep := migrate.Migration{Name: "20260101000000-keep", Up: []ddl.Op{createTable("keep")}}
		m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{simple("20251231000000-first", "first"), keep}))
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		before := tg.Inspect(t)
		_, err := m.UndoAll(ctx)
		wantErr(t, err, "cannot undo 20260101000000-keep", "it has no down", "nothing was undone")
		if !errors.Is(err, migrate.ErrIrreversible) {
			t.Errorf("errors.Is(err, ErrIrreversible) = false")
		}
		if diff := cmpSchemas(tg.Inspect(t), before); diff != "" {
			t.Fatalf("schema changed:\n%s", diff)
		}
	})
}

// TestMissingLocally: a migration recorded as applied but not defined here
// stops runs unless WithAllowMissing; Repair Forget drops its record.
func TestMissingLocally(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		a, b := simple("20260101000000-a", "a"), simple("20260102000000-b", "b")
		if _, err := newMigrator(t, tg, migrate.WithGo(migrate.Registry{a, b})).Up(ctx); err != nil {
			t.Fatal(err)
		}
		c := simple("20260103000000-c", "c")
		m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{a, c}))
		_, err := m.Up(ctx)
		wantErr(t, err, "20260102000000-b is recorded as applied at ", "but is not defined here", "WithAllowMissing")
		res, err := newMigrator(t, tg, migrate.WithGo(migrate.Registry{a, c}), migrate.WithAllowMissing()).Up(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "applied", names(res), []string{c.Name})
		// Undoing the missing one is impossible; forgetting its record works.
		_, err = newMigrator(t, tg, migrate.WithGo(migrate.Registry{a, c}), migrate.WithAllowMissing()).Undo(ctx, migrate.All())
		wantErr(t, err, "cannot undo 20260102000000-b: it is not defined here")
		if err := m.Repair(ctx, b.Name, migrate.Forget); err != nil {
			t.Fatal(err)
		}
		if st, err := m.Status(ctx); err != nil || st.Err() != nil {
			t.Fatalf("after Forget: %v %v", err, st.Err())
		}
	})
}

// TestPoolOfOne: the lock and the work share one connection, so a pool
// limited to one connection works (RELIABILITY scenario 48).
func TestPoolOfOne(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		tg.DB.SetMaxOpenConns(1)
		m := newMigrator(t, tg, migrate.WithGo(shop()))
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := m.UndoAll(ctx); err != nil {
			t.Fatal(err)
		}
		noConnsInUse(t, tg.DB)
	})
}

func dropTable(ts []schema.Table, name string) []schema.Table {
	var out []schema.Table
	for _, t := range ts {
		if t.Name != name {
			out = append(out, t)
		}
	}
	return out
}

// TestWithTable: two histories in one database, each with its own state
// table (and so its own lock), do not see each other.
func TestWithTable(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		a := newMigrator(t, tg, migrate.WithTable("history_a"), migrate.WithGo(migrate.Registry{simple("20260101000000-a", "a")}))
		b := newMigrator(t, tg, migrate.WithTable("history_b"), migrate.WithGo(migrate.Registry{simple("20260101000000-b", "b")}))
		for _, m := range []*migrate.Migrator{a, b} {
			if res, err := m.Up(ctx); err != nil || len(res) != 1 {
				t.Fatalf("Up: %v, %v", names(res), err)
			}
		}
		wantNames(t, "tables", tables(t, tg), []string{"a", "b", "history_a", "history_b"})
		st, err := a.Status(ctx)
		if err != nil || st.Err() != nil || len(st.Migrations) != 1 || st.Migrations[0].Name != "20260101000000-a" {
			t.Fatalf("status of a: %+v, %v", st, err)
		}
		if _, err := migrate.New(tg.DB, tg.Dialect, migrate.WithTable(" ")); err == nil || !strings.Contains(err.Error(), "WithTable: the table name is empty") {
			t.Errorf("empty table name: %v", err)
		}
	})
}

func TestNewRefusesBadOptions(t *testing.T) {
	d := sqlitedialect.New()
	db, err := d.Open("sqlite::memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tests := []struct {
		opt  migrate.Option
		want string
	}{
		{migrate.WithLockTimeout(0), "WithLockTimeout: 0s is not a positive duration"},
		{migrate.WithFS(nil, "migrations"), "WithFS: the file system is nil"},
		{migrate.WithObserver(nil), "WithObserver: the function is nil"},
		{migrate.WithTable(""), "WithTable: the table name is empty"},
		{nil, "New: option 1 is nil; leave it out"},
	}
	for _, tt := range tests {
		_, err := migrate.New(db, d, tt.opt)
		wantErr(t, err, tt.want)
		if oe := (*migrate.OptionError)(nil); !errors.As(err, &oe) || !strings.HasPrefix(tt.want, oe.Option+": ") {
			t.Errorf("%v: not an *OptionError naming its option", err)
		}
	}
	m, err := migrate.New(db, d)
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Up(context.Background(), nil)
	wantErr(t, err, "RunOption: option 1 is nil; leave it out")
	if oe := (*migrate.OptionError)(nil); !errors.As(err, &oe) {
		t.Errorf("%v: not an *OptionError", err)
	}
	_, err = migrate.New(nil, d)
	wantErr(t, err, "db is nil")
	_, err = migrate.New(db, nil)
	wantErr(t, err, "dialect is nil")
	m, err = migrate.New(db, d)
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Up(context.Background(), migrate.To("20260101000000-a"), migrate.Only("20260101000000-a"))
	wantErr(t, err, "To and Only together")
	_, err = m.Up(context.Background(), migrate.All())
	wantErr(t, err, "All is for Undo")
}
