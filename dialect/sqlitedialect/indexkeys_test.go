package sqlitedialect_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/schema"
)

// Index keys that are not plain columns (an expression, COLLATE NOCASE,
// DESC) read back as they were written, and a table rebuilt from what
// Inspect read has the same index definitions in sqlite_schema.
func TestIndexKeysRoundTrip(t *testing.T) {
	ctx := context.Background()
	d := sqlitedialect.New()
	src := openFile(t)
	for _, s := range []string{
		`CREATE TABLE items (id INTEGER PRIMARY KEY, code TEXT, name TEXT, "Rank" INTEGER, a INTEGER, b INTEGER)`,
		`CREATE INDEX items_lower ON items (lower(code), a + b)`,
		`CREATE INDEX items_desc ON items ("Rank" DESC, name)`,
		`CREATE UNIQUE INDEX items_nocase ON items (code COLLATE NOCASE) WHERE a > 0`,
		`CREATE INDEX items_plain ON items ("Rank")`,
	} {
		if _, err := src.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	db, err := d.Inspect(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	items := db.Table("items")
	keys := map[string][]string{}
	for _, x := range items.Indexes {
		keys[x.Name] = x.Columns
	}
	want := map[string][]string{
		"items_lower":  {"lower(code)", "a + b"},
		"items_desc":   {`"Rank" DESC`, "name"},
		"items_nocase": {"code COLLATE NOCASE"},
		"items_plain":  {"Rank"},
	}
	if diff := cmp.Diff(keys, want); diff != "" {
		t.Errorf("index keys (-got +want):\n%s", diff)
	}

	dst := openFile(t)
	cur := &schema.Database{}
	for _, op := range ddl.CreateTableFrom(*items) {
		stmts, err := d.Render(op, cur)
		if err != nil {
			t.Fatalf("%s: %v", op, err)
		}
		for _, s := range stmts {
			if _, err := dst.ExecContext(ctx, s.SQL); err != nil {
				t.Fatalf("%s: %v", s.SQL, err)
			}
		}
		if err := op.Apply(cur); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(indexSQL(t, dst), indexSQL(t, src)); diff != "" {
		t.Errorf("index definitions of the rebuilt table (-got +want):\n%s", diff)
	}
	again, err := d.Inspect(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d.Canonical(again).Table("items").Indexes, d.Canonical(db).Table("items").Indexes); diff != "" {
		t.Errorf("indexes read from the rebuilt table (-got +want):\n%s", diff)
	}
}

// indexSQL maps each index of db to its sqlite_schema.sql, without quotes
// and with single spaces.
func indexSQL(t *testing.T, db *sql.DB) map[string]string {
	t.Helper()
	rows, err := db.Query(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, s string
		if err := rows.Scan(&name, &s); err != nil {
			t.Fatal(err)
		}
		out[name] = strings.Join(strings.Fields(strings.NewReplacer(`"`, "", "`", "").Replace(s)), " ")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// A key that would end the statement or hide the rest of it is refused
// when the index is added, naming the index and the key.
func TestIndexKeyInjectionRefused(t *testing.T) {
	d := sqlitedialect.New()
	cur := &schema.Database{}
	if err := ddl.CreateTable("t", ddl.Column("a", schema.Integer())).Apply(cur); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"lower(a); DROP TABLE t", "(a) -- x", "a /* x */ DESC"} {
		op := ddl.AddIndex("t", key).Named("t_x")
		if err := op.Apply(cur.Clone()); err == nil || !strings.Contains(err.Error(), `"t_x"`) {
			t.Errorf("Apply with key %q: %v, want an error naming the index", key, err)
		}
		if _, err := d.Render(op, cur); err == nil {
			t.Errorf("Render with key %q: no error", key)
		}
	}
	stmts, err := d.Render(ddl.AddIndex("t", "a COLLATE NOCASE DESC", "a").Named("t_ok"), cur)
	if err != nil || len(stmts) != 1 || stmts[0].SQL != `CREATE INDEX "t_ok" ON "t" (a COLLATE NOCASE DESC, "a")` {
		t.Errorf("Render: %v %v", stmts, err)
	}
}
