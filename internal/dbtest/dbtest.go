// Package dbtest runs a test on every dialect: SQLite always, PostgreSQL and
// MySQL/MariaDB when STRATA_TEST_POSTGRES and STRATA_TEST_MYSQL name a
// server. Each run gets a fresh database of its own, dropped afterwards.
package dbtest

import (
	"os"
	"testing"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/dialecttest"
)

// Server is a dialect and the URL of the server its tests use ("" for SQLite).
type Server struct {
	Dialect dialect.Dialect
	URL     string
}

// Servers lists every dialect with its server URL from the environment. A
// server dialect whose variable is empty is listed too: Fresh skips it and
// says why.
func Servers() []Server {
	return []Server{
		{sqlitedialect.New(), ""},
		{pgdialect.New(), os.Getenv(dialecttest.EnvPostgres)},
		{mysqldialect.New(), os.Getenv(dialecttest.EnvMySQL)},
	}
}

// Each runs f once per dialect, as a subtest named after the dialect
// ("sqlite", "postgres", "mysql"), each with a fresh database.
func Each(t *testing.T, f func(t *testing.T, tg *dialecttest.Target)) {
	t.Helper()
	for _, s := range Servers() {
		t.Run(s.Dialect.Name(), func(t *testing.T) {
			f(t, dialecttest.Fresh(t, s.Dialect, s.URL))
		})
	}
}

// EachServer runs f once per dialect without creating a database, for tests
// that manage databases themselves. Server dialects without a URL skip.
func EachServer(t *testing.T, f func(t *testing.T, s Server)) {
	t.Helper()
	for _, s := range Servers() {
		t.Run(s.Dialect.Name(), func(t *testing.T) {
			if s.Dialect.Name() != "sqlite" && s.URL == "" {
				t.Skipf("%s tests skipped: set STRATA_TEST_%s to a server URL to run them", s.Dialect.Name(), map[string]string{"postgres": "POSTGRES", "mysql": "MYSQL"}[s.Dialect.Name()])
			}
			f(t, s)
		})
	}
}
