package migrate_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/lint"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

// notes is a history whose second migration drops a column holding data
// (L002) and whose third drops a table (L001), allowed with a reason.
func notes() migrate.Registry {
	return migrate.Registry{
		{Name: "20260101000001-notes", Up: []ddl.Op{createTable("notes"),
			ddl.BulkInsert("notes", ddl.Row{"id": 1, "note": "a"}, ddl.Row{"id": 2, "note": "b"})},
			Down: []ddl.Op{ddl.DropTable("notes")}},
		{Name: "20260101000002-drop-note", Up: []ddl.Op{ddl.RemoveColumn("notes", "note")},
			Down: []ddl.Op{ddl.AddColumn("notes", ddl.Column("note", schema.String(40)))}},
		{Name: "20260101000003-drop-notes", Up: []ddl.Op{ddl.DropTable("notes")},
			Lint: []lint.Allow{{Rule: "L001", Reason: "notes moved to the archive service"}}},
	}
}

func findings(es []migrate.Event) []string {
	var out []string
	for _, e := range es {
		if e.Kind == migrate.Lint {
			if e.Err != nil {
				out = append(out, "error: "+e.Err.Error())
			} else {
				out = append(out, e.Name+" "+e.Finding.Rule)
			}
		}
	}
	return out
}

// TestUpLints checks that Up reports the findings of each pending
// migration as Lint events, leaves out those an Allow silences, and
// applies every migration all the same.
func TestUpLints(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		rec := &recorder{}
		m := newMigrator(t, tg, migrate.WithGo(notes()), migrate.WithObserver(rec.observe))
		rs, err := m.Up(testCtx(t))
		if err != nil {
			t.Fatal(err)
		}
		wantNames(t, "applied", names(rs), []string{"20260101000001-notes", "20260101000002-drop-note", "20260101000003-drop-notes"})
		wantNames(t, "findings", findings(rec.events), []string{"20260101000002-drop-note L002"})
	})
}

func TestWithoutLint(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		rec := &recorder{}
		m := newMigrator(t, tg, migrate.WithGo(notes()), migrate.WithObserver(rec.observe), migrate.WithoutLint())
		if _, err := m.Up(testCtx(t)); err != nil {
			t.Fatal(err)
		}
		if n := rec.count(migrate.Lint); n != 0 {
			t.Errorf("%d lint events, want none", n)
		}
	})
}

// TestMigratorLint checks that Lint reads every pending migration, Go and
// SQL, against the schema replayed through those before it, and marks
// what an Allow silences.
func TestMigratorLint(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		reg := notes()
		first := newMigrator(t, tg, migrate.WithGo(reg[:1]))
		if _, err := first.Up(ctx); err != nil {
			t.Fatal(err)
		}
		fsys := sqlFS(map[string]string{
			"20260101000004-rename": "-- strata:up\n-- strata:lint-allow L006 the code reads both names since v2\nALTER TABLE notes2 RENAME COLUMN id TO note_id;\n",
		})
		reg = append(reg, migrate.Migration{Name: "20260101000003-keep", Up: []ddl.Op{createTable("notes2")}, Down: []ddl.Op{ddl.DropTable("notes2")}})
		reg[2].Name = "20260101000005-drop-notes"
		m := newMigrator(t, tg, migrate.WithGo(reg), migrate.WithFS(fsys, "migrations"))
		fs, err := m.Lint(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range fs {
			s := f.Migration + " " + f.Rule
			if f.Allowed != "" {
				s += " allowed"
			}
			got = append(got, s)
		}
		want := []string{"20260101000002-drop-note L002", "20260101000004-rename L006 allowed", "20260101000005-drop-notes L001 allowed"}
		if !slices.Equal(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
		if b := lint.Blocking(fs); len(b) != 1 || b[0].Rule != "L002" {
			t.Errorf("blocking %v, want the L002 alone", b)
		}
	})
}

func TestLintAllowRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		bad := migrate.Registry{{Name: "20260101000001-x", Up: []ddl.Op{createTable("x")}, Lint: []lint.Allow{{Rule: "L002"}}}}
		_, err := migrate.New(tg.DB, tg.Dialect, migrate.WithGo(bad))
		if !errors.Is(err, lint.ErrBadAllow) {
			t.Fatalf("got %v, want ErrBadAllow", err)
		}
		wantErr(t, err, "20260101000001-x", "L002 has no reason")
		for text, frag := range map[string]string{
			"-- strata:up\n-- strata:lint-allow L002\nSELECT 1;\n":         "L002 has no reason",
			"-- strata:up\n-- strata:lint-allow L042 because\nSELECT 1;\n": `rule "L042" is unknown`,
		} {
			_, err := migrate.New(tg.DB, tg.Dialect, migrate.WithFS(sqlFS(map[string]string{"20260101000001-y": text}), "migrations"))
			wantErr(t, err, "20260101000001-y.sql", "line 2", frag)
		}
	})
}
