// Package connect picks a dialect from a database URL and opens it, for
// programs that take a URL from their user (the strata CLI, the example
// shop). It imports every concrete dialect; libraries should not import it.
//
//	db, d, err := connect.Open("sqlite:db/development.sqlite3")
//	db, d, err := connect.Open("postgres://postgres@127.0.0.1:5432/shop")
//	db, d, err := connect.Open("mysql://root@127.0.0.1:3306/shop")
package connect

import (
	"database/sql"
	"fmt"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
)

// Dialect returns the dialect for a URL's scheme: postgres:// or
// postgresql:// for PostgreSQL, mysql:// or mariadb:// for MySQL/MariaDB,
// sqlite:, sqlite3: or file: for SQLite.
func Dialect(url string) (dialect.Dialect, error) {
	scheme, _, ok := strings.Cut(url, ":")
	if !ok {
		return nil, fmt.Errorf("database URL %q has no scheme: start it with postgres://, mysql:// or sqlite:<file>", redact(url))
	}
	switch strings.ToLower(scheme) {
	case "postgres", "postgresql":
		return pgdialect.New(), nil
	case "mysql", "mariadb":
		return mysqldialect.New(), nil
	case "sqlite", "sqlite3", "file":
		return sqlitedialect.New(), nil
	}
	return nil, fmt.Errorf("database URL scheme %q is not supported: use postgres://, mysql:// (or mariadb://) or sqlite:<file>", scheme)
}

// Dialects returns one of each dialect strata has: PostgreSQL, MySQL and
// SQLite.
func Dialects() []dialect.Dialect {
	return []dialect.Dialect{pgdialect.New(), mysqldialect.New(), sqlitedialect.New()}
}

// Open connects to url with the dialect its scheme names.
func Open(url string) (*sql.DB, dialect.Dialect, error) {
	d, err := Dialect(url)
	if err != nil {
		return nil, nil, err
	}
	db, err := d.Open(url)
	if err != nil {
		return nil, nil, err
	}
	return db, d, nil
}

// redact hides a password in a URL for error messages.
func redact(url string) string {
	at := strings.LastIndexByte(url, '@')
	scheme := strings.Index(url, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return url
	}
	userinfo := url[scheme+3 : at]
	if i := strings.IndexByte(userinfo, ':'); i >= 0 {
		return url[:scheme+3] + userinfo[:i] + ":*****" + url[at:]
	}
	return url
}
