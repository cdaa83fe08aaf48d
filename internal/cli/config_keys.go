package cli

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/strata-orm/strata/internal/naming"
)

// jsFunction stands for a function value in a JavaScript config (a
// logging function, for one): kept so its key is reported, never called.
type jsFunction struct{}

func (jsFunction) String() string { return "a function" }

// flatEnv is the key of the one block of a config that has no
// environment blocks (module.exports = {dialect, url, …}): sequelize-cli
// uses such a config as a whole whatever the environment.
const flatEnv = ""

// connectionKeys are the keys that mark an object as one environment's
// block rather than a set of blocks.
var connectionKeys = []string{"dialect", "url", "use_env_variable", "database", "storage", "host"}

// configFromMap turns a config's top-level object into its environments.
func configFromMap(file string, m map[string]any) (Config, error) {
	c := Config{}
	if isFlat(m) {
		e, err := envFromMap(file, "", m)
		if err != nil {
			return nil, err
		}
		c[flatEnv] = e
		return c, nil
	}
	for name, v := range m {
		block, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: environment %q is %s, not an object of settings ({\"dialect\": …})", file, name, describe(v))
		}
		e, err := envFromMap(file, name, block)
		if err != nil {
			return nil, err
		}
		c[name] = e
	}
	return c, nil
}

func isFlat(m map[string]any) bool {
	for _, k := range connectionKeys {
		if v, ok := m[k]; ok {
			if _, obj := v.(map[string]any); !obj {
				return true
			}
		}
	}
	return false
}

// UnmarshalJSON reads one environment's block, keeping the keys strata
// does not use in Other so that they are reported, not dropped.
func (e *EnvConfig) UnmarshalJSON(b []byte) error {
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	v, err := envFromMap("", "", m)
	if err != nil {
		return err
	}
	*e = v
	return nil
}

// envFromMap reads one environment's block.
func envFromMap(file, env string, m map[string]any) (EnvConfig, error) {
	var e EnvConfig
	where := func(key string) string {
		s := fmt.Sprintf("%q", key)
		if env != "" {
			s = fmt.Sprintf("environment %q: %s", env, s)
		}
		if file != "" {
			s = file + ": " + s
		}
		return s
	}
	strs := map[string]*string{
		"dialect": &e.Dialect, "host": &e.Host, "username": &e.Username, "database": &e.Database,
		"storage": &e.Storage, "url": &e.URL, "use_env_variable": &e.UseEnvVariable,
		"migrationStorage": &e.MigrationStorage, "migrationStoragePath": &e.MigrationStoragePath,
		"migrationStorageTableName": &e.MigrationStorageTableName,
		"seederStorage":             &e.SeederStorage, "seederStoragePath": &e.SeederStoragePath,
		"seederStorageTableName": &e.SeederStorageTableName,
	}
	for key, v := range m {
		if p, ok := strs[key]; ok {
			switch v := v.(type) {
			case nil:
			case string:
				*p = v
			default:
				return e, fmt.Errorf("%s is %s; it must be a string", where(key), describe(v))
			}
			continue
		}
		switch key {
		case "password":
			switch v := v.(type) {
			case nil:
			case string:
				e.Password = &v
			case float64, int64, int:
				s := fmt.Sprint(v)
				e.Password = &s
			default:
				return e, fmt.Errorf("%s is %s; it must be a string", where(key), describe(v))
			}
		case "port":
			switch v.(type) {
			case nil, string, float64, int64, int:
				e.Port = v
			default:
				return e, fmt.Errorf("%s is %s; it must be a number", where(key), describe(v))
			}
		default:
			if e.Other == nil {
				e.Other = map[string]any{}
			}
			e.Other[key] = v
		}
	}
	return e, nil
}

func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(v)
	case bool:
		return strconv.FormatBool(v)
	case float64, int64, int:
		return fmt.Sprintf("the number %v", v)
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	case jsFunction:
		return "a function"
	}
	return fmt.Sprintf("%v", v)
}

// notYet are Sequelize options strata reads but does not apply yet
// (issue 19 makes pool, ssl, logging and define take effect), each with
// what strata does meanwhile.
var notYet = map[string]string{
	"pool":           "strata's database/sql pool uses its defaults",
	"define":         "model defaults are the Go models' tags; migrations do not read define (in sequelize-cli neither)",
	"dialectOptions": "for TLS put it in the URL instead (postgres ?sslmode=require, mysql ?tls=true)",
	"ssl":            "for TLS put it in the URL instead (postgres ?sslmode=require, mysql ?tls=true)",
	"timezone":       "strata sends and reads times in UTC",
	"logging":        "strata prints the SQL it runs with --debug",
	"benchmark":      "--debug prints the SQL run",
	"schema":         "strata works in the connection's default schema (search_path on PostgreSQL)",
	"replication":    "strata connects to the one server the URL names",
	"retry":          "strata does not retry a failed connection",
}

