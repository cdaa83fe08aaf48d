package pgdialect_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// step applies op, compares the live schema with the offline one and checks
// that exactly the enum types the schema needs exist.
func step(t *testing.T, tg *dialecttest.Target, cur *schema.Database, ops ...ddl.Op) {
	t.Helper()
	for _, op := range ops {
		tg.Apply(t, cur, op)
		tg.Compare(t, cur, "after "+op.String())
		checkEnumTypes(t, tg, cur, "after "+op.String())
	}
}

func checkEnumTypes(t *testing.T, tg *dialecttest.Target, cur *schema.Database, when string) {
	t.Helper()
	var want []string
	for _, tb := range cur.Tables {
		for _, c := range tb.Columns {
			if c.Type.Kind == schema.KindEnum || (c.Type.Kind == schema.KindArray && c.Type.Elem.Kind == schema.KindEnum) {
				want = append(want, schema.DeriveName("enum", tb.Name, c.Name))
			}
		}
	}
	slices.Sort(want)
	rows, err := tg.DB.QueryContext(context.Background(), `SELECT typname FROM pg_type
		WHERE typtype = 'e' AND typnamespace = current_schema()::regnamespace ORDER BY typname`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		got = append(got, n)
	}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Fatalf("%s: enum types (-live +want):\n%s", when, diff)
	}
}

// An enum column's type follows it through every change, and undoing then
// redoing the changes works, twice.
func TestEnumLifecycle(t *testing.T) {
	d := pgdialect.New()
	tg := dialecttest.Fresh(t, d, serverURL(t))
	cur := &schema.Database{}
	step(t, tg, cur,
		ddl.CreateTable("tickets",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("state", schema.Enum("open", "closed")).NotNull().Default("open"),
			ddl.Column("labels", schema.Array(schema.Enum("bug", "idea"))),
		),
		ddl.BulkInsert("tickets", ddl.Row{"id": 1, "state": "open", "labels": "{bug}"}, ddl.Row{"id": 2, "state": "open", "labels": nil}),
	)
	changes := []ddl.Op{
		ddl.ChangeColumn("tickets", ddl.Column("state", schema.Enum("open", "closed", "archived")).NotNull().Default("open")),
		ddl.ChangeColumn("tickets", ddl.Column("state", schema.Enum("open", "archived")).NotNull().Default("archived")),
		ddl.ChangeColumn("tickets", ddl.Column("labels", schema.Array(schema.Enum("bug", "idea", "chore")))),
		ddl.RenameColumn("tickets", "state", "status"),
		ddl.RenameTable("tickets", "issues"),
		ddl.ChangeColumn("issues", ddl.Column("status", schema.String(20)).Default("open")),
		ddl.ChangeColumn("issues", ddl.Column("status", schema.Enum("open", "done")).Default("done")),
		ddl.AddColumn("issues", ddl.Column("kind", schema.Enum("a", "b"))),
		ddl.RemoveColumn("issues", "kind"),
	}
	undo, err := ddl.ReverseAll(cur, changes...)
	if err != nil {
		t.Fatal(err)
	}
	step(t, tg, cur, changes...)
	if n := tg.Count(t, "issues"); n != 2 {
		t.Errorf("issues has %d rows, want 2", n)
	}
	step(t, tg, cur, undo...)
	if n := tg.Count(t, "tickets"); n != 2 {
		t.Errorf("after undo tickets has %d rows, want 2", n)
	}
	step(t, tg, cur, changes...)
	step(t, tg, cur, undo...)
	step(t, tg, cur, ddl.DropTable("tickets"))
	checkEnumTypes(t, tg, cur, "after dropping the table")
}

