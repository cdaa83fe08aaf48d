package lint_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/lint"
	"github.com/strata-orm/strata/schema"
)

// apply runs ops on the live database of tg, each rendered against the
// schema read back before it.
func apply(t *testing.T, tg *dialecttest.Target, ops ...ddl.Op) {
	t.Helper()
	ctx := context.Background()
	for _, op := range ops {
		live, err := tg.Dialect.Inspect(ctx, tg.DB)
		if err != nil {
			t.Fatal(err)
		}
		stmts, err := tg.Dialect.Render(op, live)
		if err != nil {
			t.Fatalf("render %s: %v", op, err)
		}
		if err := dialect.ExecAll(ctx, tg.DB, tg.Dialect, stmts); err != nil {
			t.Fatalf("run %s: %v", op, err)
		}
	}
}

// users makes a users table with three rows, two of which share a name.
func users(t *testing.T, tg *dialecttest.Target) {
	t.Helper()
	apply(t, tg,
		ddl.CreateTable("users",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("email", schema.String(100)),
			ddl.Column("name", schema.String(50)),
			ddl.Column("age", schema.Integer()),
		),
		ddl.CreateTable("empty",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("name", schema.String(50)),
		),
		ddl.BulkInsert("users",
			ddl.Row{"email": "a@x", "name": "ann", "age": 1},
			ddl.Row{"email": "b@x", "name": "ann", "age": 2},
			ddl.Row{"email": "c@x", "name": "bob", "age": 3},
		),
	)
}

