package dialecttest

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/golden"
	"github.com/strata-orm/strata/internal/testshop"
	"github.com/strata-orm/strata/schema"
)

func ctx(t testing.TB) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return c
}

// Apply renders op against cur, runs it on tg as one unit, and applies it to
// cur. It fails the test on error.
func (tg *Target) Apply(t testing.TB, cur *schema.Database, ops ...ddl.Op) {
	t.Helper()
	for _, op := range ops {
		if err := tg.TryApply(t, cur, op); err != nil {
			t.Fatalf("%s on %s: %v", op, tg.Dialect.Name(), err)
		}
	}
}

// TryApply is Apply that returns the error instead of failing.
func (tg *Target) TryApply(t testing.TB, cur *schema.Database, op ddl.Op) error {
	t.Helper()
	stmts, err := tg.Dialect.Render(op, cur)
	if err != nil {
		return err
	}
	if err := dialect.ExecAll(ctx(t), tg.DB, tg.Dialect, stmts); err != nil {
		return err
	}
	return op.Apply(cur)
}

// Inspect reads the live schema in canonical form.
func (tg *Target) Inspect(t testing.TB) *schema.Database {
	t.Helper()
	db, err := tg.Dialect.Inspect(ctx(t), tg.DB)
	if err != nil {
		t.Fatalf("inspect %s: %v", tg.Dialect.Name(), err)
	}
	return tg.Dialect.Canonical(db)
}

// live reads the live schema as Inspect returns it (not canonical), as
// package migrate renders a migration's operations against it.
func (tg *Target) live(t testing.TB) *schema.Database {
	t.Helper()
	db, err := tg.Dialect.Inspect(ctx(t), tg.DB)
	if err != nil {
		t.Fatalf("inspect %s: %v", tg.Dialect.Name(), err)
	}
	return db
}

// Compare fails the test unless the live schema equals want (canonicalised).
func (tg *Target) Compare(t testing.TB, want *schema.Database, when string) {
	t.Helper()
	got := tg.Inspect(t)
	if diff := cmp.Diff(got, tg.Dialect.Canonical(want)); diff != "" {
		t.Fatalf("%s: live %s schema differs from the offline replay (-live +offline):\n%s", when, tg.Dialect.Name(), diff)
	}
}

// Count returns the number of rows in table.
func (tg *Target) Count(t testing.TB, table string) int {
	t.Helper()
	var n int
	if err := tg.DB.QueryRowContext(ctx(t), "SELECT COUNT(*) FROM "+tg.Dialect.Quote(table)).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// Run runs the whole conformance suite for d against the server at
// serverURL (ignored for SQLite).
func Run(t *testing.T, d dialect.Dialect, serverURL string) {
	t.Run("Shop", func(t *testing.T) { RunShop(t, d, serverURL) })
	t.Run("Scenarios", func(t *testing.T) { RunScenarios(t, d, serverURL) })
	t.Run("BadInput", func(t *testing.T) { RunBadInput(t, d, serverURL) })
	t.Run("Narrowing", func(t *testing.T) { RunNarrowing(t, d, serverURL) })
	t.Run("Golden", func(t *testing.T) { RunGolden(t, d) })
	t.Run("UniqueKeys", func(t *testing.T) { RunUniqueKeys(t, d, serverURL) })
}

// RunUniqueKeys checks dialect.UniqueKeyReader: the primary key (single
// and composite), unique constraints and unique indexes are listed; plain,
// partial and (PostgreSQL) deferrable ones are not; a missing table has
// none.
func RunUniqueKeys(t *testing.T, d dialect.Dialect, serverURL string) {
	kr, ok := d.(dialect.UniqueKeyReader)
	if !ok {
		t.Fatalf("%s does not implement dialect.UniqueKeyReader", d.Name())
	}
	tg := Fresh(t, d, serverURL)
	cur := &schema.Database{}
	ops := []ddl.Op{
		ddl.CreateTable("keyed",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("a", schema.Integer()).NotNull(),
			ddl.Column("b", schema.Integer()).NotNull(),
			ddl.Column("c", schema.String(20)),
			ddl.Column("e", schema.Integer()),
			ddl.Column("f", schema.Integer()),
		).WithUnique("b", "a"),
		ddl.AddIndex("keyed", "c").AsUnique(),
		ddl.AddIndex("keyed", "e"),
		ddl.CreateTable("pair",
			ddl.Column("x", schema.Integer()),
			ddl.Column("y", schema.Integer()),
		).WithPrimaryKey("x", "y"),
	}
	if d.Name() != "mysql" {
		ops = append(ops, ddl.AddIndex("keyed", "f").AsUnique().Partial(d.Quote("f")+" > 0"))
	}
	tg.Apply(t, cur, ops...)
	if d.Name() == "postgres" {
		// ON CONFLICT cannot stand on a deferrable constraint.
		tg.Exec(t, `ALTER TABLE keyed ADD CONSTRAINT keyed_e_f_key UNIQUE (e, f) DEFERRABLE`)
	}
	for _, tt := range []struct {
		table string
		want  []string
	}{
		{"keyed", []string{"b,a", "c", "id"}},
		{"pair", []string{"x,y"}},
		{"missing", nil},
	} {
		keys, err := kr.UniqueKeys(ctx(t), tg.DB, tt.table)
		if err != nil {
			t.Fatalf("UniqueKeys(%s): %v", tt.table, err)
		}
		var got []string
		for _, k := range keys {
			got = append(got, strings.Join(k, ","))
		}
		slices.Sort(got)
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("UniqueKeys(%s) on %s (-got +want):\n%s", tt.table, d.Name(), diff)
		}
	}
}

