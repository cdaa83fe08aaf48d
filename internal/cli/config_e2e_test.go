package cli

import (
	"net/url"
	"os/exec"
	"strings"
	"testing"

	"github.com/strata-orm/strata/dialecttest"
	"github.com/strata-orm/strata/internal/dbtest"
)

// TestSequelizeConfigE2E runs the built command in a sequelize-cli
// project as it is — .sequelizerc naming config/database.js and db/
// folders, the config reading .env through dotenv, renamed state tables,
// a custom environment and keys strata does not use — on each dialect
// (MariaDB through dialect: 'mariadb').
func TestSequelizeConfigE2E(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command: skipped with -short")
	}
	bin := buildCommand(t)
	dbtest.Each(t, func(t *testing.T, tg *dialecttest.Target) {
		p := newProject(t)
		p.write(".sequelizerc", `// sequelize-cli's paths for this project.
const path = require('path');
require('dotenv').config();

module.exports = {
  config: path.resolve('config', 'database.js'),
  'models-path': path.resolve('db', 'models'),
  'seeders-path': path.resolve('db', 'seeders'),
  'migrations-path': path.resolve('db', 'migrations'),
};
`)
		p.write("config/database.js", `const fs = require('fs');

const common = {
  dialect: process.env.DB_DIALECT,
  host: process.env.DB_HOST,
  port: process.env.DB_PORT ? parseInt(process.env.DB_PORT, 10) : undefined,
  username: process.env.DB_USER,
  password: process.env.DB_PASSWORD || null,
  database: process.env.DB_NAME,
  storage: process.env.DB_STORAGE,
  migrationStorageTableName: 'sequelize_meta',
  seederStorage: 'sequelize',
  seederStorageTableName: 'sequelize_data',
  logging: false,
  define: { underscored: true },
  pool: { max: 5, min: 0, idle: 10000 },
};

module.exports = {
  development: { ...common, database: 'not_this_one' },
  qa: common,
  production: { use_env_variable: 'DATABASE_URL' },
};
`)
		var env strings.Builder
		if tg.Dialect.Name() == "sqlite" {
			env.WriteString("DB_DIALECT=sqlite\nDB_STORAGE=" + tg.Name + "\n")
		} else {
			u, err := url.Parse(tg.URL)
			if err != nil {
				t.Fatal(err)
			}
			dialect := map[string]string{"postgres": "postgres", "mysql": "mariadb"}[tg.Dialect.Name()]
			pw, _ := u.User.Password()
			env.WriteString("DB_DIALECT=" + dialect + "\nDB_HOST=" + u.Hostname() + "\nDB_PORT=" + u.Port() +
				"\nDB_USER=" + u.User.Username() + "\nDB_PASSWORD='" + pw + "'\nDB_NAME=" + strings.TrimPrefix(u.Path, "/") + "\n")
		}
		p.write(".env", env.String())
		p.write("db/migrations/20261126184503-create-users.sql",
			"-- strata:up\nCREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(255) NOT NULL);\n-- strata:down\nDROP TABLE users;\n")
		p.write("db/migrations/20261126184510-index-users-email.sql",
			"-- strata:up\nCREATE INDEX users_email ON users (email);\n-- strata:down\nDROP INDEX users_email"+map[string]string{"mysql": " ON users"}[tg.Dialect.Name()]+";\n")
		p.write("db/seeders/20261126184520-demo-users.sql",
			"-- strata:up\nINSERT INTO users (id, email) VALUES (1, 'ada@example.com');\n-- strata:down\nDELETE FROM users WHERE id = 1;\n")

		strata := func(args ...string) string {
			t.Helper()
			cmd, out := p.start(bin, args...)
			if err := cmd.Run(); err != nil {
				t.Fatalf("strata %s: %v\n%s", strings.Join(args, " "), err, out)
			}
			return out.String()
		}
		out := strata("db:migrate", "--env", "qa")
		contains(t, "db:migrate", out, `Loaded configuration file "config/database.js".`, `Using environment "qa".`,
			"== 20261126184503-create-users: migrated (", "== 20261126184510-index-users-email: migrated (",
			`WARNING: config/database.js: "define" is accepted but not applied yet`, `WARNING: config/database.js: "pool" is accepted`)
		out = strata("db:seed:all", "--env", "qa")
		contains(t, "db:seed:all", out, "20261126184520-demo-users")
		strata("db:seed:all", "--env", "qa") // run once: the second is a no-op, not a duplicate key
		for table, want := range map[string]int{"sequelize_meta": 2, "sequelize_data": 1, "users": 1} {
			var n int
			if err := tg.DB.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil || n != want {
				t.Errorf("%s has %d rows (%v), want %d", table, n, err, want)
			}
		}
		contains(t, "status", strata("db:migrate:status", "--env", "qa"), "up 20261126184503-create-users", "up 20261126184510-index-users-email")

		// NODE_ENV picks the environment, as sequelize-cli reads it.
		p.env["NODE_ENV"] = "qa"
		strata("db:seed:undo:all")
		strata("db:migrate:undo:all")
		var n int
		if err := tg.DB.QueryRow("SELECT COUNT(*) FROM sequelize_meta").Scan(&n); err != nil || n != 0 {
			t.Errorf("after undo:all sequelize_meta has %d rows (%v)", n, err)
		}

		// The development block names a database that is not there: the
		// environment chosen is the one used.
		delete(p.env, "NODE_ENV")
		if tg.Dialect.Name() != "sqlite" {
			cmd, outb := p.start(bin, "db:migrate")
			if err := cmd.Run(); err == nil {
				t.Errorf("db:migrate in development (database not_this_one) succeeded:\n%s", outb)
			} else if _, ok := err.(*exec.ExitError); !ok || !strings.Contains(outb.String(), "not_this_one") {
				t.Errorf("db:migrate in development: %v\n%s", err, outb)
			}
		}
	})
}
