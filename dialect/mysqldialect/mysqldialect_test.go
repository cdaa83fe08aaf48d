package mysqldialect_test

import (
	"os"
	"testing"

	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/dialecttest"
)

// TestConformance runs strata's conformance suite against the MySQL or
// MariaDB server named by STRATA_TEST_MYSQL; without it the live parts skip
// and only the golden files are checked.
func TestConformance(t *testing.T) {
	dialecttest.Run(t, mysqldialect.New(), os.Getenv(dialecttest.EnvMySQL))
}

// TestORM runs the ORM half of the conformance suite, package strata's
// core paths, on the MySQL or MariaDB server STRATA_TEST_MYSQL names; it skips without it.
func TestORM(t *testing.T) {
	dialecttest.RunORM(t, mysqldialect.New(), os.Getenv(dialecttest.EnvMySQL))
}