// Widening a SERIAL column widens its sequence; rows inserted with their
// keys move the sequence past them.
func TestSerialColumn(t *testing.T) {
	d := pgdialect.New()
	tg := dialecttest.Fresh(t, d, serverURL(t))
	cur := &schema.Database{}
	step(t, tg, cur,
		ddl.CreateTable("events", ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(), ddl.Column("name", schema.Text())),
		ddl.ChangeColumn("events", ddl.Column("id", schema.BigInt()).PrimaryKey().AutoIncrement()),
		ddl.BulkInsert("events", ddl.Row{"id": 3000000000, "name": "big"}),
	)
	var typ string
	if err := tg.DB.QueryRow(`SELECT seqtypid::regtype::text FROM pg_sequence
		WHERE seqrelid = pg_get_serial_sequence('events', 'id')::regclass`).Scan(&typ); err != nil {
		t.Fatal(err)
	}
	if typ != "bigint" {
		t.Errorf("the sequence of events.id is %s, want bigint", typ)
	}
	var id int64
	if err := tg.DB.QueryRow(`INSERT INTO events (name) VALUES ('next') RETURNING id`).Scan(&id); err != nil {
		t.Fatalf("insert after a bulk insert with keys: %v", err)
	}
	if id != 3000000001 {
		t.Errorf("next id = %d, want 3000000001", id)
	}
	// Dropping autoIncrement leaves a plain column.
	step(t, tg, cur, ddl.ChangeColumn("events", ddl.Column("id", schema.BigInt()).PrimaryKey()))
}

// The primary key keeps the name PostgreSQL gave it when its table is
// renamed; removing "<table>_pkey" finds it all the same.
func TestRemovePrimaryKeyAfterRename(t *testing.T) {
	d := pgdialect.New()
	tg := dialecttest.Fresh(t, d, serverURL(t))
	cur := &schema.Database{}
	step(t, tg, cur,
		ddl.CreateTable("tags", ddl.Column("name", schema.String(40)).PrimaryKey()),
		ddl.RenameTable("tags", "labels"),
		// A new table under the old name gets a key of its own.
		ddl.CreateTable("tags", ddl.Column("name", schema.String(40)).PrimaryKey()),
		ddl.RemoveConstraint("labels", "labels_pkey"),
		ddl.AddPrimaryKey("labels", "name").Named("labels_name_pk"),
		ddl.RemoveConstraint("labels", "labels_pkey"),
		ddl.RemoveConstraint("tags", "tags_pkey"),
	)
}

// A primary key's own name (Chinook's "PK_Album") is made, read back and
// removed by that name; a name PostgreSQL made up is not kept.
func TestPrimaryKeyName(t *testing.T) {
	d := pgdialect.New()
	tg := dialecttest.Fresh(t, d, serverURL(t))
	cur := &schema.Database{}
	step(t, tg, cur,
		ddl.CreateTable("albums", ddl.Column("AlbumId", schema.Integer())).WithPrimaryKey("AlbumId").WithPrimaryKeyName("PK_Album"),
		ddl.CreateTable("tracks", ddl.Column("TrackId", schema.Integer()).PrimaryKey()),
	)
	live, err := d.Inspect(context.Background(), tg.DB)
	if err != nil {
		t.Fatal(err)
	}
	if got := live.Table("albums").PrimaryKeyName; got != "PK_Album" {
		t.Errorf("albums primary key name = %q, want PK_Album", got)
	}
	if got := live.Table("tracks").PrimaryKeyName; got != "" {
		t.Errorf("tracks primary key name = %q, want none (PostgreSQL's own tracks_pkey)", got)
	}
	step(t, tg, cur, ddl.RemoveConstraint("albums", "PK_Album"))
}

// ChangeColumn replaces the whole definition: comment, default and NOT NULL
// come and go with it.
func TestChangeColumnDefinition(t *testing.T) {
	d := pgdialect.New()
	tg := dialecttest.Fresh(t, d, serverURL(t))
	cur := &schema.Database{}
	step(t, tg, cur,
		ddl.CreateTable("notes",
			ddl.Column("id", schema.UUID()).PrimaryKey().DefaultUUIDv4(),
			ddl.Column("body", schema.Text()).NotNull().Default("").Comment("what it says"),
			ddl.Column("at", schema.Date()).DefaultNow(),
			ddl.Column("score", schema.Integer()).Default(1),
		).WithComment("short notes"),
		ddl.ChangeColumn("notes", ddl.Column("body", schema.Text()).Comment("it's the text")),
		ddl.ChangeColumn("notes", ddl.Column("body", schema.Text()).NotNull().Default("-")),
		ddl.ChangeColumn("notes", ddl.Column("at", schema.DateOnly()).DefaultNow()),
		ddl.ChangeColumn("notes", ddl.Column("score", schema.Decimal(5, 2)).Default("1.50")),
		ddl.ChangeColumn("notes", ddl.Column("score", schema.Double()).DefaultExpr("random()")),
		ddl.ChangeColumn("notes", ddl.Column("score", schema.Integer()).Unique()),
		ddl.ChangeColumn("notes", ddl.Column("id", schema.UUID()).PrimaryKey()),
	)
}

