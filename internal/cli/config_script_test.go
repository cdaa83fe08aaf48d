package cli

import (
	"bytes"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/sequelizejs"
)

// loadIn evaluates the config file rel of a project in dir with env as the
// process's environment, and returns the environment block env names and
// the URL it gives.
func loadIn(t *testing.T, dir, rel, envName string, env map[string]string) (EnvConfig, string, error) {
	t.Helper()
	var out bytes.Buffer
	r := &run{io: IO{Stdout: &out, Stderr: &out}, opts: Options{Dir: dir, Getenv: func(k string) string { return env[k] }}}
	cfg, err := r.loadConfig(filepath.Join(dir, rel))
	if err != nil {
		return EnvConfig{}, "", err
	}
	ec, err := cfg.Environment(rel, envName)
	if err != nil {
		return EnvConfig{}, "", err
	}
	u, err := ec.databaseURL(envName, dir, r.configGetenv())
	return ec, u, err
}

// Each form a sequelize-cli config takes gives the same database.
func TestScriptConfigForms(t *testing.T) {
	const pg = "postgres://app:s3cret@db.internal:5433/shop"
	for _, tc := range []struct {
		name, file, src string
		env             map[string]string
		envName         string
		want            string
	}{
		{"dotenv and process.env", "config/config.js", `require('dotenv').config();
module.exports = {
  development: {
    dialect: 'postgres',
    host: process.env.DB_HOST,
    port: Number(process.env.DB_PORT),
    username: process.env.DB_USER,
    password: process.env.DB_PASS,
    database: process.env.DB_NAME || 'shop_dev',
  },
};`, map[string]string{"DB_USER": "app"}, "development", pg},
		{"async function", "config/config.js", `module.exports = async () => {
  const secret = await Promise.resolve('s3cret');
  return { development: { dialect: 'postgres', host: 'db.internal', port: '5433', username: 'app', password: secret, database: 'shop' } };
};`, nil, "development", pg},
		{"callback function", "config/config.js", `module.exports = function (cb) {
  setTimeout(() => cb(null, { development: { url: '` + pg + `' } }), 10);
};`, nil, "development", pg},
		{"promise", "config/config.cjs", `module.exports = (async () => ({ production: { url: '` + pg + `' } }))();`, nil, "production", pg},
		{"ESM export default", "config/config.mjs", `import 'dotenv/config';
const common = { dialect: 'postgres', username: 'app', password: process.env.DB_PASS };
export default { development: { ...common, host: process.env.DB_HOST, port: 5433, database: 'shop' } };`, nil, "development", pg},
		{"ESM named exports", "config/config.mjs", `export const staging = { url: process.env.STAGING_URL };`, map[string]string{"STAGING_URL": pg}, "staging", pg},
		{"TypeScript", "config/database.ts", `import * as dotenv from 'dotenv';
dotenv.config();
interface DbConfig { dialect: 'postgres' | 'mysql' | 'sqlite'; url?: string; storage?: string }
const config: Record<string, DbConfig> = {
  test: { dialect: 'sqlite', storage: ':memory:' },
  staging: { dialect: 'postgres', url: process.env.STAGING_URL as string },
};
export default config;`, nil, "staging", "postgres://stage@10.0.0.9/shop"},
		{"use_env_variable from .env", "config/config.js", `require('dotenv').config({ path: require('path').resolve(__dirname, '..', '.env') });
module.exports = { production: { use_env_variable: 'DATABASE_URL', dialect: 'postgres' } };`, nil, "production", "postgres://prod@10.0.0.1/shop"},
		{"custom environment, mariadb", "config/config.js", `module.exports = {
  development: { dialect: 'sqlite', storage: 'dev.db' },
  'eu-staging': { dialect: 'mariadb', host: 'maria', username: 'root', password: null, database: 'shop' },
};`, nil, "eu-staging", "mysql://root@maria/shop"},
		{"flat config", "config/config.js", `module.exports = { dialect: 'sqlite', storage: 'db/' + (process.env.NODE_ENV || 'development') + '.sqlite3' };`, nil, "test", "sqlite:{dir}/db/development.sqlite3"},
		{"JSON", "config/config.json", `{"development": {"dialect": "postgres", "host": "db.internal", "port": 5433, "username": "app", "password": "s3cret", "database": "shop", "pool": {"max": 5}}}`, nil, "development", pg},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := &project{t: t, dir: dir}
			p.write(".env", "DB_HOST=db.internal\nDB_PORT=5433\nDB_USER=from-dotenv\nDB_PASS=\"s3cret\"\nDB_NAME=shop\nSTAGING_URL=postgres://stage@10.0.0.9/shop\nDATABASE_URL=postgres://prod@10.0.0.1/shop # the primary\n")
			p.write(tc.file, tc.src)
			_, got, err := loadIn(t, dir, tc.file, tc.envName, tc.env)
			if err != nil {
				t.Fatal(err)
			}
			want := strings.ReplaceAll(tc.want, "{dir}", dir)
			if got != want {
				t.Errorf("URL = %q, want %q", got, want)
			}
		})
	}
}

