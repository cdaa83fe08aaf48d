package migrate_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/migrate/testdata/importedreg"
	"github.com/strata-orm/strata/schema"
)

func TestCheckImportedName(t *testing.T) {
	for _, name := range []string{
		"20190118-x", "v2.15.0-add-thing", "20200101120000-add.users.email", "1_initial",
		"20261126184503-create-user", "Add Users", "2019-01-18_x", "x.sql", "ünïcode",
		"1-x.js", "1-x.ts", "1-x.cts",
	} {
		if err := migrate.CheckImportedName(name); err != nil {
			t.Errorf("CheckImportedName(%q): %v", name, err)
		}
	}
	for name, want := range map[string]string{
		"":                       "empty",
		"   ":                    "empty",
		"migrations/1-x":         "path separator",
		`sub\1-x`:                "path separator",
		"..":                     "folder",
		"1-x\nDROP":              "control character",
		"1-x\x00":                "control character",
		"1-x\t":                  "control character",
		"\xff1-x":                "UTF-8",
		strings.Repeat("a", 256): "255",
	} {
		err := migrate.CheckImportedName(name)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckImportedName(%q) = %v, want an error saying %q", name, err, want)
		}
	}
	// strata's own names stay strict.
	for _, name := range []string{"20190118-x", "v2.15.0-add-thing", "20200101120000-add.users.email", "1_initial"} {
		if err := migrate.CheckName(name); err == nil {
			t.Errorf("CheckName(%q) accepted a name that is not YYYYMMDDHHMMSS-name", name)
		}
	}
}

// TestImportedNamesLoad: a registry filled by Registry.Add from files named
// as sequelize-cli runs them loads when imported, in name order, and the
// same migrations not marked imported are refused by name.
func TestImportedNamesLoad(t *testing.T) {
	want := []string{"20190118-create-tags", "v2.15.0-add-thing", "v2.16.0-add.things.name"}
	var got []string
	for _, m := range importedreg.All {
		got = append(got, m.Name)
	}
	slices.Sort(got)
	wantNames(t, "registry names", got, want)
	r, err := migrate.Replay(nil, nil, migrate.WithGo(importedreg.All))
	if err != nil {
		t.Fatal(err)
	}
	wantNames(t, "replayed", r.Migrations, want)
	if r.Schema.Table("things").Column("name") == nil {
		t.Fatalf("things.name not replayed: %v", r.Schema.TableNames())
	}
	strict := slices.Clone(importedreg.All)
	for i := range strict {
		strict[i].Imported = false
	}
	if _, err := migrate.Replay(nil, nil, migrate.WithGo(strict)); err == nil || !strings.Contains(err.Error(), "is not YYYYMMDDHHMMSS-name") {
		t.Fatalf("strict registry with sequelize-cli names: %v, want CheckName's error", err)
	}
}

// importedHistory is a sequelize-cli history with a construct of each kind
// its database accepted, named as sequelize-cli names files. Forward
// references only where the database makes them (SQLite).
func importedHistory(dialectName string, imported bool) migrate.Registry {
	var r migrate.Registry
	add := func(name string, up, down []ddl.Op) {
		r = append(r, migrate.Migration{Name: name, Imported: imported, Up: up, Down: down, Source: name + ".go"})
	}
	if dialectName == "sqlite" {
		// posts references users, created by the next migration.
		add("1_initial", []ddl.Op{ddl.CreateTable("posts",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("userId", schema.Integer()).References("users", "id"))},
			[]ddl.Op{ddl.DropTable("posts")})
	}
	add("20190118-users", []ddl.Op{ddl.CreateTable("users",
		ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
		ddl.Column("email", schema.String(100)))},
		[]ddl.Op{ddl.DropTable("users")})
	add("20200101120000-remove.users.email.index", []ddl.Op{ddl.RemoveIndex("users", "users_email")}, []ddl.Op{})
	if dialectName != "mysql" {
		// MySQL and MariaDB refuse the key themselves (MariaDB 10.11:
		// errno 150), so strata refuses it there, imported or not.
		add("v2.15.0-comments", []ddl.Op{ddl.CreateTable("comments",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("userId", schema.Integer()).NotNull().References("users", "id").OnDelete(schema.SetNull))},
			[]ddl.Op{ddl.DropTable("comments")})
	}
	add("v2.16.0-counters", []ddl.Op{ddl.CreateTable("counters",
		ddl.Column("code", schema.String(10)).PrimaryKey(),
		ddl.Column("n", schema.Integer()).AutoIncrement().Unique())},
		[]ddl.Op{ddl.DropTable("counters")})
	// Operations Go code applies are imported too.
	r = append(r, migrate.Migration{Name: "v2.17.0-code", Imported: imported, Version: "1", Source: "v2.17.0-code.go",
		UpFunc: func(ctx context.Context, ex migrate.Executor) error {
			return ex.Apply(ctx, ddl.RemoveIndex("counters", "counters_gone"))
		},
		DownFunc: func(context.Context, migrate.Executor) error { return nil }})
	return r
}

