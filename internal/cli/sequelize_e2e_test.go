package cli

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/schema"
)

// copyProject copies testdata/<name> into the project.
func (p *project) copyProject(name string) {
	p.t.Helper()
	src := filepath.Join("testdata", name)
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		p.write(rel, string(b))
		return nil
	})
	if err != nil {
		p.t.Fatal(err)
	}
}

// liveSchema is the canonical schema of the database at url.
func liveSchema(t *testing.T, tg *dialecttest.Target, url string) *schema.Database {
	t.Helper()
	conn, err := tg.Dialect.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	s, err := tg.Dialect.Inspect(context.Background(), conn, "SequelizeMeta", "SequelizeData")
	if err != nil {
		t.Fatal(err)
	}
	return tg.Dialect.Canonical(s)
}

// serverURL is the server the dialect's tests use ("" for SQLite).
func serverURL(tg *dialecttest.Target) string {
	for _, s := range dbtest.Servers() {
		if s.Dialect.Name() == tg.Dialect.Name() {
			return s.URL
		}
	}
	return ""
}

// TestSequelizeProject takes a sequelize-cli project as it is (a .js, a
// .ts and an ES-module migration, a promise-chain one, one that shells out
// and must become a skeleton, an .mjs file sequelize-cli does not run, a
// seeder) on each dialect: db:migrate runs the
// JavaScript directly and refuses, before anything runs, a run that would
// reach the skeleton; status, seeders and undo:all work on it;
// migration:import writes Go files, after which the database migrated from
// the JavaScript has nothing pending and nothing edited, a fresh database
// migrated with the Go files (the project's build) gets the same schema,
// and a new migration applies.
func TestSequelizeProject(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a project: skipped with -short")
	}
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		p := newProject(t)
		p.copyProject("sequelize-project")
		url := tg.URL
		if tg.Dialect.Name() == "sqlite" {
			url = "sqlite:" + filepath.Join(p.dir, "db", "development.sqlite3")
		}
		db := []string{"--url", url}
		if tg.Dialect.Name() == "sqlite" {
			db = nil // the config's storage
		}
		dbcmd := func(args ...string) []string { return append(args, db...) }
		complete := []string{"20261126184503-create-users", "20261126184510-create-posts", "20261126184515-add-bio", "20261126184518-add-age", "20261126184519-create-roles", "20261126184520-index-posts"}
		const skeleton = "20261126184530-export-users"
		last := complete[len(complete)-1]

		// The whole run is refused: the skeleton comes last, and nothing before it runs.
		p.fails(dbcmd("db:migrate"), "nothing was run", skeleton, "migrations/"+skeleton+".js", "line 2", "port it")
		r := p.ok(dbcmd("db:migrate:status")...)
		for _, name := range complete {
			contains(t, "status before", r.stdout, "down "+name+"\n")
		}

		r = p.ok(dbcmd("db:migrate", "--to", last)...)
		for _, name := range complete {
			contains(t, "db:migrate", r.stdout, "== "+name+": migrated (")
		}
		r = p.ok(dbcmd("db:migrate:status")...)
		for _, name := range complete {
			contains(t, "status", r.stdout, "up "+name+"\n") // not edited: recorded again, the same
		}
		contains(t, "status", r.stdout, "down "+skeleton+" (not ported: up line 2: ")
		fromJS := liveSchema(t, tg, url)
		if got := fromJS.TableNames(); !cmp.Equal(got, []string{"posts", "roles", "users"}) {
			t.Fatalf("tables after db:migrate: %v", got)
		}
		if fromJS.Table("users").Column("bio") == nil || len(fromJS.Table("posts").ForeignKeys) != 1 {
			t.Errorf("the schema from the JavaScript lacks users.bio or posts' foreign key:\n%+v", fromJS)
		}

		if n := countRows(t, tg, url, "roles"); n != 1 {
			t.Errorf("roles after db:migrate: %d, want 1", n)
		}
		p.ok(dbcmd("db:seed:all")...)
		if n := countRows(t, tg, url, "users"); n != 2 {
			t.Errorf("users after db:seed:all: %d, want 2", n)
		}
		p.ok(dbcmd("db:seed:undo:all")...)
		if n := countRows(t, tg, url, "users"); n != 0 {
			t.Errorf("users after db:seed:undo:all: %d, want 0", n)
		}
		r = p.ok(dbcmd("db:migrate:undo:all")...)
		if n := strings.Count(r.stdout, ": reverted ("); n != len(complete) {
			t.Errorf("db:migrate:undo:all reverted %d migrations, want %d:\n%s", n, len(complete), r.stdout)
		}
		if tables := liveSchema(t, tg, url).TableNames(); len(tables) != 0 {
			t.Errorf("tables left after db:migrate:undo:all: %v", tables)
		}
		p.ok(dbcmd("db:migrate", "--to", last)...)

		// The import: Go files of the same names, the originals moved away.
		r = p.ok(dbcmd("migration:import")...)
		contains(t, "migration:import", r.stdout, "converted fully: 6", "downs that do not undo their up: 1", "20261126184518-add-age: down leaves column users.age", "skeletons (fail until ported): 1", "migrations/"+skeleton+".js: up, line 2",
			"Seeders from", "converted fully: 1", "moved the originals into",
			"ignored "+filepath.Join(p.dir, "migrations", "20261126184516-not-run.mjs"))
		for _, name := range append(complete, skeleton) {
			if !fileExists(filepath.Join(p.dir, "migrations", name+".go")) {
				t.Errorf("no migrations/%s.go", name)
			}
		}
		if !fileExists(filepath.Join(p.dir, "seeders", "20261126184600-demo-users.go")) || !fileExists(filepath.Join(p.dir, "migrations", "migrations.go")) {
			t.Errorf("no Go seeder or registry file: %v %v", p.glob("seeders/*"), p.glob("migrations/*"))
		}
		if js := jsFiles(filepath.Join(p.dir, "migrations")); len(js) != 0 {
			t.Errorf("JavaScript left in migrations/: %v", js)
		}
		contains(t, "skeleton", p.read("migrations/"+skeleton+".go"), "execSync('node scripts/export-users.js > users.csv');", "UpFunc:", "Port it")

		// The database migrated from the JavaScript: nothing pending, nothing edited, nothing re-runs.
		r = p.ok(dbcmd("db:migrate:status")...)
		for _, name := range complete {
			contains(t, "status after the import", r.stdout, "up "+name+"\n")
		}
		if strings.Contains(r.stdout, "edited") {
			t.Errorf("a migration reads as edited after the import:\n%s", r.stdout)
		}
		contains(t, "second db:migrate", p.ok(dbcmd("db:migrate", "--to", last)...).stdout, "No migrations were executed")

		// A fresh database migrated with the Go files: the same schema.
		fresh := dialecttest.Fresh(t, tg.Dialect, serverURL(tg))
		freshURL := fresh.URL
		if tg.Dialect.Name() == "sqlite" {
			freshURL = "sqlite:" + fresh.Name
		}
		p.ok("db:migrate", "--to", last, "--url", freshURL)
		if diff := cmp.Diff(liveSchema(t, tg, freshURL), fromJS); diff != "" {
			t.Errorf("the Go files give another schema than the JavaScript (-Go +JavaScript):\n%s", diff)
		}

		// A new migration applies on the database migrated from the JavaScript
		// (by --name: the skeleton before it stays pending until it is ported).
		p.ok("migration:generate", "--name", "add-title-index")
		files := p.glob("migrations/*-add-title-index.go")
		if len(files) != 1 {
			t.Fatalf("migration:generate wrote %v", files)
		}
		p.fill("migrations/*-add-title-index.go", `ddl.AddIndex("posts", "title"),`, `ddl.RemoveIndex("posts", "posts_title"),`)
		name := strings.TrimSuffix(filepath.Base(files[0]), ".go")
		r = p.ok(dbcmd("db:migrate", "--name", name)...)
		contains(t, "new migration", r.stdout, "== "+name+": migrated (")
		if n := strings.Count(r.stdout, ": migrated ("); n != 1 {
			t.Errorf("db:migrate ran %d migrations, want the new one alone:\n%s", n, r.stdout)
		}
		if ix := liveSchema(t, tg, url).Table("posts").Index("posts_title"); ix == nil {
			t.Errorf("no index posts_title after the new migration")
		}
	})
}

