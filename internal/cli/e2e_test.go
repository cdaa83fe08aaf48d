package cli

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
	"github.com/strata-orm/strata/schema"
)

var bodyRE = regexp.MustCompile(`(?s)Up: +\[\]ddl\.Op\{.*?\n\t\t\},\n\t\tDown: \[\]ddl\.Op\{.*?\n\t\t\},`)

// fill replaces the Up and Down of a generated migration or seeder, as a
// user editing the file would.
func (p *project) fill(pattern, up, down string, imports ...string) {
	p.t.Helper()
	files := p.glob(pattern)
	if len(files) != 1 {
		p.t.Fatalf("%s matches %v", pattern, files)
	}
	src, err := os.ReadFile(files[0])
	if err != nil {
		p.t.Fatal(err)
	}
	s := bodyRE.ReplaceAllLiteralString(string(src), "Up: []ddl.Op{\n"+up+"\n},\nDown: []ddl.Op{\n"+down+"\n},")
	if s == string(src) {
		p.t.Fatalf("no Up/Down to replace in %s:\n%s", files[0], src)
	}
	for _, imp := range imports {
		s = strings.Replace(s, "import (", "import (\n\t"+imp, 1)
	}
	if err := os.WriteFile(files[0], []byte(s), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// TestShopWithTheCLI builds the seed's shop with the CLI alone in a new
// directory outside the repository, on each dialect: SQLite by default,
// PostgreSQL and MariaDB with --url.
func TestShopWithTheCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a project: skipped with -short")
	}
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		p := newProject(t)
		var db []string // the database flags of every db: command
		if tg.Dialect.Name() != "sqlite" {
			db = []string{"--url", tg.URL}
		}
		dbcmd := func(args ...string) []string { return append(args, db...) }

		r := p.ok("init")
		contains(t, "init", r.stdout, `Created "config/config.json"`, "Successfully created models folder", "Successfully created migrations folder",
			"Successfully created seeders folder", "Created go.mod", "go tool strata")
		contains(t, "config", p.read("config/config.json"), `"dialect": "sqlite"`, `"storage": "db/development.sqlite3"`)

		p.ok("model:generate", "--name", "user", "--attributes", "firstName:string,lastName:string,email:string")
		p.now = p.now.Add(3 * time.Second)
		p.ok("model:generate", "--name", "order", "--attributes", "total:integer")
		p.now = p.now.Add(2 * time.Second)
		p.ok("model:generate", "--name", "product", "--attributes", "name:string,price:decimal")
		p.now = p.now.Add(40 * time.Second)
		p.ok("migration:generate", "--name", "add-userId-to-orders")
		p.fill("migrations/*-add-user-id-to-orders.go",
			`ddl.AddColumn("orders", ddl.Column("userId", schema.Integer()).References("users", "id").OnDelete(schema.Cascade)),`,
			`ddl.RemoveColumn("orders", "userId"),`, `"github.com/strata-orm/strata/schema"`)
		p.now = p.now.Add(3 * time.Second)
		p.ok("migration:generate", "--name", "create-product-orders")
		p.fill("migrations/*-create-product-orders.go", `ddl.CreateTable("product_orders",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("productId", schema.Integer()).NotNull().References("products", "id"),
			ddl.Column("orderId", schema.Integer()).NotNull().References("orders", "id"),
			ddl.Column("createdAt", schema.Date()).NotNull(),
			ddl.Column("updatedAt", schema.Date()).NotNull(),
		),`, `ddl.DropTable("product_orders"),`, `"github.com/strata-orm/strata/schema"`)
		p.now = p.now.Add(3 * time.Second)
		p.ok("migration:generate", "--name", "add-age-to-users")
		p.fill("migrations/*-add-age-to-users.go", `ddl.AddColumn("users", ddl.Column("age", schema.Integer())),`,
			`ddl.RemoveColumn("users", "age"),`, `"github.com/strata-orm/strata/schema"`)

		r = p.ok(dbcmd("db:migrate")...)
		want := []string{
			"20261126184503-create-user", "20261126184506-create-order", "20261126184508-create-product",
			"20261126184548-add-user-id-to-orders", "20261126184551-create-product-orders", "20261126184554-add-age-to-users",
		}
		for _, name := range want {
			contains(t, "db:migrate", r.stdout, "== "+name+": migrating =======", "== "+name+": migrated (")
		}
		r = p.ok(dbcmd("db:migrate:status")...)
		for _, name := range want {
			contains(t, "db:migrate:status", r.stdout, "up "+name+"\n")
		}
		if !strings.Contains(p.ok(dbcmd("db:migrate")...).stdout, "No migrations were executed, database schema was already up to date.") {
			t.Error("second db:migrate did not say there was nothing to do")
		}

		live := func() *schema.Database {
			t.Helper()
			url := tg.URL
			if tg.Dialect.Name() == "sqlite" {
				url = "sqlite:" + filepath.Join(p.dir, "db", "development.sqlite3")
			}
			conn, err := tg.Dialect.Open(url)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			s, err := tg.Dialect.Inspect(context.Background(), conn, "SequelizeMeta")
			if err != nil {
				t.Fatal(err)
			}
			return tg.Dialect.Canonical(s)
		}
		full := live()
		if got := full.TableNames(); !slices.Equal(got, []string{"orders", "product_orders", "products", "users"}) {
			t.Fatalf("tables after db:migrate: %v", got)
		}
		if fk := full.Table("orders").ForeignKeys; len(fk) != 1 || fk[0].RefTable != "users" || fk[0].OnDelete != schema.Cascade {
			t.Errorf("orders foreign keys: %+v", fk)
		}

		r = p.ok(dbcmd("db:migrate:undo")...)
		contains(t, "db:migrate:undo", r.stdout, "== 20261126184554-add-age-to-users: reverting =======", "reverted (")
		afterUndo := live()
		if afterUndo.Table("users").Column("age") != nil {
			t.Error("users.age still there after db:migrate:undo")
		}
		afterUndo.Table("users").Columns = append(afterUndo.Table("users").Columns, *full.Table("users").Column("age"))
		if diff := cmp.Diff(afterUndo, full); diff != "" {
			t.Errorf("db:migrate:undo changed more than users.age (-after undo +before, age put back):\n%s", diff)
		}

		r = p.ok(dbcmd("db:migrate:undo:all")...)
		if n := strings.Count(r.stdout, ": reverted ("); n != 5 {
			t.Errorf("db:migrate:undo:all reverted %d migrations, want 5:\n%s", n, r.stdout)
		}
		if tables := live().TableNames(); len(tables) != 0 {
			t.Errorf("tables left after db:migrate:undo:all (besides SequelizeMeta): %v", tables)
		}
		p.ok(dbcmd("db:migrate")...)
		if diff := cmp.Diff(live(), full); diff != "" {
			t.Errorf("db:migrate after undo:all gives another schema (-again +first):\n%s", diff)
		}

		// Seeders run once, however often db:seed:all runs, and undo removes them.
		p.ok("seed:generate", "--name", "demo-users")
		p.fill("seeders/*-demo-users.go", `ddl.BulkInsert("users",
			ddl.Row{"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com", "createdAt": time.Now(), "updatedAt": time.Now()},
			ddl.Row{"firstName": "Alan", "lastName": "Turing", "email": "alan@example.com", "createdAt": time.Now(), "updatedAt": time.Now()},
		),`, `ddl.BulkDelete("users", ddl.Where{"email": []string{"ada@example.com", "alan@example.com"}}),`, `"time"`)
		r = p.ok(dbcmd("db:seed:all")...)
		contains(t, "db:seed:all", r.stdout, "-demo-users: migrating =======")
		r = p.ok(dbcmd("db:seed:all")...)
		contains(t, "second db:seed:all", r.stdout, "No seeders were executed")
		count := func() int {
			t.Helper()
			url := tg.URL
			if tg.Dialect.Name() == "sqlite" {
				url = "sqlite:" + filepath.Join(p.dir, "db", "development.sqlite3")
			}
			conn, err := tg.Dialect.Open(url)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			var n int
			if err := conn.QueryRow("SELECT COUNT(*) FROM users").Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if n := count(); n != 2 {
			t.Errorf("users after db:seed:all twice: %d, want 2", n)
		}
		p.ok(dbcmd("db:seed:undo:all")...)
		if n := count(); n != 0 {
			t.Errorf("users after db:seed:undo:all: %d, want 0", n)
		}

		// The build of the project's migrations is cached: one binary, reused.
		if bins := p.glob(".strata/bin/strata-*"); len(bins) != 1 {
			t.Errorf("builds in .strata/bin: %v, want one", bins)
		}
	})
}

// TestSQLMigrationsNeedNoCompiler: a project with only .sql migrations runs
// without a go.mod and without the go command.
func TestSQLMigrationsNeedNoCompiler(t *testing.T) {
	p := newProject(t)
	p.env["PATH"] = ""
	p.write("config/config.json", `{"development": {"dialect": "sqlite", "storage": "dev.db"}}`)
	p.write("migrations/20261126184503-create-user.sql", "-- strata:up\nCREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(255));\n-- strata:down\nDROP TABLE users;\n")
	t.Setenv("PATH", "")
	r := p.ok("db:migrate")
	contains(t, "db:migrate", r.stdout, "== 20261126184503-create-user: migrated (")
	r = p.ok("db:migrate:status")
	contains(t, "status", r.stdout, "up 20261126184503-create-user\n")
	p.ok("db:migrate:undo")
	if _, err := os.Stat(filepath.Join(p.dir, "go.mod")); err == nil {
		t.Error("a go.mod appeared")
	}
}
