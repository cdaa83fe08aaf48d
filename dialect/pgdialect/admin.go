package pgdialect

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// DatabaseURL implements dialect.Admin: serverURL with its database path
// replaced by name. Query parameters (sslmode …) are kept.
func (*Dialect) DatabaseURL(serverURL, name string) (string, error) {
	u, err := parseURL(serverURL)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(name) == "" {
		return "", fmt.Errorf("pgdialect: database name is empty; give the name of the database")
	}
	u.Path, u.RawPath = "/"+name, ""
	return u.String(), nil
}

// databaseName returns the database a URL names.
func databaseName(u *url.URL) (string, error) {
	name := strings.TrimPrefix(u.Path, "/")
	if name == "" {
		return "", fmt.Errorf("pgdialect: %s names no database; add it to the path, e.g. postgres://host:5432/mydb", redact(u))
	}
	return name, nil
}

// CreateDatabase implements dialect.Admin. It connects to the server's
// maintenance database (postgres, or template1) and creates the database
// the URL names.
func (d *Dialect) CreateDatabase(ctx context.Context, rawURL string) error {
	return d.admin(ctx, rawURL, "create", func(name string) string {
		return "CREATE DATABASE " + quoteIdent(name)
	})
}

// DropDatabase implements dialect.Admin. It drops the database the URL
// names, if it exists, closing the sessions still connected to it.
func (d *Dialect) DropDatabase(ctx context.Context, rawURL string) error {
	return d.admin(ctx, rawURL, "drop", func(name string) string {
		return "DROP DATABASE IF EXISTS " + quoteIdent(name) + " WITH (FORCE)"
	})
}

func (d *Dialect) admin(ctx context.Context, rawURL, verb string, stmt func(name string) string) error {
	u, err := parseURL(rawURL)
	if err != nil {
		return err
	}
	name, err := databaseName(u)
	if err != nil {
		return err
	}
	var errs []error
	// The maintenance databases, in order of preference.
	for _, maint := range []string{"postgres", "template1"} {
		if maint == name {
			continue
		}
		err := d.adminOn(ctx, u, maint, stmt(name))
		if err == nil {
			return nil
		}
		errs = append(errs, err)
		var pg *pgconn.PgError
		if !errors.As(err, &pg) || pg.Code != "3D000" {
			break // only a missing maintenance database is worth another try
		}
	}
	return fmt.Errorf("pgdialect: %s database %q on %s: %w", verb, name, u.Host, errors.Join(errs...))
}

func (d *Dialect) adminOn(ctx context.Context, server *url.URL, maint, stmt string) error {
	maintURL, err := d.DatabaseURL(server.String(), maint)
	if err != nil {
		return err
	}
	db, err := d.Open(maintURL)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, stmt)
	return err
}
