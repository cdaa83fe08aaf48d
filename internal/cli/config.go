package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// EnvConfig is one environment's block of the config file
// (config/config.json, or a config.js), in Sequelize's layout.
type EnvConfig struct {
	Dialect        string  `json:"dialect,omitempty"`
	Host           string  `json:"host,omitempty"`
	Port           any     `json:"port,omitempty"` // a number or a string
	Username       string  `json:"username,omitempty"`
	Password       *string `json:"password,omitempty"`
	Database       string  `json:"database,omitempty"`
	Storage        string  `json:"storage,omitempty"` // SQLite file
	URL            string  `json:"url,omitempty"`
	UseEnvVariable string  `json:"use_env_variable,omitempty"`
	// MigrationStorageTableName renames the migrations' state table
	// (SequelizeMeta), as in Sequelize.
	MigrationStorageTableName string `json:"migrationStorageTableName,omitempty"`
	// SeederStorageTableName renames the seeders' state table (SequelizeData).
	SeederStorageTableName string `json:"seederStorageTableName,omitempty"`
	// MigrationStorage and SeederStorage are where sequelize-cli keeps
	// each history: "sequelize" (a table: strata's state table), "json"
	// (a file, MigrationStoragePath/SeederStoragePath) or "none".
	MigrationStorage     string `json:"migrationStorage,omitempty"`
	MigrationStoragePath string `json:"migrationStoragePath,omitempty"`
	SeederStorage        string `json:"seederStorage,omitempty"`
	SeederStoragePath    string `json:"seederStoragePath,omitempty"`
	// Other holds the block's keys strata reads but does not use (pool,
	// logging, define, dialectOptions, unknown ones), as the file gave
	// them, so that Warnings names each.
	Other map[string]any `json:"-"`
}

// Config is the config file: one block per environment (a config with
// no environment blocks is one block under the key "", used whatever the
// environment, as sequelize-cli does).
type Config map[string]EnvConfig

// ErrNoConfig means there is no config file and nothing else says which database to use.
var ErrNoConfig = errors.New("no configuration")

// LoadConfig reads a config file. A missing file is ErrNoConfig wrapped in a
// message that says how to make one.
func LoadConfig(path string) (Config, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		abs, _ := filepath.Abs(path)
		return nil, fmt.Errorf("%w: cannot find %q; run \"strata init\" to create it, or pass --url (or set DATABASE_URL)", ErrNoConfig, abs)
	}
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line := 1 + strings.Count(string(b[:se.Offset]), "\n")
			return nil, fmt.Errorf("%s line %d: invalid JSON: %v", path, line, err)
		}
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return configFromMap(path, m)
}

// Environment returns the block for env, or an error listing the ones there are.
func (c Config) Environment(path, env string) (EnvConfig, error) {
	if e, ok := c[flatEnv]; ok && len(c) == 1 {
		return e, nil
	}
	e, ok := c[env]
	if !ok && len(c) == 0 {
		return EnvConfig{}, fmt.Errorf("%s has no environments: it must be an object of blocks (module.exports = { development: {…} } or {\"development\": {…}}); does it set module.exports or export default?", path)
	}
	if !ok {
		names := make([]string, 0, len(c))
		for n := range c {
			names = append(names, n)
		}
		slices.Sort(names)
		return EnvConfig{}, fmt.Errorf("environment %q is not in %s (it has: %s); pass --env with one of those or add a %q block",
			env, path, strings.Join(names, ", "), env)
	}
	return e, nil
}

// DatabaseURL turns an environment's settings into a URL: url, then
// use_env_variable, then the separate fields. Relative SQLite storage paths
// are relative to base (the project directory).
func (e EnvConfig) DatabaseURL(env, base string) (string, error) {
	return e.databaseURL(env, base, os.Getenv)
}

