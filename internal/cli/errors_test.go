package cli

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// The failures recorded from sequelize-cli (shared/reference/sequelize-cli/
// errors-cli and cli-edge), each with strata's counterpart.

func sqliteProject(t *testing.T) *project {
	p := newProject(t)
	p.write("config/config.json", `{"development": {"dialect": "sqlite", "storage": "db/dev.sqlite3"}}`)
	p.write("migrations/.keep", "")
	p.write("seeders/.keep", "")
	return p
}

func sqlMigration(p *project, name, up, down string) {
	p.write("migrations/"+name+".sql", "-- strata:up\n"+up+"\n-- strata:down\n"+down+"\n")
}

// c1, c1b: a migration referencing a missing table fails before any SQL, the
// earlier migration stays applied, and status says so.
func TestReferencesMissingTable(t *testing.T) {
	p := sqliteProject(t)
	p.ok("init:migrations")
	sqlMigration(p, "20261126184503-create-user", "CREATE TABLE users (id INTEGER PRIMARY KEY);", "DROP TABLE users;")
	p.write("migrations/20261126190000-create-invoice.go", `package migrations

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
)

func init() {
	All.Add(migrate.Migration{
		Name: "20261126190000-create-invoice",
		Up: []ddl.Op{ddl.CreateTable("invoices",
			ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
			ddl.Column("customerId", schema.Integer()).References("customers", "id"),
		)},
		Down: []ddl.Op{ddl.DropTable("invoices")},
	})
}
`)
	r := p.fails([]string{"db:migrate"},
		"20261126190000-create-invoice",
		`references table "customers", which does not exist`,
		`create "customers" first`)
	contains(t, "db:migrate", r.stdout, "== 20261126184503-create-user: migrated (", "== 20261126190000-create-invoice: migrating =======")
	if !strings.Contains(r.stderr, "\nERROR: 20261126190000-create-invoice (up) failed: createTable \"invoices\"") {
		t.Errorf("error not printed as ERROR: …\n%s", r.stderr)
	}
	r = p.ok("db:migrate:status")
	contains(t, "status after the failure", r.stdout, "up 20261126184503-create-user\n", "down 20261126190000-create-invoice\n")
}

// c2, c3: addColumn on a missing table, with and without --debug.
func TestAddColumnMissingTable(t *testing.T) {
	p := sqliteProject(t)
	p.write("migrations/20261126190200-add-age-to-customers.sql", "-- strata:up\nALTER TABLE customers ADD COLUMN age INTEGER;\n-- strata:down\nALTER TABLE customers DROP COLUMN age;\n")
	p.fails([]string{"db:migrate"}, "20261126190200-add-age-to-customers", "statement 1", "ALTER TABLE customers ADD COLUMN age INTEGER", "no such table: customers", "rolled back")
	sqlMigration(p, "20261126190100-create-notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY);", "DROP TABLE notes;")
	r := p.fails([]string{"db:migrate", "--debug"}, "no such table: customers")
	contains(t, "--debug", r.stdout, "CREATE TABLE notes (id INTEGER PRIMARY KEY) (")
}

// e1–e5: nothing to do is success, said plainly.
func TestNothingToDo(t *testing.T) {
	p := sqliteProject(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"db:migrate:undo"}, "No executed migrations found."},
		{[]string{"db:migrate:undo:all"}, "No executed migrations found."},
		{[]string{"db:migrate:status"}, `Using environment "development".`},
		{[]string{"db:migrate"}, "No migrations were executed, database schema was already up to date."},
		{[]string{"db:migrate:undo"}, "No executed migrations found."},
	} {
		r := p.ok(tc.args...)
		contains(t, strings.Join(tc.args, " "), r.stdout, tc.want)
	}
}

