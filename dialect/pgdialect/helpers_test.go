package pgdialect_test

import (
	"os"
	"testing"

	"github.com/strata-orm/strata/dialecttest"
)

// serverURL is the server the live tests use; without one they skip.
func serverURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv(dialecttest.EnvPostgres)
	if u == "" {
		t.Skipf("postgres tests skipped: set %s to a server URL to run them", dialecttest.EnvPostgres)
	}
	return u
}
