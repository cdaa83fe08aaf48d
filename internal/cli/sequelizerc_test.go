package cli

import (
	"strings"
	"testing"
)

const createUsersSQL = "-- strata:up\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n-- strata:down\nDROP TABLE users;\n"

// A sequelize-cli layout: .sequelizerc naming config/database.js and
// db/ folders, with path.resolve against the project directory.
func sequelizeProject(t *testing.T) *project {
	p := newProject(t)
	p.write(".sequelizerc", `const path = require('path');

module.exports = {
  config: path.resolve('config', 'database.js'),
  'models-path': path.resolve('db', 'models'),
  'seeders-path': path.resolve('db', 'seeders'),
  'migrations-path': path.resolve('db', 'migrations'),
};
`)
	p.write("config/database.js", `require('dotenv').config();

module.exports = {
  development: {
    dialect: process.env.DB_DIALECT || 'sqlite',
    storage: process.env.DB_STORAGE,
    migrationStorageTableName: 'sequelize_meta',
    seederStorage: 'sequelize',
    logging: false,
  },
  staging: { dialect: 'sqlite', storage: 'db/staging.sqlite3' },
  ci: { dialect: 'sqlite', storage: 'db/ci.sqlite3' },
};
`)
	p.write(".env", "DB_STORAGE=db/development.sqlite3\n")
	p.write("db/migrations/20261126184503-create-user.sql", createUsersSQL)
	p.write("db/seeders/.keep", "")
	return p
}

func TestSequelizeRC(t *testing.T) {
	p := sequelizeProject(t)
	r := p.ok("db:migrate")
	contains(t, "db:migrate", r.stdout, `Loaded configuration file "config/database.js".`, `Using environment "development".`,
		"== 20261126184503-create-user: migrated (")
	if strings.Contains(r.stdout, "WARNING") {
		t.Errorf("a config strata uses whole gave warnings:\n%s", r.stdout)
	}
	if p.glob("db/development.sqlite3") == nil {
		t.Fatal("the database is not where .env's DB_STORAGE says")
	}
	// migrationStorageTableName names the state table.
	r = p.ok("db:migrate:status", "--json")
	contains(t, "status", r.stdout, "20261126184503-create-user")
	p.ok("db:seed:all")

	// A command run in a subfolder finds the project by its .sequelizerc.
	r = p.runIn("db/migrations", "db:migrate:status")
	contains(t, "status in db/migrations", r.stdout, "up 20261126184503-create-user")

	// .stratarc wins over .sequelizerc, key by key.
	p.write(".stratarc", `{"migrations-path": "other"}`)
	p.write("other/20261127000000-create-item.sql", "-- strata:up\nCREATE TABLE items (id INTEGER PRIMARY KEY);\n-- strata:down\nDROP TABLE items;\n")
	r = p.ok("db:migrate", "--allow-missing")
	contains(t, "db:migrate with .stratarc", r.stdout, `Loaded configuration file "config/database.js".`, "== 20261127000000-create-item: migrated (")
}

// sequelize-cli's order: --env, then .sequelizerc's env, then NODE_ENV.
func TestEnvironmentChoice(t *testing.T) {
	p := sequelizeProject(t)
	p.env["NODE_ENV"] = "staging"
	contains(t, "NODE_ENV", p.ok("db:migrate").stdout, `Using environment "staging".`)
	if p.glob("db/staging.sqlite3") == nil {
		t.Error("NODE_ENV=staging did not use the staging database")
	}
	contains(t, "--env", p.ok("db:migrate", "--env", "ci").stdout, `Using environment "ci".`)
	p.write(".sequelizerc", "module.exports = { env: 'ci', config: 'config/database.js', 'migrations-path': 'db/migrations', 'seeders-path': 'db/seeders' };\n")
	contains(t, ".sequelizerc env over NODE_ENV", p.ok("db:migrate:status").stdout, `Using environment "ci".`)
	p.fails([]string{"db:migrate", "--env", "prod"}, `environment "prod" is not in config/database.js (it has: ci, development, staging)`)
}