// x1: a wrong password (MariaDB: PostgreSQL here trusts every local user).
func TestWrongPassword(t *testing.T) {
	dbtest.EachServer(t, func(t *testing.T, s dbtest.Server) {
		if s.Dialect.Name() != "mysql" {
			t.Skip("the local PostgreSQL trusts every user, so a password cannot be wrong")
		}
		u, _ := url.Parse(s.URL)
		u.User = url.UserPassword(u.User.Username(), "wrong-secret")
		u.Path = "/mysql"
		p := sqliteProject(t)
		r := p.fails([]string{"db:migrate", "--url", u.String()}, "cannot connect to", "Access denied", "Check that the server is running")
		contains(t, "output", r.stdout, "Parsed url mysql://root:*****@")
		if strings.Contains(r.stdout+r.stderr, "wrong-secret") {
			t.Errorf("the password was printed:\n%s", r)
		}
	})
}

// x2: the database does not exist; x3: nothing listens on the port.
func TestMissingDatabaseAndRefused(t *testing.T) {
	dbtest.EachServer(t, func(t *testing.T, s dbtest.Server) {
		if s.Dialect.Name() == "sqlite" {
			t.Skip("a SQLite database is created on first use")
		}
		u, _ := url.Parse(s.URL)
		u.Path = "/no_such_db"
		p := sqliteProject(t)
		p.fails([]string{"db:migrate", "--url", u.String()}, "no_such_db", `Create it with "strata db:create"`)
		u.Host = "127.0.0.1:5999"
		p.fails([]string{"db:migrate", "--url", u.String()}, "cannot connect to", "127.0.0.1:5999", "Check that the server is running")
	})
}

// db:create and db:drop on every dialect.
func TestCreateDrop(t *testing.T) {
	dbtest.EachServer(t, func(t *testing.T, s dbtest.Server) {
		p := sqliteProject(t)
		var args []string
		if s.Dialect.Name() != "sqlite" {
			u, _ := url.Parse(s.URL)
			u.Path = "/strata_cli_" + strings.ReplaceAll(strings.ToLower(t.Name()[len("TestCreateDrop/"):]), "/", "_")
			args = []string{"--url", u.String()}
			t.Cleanup(func() { p.run(append([]string{"db:drop"}, args...)...) })
		}
		r := p.ok(append([]string{"db:create"}, args...)...)
		contains(t, "db:create", r.stdout, "created.")
		p.fails(append([]string{"db:create"}, args...), "exists")
		p.ok(append([]string{"db:migrate"}, args...)...)
		r = p.ok(append([]string{"db:drop"}, args...)...)
		contains(t, "db:drop", r.stdout, "dropped.")
		p.env["STRATA_ENV"] = "production"
		p.write("config/config.json", `{"production": {"dialect": "sqlite", "storage": "db/prod.sqlite3"}}`)
		p.fails(append([]string{"db:drop"}, args...), "refusing to drop the database in the production environment", "--yes-really")
	})
}

// x4: no configuration at all.
func TestNoConfig(t *testing.T) {
	p := newProject(t)
	p.fails([]string{"db:migrate"}, "cannot find", "config/config.json", `run "strata init"`, "--url")
}

// x5, x6: an unknown command and no command.
func TestUsageErrors(t *testing.T) {
	p := newProject(t)
	r := p.fails([]string{"db:migrat"}, `Unknown command "db:migrat".`, "Did you mean db:migrate?")
	contains(t, "usage", r.stderr, "strata db:migrate:undo:all", "Revert all migrations ran")
	// help for a command that does not exist is the same usage error.
	for _, args := range [][]string{{"help", "db:migrat"}, {"--help", "db:migrat"}} {
		r = p.fails(args, `Unknown command "db:migrat".`, "Did you mean db:migrate?")
		contains(t, "usage", r.stderr, "strata db:migrate:undo:all")
	}
	p.fails([]string{"help", "nope"}, `Unknown command "nope".`)
	r = p.fails(nil, "Please specify a command")
	contains(t, "usage", r.stdout, "strata model:generate")
	p.fails([]string{"db:migrate", "--nope"}, "Unknown option --nope for db:migrate.")
	p.fails([]string{"db:migrate", "--dryrun"}, "Did you mean --dry-run?")
	p.fails([]string{"db:migrate", "extra"}, `Unexpected argument "extra"`)
}

