// Package bench compares strata with raw SQL and the best-known Go ORMs on
// the seed's shop. Its benchmarks (BenchmarkShop) run every scenario of
// package suite with every library on every database the library supports;
// its tests check that every library returns the same results.
//
// `go run ./cmd/benchreport` runs the benchmarks and writes BENCHMARKS.md at
// the repository root; README.md says how.
package bench

import (
	"github.com/strata-orm/strata/bench/libs/bunlib"
	"github.com/strata-orm/strata/bench/libs/entlib"
	"github.com/strata-orm/strata/bench/libs/gormlib"
	"github.com/strata-orm/strata/bench/libs/pgxlib"
	"github.com/strata-orm/strata/bench/libs/sqllib"
	"github.com/strata-orm/strata/bench/libs/sqlxlib"
	"github.com/strata-orm/strata/bench/libs/stratalib"
	"github.com/strata-orm/strata/bench/suite"
)

// Libraries lists the libraries compared, in report order. Adding one is a
// package under libs/ with a Library function, and a line here.
func Libraries() []suite.Library {
	return []suite.Library{
		pgxlib.Library(),
		sqllib.Library(),
		sqlxlib.Library(),
		gormlib.Library(),
		bunlib.Library(),
		entlib.Library(),
		stratalib.Library(),
	}
}
