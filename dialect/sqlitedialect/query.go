package sqlitedialect

import (
	"context"

	"github.com/strata-orm/strata/dialect"
)

var _ dialect.QueryDialect = (*Dialect)(nil)

// QueryFeatures describes SQLite's runtime SQL: backtick and [bracket]
// names, comments that may run to the end and ?NNN, :name, @name, $name
// parameters (refused in hand-written SQL) when lexing, RETURNING on INSERT and UPDATE (SQLite ≥ 3.35, which the driver
// embeds), ON CONFLICT upserts, LIMIT -1 before a lone OFFSET, and no row
// locks: a write transaction (BEGIN IMMEDIATE) already holds the database.
// A DECIMAL keeps 15 significant digits: its NUMERIC affinity stores text
// with a fraction as a double; every integer column holds 64 bits.
func (*Dialect) QueryFeatures(context.Context, dialect.Querier) (dialect.QueryFeatures, error) {
	return dialect.QueryFeatures{
		BacktickIdents: true, BracketIdents: true, UnterminatedComments: true,
		NamedParams:     true,
		InsertReturning: true, UpdateReturning: true,
		Upsert:        dialect.UpsertOnConflict,
		NoLimit:       "-1",
		DefaultValues: "DEFAULT VALUES",
		IDStep:        1,
		PrepareEach:   true,
		DecimalDigits: 15,
		IntOverflow:   "abs(-9223372036854775807 - 1)",
	}, nil
}
