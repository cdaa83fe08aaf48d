package sequelizejs_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/sequelizejs"
)

// emptyReads records testdata/emptyreads for tg's dialect and returns
// its complete migrations (create, set-admins, rename-and-read) as a
// registry of the first n.
func emptyReads(t *testing.T, tg *dialecttest.Target, n int) migrate.Registry {
	t.Helper()
	recs, err := sequelizejs.RecordDir("testdata/emptyreads", sequelizejs.RecordOptions{Dialect: tg.Dialect.Name(), Env: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	var reg migrate.Registry
	for _, r := range recs[:n] {
		if !r.Complete() {
			t.Fatalf("%s: %v", r.Name, r.Problems[0])
		}
		reg.Add(migrate.Migration{Name: r.Name, Up: r.Up, Down: r.Down, NoTx: r.NoTx})
	}
	return reg
}

// TestRecordedEmptyReadsApply: on a fresh database the backfills
// recorded with their reads answered empty apply (their checks find
// the tables empty), and undo.
func TestRecordedEmptyReadsApply(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		m, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(emptyReads(t, tg, 3)))
		if err != nil {
			t.Fatal(err)
		}
		res, err := m.Up(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(res) != 3 {
			t.Fatalf("applied %d migrations, want 3", len(res))
		}
		live := tg.Inspect(t)
		if live.Table("members") == nil || live.Table("teams").Column("adminid") == nil || live.Table("notes") == nil {
			t.Errorf("the backfills' changes are not all there: %v", live.TableNames())
		}
		if _, err := m.UndoAll(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

// TestRecordedEmptyReadsRefuse: where a table a backfill was recorded
// assuming empty holds rows, the migration stops with a
// *dialect.NotEmptyError before anything of it runs (on MySQL too,
// whose DDL commits itself): the schema and the state table are as
// before it.
func TestRecordedEmptyReadsRefuse(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		first, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(emptyReads(t, tg, 1)))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := first.Up(ctx); err != nil {
			t.Fatal(err)
		}
		q := tg.Dialect.Quote
		for i := range 3 {
			if _, err := tg.DB.ExecContext(ctx, fmt.Sprintf("INSERT INTO %s (%s) VALUES ('t%d')", q("teams"), q("name"), i)); err != nil {
				t.Fatal(err)
			}
		}
		m, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(emptyReads(t, tg, 3)))
		if err != nil {
			t.Fatal(err)
		}
		_, err = m.Up(ctx)
		var ne *dialect.NotEmptyError
		if !errors.As(err, &ne) {
			t.Fatalf("Up error = %v, want a *dialect.NotEmptyError", err)
		}
		want := dialect.NotEmptyError{Table: "teams", Rows: 3, Assumption: dialect.Assumption{File: "20200102000000-set-admins.js", Line: 7,
			Reason: "the file reads its rows at line 7 to change them"}}
		if *ne != want {
			t.Errorf("error = %#v, want %#v", *ne, want)
		}
		var me *migrate.MigrationError
		if !errors.As(err, &me) || me.Name != "20200102000000-set-admins" || !me.Unchanged {
			t.Errorf("migration error = %#v, want set-admins, unchanged", me)
		}
		if live := tg.Inspect(t); live.Table("teams").Column("adminid") != nil {
			t.Error("the migration added teams.adminid before its check refused it")
		}
		st, err := m.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Pending(); !slices.Equal(got, []string{"20200102000000-set-admins", "20200103000000-rename-and-read"}) {
			t.Errorf("pending = %v, want set-admins and rename-and-read", got)
		}
	})
}

// TestRecordedEmptyReadsRefuseRenamed: the check of a table the
// migration renames runs under its old name, before the rename, so a
// refused migration leaves the table as it was.
func TestRecordedEmptyReadsRefuseRenamed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		reg := emptyReads(t, tg, 3)
		first, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(emptyReads(t, tg, 2)))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := first.Up(ctx); err != nil {
			t.Fatal(err)
		}
		q := tg.Dialect.Quote
		if _, err := tg.DB.ExecContext(ctx, fmt.Sprintf("INSERT INTO %s (%s) VALUES ('ada@example.com')", q("users"), q("email"))); err != nil {
			t.Fatal(err)
		}
		m, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(reg))
		if err != nil {
			t.Fatal(err)
		}
		_, err = m.Up(ctx)
		var ne *dialect.NotEmptyError
		if !errors.As(err, &ne) || ne.Table != "users" || ne.Rows != 1 {
			t.Fatalf("Up error = %v, want a *dialect.NotEmptyError of users, 1 row", err)
		}
		live := tg.Inspect(t)
		if live.Table("users") == nil || live.Table("members") != nil || live.Table("notes") != nil {
			t.Errorf("the refused migration changed the schema: %v", live.TableNames())
		}
	})
}