// databaseURL is DatabaseURL reading use_env_variable with getenv.
func (e EnvConfig) databaseURL(env, base string, getenv func(string) string) (string, error) {
	if e.URL != "" {
		return e.URL, nil
	}
	if e.UseEnvVariable != "" {
		v := getenv(e.UseEnvVariable)
		if v == "" {
			return "", fmt.Errorf("environment %q reads its database URL from $%s (use_env_variable), which is not set", env, e.UseEnvVariable)
		}
		return v, nil
	}
	dialect := strings.ToLower(e.Dialect)
	switch dialect {
	case "":
		return "", fmt.Errorf("environment %q does not say which database to use: set \"dialect\" (sqlite, postgres or mysql) or \"url\"", env)
	case "sqlite", "sqlite3":
		storage := e.Storage
		if storage == "" {
			return "", fmt.Errorf("environment %q uses sqlite but has no \"storage\" (the database file, e.g. \"db/development.sqlite3\")", env)
		}
		if storage != ":memory:" && !filepath.IsAbs(storage) {
			storage = filepath.Join(base, storage)
		}
		return "sqlite:" + storage, nil
	case "postgres", "postgresql", "mysql", "mariadb":
		if e.Database == "" {
			return "", fmt.Errorf("environment %q has no \"database\"", env)
		}
		scheme := map[string]string{"postgresql": "postgres", "mariadb": "mysql"}[dialect]
		if scheme == "" {
			scheme = dialect
		}
		host := e.Host
		if host == "" {
			host = "127.0.0.1"
		}
		if p := portString(e.Port); p != "" {
			host += ":" + p
		}
		u := url.URL{Scheme: scheme, Host: host, Path: "/" + e.Database}
		if e.Username != "" {
			if e.Password != nil && *e.Password != "" {
				u.User = url.UserPassword(e.Username, *e.Password)
			} else {
				u.User = url.User(e.Username)
			}
		}
		return u.String(), nil
	}
	return "", fmt.Errorf("environment %q: unknown dialect %q (use sqlite, postgres or mysql)", env, e.Dialect)
}

func portString(p any) string {
	switch v := p.(type) {
	case nil:
		return ""
	case float64:
		return strconv.Itoa(int(v))
	case string:
		return v
	}
	return fmt.Sprint(p)
}

// Redact hides the password of a URL: postgres://bob:*****@host/db.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, has := u.User.Password(); !has {
		return raw
	}
	u.User = url.UserPassword(u.User.Username(), "xxxxx")
	return strings.Replace(u.String(), ":xxxxx@", ":*****@", 1)
}

// DefaultConfig is what `strata init` writes: development and test on SQLite
// files, so everything runs without a server; production from DATABASE_URL.
func DefaultConfig() Config {
	return Config{
		"development": {Dialect: "sqlite", Storage: "db/development.sqlite3"},
		"test":        {Dialect: "sqlite", Storage: "db/test.sqlite3"},
		"production":  {UseEnvVariable: "DATABASE_URL"},
	}
}

// rc is the .stratarc file: defaults for the base flags, as .sequelizerc
// sets them (a JSON object here, not a script); a .sequelizerc gives the
// keys .stratarc does not set (see sequelizerc.go).
type rc struct {
	Env            string `json:"env"`
	Config         string `json:"config"`
	URL            string `json:"url"`
	MigrationsPath string `json:"migrations-path"`
	SeedersPath    string `json:"seeders-path"`
	ModelsPath     string `json:"models-path"`
	Debug          bool   `json:"debug"`
}

// RCFile is the name of the rc file strata reads from the project directory.
const RCFile = ".stratarc"

func loadRC(dir string) (rc, error) {
	var r rc
	b, err := os.ReadFile(filepath.Join(dir, RCFile))
	if errors.Is(err, os.ErrNotExist) {
		return r, nil
	}
	if err != nil {
		return r, err
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return r, fmt.Errorf("%s: %v (keys: env, config, url, migrations-path, seeders-path, models-path, debug)", RCFile, err)
	}
	return r, nil
}