// sequelizeOptions are the other options of Sequelize's constructor: a
// config may hold them for the app; strata's CLI does not use them.
var sequelizeOptions = []string{
	"native", "omitNull", "protocol", "quoteIdentifiers", "minifyAliases", "typeValidation",
	"hooks", "isolationLevel", "transactionType", "logQueryParameters", "query", "set", "sync",
	"operatorsAliases", "standardConformingStrings", "clientMinMessages", "databaseVersion",
	"keepDefaultTimezone", "dialectModule", "dialectModulePath", "attributeBehavior", "models",
	"modelPaths", "repositoryMode", "validateOnly", "seederTimestamps", "migrationTimestamps",
	"migrationStorageTableSchema", "seederStorageTableSchema",
}

// knownKeys are every key a block may have (for the suggestion given for an
// unknown one).
func knownKeys() []string {
	keys := []string{"dialect", "host", "port", "username", "password", "database", "storage", "url",
		"use_env_variable", "migrationStorage", "migrationStoragePath", "migrationStorageTableName",
		"seederStorage", "seederStoragePath", "seederStorageTableName"}
	for k := range notYet {
		keys = append(keys, k)
	}
	return append(keys, sequelizeOptions...)
}

// Warnings are what strata says about an environment's keys it reads but
// does not use, one line each, sorted by key: nothing is dropped silently.
func (e EnvConfig) Warnings() []string {
	var out []string
	keys := make([]string, 0, len(e.Other))
	for k := range e.Other {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := e.Other[k]
		switch {
		case k == "logging" && (v == nil || v == false):
			// No SQL printed: what strata does without --debug.
		case k == "migrationTimestamps" || k == "seederTimestamps":
			out = append(out, fmt.Sprintf("%q is not used: strata's state table records when each ran in its own columns and adds no createdAt/updatedAt", k))
		case k == "migrationStorageTableSchema" || k == "seederStorageTableSchema":
			// An error (StorageError); said there.
		case notYet[k] != "":
			out = append(out, fmt.Sprintf("%q is accepted but not applied yet: %s", k, notYet[k]))
		case slices.Contains(sequelizeOptions, k):
			out = append(out, fmt.Sprintf("%q is a Sequelize option strata's CLI does not use; ignored", k))
		default:
			msg := fmt.Sprintf("%q is not a setting strata or Sequelize knows; ignored", k)
			if s := naming.Closest(k, knownKeys()); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			out = append(out, msg)
		}
	}
	if e.MigrationStoragePath != "" && e.MigrationStorage != "json" {
		out = append(out, `"migrationStoragePath" is used only with migrationStorage "json"; ignored`)
	}
	if e.SeederStoragePath != "" && e.SeederStorage != "json" {
		out = append(out, `"seederStoragePath" is used only with seederStorage "json"; ignored`)
	}
	if e.SeederStorage == "none" {
		out = append(out, `seederStorage "none": strata records the seeders it runs in SequelizeData (seederStorageTableName renames it), so db:seed:all runs each once; sequelize-cli's "none" runs them all every time (run db:seed:undo:all first to run them again)`)
	}
	return out
}

// StorageError is a migrationStorage or seederStorage strata cannot use.
type StorageError struct {
	Key, Value string
	// Instead says what strata does and how to go on.
	Instead string
}

func (e *StorageError) Error() string {
	return fmt.Sprintf("%s %q is not supported: %s", e.Key, e.Value, e.Instead)
}

// storageError is the error for a history's storage settings strata cannot
// honour, nil when it can (storage "sequelize": the state table).
func (h history) storageError(e EnvConfig) error {
	key, val, path, table := "migrationStorage", e.MigrationStorage, e.MigrationStoragePath, e.MigrationStorageTableName
	fix := `"strata db:migrate:repair --name <migration> --mark-applied" records one as applied without running it`
	if h.noun == "seed" {
		key, val, path, table = "seederStorage", e.SeederStorage, e.SeederStoragePath, e.SeederStorageTableName
		fix = `"strata db:seed --seed <file>" runs one again`
	}
	if table == "" {
		table = h.table
	}
	if s, ok := e.Other[key+"TableSchema"]; ok {
		return &StorageError{Key: key + "TableSchema", Value: fmt.Sprint(s),
			Instead: fmt.Sprintf("strata keeps %s in the connection's default schema; remove the key (and move the table) or connect with that schema first in the search path", table)}
	}
	switch val {
	case "", "sequelize":
		return nil
	case "none":
		if h.noun == "seed" {
			return nil // a warning: see Warnings
		}
		return &StorageError{Key: key, Value: val,
			Instead: fmt.Sprintf("without a record every db:migrate would run every migration again; strata records each in %s (set %s to \"sequelize\" or remove it)", table, key)}
	case "json":
		if path == "" {
			path = map[string]string{"migration": "sequelize-meta.json", "seed": "sequelize-data.json"}[h.noun]
		}
		return &StorageError{Key: key, Value: val,
			Instead: fmt.Sprintf("strata records the %ss it runs in the table %s, with checksums and a lock, not in %s; set %s to \"sequelize\" (or remove it), then, for each name %s lists, %s", h.noun, table, path, key, path, fix)}
	}
	return &StorageError{Key: key, Value: val, Instead: fmt.Sprintf(`the values are "sequelize" (strata's state table %s), "json" and "none"`, table)}
}
