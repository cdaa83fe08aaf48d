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