// RunShop applies the seed's five migrations one by one, comparing the live
// schema with the offline replay after each, then their downs in reverse
// order, which must leave an empty database.
func RunShop(t *testing.T, d dialect.Dialect, serverURL string) {
	tg := Fresh(t, d, serverURL)
	cur := &schema.Database{}
	migs := testshop.Migrations()
	for _, m := range migs {
		tg.Apply(t, cur, m.Up...)
		tg.Compare(t, cur, "after up "+m.Name)
	}
	for i := len(migs) - 1; i >= 0; i-- {
		tg.Apply(t, cur, migs[i].Down...)
		tg.Compare(t, cur, "after down "+migs[i].Name)
	}
	if live := tg.Inspect(t); len(live.Tables) != 0 {
		t.Fatalf("tables left after every down: %v", live.TableNames())
	}
	// Undo then redo works (PostgreSQL ENUM types go with their tables).
	for _, m := range migs {
		tg.Apply(t, cur, m.Up...)
	}
	tg.Compare(t, cur, "after redo")
}

// RunScenarios runs every scenario on a fresh database: setup, the op,
// comparison with the offline replay, row counts, then the op's reverse
// and comparison with the schema before.
func RunScenarios(t *testing.T, d dialect.Dialect, serverURL string) {
	for _, sc := range Scenarios() {
		t.Run(sc.Name, func(t *testing.T) {
			tg := Fresh(t, d, serverURL)
			cur := &schema.Database{}
			if sc.Shop {
				tg.Apply(t, cur, ShopSetup()...)
			}
			tg.Apply(t, cur, sc.Setup...)
			before := cur.Clone()
			if want, ok := sc.Unsupported[d.Name()]; ok {
				_, err := d.Render(sc.Op, cur)
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Fatalf("Render(%s) error = %v, want one mentioning %q", sc.Op, err, want)
				}
				tg.Compare(t, before, "after refusing "+sc.Op.String())
				return
			}
			undo, revErr := sc.Op.Reverse(cur)
			tg.Apply(t, cur, sc.Op)
			tg.Compare(t, cur, "after "+sc.Op.String())
			for table, n := range sc.Rows {
				if got := tg.Count(t, table); got != n {
					t.Errorf("after %s: %s has %d rows, want %d", sc.Op, table, got, n)
				}
			}
			if revErr != nil {
				return // irreversible by design (bulk update/delete)
			}
			tg.Apply(t, cur, sc.BeforeReverse...)
			// The reverse is rendered against the live schema, as a
			// migration's down is: MySQL reads some things back in another
			// form than the ops made them (a unique index is a unique
			// constraint there), and the down must work on what it reads.
			live := tg.live(t)
			for _, op := range undo {
				if err := tg.TryApply(t, live, op); err != nil {
					t.Fatalf("reverse %s on %s, rendered against the live schema: %v", op, d.Name(), err)
				}
				if err := op.Apply(cur); err != nil {
					t.Fatal(err)
				}
			}
			want := before.Clone()
			if rc, ok := sc.Op.(*ddl.RemoveColumnOp); ok {
				// The column comes back last, on every database; compare it there.
				moveLast(want, rc)
			}
			tg.Compare(t, want, "after reversing "+sc.Op.String())
		})
	}
}

func moveLast(db *schema.Database, op *ddl.RemoveColumnOp) {
	tb := db.Table(op.Table)
	for i, c := range tb.Columns {
		if c.Name == op.Column {
			tb.Columns = append(append(tb.Columns[:i:i], tb.Columns[i+1:]...), c)
			return
		}
	}
}

