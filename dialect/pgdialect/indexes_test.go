package pgdialect_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/schema"
)

// Index methods, INCLUDE, NULLS NOT DISTINCT and deferrable foreign keys
// made through ddl ops read back as they were asked for.
func TestIndexOptionsLifecycle(t *testing.T) {
	d := pgdialect.New()
	tg := dialecttest.Fresh(t, d, serverURL(t))
	cur := &schema.Database{}
	posts := ddl.CreateTable("posts",
		ddl.Column("id", schema.Integer()).PrimaryKey(),
		ddl.Column("author_id", schema.Integer()),
		ddl.Column("editor_id", schema.Integer()),
		ddl.Column("body", schema.Native("postgres", "tsvector")),
		ddl.Column("meta", schema.JSONB()),
		ddl.Column("slug", schema.String(40)),
		ddl.Column("created", schema.Date()),
		ddl.Column("code", schema.Integer()),
	)
	posts.ForeignKeys = []schema.ForeignKey{{Name: "posts_author_fk", Columns: []string{"author_id"},
		RefTable: "authors", RefColumns: []string{"id"}, Deferrable: true, InitiallyDeferred: true}}
	step(t, tg, cur,
		ddl.CreateTable("authors", ddl.Column("id", schema.Integer()).PrimaryKey()),
		posts,
		ddl.AddIndex("posts", "body").Using("gin"),
		ddl.AddIndex("posts", "meta").Using("GIN").Named("posts_meta_gin"),
		ddl.AddIndex("posts", "slug").Using("hash"),
		ddl.AddIndex("posts", "created").Using("brin"),
		ddl.AddIndex("posts", "author_id").Using("btree").Including("slug", "created"),
		ddl.AddIndex("posts", "code").AsUnique().AsNullsNotDistinct().Partial("code > 0"),
		ddl.AddForeignKey("posts", []string{"editor_id"}, "authors", []string{"id"}).WithDeferrable(false),
	)
	live, err := d.Inspect(context.Background(), tg.DB)
	if err != nil {
		t.Fatal(err)
	}
	if len(live.Warnings) != 0 {
		t.Errorf("Inspect warnings: %v", live.Warnings)
	}
	p := live.Table("posts")
	want := map[string]schema.Index{
		schema.IndexName("posts", []string{"body"}): {Columns: []string{"body"}, Method: "gin"},
		"posts_meta_gin": {Columns: []string{"meta"}, Method: "gin"},
		schema.IndexName("posts", []string{"slug"}):      {Columns: []string{"slug"}, Method: "hash"},
		schema.IndexName("posts", []string{"created"}):   {Columns: []string{"created"}, Method: "brin"},
		schema.IndexName("posts", []string{"author_id"}): {Columns: []string{"author_id"}, Include: []string{"slug", "created"}},
		schema.IndexName("posts", []string{"code"}):      {Columns: []string{"code"}, Unique: true, NullsNotDistinct: true, Where: "code > 0"},
	}
	for name, w := range want {
		w.Name = name
		x := p.Index(name)
		if x == nil {
			t.Errorf("index %s not read", name)
			continue
		}
		if diff := cmp.Diff(*x, w); diff != "" {
			t.Errorf("index %s (-got +want):\n%s", name, diff)
		}
	}
	if fk := p.ForeignKey("posts_author_fk"); fk == nil || !fk.Deferrable || !fk.InitiallyDeferred {
		t.Errorf("posts_author_fk: %+v, want DEFERRABLE INITIALLY DEFERRED", fk)
	}
	if fk := p.ForeignKey(schema.ForeignKeyName("posts", []string{"editor_id"})); fk == nil || !fk.Deferrable || fk.InitiallyDeferred {
		t.Errorf("editor foreign key: %+v, want DEFERRABLE INITIALLY IMMEDIATE", fk)
	}
	// A deferred key is checked at commit: a row may come before its parent.
	tx, err := tg.DB.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`INSERT INTO posts (id, author_id) VALUES (1, 7)`); err != nil {
		t.Fatalf("insert before the parent: %v", err)
	}
	if _, err := tx.Exec(`INSERT INTO authors (id) VALUES (7)`); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatalf("commit: %v", err)
	}
	// Undo and redo all of it.
	undo, err := ddl.ReverseAll(cur, ddl.RemoveIndex("posts", "posts_meta_gin"),
		ddl.RemoveConstraint("posts", "posts_author_fk"))
	if err != nil {
		t.Fatal(err)
	}
	step(t, tg, cur, ddl.RemoveIndex("posts", "posts_meta_gin"), ddl.RemoveConstraint("posts", "posts_author_fk"))
	step(t, tg, cur, undo...)
}

