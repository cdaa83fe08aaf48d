package cli

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/connect"
)

// target is the database a command works on.
type target struct {
	url     string
	dialect dialect.Dialect
	env     EnvConfig
}

// resolve works out the database URL: --url, else the config file's
// environment, else DATABASE_URL; it prints where it came from, as
// sequelize-cli does.
func (r *run) resolve() (*target, error) {
	r.printRCWarnings()
	if u := r.flags.str("url"); u != "" {
		r.printf("Parsed url %s\n", Redact(u))
		return r.target(u, EnvConfig{})
	}
	cfgPath := r.path("config")
	cfg, err := r.loadConfig(cfgPath)
	if errors.Is(err, ErrNoConfig) {
		if u := r.getenv("DATABASE_URL"); u != "" {
			r.printf("Using DATABASE_URL %s\n", Redact(u))
			return r.target(u, EnvConfig{})
		}
	}
	if err != nil {
		return nil, err
	}
	r.printf("Loaded configuration file %q.\n", r.configName())
	env := r.flags.str("env")
	ec, err := cfg.Environment(r.configName(), env)
	if err != nil {
		return nil, err
	}
	r.printEnvironment(cfg, env, ec)
	base, err := filepath.Abs(r.dir())
	if err != nil {
		return nil, err
	}
	u, err := ec.databaseURL(env, base, r.configGetenv())
	if err != nil {
		return nil, err
	}
	return r.target(u, ec)
}

func (r *run) target(u string, ec EnvConfig) (*target, error) {
	d, err := connect.Dialect(u)
	if err != nil {
		return nil, err
	}
	return &target{url: u, dialect: d, env: ec}, nil
}

// open connects and checks the connection, turning the usual failures into
// messages that say what to do.
func (r *run) open(ctx context.Context, t *target) (*sql.DB, error) {
	if t.dialect.Name() == "sqlite" {
		// As Sequelize does, a SQLite database file is created on first use;
		// its folder too.
		if file := databaseName(t.url); file != "" && !strings.HasPrefix(file, ":memory:") {
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				return nil, err
			}
		}
	}
	db, err := t.dialect.Open(t.url)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, r.connectError(t, err)
	}
	return db, nil
}

func (r *run) connectError(t *target, err error) error {
	if t.dialect.Name() == "sqlite" {
		return fmt.Errorf("cannot open the SQLite database %s: %v", databaseName(t.url), err)
	}
	if de := t.dialect.Classify(err); de != nil {
		switch de.Kind {
		case dialect.ErrNoDatabase:
			return fmt.Errorf("%s\nCreate it with \"strata db:create\", or check the database name in %s", de.Message, r.configHint())
		case dialect.ErrConnection:
			return fmt.Errorf("cannot connect to %s: %s\nCheck that the server is running, and the host, port, user and password in %s", Redact(t.url), de.Message, r.configHint())
		}
		if de.Message != "" {
			return fmt.Errorf("cannot connect to %s: %s", Redact(t.url), de.Message)
		}
	}
	return fmt.Errorf("cannot connect to %s: %v", Redact(t.url), redactErr(err, t.url))
}

func (r *run) configHint() string {
	if r.flags.str("url") != "" {
		return "--url"
	}
	return fmt.Sprintf("the %q environment of %s", r.flags.str("env"), r.flags.str("config"))
}

// redactErr removes a URL's password from an error's text.
func redactErr(err error, rawURL string) string {
	msg := err.Error()
	if u, perr := url.Parse(rawURL); perr == nil && u.User != nil {
		if p, ok := u.User.Password(); ok && p != "" {
			msg = strings.ReplaceAll(msg, p, "*****")
		}
	}
	return msg
}

// refuseInProduction stops destructive commands in production unless
// --yes-really is given.
func (r *run) refuseInProduction(what string) error {
	if r.flags.str("env") == "production" && !r.flags.bool("yes-really") {
		return fmt.Errorf("refusing to %s in the production environment; add --yes-really if you mean it", what)
	}
	return nil
}

func runDBCreate(ctx context.Context, r *run) error { return r.adminDB(ctx, true) }
func runDBDrop(ctx context.Context, r *run) error   { return r.adminDB(ctx, false) }

func (r *run) adminDB(ctx context.Context, create bool) error {
	if !create {
		if err := r.refuseInProduction("drop the database"); err != nil {
			return err
		}
	}
	t, err := r.resolve()
	if err != nil {
		return err
	}
	admin, ok := t.dialect.(dialect.Admin)
	if !ok {
		return fmt.Errorf("%s cannot create or drop databases", t.dialect.Name())
	}
	name := databaseName(t.url)
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if create {
		if err := admin.CreateDatabase(ctx, t.url); err != nil {
			return r.adminError(t, err)
		}
		r.printf("Database %s created.\n", name)
		return nil
	}
	if err := admin.DropDatabase(ctx, t.url); err != nil {
		return r.adminError(t, err)
	}
	r.printf("Database %s dropped.\n", name)
	return nil
}

func (r *run) adminError(t *target, err error) error {
	if de := t.dialect.Classify(err); de != nil && de.Kind == dialect.ErrConnection {
		return r.connectError(t, err)
	}
	return errors.New(redactErr(err, t.url))
}

// databaseName is the database (or file) a URL names.
func databaseName(raw string) string {
	if rest, ok := strings.CutPrefix(raw, "sqlite:"); ok {
		return strings.TrimPrefix(rest, "//")
	}
	if u, err := url.Parse(raw); err == nil {
		return strings.TrimPrefix(u.Path, "/")
	}
	return raw
}