// x7: an environment the config does not have.
func TestUnknownEnvironment(t *testing.T) {
	p := sqliteProject(t)
	p.fails([]string{"db:migrate", "--env", "staging"}, `environment "staging" is not in config/config.json (it has: development)`)
	p.env["STRATA_ENV"] = "staging"
	p.fails([]string{"db:migrate"}, `environment "staging"`)
}

// cli-edge: init twice, a bad type, an existing model, no attributes.
func TestGeneratorErrors(t *testing.T) {
	p := newProject(t)
	p.ok("init:config")
	p.fails([]string{"init:config"}, "config/config.json already exists. Run command with --force to overwrite it")
	p.ok("init:config", "--force")
	p.fails([]string{"model:generate", "--name", "user", "--attributes", "foo:strin"},
		"Attribute 'foo:strin' cannot be parsed: Unknown type 'strin' (did you mean 'string'?)")
	p.ok("model:generate", "--name", "user", "--attributes", "firstName:string")
	p.fails([]string{"model:generate", "--name", "user", "--attributes", "firstName:string"}, "models/user.go already exists. Run command with --force to overwrite it")
	r := p.fails([]string{"model:generate", "--name", "widget"}, "Missing required argument: attributes")
	contains(t, "help", r.stderr, "--attributes", "[required]")
	p.fails([]string{"migration:generate"}, "Missing required argument: name")
	p.fails([]string{"migration:generate", "--name", "drop;table"}, "may contain only letters")
}

// --underscored: snake_case in the model and the migration alike.
func TestUnderscored(t *testing.T) {
	p := newProject(t)
	p.ok("model:generate", "--name", "UserProfile", "--attributes", "displayName:string", "--underscored")
	model := p.read("models/user_profile.go")
	contains(t, "model", model, `strata:"display_name"`, `strata:"created_at"`, `return "user_profiles"`)
	mig := p.read("migrations/20261126184503-create-user-profile.go")
	contains(t, "migration", mig, `ddl.CreateTable("user_profiles"`, `ddl.Column("display_name"`, `ddl.Column("created_at"`)
}

func TestHelpAndVersion(t *testing.T) {
	p := newProject(t)
	r := p.ok("help", "db:migrate")
	contains(t, "help db:migrate", r.stdout, "--to", "--from", "--name", "--dry-run", "--env", `[default: "development"]`, "--url")
	r = p.ok("db:migrate:undo", "--help")
	contains(t, "db:migrate:undo --help", r.stdout, "Name of the migration to undo")
	r = p.ok("--version")
	if strings.TrimSpace(r.stdout) != Version() {
		t.Errorf("--version printed %q", r.stdout)
	}
}