// A method that is not an identifier is refused before any SQL runs.
func TestIndexMethodRefused(t *testing.T) {
	d := pgdialect.New()
	before := &schema.Database{Tables: []schema.Table{{Name: "posts", Columns: []schema.Column{{Name: "slug", Type: schema.Text()}}}}}
	_, err := d.Render(ddl.AddIndex("posts", "slug").Using("gin (slug); DROP TABLE posts; --").Named("posts_slug"), before)
	if err == nil || !strings.Contains(err.Error(), `"posts_slug"`) || !strings.Contains(err.Error(), "Using") {
		t.Fatalf("Render: %v, want an error naming the index and Using", err)
	}
}

// indexOptionsSQL makes, in raw SQL, a table with every index option and
// deferrable foreign keys.
var indexOptionsSQL = []string{
	`CREATE TABLE authors (id integer PRIMARY KEY)`,
	`CREATE TABLE posts (
		id integer PRIMARY KEY,
		author_id integer CONSTRAINT posts_author_fk REFERENCES authors (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
		editor_id integer CONSTRAINT posts_editor_fk REFERENCES authors (id) DEFERRABLE,
		body tsvector, meta jsonb, slug varchar(40), created timestamp(6) with time zone, code integer)`,
	`CREATE INDEX posts_body ON posts USING gin (body)`,
	`CREATE INDEX posts_meta ON posts USING gin (meta)`,
	`CREATE INDEX posts_slug ON posts USING hash (slug)`,
	`CREATE INDEX posts_created ON posts USING brin (created)`,
	`CREATE INDEX posts_author ON posts (author_id) INCLUDE (slug, created)`,
	`CREATE UNIQUE INDEX posts_code ON posts (code) NULLS NOT DISTINCT WHERE code > 0`,
	`CREATE INDEX posts_plain ON posts (lower(slug), code)`,
}

// A table made in raw SQL with every option reads back, and a table
// rebuilt from what Inspect read has the same index and constraint
// definitions.
func TestIndexOptionsRebuild(t *testing.T) {
	d := pgdialect.New()
	src := dialecttest.Fresh(t, d, serverURL(t))
	for _, s := range indexOptionsSQL {
		src.Exec(t, s)
	}
	db, err := d.Inspect(context.Background(), src.DB)
	if err != nil {
		t.Fatal(err)
	}
	if len(db.Warnings) != 0 {
		t.Errorf("Inspect warnings: %v", db.Warnings)
	}
	p := db.Table("posts")
	for name, method := range map[string]string{"posts_body": "gin", "posts_meta": "gin", "posts_slug": "hash", "posts_created": "brin", "posts_author": ""} {
		if x := p.Index(name); x == nil || x.Method != method {
			t.Errorf("index %s: %+v, want method %q", name, x, method)
		}
	}
	if x := p.Index("posts_author"); x == nil || !cmp.Equal(x.Include, []string{"slug", "created"}) {
		t.Errorf("posts_author: %+v, want INCLUDE (slug, created)", x)
	}
	if x := p.Index("posts_code"); x == nil || !x.NullsNotDistinct || !x.Unique {
		t.Errorf("posts_code: %+v, want UNIQUE … NULLS NOT DISTINCT", x)
	}
	if fk := p.ForeignKey("posts_author_fk"); fk == nil || !fk.Deferrable || !fk.InitiallyDeferred {
		t.Errorf("posts_author_fk: %+v", fk)
	}
	if fk := p.ForeignKey("posts_editor_fk"); fk == nil || !fk.Deferrable || fk.InitiallyDeferred {
		t.Errorf("posts_editor_fk: %+v", fk)
	}

	if x := p.Index("posts_plain"); x == nil || !cmp.Equal(x.Columns, []string{"lower(slug::text)", "code"}) {
		t.Errorf("posts_plain: %+v, want keys lower(slug::text), code", x)
	}

	dst := dialecttest.Fresh(t, d, serverURL(t))
	cur := &schema.Database{}
	dst.Apply(t, cur, ddl.CreateTableFrom(*db.Table("authors"))...)
	dst.Apply(t, cur, ddl.CreateTableFrom(*p)...)
	dst.Compare(t, cur, "after rebuilding from what Inspect read")
	if diff := cmp.Diff(definitions(t, dst), definitions(t, src)); diff != "" {
		t.Errorf("definitions of the rebuilt tables (-got +want):\n%s", diff)
	}
}