// Inspect reads tables strata did not make: identity columns, expression
// indexes, comments, columns of types only PostgreSQL has; a view is an
// object, kept as PostgreSQL prints it; skipped tables are left out.
func TestInspectForeignSchema(t *testing.T) {
	d := pgdialect.New()
	tg := dialecttest.Fresh(t, d, serverURL(t))
	tg.Exec(t, `CREATE TABLE accounts (
		id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
		email text NOT NULL,
		born date DEFAULT '2000-01-01',
		nick varchar,
		CONSTRAINT accounts_email_check CHECK (email <> '') NOT VALID)`)
	tg.Exec(t, `COMMENT ON TABLE accounts IS 'people'`)
	tg.Exec(t, `CREATE UNIQUE INDEX accounts_lower_email ON accounts (lower(email), id)`)
	tg.Exec(t, `CREATE VIEW account_emails AS SELECT email FROM accounts`)
	tg.Exec(t, `CREATE TABLE hosts (addr inet DEFAULT '0.0.0.0')`)

	accounts := schema.Table{
		Name: "accounts",
		Columns: []schema.Column{
			{Name: "id", Type: schema.BigInt(), NotNull: true, AutoIncrement: true, Identity: schema.IdentityByDefault},
			{Name: "email", Type: schema.Text(), NotNull: true},
			{Name: "born", Type: schema.DateOnly(), Default: schema.Literal("2000-01-01")},
			{Name: "nick", Type: schema.Native("postgres", "character varying")},
		},
		PrimaryKey: []string{"id"},
		Indexes:    []schema.Index{{Name: "accounts_lower_email", Columns: []string{"lower(email)", "id"}, Unique: true}},
		Checks:     []schema.Check{{Name: "accounts_email_check", Expr: "email <> ''::text"}},
		Comment:    "people",
	}
	hosts := schema.Table{
		Name:    "hosts",
		Columns: []schema.Column{{Name: "addr", Type: schema.Native("postgres", "inet"), Default: schema.Literal("0.0.0.0")}},
	}
	for _, tt := range []struct {
		skip []string
		want []schema.Table
	}{
		{nil, []schema.Table{accounts, hosts}},
		{[]string{"hosts"}, []schema.Table{accounts}},
	} {
		got, err := d.Inspect(context.Background(), tg.DB, tt.skip...)
		if err != nil {
			t.Fatalf("Inspect skipping %q: %v", tt.skip, err)
		}
		want := &schema.Database{Tables: tt.want, Objects: []schema.Object{{Kind: schema.ObjectView, Name: "account_emails", Dialect: "postgres",
			Definition: "CREATE VIEW account_emails AS  SELECT accounts.email\n   FROM accounts;"}}}
		want.Normalize()
		if diff := cmp.Diff(got, want); diff != "" {
			t.Errorf("Inspect skipping %q (-got +want):\n%s", tt.skip, diff)
		}
	}
}

// nativeColumns are columns of types no portable kind renders exactly, as
// they are declared and as format_type prints them back.
var nativeColumns = []struct{ name, decl, spelling string }{
	{"seen", "timestamp without time zone", "timestamp without time zone"},
	{"seen3", "timestamp(3) without time zone", "timestamp(3) without time zone"},
	{"amount", "numeric", "numeric"},
	{"nick", "varchar", "character varying"},
	{"ip", "inet", "inet"},
	{"ips", "inet[]", "inet[]"},
	{"body", "tsvector", "tsvector"},
	{"price", "money", "money"},
	{"span", "interval", "interval"},
	{"born", "year", "year"},
	{"alarm", "time with time zone", "time with time zone"},
	{"at3", "timestamptz(3)", "timestamp(3) with time zone"},
	{"blank", "bpchar", "bpchar"},
	{"flags", "bit(3)", "bit(3)"},
}

