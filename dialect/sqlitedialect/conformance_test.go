package sqlitedialect_test

import (
	"testing"

	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/dialecttest"
)

func TestConformance(t *testing.T) {
	dialecttest.Run(t, sqlitedialect.New(), "")
}

// TestORM runs the ORM half of the conformance suite: package strata's
// core paths on SQLite.
func TestORM(t *testing.T) {
	dialecttest.RunORM(t, sqlitedialect.New(), "")
}
