package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func strp(s string) *string { return &s }

func TestDatabaseURL(t *testing.T) {
	t.Setenv("SHOP_DB", "postgres://u:p@db:5432/shop")
	tests := []struct {
		name string
		env  EnvConfig
		want string
	}{
		{"url", EnvConfig{URL: "mysql://root@h/db"}, "mysql://root@h/db"},
		{"use_env_variable", EnvConfig{UseEnvVariable: "SHOP_DB"}, "postgres://u:p@db:5432/shop"},
		{"sqlite relative", EnvConfig{Dialect: "sqlite", Storage: "db/dev.sqlite3"}, "sqlite:/proj/db/dev.sqlite3"},
		{"sqlite absolute", EnvConfig{Dialect: "sqlite", Storage: "/var/x.db"}, "sqlite:/var/x.db"},
		{"postgres fields", EnvConfig{Dialect: "postgres", Host: "127.0.0.1", Port: 5432.0, Username: "bob", Password: strp("s3cr:et"), Database: "shop"}, "postgres://bob:s3cr%3Aet@127.0.0.1:5432/shop"},
		{"mariadb, no password, default host", EnvConfig{Dialect: "mariadb", Username: "root", Password: nil, Database: "shop"}, "mysql://root@127.0.0.1/shop"},
		{"port as string", EnvConfig{Dialect: "mysql", Port: "3307", Username: "root", Database: "shop"}, "mysql://root@127.0.0.1:3307/shop"},
	}
	for _, tt := range tests {
		got, err := tt.env.DatabaseURL("development", "/proj")
		if err != nil || got != tt.want {
			t.Errorf("%s: DatabaseURL = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	for _, tt := range []struct {
		env  EnvConfig
		want string
	}{
		{EnvConfig{UseEnvVariable: "NOPE_NOT_SET"}, "$NOPE_NOT_SET (use_env_variable), which is not set"},
		{EnvConfig{}, `set "dialect"`},
		{EnvConfig{Dialect: "sqlite"}, `has no "storage"`},
		{EnvConfig{Dialect: "postgres"}, `has no "database"`},
		{EnvConfig{Dialect: "oracle", Database: "x"}, `unknown dialect "oracle"`},
	} {
		if _, err := tt.env.DatabaseURL("development", "/proj"); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("DatabaseURL(%+v) error = %v, want %q", tt.env, err, tt.want)
		}
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://bob:secret@h:5432/db":  "postgres://bob:*****@h:5432/db",
		"mysql://root@h/db":                "mysql://root@h/db",
		"sqlite:/tmp/x.db":                 "sqlite:/tmp/x.db",
		"postgres://bob:s%40cret@h/db?x=1": "postgres://bob:*****@h/db?x=1",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoadConfigErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "config.json")
	os.WriteFile(bad, []byte("{\n  \"development\": {\n    \"dialect\": \"sqlite\",\n  }\n}"), 0o644)
	if _, err := LoadConfig(bad); err == nil || !strings.Contains(err.Error(), "line 4: invalid JSON") {
		t.Errorf("LoadConfig(trailing comma) = %v", err)
	}
}

// The rc file sets the base flags' defaults; the command line wins.
func TestRCFile(t *testing.T) {
	p := newProject(t)
	p.write(".stratarc", `{"config": "settings/db.json", "migrations-path": "db/migrate"}`)
	p.write("settings/db.json", `{"development": {"dialect": "sqlite", "storage": "dev.db"}}`)
	p.write("db/migrate/20261126184503-create-user.sql", "-- strata:up\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n-- strata:down\nDROP TABLE users;\n")
	r := p.ok("db:migrate")
	contains(t, "db:migrate with .stratarc", r.stdout, `Loaded configuration file "settings/db.json".`, "== 20261126184503-create-user: migrated (")
	p.fails([]string{"db:migrate", "--config", "nope.json"}, "nope.json")
	p.write(".stratarc", `{"migration-path": "x"}`)
	p.fails([]string{"db:migrate"}, ".stratarc", `unknown field "migration-path"`)
}

// DATABASE_URL is used when there is no config file.
func TestDatabaseURLFallback(t *testing.T) {
	p := newProject(t)
	p.write("migrations/.keep", "")
	p.env["DATABASE_URL"] = "sqlite:" + filepath.Join(p.dir, "x.db")
	r := p.ok("db:migrate")
	contains(t, "db:migrate", r.stdout, "Using DATABASE_URL sqlite:", "No migrations were executed")
}