// A config that throws, does not parse or reaches for what strata lacks is
// an error naming the file and the line.
func TestScriptConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"throws", "require('dotenv').config();\n\nif (!process.env.DB_HOST) {\n  throw new Error('DB_HOST is not set');\n}\nmodule.exports = {};\n",
			[]string{"cannot load config/config.js", "config/config.js:4", "DB_HOST is not set"}},
		{"reference error", "const x = 1;\nmodule.exports = { development: { host: hostFromVault() } };\n",
			[]string{"config/config.js:2", "hostFromVault is not defined"}},
		{"async rejects", "module.exports = async () => {\n  await null;\n  throw new Error('vault unreachable');\n};\n",
			[]string{"config/config.js:3", "vault unreachable"}},
		{"syntax", "module.exports = {\n  development: { dialect: 'sqlite' \n  test: {}\n};\n",
			[]string{"config/config.js:3", "cannot be parsed"}},
		{"unknown package", "const { Op } = require('sequelize');\nconst aws = require('aws-sdk');\nmodule.exports = {};\n",
			[]string{"config/config.js:2", `require("aws-sdk")`}},
		{"not an object", "module.exports = 'postgres://x/y';\n", []string{"must be an object or a promise for an object"}},
		{"nothing exported", "const config = {};\n", []string{"has no environments", "module.exports"}},
		{"wrong type", "module.exports = { development: { dialect: 'postgres', host: ['a', 'b'] } };\n",
			[]string{`environment "development": "host" is a list; it must be a string`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := &project{t: t, dir: dir}
			p.write("config/config.js", tc.src)
			_, _, err := loadIn(t, dir, "config/config.js", "development", nil)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
	// The error is typed, carrying the script's.
	dir := t.TempDir()
	(&project{t: t, dir: dir}).write("config/config.js", "throw new Error('no');\n")
	_, _, err := loadIn(t, dir, "config/config.js", "development", nil)
	var ce *ConfigError
	var se *sequelizejs.ScriptError
	if !errors.As(err, &ce) || !errors.As(err, &se) || se.Line != 1 || ce.File != filepath.Join("config", "config.js") {
		t.Errorf("error %#v: want a *ConfigError for config/config.js wrapping a *ScriptError at line 1", err)
	}
}

var warnedKey = regexp.MustCompile(`^(seederStorage "none"|"[^"]+")`)

// Every key strata does not use is named in a warning; the storage keys it
// cannot honour are errors saying what it does instead.
func TestConfigKeyWarnings(t *testing.T) {
	dir := t.TempDir()
	p := &project{t: t, dir: dir}
	p.write("config/config.js", `module.exports = { development: {
  dialect: 'sqlite', storage: 'dev.db', logging: console.log, benchmark: false,
  pool: { max: 5, min: 0, acquire: 30000, idle: 10000 },
  define: { underscored: true }, dialectOptions: { ssl: { require: true } },
  timezone: '+00:00', migrationStorageTablename: 'meta', seederStorage: 'none',
  migrationStoragePath: 'meta.json', quoteIdentifiers: true,
} };`)
	ec, _, err := loadIn(t, dir, "config/config.js", "development", nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range ec.Warnings() {
		got = append(got, warnedKey.FindString(w))
	}
	want := []string{`"benchmark"`, `"define"`, `"dialectOptions"`, `"logging"`, `"migrationStorageTablename"`, `"pool"`,
		`"quoteIdentifiers"`, `"timezone"`, `"migrationStoragePath"`, `seederStorage "none"`}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("warnings' keys (-got +want):\n%s\n%s", diff, strings.Join(ec.Warnings(), "\n"))
	}
	all := strings.Join(ec.Warnings(), "\n")
	for _, w := range []string{`did you mean "migrationStorageTableName"?`, "--debug", "?sslmode=require", "runs each once"} {
		if !strings.Contains(all, w) {
			t.Errorf("warnings lack %q:\n%s", w, all)
		}
	}
	if (EnvConfig{Other: map[string]any{"logging": false}}).Warnings() != nil {
		t.Error("logging: false is what strata does; it needs no warning")
	}

	for _, tc := range []struct {
		e    EnvConfig
		h    history
		want string
	}{
		{EnvConfig{MigrationStorage: "json"}, migrations, `migrationStorage "json" is not supported: strata records the migrations it runs in the table SequelizeMeta`},
		{EnvConfig{MigrationStorage: "json", MigrationStoragePath: "db/meta.json"}, migrations, "not in db/meta.json"},
		{EnvConfig{MigrationStorage: "none"}, migrations, `migrationStorage "none" is not supported: without a record every db:migrate would run every migration again`},
		{EnvConfig{SeederStorage: "json", SeederStorageTableName: "seeds"}, seeders, `seederStorage "json" is not supported: strata records the seeds it runs in the table seeds, with checksums and a lock, not in sequelize-data.json`},
		{EnvConfig{SeederStorage: "files"}, seeders, `seederStorage "files" is not supported: the values are "sequelize"`},
		{EnvConfig{Other: map[string]any{"migrationStorageTableSchema": "meta"}}, migrations, `migrationStorageTableSchema "meta" is not supported`},
	} {
		err := tc.h.storageError(tc.e)
		var se *StorageError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("storageError(%+v) = %v, want a *StorageError with %q", tc.e, err, tc.want)
		}
	}
	for _, e := range []EnvConfig{{}, {MigrationStorage: "sequelize", SeederStorage: "sequelize"}, {SeederStorage: "none", MigrationStorage: "json"}} {
		if err := seeders.storageError(e); err != nil {
			t.Errorf("seeders.storageError(%+v) = %v, want nil", e, err)
		}
	}
}