// Every column type reads: one no portable kind renders exactly is NATIVE
// in format_type's spelling, and a table created from what Inspect read has
// the same type in every column.
func TestInspectNativeTypes(t *testing.T) {
	d := pgdialect.New()
	src := dialecttest.Fresh(t, d, serverURL(t))
	const domain = `CREATE DOMAIN year AS integer CHECK (VALUE >= 1901)`
	src.Exec(t, domain)
	defs := []string{"id serial PRIMARY KEY", "grid integer[][]"}
	for _, c := range nativeColumns {
		defs = append(defs, c.name+" "+c.decl)
	}
	src.Exec(t, "CREATE TABLE docs ("+strings.Join(defs, ", ")+")")

	db, err := d.Inspect(context.Background(), src.DB)
	if err != nil {
		t.Fatalf("Inspect: %v", err)
	}
	docs := db.Table("docs")
	if docs == nil {
		t.Fatal("Inspect does not read table docs")
	}
	if len(db.Warnings) != 0 {
		t.Errorf("Inspect warnings: %v", db.Warnings)
	}
	// PostgreSQL keeps no number of dimensions: integer[][] is integer[].
	for name, want := range map[string]schema.Type{"id": schema.Integer(), "grid": schema.Array(schema.Integer())} {
		if c := docs.Column(name); c == nil || !c.Type.Equal(want) {
			t.Errorf("column %s: %+v, want type %s", name, c, want)
		}
	}
	for _, nc := range nativeColumns {
		c := docs.Column(nc.name)
		if want := schema.Native("postgres", nc.spelling); c == nil || !c.Type.Equal(want) {
			t.Errorf("column %s (%s): %+v, want type %s", nc.name, nc.decl, c, want)
		}
	}

	dst := dialecttest.Fresh(t, d, serverURL(t))
	dst.Exec(t, domain)
	cur := &schema.Database{}
	dst.Apply(t, cur, ddl.CreateTableFrom(*docs)...)
	if got, want := columnTypes(t, dst), columnTypes(t, src); !cmp.Equal(got, want) {
		t.Errorf("types of the table created from Inspect (-got +want):\n%s", cmp.Diff(got, want))
	}
	dst.Compare(t, cur, "after creating docs from what Inspect read")
}

// columnTypes maps each column of table docs to its format_type.
func columnTypes(t *testing.T, tg *dialecttest.Target) map[string]string {
	t.Helper()
	rows, err := tg.DB.QueryContext(context.Background(), `SELECT attname, format_type(atttypid, atttypmod)
		FROM pg_attribute WHERE attrelid = 'docs'::regclass AND attnum > 0 AND NOT attisdropped`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			t.Fatal(err)
		}
		out[name] = typ
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// A type whose name NATIVE cannot hold (it has a ; in it) does not stop
// Inspect: the column is read, with a warning naming it.
func TestInspectWarnsOfUnholdableType(t *testing.T) {
	d := pgdialect.New()
	tg := dialecttest.Fresh(t, d, serverURL(t))
	tg.Exec(t, `CREATE DOMAIN "odd;name" AS integer`)
	tg.Exec(t, `CREATE TABLE things (id integer PRIMARY KEY, v "odd;name")`)
	db, err := d.Inspect(context.Background(), tg.DB)
	if err != nil {
		t.Fatalf("Inspect: %v", err)
	}
	want := []schema.Warning{{Table: "things", Column: "v", Construct: "column type", Detail: `"odd;name"`}}
	if diff := cmp.Diff(db.Warnings, want); diff != "" {
		t.Errorf("Inspect warnings (-got +want):\n%s", diff)
	}
	if c := db.Table("things").Column("v"); c == nil || c.Type.Kind != schema.KindNative {
		t.Errorf("column things.v: %+v, want it read as NATIVE", c)
	}
}
