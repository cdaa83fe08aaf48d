package sqlitedialect_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// generated returns a column generated as expr, STORED or VIRTUAL.
func generated(name string, t schema.Type, expr string, stored bool) ddl.ColumnDef {
	c := ddl.Column(name, t)
	c.Column.Generated = &schema.Generated{Expr: expr, Stored: stored}
	return c
}

func collated(c ddl.ColumnDef, collation string) ddl.ColumnDef {
	c.Column.Collation = collation
	return c
}

// tableOps create a STRICT table and a STRICT, WITHOUT ROWID one keyed by
// text, with NOCASE and RTRIM columns and STORED and VIRTUAL generated
// columns.
func tableOps() []ddl.Op {
	items := ddl.CreateTable("items",
		ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
		collated(ddl.Column("name", schema.Text()).NotNull(), "nocase"),
		ddl.Column("qty", schema.Integer()).NotNull().Default(1),
		generated("twice", schema.Integer(), `"qty"*2`, true),
		generated("label", schema.Text(), "upper(name) || '-' || qty", false),
	)
	items.Strict = true
	codes := ddl.CreateTable("codes",
		collated(ddl.Column("code", schema.Text()).PrimaryKey(), "NOCASE"),
		collated(ddl.Column("note", schema.String(40)), "RTRIM"),
		collated(ddl.Column("raw", schema.Text()), "BINARY"),
		generated("len", schema.Integer(), "length(code)", false),
	)
	codes.WithoutRowID = true
	both := ddl.CreateTable("tags", ddl.Column("tag", schema.Text()).PrimaryKey(), ddl.Column("n", schema.Integer()))
	both.Strict, both.WithoutRowID = true, true
	return []ddl.Op{items, codes, both, ddl.AddIndex("items", "label")}
}

