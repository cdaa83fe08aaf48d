package sqlitedialect

import (
	"context"

	"github.com/strata-orm/strata/dialect"
)

var (
	_ dialect.QueryDialect = (*Dialect)(nil)
	_ dialect.LexDialect   = (*Dialect)(nil)
)

// QueryFeatures describes SQLite's runtime SQL: backtick and [bracket]
// names, comments that may run to the end and ?NNN, :name, @name, $name
// parameters (refused in hand-written SQL) when lexing, RETURNING on INSERT and UPDATE (SQLite ≥ 3.35, which the driver
// embeds), ON CONFLICT upserts, LIMIT -1 before a lone OFFSET, and no row
// locks: a write transaction (BEGIN IMMEDIATE) already holds the database.
// A DECIMAL keeps 15 significant digits: its NUMERIC affinity stores text
// with a fraction as a double; every integer column holds 64 bits.
func (d *Dialect) QueryFeatures(context.Context, dialect.Querier) (dialect.QueryFeatures, error) {
	f := d.LexFeatures()
	f.InsertReturning, f.UpdateReturning, f.DeleteReturning = true, true, true
	f.Upsert = dialect.UpsertOnConflict
	f.NoLimit = "-1"
	f.DefaultValues = "DEFAULT VALUES"
	f.IDStep = 1
	f.PrepareEach = true
	f.DecimalDigits = 15
	f.IntOverflow = "abs(-9223372036854775807 - 1)"
	return f, nil
}

// LexFeatures describes how SQLite lexes SQL text: backtick and [bracket]
// names, comments that may run to the end, and ?NNN, :name, @name, $name
// parameters.
func (*Dialect) LexFeatures() dialect.QueryFeatures {
	return dialect.QueryFeatures{
		BacktickIdents: true, BracketIdents: true, UnterminatedComments: true,
		NamedParams: true,
	}
}
