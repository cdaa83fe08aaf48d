package sqlitedialect_test

import (
	"testing"

	"github.com/strata-orm/strata/dialect/sqlitedialect"
	"github.com/strata-orm/strata/dialecttest"
)

func TestConformance(t *testing.T) {
	dialecttest.Run(t, sqlitedialect.New(), "")
}