// RunBadInput checks that malformed operations are refused before any SQL
// runs: the database is unchanged afterwards.
func RunBadInput(t *testing.T, d dialect.Dialect, serverURL string) {
	tg := Fresh(t, d, serverURL)
	cur := &schema.Database{}
	tg.Apply(t, cur, ShopSetup()...)
	tests := []struct {
		op   ddl.Op
		want string
	}{
		{ddl.CreateTable("x", ddl.Column("a", schema.Type{Kind: "STRIN"})), `unknown type "STRIN"`},
		{ddl.CreateTable("x", ddl.Column("a", schema.Integer()).References("customers", "id")), `table "customers", which does not exist`},
		{ddl.CreateTable("x", ddl.Column("a", schema.Integer()).References("users", "uuid")), `"users"."uuid", which does not exist`},
		{ddl.CreateTable("x", ddl.Column("a", schema.Integer()), ddl.Column("a", schema.Integer())), `column "a" is declared twice`},
		{ddl.CreateTable("", ddl.Column("a", schema.Integer())), "table name is empty"},
		{ddl.AddColumn("users", ddl.Column("", schema.Integer())), "column name is empty"},
		{ddl.AddColumn("users", ddl.Column("email", schema.Integer())), `already has a column "email"`},
	}
	for _, tt := range tests {
		stmts, err := d.Render(tt.op, cur)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Render(%s) = %d statements, error %v; want an error containing %q", tt.op, len(stmts), err, tt.want)
		}
	}
	tg.Compare(t, cur, "after bad input")
}

// RunGolden renders every scenario's op (after its setup, offline) and
// compares the SQL with testdata/golden/<scenario>.sql.
func RunGolden(t *testing.T, d dialect.Dialect) {
	for _, sc := range Scenarios() {
		t.Run(sc.Name, func(t *testing.T) {
			cur := &schema.Database{}
			if sc.Shop {
				if err := ddl.Replay(cur, ShopSetup()...); err != nil {
					t.Fatal(err)
				}
			}
			if err := ddl.Replay(cur, sc.Setup...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			stmts, err := d.Render(sc.Op, cur)
			if err != nil {
				fmt.Fprintf(&b, "-- error: %v\n", err)
			}
			b.WriteString(FormatStmts(stmts))
			Golden(t, filepath.Join("testdata", "golden", sc.Name+".sql"), b.String())
		})
	}
	t.Run("shop", func(t *testing.T) {
		cur := &schema.Database{}
		var b strings.Builder
		for _, m := range testshop.Migrations() {
			fmt.Fprintf(&b, "-- %s: up\n", m.Name)
			for _, op := range m.Up {
				stmts, err := d.Render(op, cur)
				if err != nil {
					t.Fatal(err)
				}
				b.WriteString(FormatStmts(stmts))
				if err := op.Apply(cur); err != nil {
					t.Fatal(err)
				}
			}
		}
		Golden(t, filepath.Join("testdata", "golden", "shop.sql"), b.String())
	})
}

// FormatStmts writes statements one per paragraph, each ending in ";", with
// their arguments in a comment, and a comment before a guard.
func FormatStmts(stmts []dialect.Stmt) string {
	var b strings.Builder
	for _, s := range stmts {
		if s.NoTx {
			b.WriteString("-- no transaction\n")
		}
		if g := s.Guard; g != nil && g.Empty != nil {
			fmt.Fprintf(&b, "-- guard: refuses the migration if %q holds a row (%s, line %d: %s)\n", g.Table, g.Empty.File, g.Empty.Line, g.Empty.Reason)
		} else if g != nil {
			fmt.Fprintf(&b, "-- guard: refuses the change if a row of %q.%q holds a value that %s\n", g.Table, g.Column, g.Lost)
		}
		b.WriteString(s.SQL)
		b.WriteString(";\n")
		if len(s.Args) > 0 {
			fmt.Fprintf(&b, "-- args: %s\n", formatArgs(s.Args))
		}
	}
	return b.String()
}

func formatArgs(args []any) string {
	parts := make([]string, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case nil:
			parts[i] = "NULL"
		case string:
			parts[i] = fmt.Sprintf("%q", v)
		default:
			parts[i] = fmt.Sprint(v)
		}
	}
	return strings.Join(parts, ", ")
}

// Golden compares got with the file at path, or rewrites the file when the
// test runs with -update (the flag of package internal/golden, shared by
// every golden test of the module).
func Golden(t testing.TB, path, got string) {
	t.Helper()
	golden.Check(t, path, []byte(got))
}

// Exec runs SQL on tg and fails the test on error.
func (tg *Target) Exec(t testing.TB, query string, args ...any) sql.Result {
	t.Helper()
	res, err := tg.DB.ExecContext(ctx(t), query, args...)
	if err != nil {
		t.Fatalf("exec %q: %v", query, err)
	}
	return res
}