// .sequelizerc's problems are named: an unknown key and options-path are
// warnings, a value of the wrong kind and a throw are errors with the line.
func TestSequelizeRCProblems(t *testing.T) {
	p := sequelizeProject(t)
	p.write(".sequelizerc", `const path = require('path');
module.exports = {
  config: path.resolve('config', 'database.js'),
  'migrations-path': path.resolve('db', 'migrations'),
  'seeders-path': path.resolve('db', 'seeders'),
  'migration-path': 'x',
  'options-path': path.resolve('config', 'options.json'),
  debug: true,
};
`)
	r := p.ok("db:migrate")
	contains(t, "warnings", r.stdout, `WARNING: .sequelizerc: "migration-path" is not a key`, `did you mean "migrations-path"?`,
		`WARNING: .sequelizerc: "options-path" has no effect there`, "CREATE TABLE users")
	p.write(".sequelizerc", "module.exports = { 'migrations-path': ['db/migrations'] };\n")
	p.fails([]string{"db:migrate"}, `.sequelizerc: "migrations-path" is a list; it must be a string`)
	p.write(".sequelizerc", "const path = require('path');\nmodule.exports = {\n  config: path.resolve(process.env.CONFIG_DIR.trim(), 'database.js'),\n};\n")
	p.fails([]string{"db:migrate"}, "cannot load .sequelizerc", ".sequelizerc:3")
}

// A config.js in the default place is found, and preferred over
// config.json as sequelize-cli prefers it.
func TestDefaultScriptConfig(t *testing.T) {
	p := newProject(t)
	p.write("config/config.json", `{"development": {"dialect": "sqlite", "storage": "json.db"}}`)
	p.write("config/config.js", "module.exports = { development: { dialect: 'sqlite', storage: 'js.db' } };\n")
	p.write("migrations/20261126184503-create-user.sql", createUsersSQL)
	contains(t, "db:migrate", p.ok("db:migrate").stdout, `Loaded configuration file "config/config.js".`)
	if p.glob("js.db") == nil || p.glob("json.db") != nil {
		t.Error("config.js was not the one used")
	}
}

// The storage settings strata cannot honour stop the history they are
// about, saying what strata does; seederStorage 'none' is a warning.
func TestStorageSettings(t *testing.T) {
	p := newProject(t)
	p.write("migrations/20261126184503-create-user.sql", createUsersSQL)
	p.write("seeders/.keep", "")
	p.write("config/config.js", "module.exports = { development: { dialect: 'sqlite', storage: 'dev.db', migrationStorage: 'json', seederStorage: 'none' } };\n")
	p.fails([]string{"db:migrate"}, `the "development" environment of config/config.js: migrationStorage "json" is not supported`, "sequelize-meta.json", "--mark-applied")
	r := p.ok("db:seed:all")
	contains(t, "db:seed:all", r.stdout, `WARNING: config/config.js: seederStorage "none": strata records the seeders it runs in SequelizeData`)
	p.write("config/config.js", "module.exports = { development: { dialect: 'sqlite', storage: 'dev.db', migrationStorage: 'none' } };\n")
	p.fails([]string{"db:migrate"}, `migrationStorage "none" is not supported`)
	p.write("config/config.js", "module.exports = { development: { dialect: 'sqlite', storage: 'dev.db', migrationStorage: 'sequelize', migrationStorageTableName: 'meta', pool: { max: 1 } } };\n")
	r = p.ok("db:migrate")
	contains(t, "db:migrate", r.stdout, `WARNING: config/config.js: "pool" is accepted but not applied yet`, "== 20261126184503-create-user: migrated (")
}

// init writes the config file .sequelizerc names as a module, and the
// folders it names.
func TestInitWithSequelizeRC(t *testing.T) {
	p := newProject(t)
	p.write(".sequelizerc", "const path = require('path');\nmodule.exports = { config: path.resolve('config', 'database.js'), 'migrations-path': path.resolve('db', 'migrations') };\n")
	p.ok("init:config")
	contains(t, "config/database.js", p.read("config/database.js"), "module.exports = {\n", `"development": {`)
	p.write("db/migrations/20261126184503-create-user.sql", createUsersSQL)
	contains(t, "db:migrate", p.ok("db:migrate").stdout, `Loaded configuration file "config/database.js".`, "migrated (")
}

// What .sequelizerc's dotenv loads the config sees, as in one Node
// process: here a JSON config's use_env_variable.
func TestSequelizeRCDotenvReachesConfig(t *testing.T) {
	p := newProject(t)
	p.write(".sequelizerc", "require('dotenv').config();\nmodule.exports = {};\n")
	p.write(".env", "DATABASE_URL=sqlite:"+p.dir+"/db/prod.sqlite3\n")
	p.write("config/config.json", `{"production": {"use_env_variable": "DATABASE_URL"}}`)
	p.write("migrations/20261126184503-create-user.sql", createUsersSQL)
	contains(t, "db:migrate", p.ok("db:migrate", "--env", "production").stdout, `Using environment "production".`, "migrated (")
	if p.glob("db/prod.sqlite3") == nil {
		t.Error("the database .env names was not used")
	}
	p.write(".sequelizerc", "module.exports = {};\n")
	p.fails([]string{"db:migrate", "--env", "production"}, "$DATABASE_URL (use_env_variable), which is not set")
}