// TestImportedHistory: an imported history with the constructs its
// database accepted applies on each dialect with a warning for each,
// undoes to empty, and the same operations in strata's own migrations are
// refused before anything runs.
func TestImportedHistory(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		rec := &recorder{}
		reg := importedHistory(tg.Dialect.Name(), true)
		m := newMigrator(t, tg, migrate.WithGo(reg), migrate.WithObserver(rec.observe))
		plan, err := m.Plan(ctx, migrate.Up)
		if err != nil {
			t.Fatalf("Plan: %v", err)
		}
		var planned []ddl.WarningKind
		for _, p := range plan {
			for _, w := range p.Warnings {
				planned = append(planned, w.Kind)
			}
		}
		res, err := m.Up(ctx)
		if err != nil {
			t.Fatalf("Up: %v", err)
		}
		var names []string
		var kinds []ddl.WarningKind
		for _, r := range res {
			names = append(names, r.Name)
			for _, w := range r.Warnings {
				kinds = append(kinds, w.Kind)
			}
		}
		var wantNamesUp []string
		for _, mig := range reg {
			wantNamesUp = append(wantNamesUp, mig.Name)
		}
		wantNames(t, "applied", names, wantNamesUp)
		want := []ddl.WarningKind{ddl.MissingIndex, ddl.SetNullNotNull, ddl.AutoIncrementWithoutKey}
		switch tg.Dialect.Name() {
		case "sqlite":
			want = append([]ddl.WarningKind{ddl.ForwardReference}, want...)
		case "mysql":
			want = []ddl.WarningKind{ddl.MissingIndex, ddl.AutoIncrementWithoutKey}
		}
		if !slices.Equal(planned, want) { // Plan does not run Go code
			t.Fatalf("Plan warnings = %v, want %v", planned, want)
		}
		want = append(want, ddl.MissingIndex)
		if !slices.Equal(kinds, want) {
			t.Fatalf("Result warnings = %v, want %v", kinds, want)
		}
		for _, e := range rec.events {
			if e.Kind == migrate.Lint && e.Err != nil {
				t.Fatalf("lint could not check %s: %v", e.Name, e.Err)
			}
		}
		if n := rec.count(migrate.Warning); n != len(want) {
			t.Fatalf("%d Warning events, want %d", n, len(want))
		}
		live := tg.Inspect(t)
		if c := live.Table("counters"); c == nil || c.Column("n") == nil {
			t.Fatalf("counters not created: %v", live.TableNames())
		}
		if c := live.Table("comments"); tg.Dialect.Name() != "mysql" && (c == nil || c.ForeignKey("comments_userId_fkey") == nil || c.ForeignKey("comments_userId_fkey").OnDelete != schema.SetNull) {
			t.Fatalf("comments' foreign key: %+v", c)
		}
		st, err := m.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, ms := range st.Migrations {
			if ms.State != migrate.StateApplied || !ms.Imported || ms.AppliedChecksum == "" {
				t.Errorf("status of %s: state %s, imported %v, checksum %q", ms.Name, ms.State, ms.Imported, ms.AppliedChecksum)
			}
		}
		undone, err := m.UndoAll(ctx)
		if err != nil {
			t.Fatalf("UndoAll: %v", err)
		}
		var undoKinds []ddl.WarningKind
		for _, r := range undone {
			for _, w := range r.Warnings {
				undoKinds = append(undoKinds, w.Kind)
			}
		}
		if wantUndo := map[string][]ddl.WarningKind{"sqlite": {ddl.DropReferenced}}[tg.Dialect.Name()]; !slices.Equal(undoKinds, wantUndo) {
			t.Fatalf("UndoAll warnings = %v, want %v", undoKinds, wantUndo)
		}
		wantNames(t, "tables after undo", tables(t, tg), []string{"SequelizeMeta"})

		// strata's own migrations, with the same constructs, are refused
		// as before, with nothing changed.
		users := migrate.Migration{Name: "20261130000000-users", Up: []ddl.Op{ddl.CreateTable("users",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement())}, Down: []ddl.Op{ddl.DropTable("users")}}
		strict := map[string]ddl.Op{
			"forward reference": ddl.CreateTable("posts", ddl.Column("id", schema.Integer()).PrimaryKey(),
				ddl.Column("tagId", schema.Integer()).References("tags", "id")),
			"missing index":              ddl.RemoveIndex("users", "users_email"),
			"auto-increment without key": ddl.CreateTable("counters", ddl.Column("code", schema.String(10)).PrimaryKey(), ddl.Column("n", schema.Integer()).AutoIncrement().Unique()),
		}
		if tg.Dialect.Name() == "mysql" {
			// Refused on MySQL imported or not (see importedHistory).
			strict["imported set null on not null"] = ddl.Import(ddl.CreateTable("comments", ddl.Column("id", schema.Integer()).PrimaryKey(),
				ddl.Column("userId", schema.Integer()).NotNull().References("users", "id").OnDelete(schema.SetNull)))
			strict["set null on not null"] = ddl.CreateTable("comments", ddl.Column("id", schema.Integer()).PrimaryKey(),
				ddl.Column("userId", schema.Integer()).NotNull().References("users", "id").OnDelete(schema.SetNull))
		}
		for what, op := range strict {
			own := migrate.Migration{Name: "20261201000000-own", Up: []ddl.Op{op}, Down: []ddl.Op{}}
			m := newMigrator(t, tg, migrate.WithGo(migrate.Registry{users, own}))
			_, err := m.Up(ctx)
			var me *migrate.MigrationError
			if !errors.As(err, &me) || me.Name != own.Name || !me.Unchanged {
				t.Fatalf("strata's own migration with a %s: %v, want it refused with nothing changed", what, err)
			}
			if !strings.HasSuffix(what, "set null on not null") {
				var de *ddl.Error
				if !errors.As(err, &de) {
					t.Fatalf("strata's own migration with a %s: %v, want a *ddl.Error", what, err)
				}
			}
			if _, err := m.UndoAll(ctx); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestImportedAdopt: a database sequelize-cli migrated with files named as
// it names them (dots, versions, 8-digit dates; .js, .ts and .cts rows) is
// adopted by the imported registry: everything shows applied, nothing
// re-runs, and undoing removes the rows sequelize-cli wrote.
func TestImportedAdopt(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		ctx := testCtx(t)
		q := tg.Dialect.Quote
		tg.Exec(t, "CREATE TABLE "+q("SequelizeMeta")+" ("+q("name")+" VARCHAR(255) NOT NULL UNIQUE, PRIMARY KEY ("+q("name")+"))")
		cur := &schema.Database{}
		for _, mig := range importedreg.All {
			tg.Apply(t, cur, mig.Up...)
		}
		rows := map[string]string{"20190118-create-tags": ".js", "v2.15.0-add-thing": ".ts", "v2.16.0-add.things.name": ".cts"}
		for name, ext := range rows {
			tg.Exec(t, "INSERT INTO "+q("SequelizeMeta")+" VALUES ("+tg.Dialect.Placeholder(1)+")", name+ext)
		}
		m := newMigrator(t, tg, migrate.WithGo(importedreg.All))
		st, err := m.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Err(); err != nil {
			t.Fatal(err)
		}
		for _, ms := range st.Migrations {
			if ms.State != migrate.StateApplied || ms.Recorded != ms.Name+rows[ms.Name] || !ms.Imported {
				t.Errorf("adopted %s: state %s, recorded %q", ms.Name, ms.State, ms.Recorded)
			}
		}
		if res, err := m.Up(ctx); err != nil || len(res) != 0 {
			t.Fatalf("Up after adoption: %v, %v; want nothing to run", res, err)
		}
		if _, err := m.UndoAll(ctx); err != nil {
			t.Fatal(err)
		}
		wantNames(t, "tables after undo", tables(t, tg), []string{"SequelizeMeta"})
		if n := tg.Count(t, "SequelizeMeta"); n != 0 {
			t.Fatalf("%d rows left in SequelizeMeta", n)
		}
	})
}