// catalog is what SQLite says of a table, line by line: its
// pragma_table_list and pragma_table_xinfo rows.
func catalog(t *testing.T, db *sql.DB, table string) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		`SELECT type, ncol, wr, strict FROM pragma_table_list(?) WHERE schema = 'main'`,
		`SELECT cid, name, type, "notnull", coalesce(dflt_value, '-'), pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid`,
	} {
		rows, err := db.Query(q, table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			v := make([]any, len(cols))
			p := make([]any, len(cols))
			for i := range v {
				p[i] = &v[i]
			}
			if err := rows.Scan(p...); err != nil {
				t.Fatal(err)
			}
			out = append(out, strings.TrimSpace(fmt.Sprintln(v...)))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return out
}

// tableSQL is the table's CREATE TABLE as SQLite keeps it, in upper case
// with quotes and whitespace dropped.
func tableSQL(t *testing.T, db *sql.DB, table string) string {
	t.Helper()
	var s string
	if err := db.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = ?`, table).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return strings.ToUpper(strings.Join(strings.Fields(strings.NewReplacer(`"`, "", "`", "", "[", "", "]", "").Replace(s)), ""))
}

// TestTableOptions: STRICT and WITHOUT ROWID tables, collations and
// generated columns are written, read back as the offline replay has
// them, enforced by SQLite, and kept by a rebuild.
func TestTableOptions(t *testing.T) {
	tg := dialecttest.Fresh(t, sqlitedialect.New(), "")
	cur := &schema.Database{}
	tg.Apply(t, cur, tableOps()...)
	tg.Compare(t, cur, "created")
	for _, want := range []struct{ table, line string }{
		{"items", "table 5 0 1"}, {"codes", "table 4 1 0"}, {"tags", "table 2 1 1"},
		{"items", "3 twice INTEGER 0 - 0 3"}, {"items", "4 label TEXT 0 - 0 2"}, {"codes", "3 len INTEGER 0 - 0 2"},
	} {
		if got := catalog(t, tg.DB, want.table); !containsLine(got, want.line) {
			t.Errorf("%s: no line %q in %q", want.table, want.line, got)
		}
	}
	tg.Exec(t, `INSERT INTO "items" ("name", "qty") VALUES ('Bolt', 3), ('nut', 5)`)
	tg.Exec(t, `INSERT INTO "codes" ("code", "note", "raw") VALUES ('abc', 'x  ', 'q')`)
	if _, err := tg.DB.Exec(`INSERT INTO "codes" ("code") VALUES ('ABC')`); err == nil {
		t.Error("NOCASE primary key took 'ABC' beside 'abc'")
	}
	if _, err := tg.DB.Exec(`INSERT INTO "items" ("name", "qty") VALUES ('x', 'many')`); err == nil {
		t.Error("STRICT table took text in an INTEGER column")
	}
	rows := func() string {
		var s string
		err := tg.DB.QueryRow(`SELECT group_concat(name || ':' || twice || ':' || label, ',') FROM (SELECT * FROM "items" WHERE name = 'BOLT' OR name = 'NUT' ORDER BY id)`).Scan(&s)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if got := rows(); got != "Bolt:6:BOLT-3,nut:10:NUT-5" {
		t.Errorf("rows: %q", got)
	}
	before := map[string][]string{}
	for _, tb := range []string{"items", "codes", "tags"} {
		before[tb] = catalog(t, tg.DB, tb)
	}

	// A rebuild keeps every option, collation and generated column.
	tg.Apply(t, cur,
		ddl.ChangeColumn("items", ddl.Column("qty", schema.Integer()).NotNull().Default(2)),
		ddl.ChangeColumn("codes", collated(ddl.Column("note", schema.String(40)), "RTRIM").NotNull().Default("")),
		ddl.ChangeColumn("tags", ddl.Column("n", schema.Integer()).NotNull().Default(0)),
	)
	tg.Compare(t, cur, "rebuilt")
	if got := rows(); got != "Bolt:6:BOLT-3,nut:10:NUT-5" {
		t.Errorf("rows after the rebuild: %q", got)
	}
	for _, tb := range []string{"items", "codes", "tags"} {
		after := catalog(t, tg.DB, tb)
		if len(after) != len(before[tb]) || after[0] != before[tb][0] {
			t.Errorf("%s: catalog before %q, after the rebuild %q", tb, before[tb], after)
		}
	}

	// ADD COLUMN: a VIRTUAL generated column by ALTER TABLE, a STORED one
	// by a rebuild (SQLite cannot add it).
	tg.Apply(t, cur,
		ddl.AddColumn("items", generated("half", schema.Integer(), "qty / 2", false)),
		ddl.AddColumn("items", generated("thrice", schema.Integer(), "qty * 3", true)),
		ddl.AddColumn("codes", collated(ddl.Column("extra", schema.Text()), "NOCASE")),
	)
	tg.Compare(t, cur, "added")
	var thrice int
	if err := tg.DB.QueryRow(`SELECT thrice FROM items WHERE name = 'nut'`).Scan(&thrice); err != nil || thrice != 15 {
		t.Errorf("thrice = %d, %v; want 15", thrice, err)
	}
	// Dropping generated columns: by ALTER TABLE, and by a rebuild for the
	// indexed one.
	tg.Apply(t, cur, ddl.RemoveColumn("items", "twice"), ddl.RemoveColumn("items", "label"))
	tg.Compare(t, cur, "dropped")
}

func containsLine(lines []string, line string) bool {
	for _, l := range lines {
		if l == line {
			return true
		}
	}
	return false
}

// TestTableOptionsForeign: a table written by hand with those constructs
// is inspected, and CreateTableFrom rebuilds it in a fresh file with the
// same catalog and the same CREATE TABLE (quotes and spacing aside).
func TestTableOptionsForeign(t *testing.T) {
	ctx := context.Background()
	d := sqlitedialect.New()
	db := openFile(t)
	for _, s := range []string{
		"CREATE TABLE people (id INTEGER NOT NULL PRIMARY KEY, name TEXT COLLATE nocase NOT NULL, " +
			"first TEXT COLLATE RTRIM, full TEXT GENERATED ALWAYS AS (name || ' ' || first) STORED, " +
			"initial TEXT AS (substr(name, 1, 1)), born INT) STRICT",
		// These two as strata writes them, but for quotes, case and spacing.
		"create table [words] (word text collate nocase not null, n INTEGER, sq INTEGER generated always as (n*n) virtual,\n primary key (word)) without rowid",
		"CREATE TABLE `kv` (\"k\" TEXT NOT NULL,v ANY, PRIMARY KEY(k)) STRICT,WITHOUT ROWID",
	} {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	live, err := d.Inspect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	people := live.Table("people")
	if c := people.Column("full"); c == nil || c.Generated == nil || !c.Generated.Stored || c.Generated.Expr != "name || ' ' || first" {
		t.Errorf("people.full: %#v", c)
	}
	if c := people.Column("initial"); c == nil || c.Generated == nil || c.Generated.Stored {
		t.Errorf("people.initial: %#v", c)
	}
	if c := people.Column("name"); c == nil || c.Collation != "NOCASE" || c.Generated != nil {
		t.Errorf("people.name: %#v", c)
	}
	if !people.Strict || people.WithoutRowID || !live.Table("words").WithoutRowID || live.Table("words").Strict ||
		!live.Table("kv").Strict || !live.Table("kv").WithoutRowID {
		t.Errorf("table options: people %v/%v, words %v/%v, kv %v/%v", people.Strict, people.WithoutRowID,
			live.Table("words").Strict, live.Table("words").WithoutRowID, live.Table("kv").Strict, live.Table("kv").WithoutRowID)
	}

	tg := dialecttest.Fresh(t, d, "")
	cur := &schema.Database{}
	for _, tb := range live.Tables {
		tg.Apply(t, cur, ddl.CreateTableFrom(tb)...)
	}
	tg.Compare(t, live, "rebuilt from Inspect")
	for _, tb := range []string{"people", "words", "kv"} {
		if diff := cmp.Diff(catalog(t, db, tb), catalog(t, tg.DB, tb)); diff != "" {
			t.Errorf("%s: catalog differs (-hand-made +rebuilt):\n%s", tb, diff)
		}
	}
	for _, tb := range []string{"words", "kv"} {
		if got, want := tableSQL(t, tg.DB, tb), tableSQL(t, db, tb); got != want {
			t.Errorf("%s: rebuilt %q, hand-made %q", tb, got, want)
		}
	}
}

// TestTableOptionsRefused: what SQLite cannot make fails before anything
// runs, with a message saying why.
func TestTableOptionsRefused(t *testing.T) {
	d := sqlitedialect.New()
	strict := ddl.CreateTable("s", ddl.Column("id", schema.Integer()).PrimaryKey(), ddl.Column("name", schema.String(20)))
	strict.Strict = true
	noKey := ddl.CreateTable("w", ddl.Column("a", schema.Text()))
	noKey.WithoutRowID = true
	auto := ddl.CreateTable("w", ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement())
	auto.WithoutRowID = true
	for _, c := range []struct {
		op   ddl.Op
		want string
	}{
		{strict, "STRICT table"},
		{noKey, "needs a primary key"},
		{auto, "no rowid"},
		{ddl.CreateTable("c", collated(ddl.Column("a", schema.Text()), "no case; DROP")), "not a collation name"},
		{ddl.CreateTable("g", generated("a", schema.Integer(), "1", true)), "not generated"},
	} {
		_, err := d.Render(c.op, nil)
		var u *dialect.UnsupportedError
		if err == nil || !strings.Contains(err.Error(), c.want) || errors.As(err, &u) {
			t.Errorf("%s: error %v, want one saying %q", c.op, err, c.want)
		}
	}
}