// check lints ops against tg's live schema with its probe.
func check(t *testing.T, tg *dialecttest.Target, cfg lint.Config, ops []ddl.Op, allow ...lint.Allow) []lint.Finding {
	t.Helper()
	ctx := context.Background()
	live, err := tg.Dialect.Inspect(ctx, tg.DB)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := cfg.Check(ctx, tg.Dialect, live, "20260101000000-x", ops, lint.DBProbe(tg.DB, tg.Dialect), allow)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func rulesOf(fs []lint.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

func TestRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		users(t, tg)
		name := tg.Dialect.Name()
		cases := []struct {
			name string
			cfg  lint.Config
			ops  []ddl.Op
			want string // the rule that must be reported, "" for none
			on   string // the only dialect where want is reported
		}{
			{name: "L001 drop table", ops: []ddl.Op{ddl.DropTable("users")}, want: "L001"},
			{name: "L001 drop a table made in the same migration", ops: []ddl.Op{
				ddl.CreateTable("tmp", ddl.Column("id", schema.Integer()).PrimaryKey()), ddl.DropTable("tmp")}},
			{name: "L001 raw DROP TABLE", ops: []ddl.Op{ddl.Raw(`DROP TABLE users`)}, want: "L001"},
			{name: "L001 raw SELECT", ops: []ddl.Op{ddl.Raw(`SELECT 1`)}},
			{name: "L002 raw DROP COLUMN", ops: []ddl.Op{ddl.Raw(`ALTER TABLE users DROP COLUMN age`)}, want: "L002"},
			{name: "L006 raw RENAME COLUMN", ops: []ddl.Op{ddl.Raw(`ALTER TABLE users RENAME COLUMN age TO years`)}, want: "L006"},
			{name: "L002 drop column", ops: []ddl.Op{ddl.RemoveColumn("users", "age")}, want: "L002"},
			{name: "L002 drop a column added in the same migration", ops: []ddl.Op{
				ddl.AddColumn("users", ddl.Column("tmp", schema.Integer())), ddl.RemoveColumn("users", "tmp")}},
			{name: "L003 shorter varchar", ops: []ddl.Op{ddl.ChangeColumn("users", ddl.Column("name", schema.String(10)))}, want: "L003"},
			{name: "L003 smaller integer", ops: []ddl.Op{ddl.ChangeColumn("users", ddl.Column("age", schema.SmallInt()))}, want: "L003"},
			{name: "L003 text to varchar", ops: []ddl.Op{
				ddl.AddColumn("users", ddl.Column("bio", schema.Text())),
				ddl.ChangeColumn("users", ddl.Column("email", schema.Text())),
				ddl.ChangeColumn("users", ddl.Column("email", schema.String(200)))}, want: "L003"},
			{name: "L003 longer varchar", ops: []ddl.Op{ddl.ChangeColumn("users", ddl.Column("name", schema.String(80)))}},
			{name: "L004 NOT NULL without default on rows", ops: []ddl.Op{ddl.AddColumn("users", ddl.Column("nick", schema.String(20)).NotNull())}, want: "L004"},
			{name: "L004 NOT NULL with a default", ops: []ddl.Op{ddl.AddColumn("users", ddl.Column("nick", schema.String(20)).NotNull().Default("x"))}},
			{name: "L004 NOT NULL on an empty table", ops: []ddl.Op{ddl.AddColumn("empty", ddl.Column("nick", schema.String(20)).NotNull())}},
			{name: "L004 change to NOT NULL on rows", ops: []ddl.Op{ddl.ChangeColumn("users", ddl.Column("age", schema.Integer()).NotNull())}, want: "L004"},
			{name: "L005 unique over duplicates", ops: []ddl.Op{ddl.AddUnique("users", "name")}, want: "L005"},
			{name: "L005 unique index over duplicates", ops: []ddl.Op{ddl.AddIndex("users", "name").AsUnique()}, want: "L005"},
			{name: "L005 unique over distinct values", ops: []ddl.Op{ddl.AddUnique("users", "email")}},
			{name: "L006 rename column", ops: []ddl.Op{ddl.RenameColumn("users", "name", "full_name")}, want: "L006"},
			{name: "L006 rename table", ops: []ddl.Op{ddl.RenameTable("users", "people")}, want: "L006"},
			{name: "L006 rename a table made in the same migration", ops: []ddl.Op{
				ddl.CreateTable("tmp", ddl.Column("id", schema.Integer()).PrimaryKey()), ddl.RenameTable("tmp", "tmp2")}},
			{name: "L007 index on a large table", cfg: lint.Config{LargeTable: 2}, ops: []ddl.Op{ddl.AddIndex("users", "age")}, want: "L007", on: "postgres"},
			{name: "L007 raw CREATE INDEX on a large table", cfg: lint.Config{LargeTable: 2}, ops: []ddl.Op{
				ddl.Raw(`CREATE INDEX users_age_idx ON users (age)`)}, want: "L007", on: "postgres"},
			{name: "L007 raw CREATE INDEX CONCURRENTLY", cfg: lint.Config{LargeTable: 2}, ops: []ddl.Op{
				ddl.Raw(`SELECT 1`).For("postgres", `CREATE INDEX CONCURRENTLY users_age_idx ON users (age)`)}},
			{name: "L007 index on a small table", ops: []ddl.Op{ddl.AddIndex("users", "age")}},
			{name: "L008 column type change copies", ops: []ddl.Op{ddl.ChangeColumn("users", ddl.Column("age", schema.BigInt()))}, want: "L008", on: "mysql"},
			{name: "L008 longer varchar in place", ops: []ddl.Op{ddl.ChangeColumn("users", ddl.Column("name", schema.String(60)))}},
			{name: "L008 column added at the end", ops: []ddl.Op{ddl.AddColumn("users", ddl.Column("nick", schema.String(20)))}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				got := rulesOf(check(t, tg, c.cfg, c.ops))
				want := c.want
				if c.on != "" && c.on != name {
					want = ""
				}
				if want == "" {
					// Only the rule the case is about must stay quiet.
					rule := c.name[:4]
					if slices.Contains(got, rule) {
						t.Errorf("got %v, want no %s", got, rule)
					}
					return
				}
				if !slices.Contains(got, want) {
					t.Errorf("got %v, want %s", got, want)
				}
			})
		}
	})
}