// Keys that are not plain columns (expressions; a column with DESC,
// NULLS FIRST, an operator class or a collation) read back as the text
// the server prints for them, with no warning, and a table rebuilt from
// what Inspect read has the same index definitions. Constraints Unique
// cannot hold are still warnings.
func TestIndexKeysRoundTrip(t *testing.T) {
	d := pgdialect.New()
	src := dialecttest.Fresh(t, d, serverURL(t))
	src.Exec(t, `CREATE TABLE docs (id integer, meta jsonb, slug text, code integer, a integer, b integer, "Title" text,
		CONSTRAINT docs_code_key UNIQUE NULLS NOT DISTINCT (code),
		CONSTRAINT docs_id_key UNIQUE (id) DEFERRABLE)`)
	for _, s := range []string{
		`CREATE INDEX docs_meta ON docs USING gin (meta jsonb_path_ops)`,
		`CREATE INDEX docs_slug ON docs (slug text_pattern_ops DESC NULLS LAST)`,
		`CREATE INDEX docs_desc ON docs (code DESC, id NULLS FIRST)`,
		`CREATE INDEX docs_coll ON docs (slug COLLATE "C")`,
		`CREATE INDEX docs_expr ON docs (lower(slug), (a + b), "Title") INCLUDE (code) WHERE a > 0`,
		`CREATE UNIQUE INDEX docs_title ON docs (lower("Title") DESC) NULLS NOT DISTINCT`,
		`CREATE INDEX docs_ok ON docs USING hash (slug)`,
	} {
		src.Exec(t, s)
	}
	db, err := d.Inspect(context.Background(), src.DB)
	if err != nil {
		t.Fatal(err)
	}
	want := []schema.Warning{
		{Table: "docs", Column: "docs_code_key", Construct: "unique constraint NULLS NOT DISTINCT", Detail: "UNIQUE NULLS NOT DISTINCT (code)"},
		{Table: "docs", Column: "docs_id_key", Construct: "deferrable key constraint", Detail: "UNIQUE (id) DEFERRABLE"},
	}
	if diff := cmp.Diff(db.Warnings, want); diff != "" {
		t.Errorf("Inspect warnings (-got +want):\n%s", diff)
	}
	docs := db.Table("docs")
	keys := map[string][]string{}
	for _, x := range docs.Indexes {
		keys[x.Name] = x.Columns
	}
	wantKeys := map[string][]string{
		"docs_meta":  {"meta jsonb_path_ops"},
		"docs_slug":  {"slug text_pattern_ops DESC NULLS LAST"},
		"docs_desc":  {"code DESC", "id NULLS FIRST"},
		"docs_coll":  {`slug COLLATE "C"`},
		"docs_expr":  {"lower(slug)", "(a + b)", "Title"},
		"docs_title": {`lower("Title") DESC`},
		"docs_ok":    {"slug"},
	}
	if diff := cmp.Diff(keys, wantKeys); diff != "" {
		t.Errorf("index keys (-got +want):\n%s", diff)
	}
	// The uniques Unique cannot hold are left out of the rebuild.
	rebuilt := *docs
	rebuilt.Uniques = nil
	dst := dialecttest.Fresh(t, d, serverURL(t))
	cur := &schema.Database{}
	dst.Apply(t, cur, ddl.CreateTableFrom(rebuilt)...)
	dst.Compare(t, cur, "after rebuilding from what Inspect read")
	wantDefs := definitions(t, src)
	delete(wantDefs, "constraint docs_code_key")
	delete(wantDefs, "constraint docs_id_key")
	delete(wantDefs, "index docs_code_key")
	delete(wantDefs, "index docs_id_key")
	if diff := cmp.Diff(definitions(t, dst), wantDefs); diff != "" {
		t.Errorf("definitions of the rebuilt table (-got +want):\n%s", diff)
	}
}

// Keys that would end the statement or hide the rest of it are refused.
func TestIndexKeyInjectionRefused(t *testing.T) {
	d := pgdialect.New()
	cur := &schema.Database{}
	if err := ddl.CreateTable("t", ddl.Column("a", schema.Integer())).Apply(cur); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"lower(a); DROP TABLE t", "(a) -- x", "(a /* x */)", "(a), (b)", "a) WHERE (true", "lower('a)"} {
		op := ddl.AddIndex("t", key).Named("t_x")
		if err := op.Apply(cur.Clone()); err == nil || !strings.Contains(err.Error(), "t_x") || !strings.Contains(err.Error(), key) {
			t.Errorf("Apply with key %q: %v, want an error naming index and key", key, err)
		}
		if _, err := d.Render(op, cur); err == nil {
			t.Errorf("Render with key %q: no error", key)
		}
	}
	stmts, err := d.Render(ddl.AddIndex("t", "lower(a::text) DESC", "a").Named("t_ok"), cur)
	if err != nil || len(stmts) != 1 || stmts[0].SQL != `CREATE INDEX "t_ok" ON "t" (lower(a::text) DESC, "a")` {
		t.Errorf("Render: %v %v", stmts, err)
	}
}

// definitions maps each index and constraint of the current schema to
// pg_indexes.indexdef or pg_get_constraintdef.
func definitions(t *testing.T, tg *dialecttest.Target) map[string]string {
	t.Helper()
	rows, err := tg.DB.QueryContext(context.Background(), `SELECT 'index ' || indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()
		UNION ALL SELECT 'constraint ' || conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = current_schema()::regnamespace`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			t.Fatal(err)
		}
		out[name] = def
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
