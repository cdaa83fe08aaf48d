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

	dst := dialecttest.Fresh(t, d, serverURL(t))
	cur := &schema.Database{}
	// The expression index is rendered as today (a quoted name), so it is
	// left out of the rebuild.
	posts := *p
	posts.Indexes = nil
	for _, x := range p.Indexes {
		if x.Name != "posts_plain" {
			posts.Indexes = append(posts.Indexes, x)
		}
	}
	dst.Apply(t, cur, ddl.CreateTableFrom(*db.Table("authors"))...)
	dst.Apply(t, cur, ddl.CreateTableFrom(posts)...)
	dst.Compare(t, cur, "after rebuilding from what Inspect read")
	want := definitions(t, src)
	delete(want, "index posts_plain")
	if diff := cmp.Diff(definitions(t, dst), want); diff != "" {
		t.Errorf("definitions of the rebuilt tables (-got +want):\n%s", diff)
	}
}

// Index options and constraints Index and Unique cannot hold are
// warnings, not silently lost.
func TestIndexOptionsWarnings(t *testing.T) {
	d := pgdialect.New()
	tg := dialecttest.Fresh(t, d, serverURL(t))
	tg.Exec(t, `CREATE TABLE docs (id integer, meta jsonb, slug text, code integer,
		CONSTRAINT docs_code_key UNIQUE NULLS NOT DISTINCT (code),
		CONSTRAINT docs_id_key UNIQUE (id) DEFERRABLE)`)
	tg.Exec(t, `CREATE INDEX docs_meta ON docs USING gin (meta jsonb_path_ops)`)
	tg.Exec(t, `CREATE INDEX docs_slug ON docs (slug text_pattern_ops)`)
	tg.Exec(t, `CREATE INDEX docs_desc ON docs (code DESC)`)
	tg.Exec(t, `CREATE INDEX docs_coll ON docs (slug COLLATE "C")`)
	tg.Exec(t, `CREATE INDEX docs_ok ON docs USING hash (slug)`)
	db, err := d.Inspect(context.Background(), tg.DB)
	if err != nil {
		t.Fatal(err)
	}
	const ix = "index operator class, ordering or collation"
	want := []schema.Warning{
		{Table: "docs", Column: "docs_code_key", Construct: "unique constraint NULLS NOT DISTINCT", Detail: "UNIQUE NULLS NOT DISTINCT (code)"},
		{Table: "docs", Column: "docs_id_key", Construct: "deferrable key constraint", Detail: "UNIQUE (id) DEFERRABLE"},
		{Table: "docs", Column: "docs_coll", Construct: ix, Detail: `CREATE INDEX docs_coll ON public.docs USING btree (slug COLLATE "C")`},
		{Table: "docs", Column: "docs_desc", Construct: ix, Detail: "CREATE INDEX docs_desc ON public.docs USING btree (code DESC)"},
		{Table: "docs", Column: "docs_meta", Construct: ix, Detail: "CREATE INDEX docs_meta ON public.docs USING gin (meta jsonb_path_ops)"},
		{Table: "docs", Column: "docs_slug", Construct: ix, Detail: "CREATE INDEX docs_slug ON public.docs USING btree (slug text_pattern_ops)"},
	}
	if diff := cmp.Diff(db.Warnings, want); diff != "" {
		t.Errorf("Inspect warnings (-got +want):\n%s", diff)
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
