package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	neturl "net/url"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/connect"
)

// openDatabase connects to the database url names, creating it first when
// the server has no such database yet, as SQLite creates its file: the
// shop runs on a new PostgreSQL or MySQL/MariaDB database with nothing
// done by hand (in a project of your own, "strata db:create" does it).
func openDatabase(ctx context.Context, url string, stdout io.Writer) (*sql.DB, dialect.Dialect, error) {
	db, d, err := connect.Open(url)
	if err != nil {
		return nil, nil, err
	}
	err = db.PingContext(ctx)
	if err == nil {
		return db, d, nil
	}
	db.Close()
	admin, ok := d.(dialect.Admin)
	if de := d.Classify(err); !ok || de == nil || de.Kind != dialect.ErrNoDatabase {
		return nil, nil, err
	}
	if cerr := admin.CreateDatabase(ctx, url); cerr != nil {
		// Another shop starting at the same time may have created it.
		if db, d, err = connect.Open(url); err == nil && db.PingContext(ctx) == nil {
			return db, d, nil
		}
		if db != nil {
			db.Close()
		}
		return nil, nil, fmt.Errorf("the database does not exist, and creating it failed: %w", cerr)
	}
	name := url
	if u, err := neturl.Parse(url); err == nil {
		name = strings.TrimPrefix(u.Path, "/")
	}
	fmt.Fprintf(stdout, "shop: created the database %s\n", name)
	return connect.Open(url)
}
