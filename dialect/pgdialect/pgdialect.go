package pgdialect

import (
	"database/sql"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"

	// Registers the "pgx" database/sql driver.
	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/strata-orm/strata/dialect"
)

// Dialect is PostgreSQL. Its zero value is ready to use; New returns one.
// It must not be copied after first use.
type Dialect struct {
	states sync.Pool // *queryState, the scratch of QueryDirect
}

var (
	_ dialect.Dialect = (*Dialect)(nil)
	_ dialect.Admin   = (*Dialect)(nil)
)

// New returns the PostgreSQL dialect.
func New() *Dialect { return &Dialect{} }

// DriverName is the database/sql driver Open uses (pgx v5's stdlib).
const DriverName = "pgx"

// Name implements dialect.Dialect: "postgres".
func (*Dialect) Name() string { return "postgres" }

// Open implements dialect.Dialect. It accepts postgres:// and postgresql://
// URLs and sets the session time zone to UTC, so that timestamps read back
// in UTC and timestamps written without a zone are taken as UTC.
func (*Dialect) Open(rawURL string) (*sql.DB, error) {
	u, err := parseURL(rawURL)
	if err != nil {
		return nil, err
	}
	q := u.Query()
	for k := range q {
		if strings.EqualFold(k, "timezone") {
			q.Del(k)
		}
	}
	q.Set("timezone", "UTC")
	u.RawQuery = q.Encode()
	db, err := sql.Open(DriverName, u.String())
	if err != nil {
		return nil, fmt.Errorf("pgdialect: open %s: %w", redact(u), err)
	}
	return db, nil
}

// parseURL parses a PostgreSQL URL, refusing any other kind of address.
func parseURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
		shown := rawURL
		if err == nil {
			shown = redact(u)
		} else if i := strings.Index(rawURL, "@"); i >= 0 {
			shown = "…" + rawURL[i:]
		}
		return nil, fmt.Errorf("pgdialect: %q is not a PostgreSQL URL; use postgres://user:password@host:5432/dbname", shown)
	}
	return u, nil
}

// redact returns the URL with its password hidden.
func redact(u *url.URL) string {
	if _, ok := u.User.Password(); ok {
		c := *u
		c.User = url.UserPassword(u.User.Username(), "xxxxx")
		return c.String()
	}
	return u.String()
}

// Quote implements dialect.Dialect: "name", with any " doubled.
func (*Dialect) Quote(ident string) string { return quoteIdent(ident) }

func quoteIdent(ident string) string {
	return `"` + strings.ReplaceAll(ident, `"`, `""`) + `"`
}

// quoteLiteral quotes a string constant, doubling any single quote. It
// relies on standard_conforming_strings, on by default since PostgreSQL 9.1,
// so a backslash stands for itself.
func quoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// Placeholder implements dialect.Dialect: $1, $2, …
func (*Dialect) Placeholder(n int) string { return "$" + strconv.Itoa(n) }

// MaxIdentLen implements dialect.Dialect: PostgreSQL's NAMEDATALEN-1.
func (*Dialect) MaxIdentLen() int { return 63 }

// MaxParams implements dialect.Dialect: the wire protocol's 16-bit count.
func (*Dialect) MaxParams() int { return 65535 }

// TransactionalDDL implements dialect.Dialect: PostgreSQL runs DDL in
// transactions.
func (*Dialect) TransactionalDDL() bool { return true }