func TestFindingNamesTableAndFix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		users(t, tg)
		fs := check(t, tg, lint.Config{}, []ddl.Op{ddl.RemoveColumn("users", "age")})
		if len(fs) != 1 {
			t.Fatalf("got %v, want one L002", fs)
		}
		f := fs[0]
		if f.Rule != "L002" || f.Severity != lint.Error || f.Table != "users" || f.Column != "age" ||
			!strings.Contains(f.Message, "users.age") || f.Fix == "" || f.Migration != "20260101000000-x" || !f.Blocking() {
			t.Errorf("got %+v", f)
		}
	})
}

func TestAllow(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		users(t, tg)
		fs := check(t, tg, lint.Config{}, []ddl.Op{ddl.RemoveColumn("users", "age"), ddl.DropTable("empty")},
			lint.Allow{Rule: "L002", Reason: "age was never read"})
		var blocking []string
		for _, f := range fs {
			switch f.Rule {
			case "L002":
				if f.Allowed != "age was never read" || f.Blocking() {
					t.Errorf("L002 not silenced: %+v", f)
				}
			}
		}
		for _, f := range lint.Blocking(fs) {
			blocking = append(blocking, f.Rule)
		}
		if !slices.Equal(blocking, []string{"L001"}) {
			t.Errorf("blocking %v, want [L001] (L002 is allowed)", blocking)
		}
	})
}

func TestAllowRefused(t *testing.T) {
	for _, a := range []lint.Allow{{Rule: "L002"}, {Rule: "L002", Reason: "  "}, {Rule: "L999", Reason: "x"}} {
		_, err := lint.Check(context.Background(), nil, &schema.Database{}, "20260101000000-x", nil, nil, []lint.Allow{a})
		if !errors.Is(err, lint.ErrBadAllow) || !strings.Contains(err.Error(), "20260101000000-x") {
			t.Errorf("allow %+v: got %v, want ErrBadAllow naming the migration", a, err)
		}
	}
}

// TestNoProbe checks the choices without a database: L004 is a warning
// that says it could not tell, L005 and L007 are not reported.
func TestNoProbe(t *testing.T) {
	db := &schema.Database{}
	if err := ddl.Replay(db, ddl.CreateTable("users", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("name", schema.String(10)))); err != nil {
		t.Fatal(err)
	}
	fs, err := lint.Check(context.Background(), nil, db, "20260101000000-x", []ddl.Op{
		ddl.AddColumn("users", ddl.Column("nick", schema.String(20)).NotNull()),
		ddl.AddUnique("users", "name"),
	}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Rule != "L004" || fs[0].Severity != lint.Warning {
		t.Errorf("got %v, want one L004 warning", fs)
	}
}

// TestRequireEmptyQuiet: a check that tables are empty (ddl.RequireEmpty,
// which a recorded backfill starts with) changes nothing, and no rule
// reports it, with a probe or without.
func TestRequireEmptyQuiet(t *testing.T) {
	ops := []ddl.Op{ddl.RequireEmpty("users", "empty").At("20200101000000-backfill.js", 6), ddl.AddColumn("empty", ddl.Column("nick", schema.String(20)))}
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		users(t, tg)
		if fs := check(t, tg, lint.Config{LargeTable: 1}, ops); len(fs) != 0 {
			t.Errorf("got %v, want no finding", fs)
		}
	})
	db := &schema.Database{}
	if err := ddl.Replay(db, ddl.CreateTable("users", ddl.Column("id", schema.Integer()).PrimaryKey()), ddl.CreateTable("empty", ddl.Column("id", schema.Integer()).PrimaryKey())); err != nil {
		t.Fatal(err)
	}
	fs, err := lint.Check(context.Background(), nil, db, "20260101000000-x", ops, nil, nil)
	if err != nil || len(fs) != 0 {
		t.Errorf("without a probe: %v, %v; want no finding", fs, err)
	}
}