// countRows counts the rows of table in the database at url.
func countRows(t *testing.T, tg *dialecttest.Target, url, table string) int {
	t.Helper()
	conn, err := tg.Dialect.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestMigrationImportKeepJS: with --keep-js the originals stay and the
// next db: command refuses each name defined twice; an import again
// without --force overwrites nothing and fails; with --force it writes
// again and moves the originals.
func TestMigrationImportKeepJS(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a project: skipped with -short")
	}
	p := newProject(t)
	p.write("config/config.json", `{"development": {"dialect": "sqlite", "storage": "dev.db"}}`)
	p.write("migrations/20261126184503-create-users.js", "module.exports = {\n  up: (qi, S) => qi.createTable('users', { id: { type: S.INTEGER, primaryKey: true } }),\n  down: (qi) => qi.dropTable('users'),\n};\n")
	r := p.ok("migration:import", "--keep-js")
	contains(t, "migration:import --keep-js", r.stdout, "converted fully: 1", "left the originals in place (--keep-js)")
	if len(jsFiles(filepath.Join(p.dir, "migrations"))) != 1 || !fileExists(filepath.Join(p.dir, "migrations", "20261126184503-create-users.go")) {
		t.Fatalf("after --keep-js: %v", p.glob("migrations/*"))
	}
	p.fails([]string{"db:migrate"}, "20261126184503-create-users is defined twice")
	r = p.fails([]string{"migration:import"}, "already exists", "failed: 1")
	if len(jsFiles(filepath.Join(p.dir, "migrations"))) != 1 {
		t.Errorf("a failed import moved the originals: %v", p.glob("migrations/*"))
	}
	p.ok("migration:import", "--force")
	if len(jsFiles(filepath.Join(p.dir, "migrations"))) != 0 || !fileExists(filepath.Join(p.dir, "migrations", jsArchive, "20261126184503-create-users.js")) {
		t.Errorf("after --force: %v", p.glob("migrations/*"))
	}
	contains(t, "db:migrate", p.ok("db:migrate").stdout, "== 20261126184503-create-users: migrated (")
}
