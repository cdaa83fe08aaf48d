package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommandsFromASubfolder is the subfolder item of issue 12, defect 12:
// generators (and the db: commands) run from a folder inside the project
// work on the project, found as the nearest folder with a .stratarc, a
// config/config.json or a go.mod; init works on a strata project above it
// (.stratarc, config/config.json) or lays one out where it runs.
// model:generate run in models/ wrote models/models/user.go.
func TestCommandsFromASubfolder(t *testing.T) {
	p := newProject(t)
	p.write("go.mod", "module example.com/shop\n\ngo 1.26\n")
	p.write("cmd/shop/main.go", "package main\n\nfunc main() {}\n")
	p.write("services/billing/README", "")
	// init lays out a project where it runs, even inside a Go module (a
	// monorepo's service folder)...
	if r := p.runIn("services/billing", "init:config"); r.code != 0 {
		t.Fatalf("init:config in services/billing: %s", r)
	}
	if _, err := os.Stat(filepath.Join(p.dir, "services", "billing", "config", "config.json")); err != nil {
		t.Errorf("init:config in a folder of a Go module did not lay out there: %v", err)
	}
	// ...and, below a strata project, works on that project.
	if r := p.runIn("", "init:config"); r.code != 0 {
		t.Fatalf("init:config: %s", r)
	}
	r := p.runIn("cmd/shop", "init:models")
	if r.code != 0 {
		t.Fatalf("init:models: %s", r)
	}
	contains(t, "init:models", r.stdout, "Using the project at "+p.dir+" ")
	for _, c := range []string{"init:models", "init:migrations", "init:seeders"} {
		if r := p.runIn("cmd/shop", c); r.code != 0 {
			t.Fatalf("%s: %s", c, r)
		}
	}
	for _, f := range []string{"config/config.json", "models/models.go", "migrations/migrations.go", "seeders/seeders.go"} {
		if _, err := os.Stat(filepath.Join(p.dir, f)); err != nil {
			t.Errorf("%s not in the project folder: %v", f, err)
		}
	}
	// Every generator from models/ (which has none of the three markers).
	for _, args := range [][]string{
		{"model:generate", "--name", "user", "--attributes", "email:string"},
		{"migration:generate", "--name", "add-age"},
		{"seed:generate", "--name", "demo-users"},
	} {
		p.now = p.now.Add(2e9)
		if r := p.runIn("models", args...); r.code != 0 {
			t.Fatalf("%s: %s", strings.Join(args, " "), r)
		}
	}
	if got := p.glob("models/models"); len(got) != 0 {
		t.Errorf("model:generate in models/ made %v", got)
	}
	for _, pattern := range []string{"models/user.go", "migrations/*-create-user.go", "migrations/*-add-age.go", "seeders/*-demo-users.go"} {
		if len(p.glob(pattern)) != 1 {
			t.Errorf("no %s in the project folder", pattern)
		}
	}
	// A path given on the command line is read from where the command runs.
	if r := p.runIn("models", "model:generate", "--name", "tag", "--attributes", "label:string", "--models-path", "."); r.code != 0 {
		t.Fatalf("model:generate --models-path .: %s", r)
	}
	if len(p.glob("models/tag.go")) != 1 || len(p.glob("models/models")) != 0 {
		t.Errorf("--models-path . in models/ did not write models/tag.go")
	}
	// .stratarc marks the project too, and its paths are the project's.
	q := newProject(t)
	q.write(RCFile, `{"models-path": "app/models", "migrations-path": "app/migrations"}`)
	q.write("app/README", "")
	if r := q.runIn("app", "model:generate", "--name", "user", "--attributes", "email:string"); r.code != 0 {
		t.Fatalf("model:generate with .stratarc: %s", r)
	}
	if len(q.glob("app/models/user.go")) != 1 || len(q.glob("app/migrations/*-create-user.go")) != 1 || len(q.glob("app/app")) != 0 {
		t.Errorf("model:generate in app/ with .stratarc paths: %v %v", q.glob("app/*"), q.glob("app/*/*"))
	}
}

// db: commands from a subfolder use the project's config, and a relative
// SQLite storage is the project's.
func TestMigrateFromASubfolder(t *testing.T) {
	p := sqliteProject(t)
	sqlMigration(p, "20261126184503-create-user", "CREATE TABLE users (id INTEGER PRIMARY KEY);", "DROP TABLE users;")
	p.write("migrations/sub/.keep", "")
	r := p.runIn("migrations/sub", "db:migrate")
	if r.code != 0 {
		t.Fatalf("db:migrate: %s", r)
	}
	contains(t, "db:migrate", r.stdout, "== 20261126184503-create-user: migrated (")
	if _, err := os.Stat(filepath.Join(p.dir, "db", "dev.sqlite3")); err != nil {
		t.Errorf("the database is not the project's db/dev.sqlite3: %v", err)
	}
	contains(t, "status", p.ok("db:migrate:status").stdout, "up 20261126184503-create-user\n")
}
