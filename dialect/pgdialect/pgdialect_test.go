package pgdialect_test

import (
	"os"
	"testing"

	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/dialecttest"
)

// TestConformance runs strata's conformance suite against the server
// STRATA_TEST_POSTGRES names; without it only the golden SQL is checked.
func TestConformance(t *testing.T) {
	dialecttest.Run(t, pgdialect.New(), os.Getenv(dialecttest.EnvPostgres))
}

// TestORM runs the ORM half of the conformance suite, package strata's
// core paths, on the PostgreSQL server STRATA_TEST_POSTGRES names; it skips without it.
func TestORM(t *testing.T) {
	dialecttest.RunORM(t, pgdialect.New(), os.Getenv(dialecttest.EnvPostgres))
}