func TestDryRunAndJSONStatus(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		p := sqliteProject(t)
		args := []string{}
		if tg.Dialect.Name() != "sqlite" {
			args = []string{"--url", tg.URL}
		}
		sqlMigration(p, "20261126184503-create-user", "CREATE TABLE users (id INTEGER PRIMARY KEY);", "DROP TABLE users;")
		r := p.ok(append([]string{"db:migrate", "--dry-run"}, args...)...)
		contains(t, "dry run", r.stdout, "== 20261126184503-create-user: would migrate (dry run, nothing executed) =======", "CREATE TABLE users (id INTEGER PRIMARY KEY);")
		r = p.ok(append([]string{"db:migrate:status", "--json"}, args...)...)
		contains(t, "status --json", r.stdout, `"name": "20261126184503-create-user"`, `"state": "pending"`)
		p.ok(append([]string{"db:migrate"}, args...)...)
		r = p.ok(append([]string{"db:migrate:status", "--json"}, args...)...)
		contains(t, "status --json", r.stdout, `"state": "applied"`, `"appliedAt"`)
		// An edited migration: status reports it (exit 0, the row marked,
		// the CLI command that resolves it); migrate refuses before
		// anything runs.
		sqlMigration(p, "20261126184503-create-user", "CREATE TABLE users (id BIGINT PRIMARY KEY);", "DROP TABLE users;")
		repair := "strata db:migrate:repair --name 20261126184503-create-user --accept-checksum"
		r = p.ok(append([]string{"db:migrate:status"}, args...)...)
		contains(t, "status with an edited migration", r.stdout, "up 20261126184503-create-user (edited after it was applied)\n",
			"\nProblems:\n  - 20261126184503-create-user (", "was edited after it was applied", repair)
		r = p.ok(append([]string{"db:migrate:status", "--json"}, args...)...)
		var st struct {
			Migrations []struct {
				Name     string   `json:"name"`
				Problems []string `json:"problems"`
			} `json:"migrations"`
			Problems []string `json:"problems"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
			t.Fatalf("status --json: %v\n%s", err, r.stdout)
		}
		if len(st.Migrations) != 1 || len(st.Migrations[0].Problems) != 1 || len(st.Problems) != 1 ||
			!strings.Contains(st.Migrations[0].Problems[0], repair) || !strings.Contains(st.Problems[0], repair) {
			t.Errorf("status --json does not name the repair command for the edited migration:\n%s", r.stdout)
		}
		r = p.fails(append([]string{"db:migrate"}, args...), "nothing was run", repair)
		for _, out := range []string{r.stdout + r.stderr, p.run(append([]string{"db:migrate:status", "--json"}, args...)...).stdout} {
			if strings.Contains(out, "AcceptChecksum") || strings.Contains(out, "Repair ") {
				t.Errorf("the CLI names the Go API instead of the command:\n%s", out)
			}
		}
		p.ok(append([]string{"db:migrate:repair", "--name", "20261126184503-create-user", "--accept-checksum"}, args...)...)
		r = p.ok(append([]string{"db:migrate:status"}, args...)...)
		if strings.Contains(r.stdout, "Problems") || strings.Contains(r.stdout, "(edited") {
			t.Errorf("status after the repair still reports a problem:\n%s", r.stdout)
		}
		// A migration recorded as applied but missing here is marked too.
		if err := os.Remove(filepath.Join(p.dir, "migrations", "20261126184503-create-user.sql")); err != nil {
			t.Fatal(err)
		}
		r = p.ok(append([]string{"db:migrate:status"}, args...)...)
		contains(t, "status with a missing migration", r.stdout, "up 20261126184503-create-user (applied, but not in the migrations folder)\n",
			"--allow-missing", "strata db:migrate:repair --name 20261126184503-create-user --forget")
	})
}

// init in a directory that is already a Go module adds strata to it (and
// keeps what is there); init in one that is not makes the module.
func TestInitWithExistingModule(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go mod tidy: skipped with -short")
	}
	p := newProject(t)
	p.write("go.mod", "module example.com/shop\n\ngo 1.26\n")
	p.write("main.go", "package main\n\nfunc main() {}\n")
	r := p.ok("init")
	contains(t, "init", r.stdout, "Added github.com/strata-orm/strata to go.mod")
	if strings.Contains(r.stdout, "Created go.mod") {
		t.Error("init made a new go.mod over the existing one")
	}
	gomod := p.read("go.mod")
	contains(t, "go.mod", gomod, "module example.com/shop", "require github.com/strata-orm/strata", "replace github.com/strata-orm/strata =>", "tool github.com/strata-orm/strata/cmd/strata")
	// A second init leaves go.mod alone and refuses to overwrite the config.
	p.fails([]string{"init"}, "already exists. Run command with --force to overwrite it")
	if p.read("go.mod") != gomod {
		t.Error("a second init changed go.mod")
	}
}
