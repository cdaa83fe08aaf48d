package pgdialect

import (
	"context"

	"github.com/strata-orm/strata/dialect"
)

var _ dialect.QueryDialect = (*Dialect)(nil)

// QueryFeatures describes PostgreSQL's runtime SQL: E'…' strings, dollar
// quotes and nested comments when lexing, RETURNING on INSERT and UPDATE,
// ON CONFLICT upserts, FOR UPDATE / FOR SHARE, ILIKE and = ANY(array).
// It asks the server nothing.
func (*Dialect) QueryFeatures(context.Context, dialect.Querier) (dialect.QueryFeatures, error) {
	return dialect.QueryFeatures{
		EscapeStrings: true, DollarQuotes: true, NestedComments: true,
		InsertReturning: true, UpdateReturning: true,
		Upsert:    dialect.UpsertOnConflict,
		ForUpdate: "FOR UPDATE", ForShare: "FOR SHARE",
		ILike:         true,
		AnyArray:      true,
		WideIntCast:   "::int8",
		DefaultValues: "DEFAULT VALUES",
		IDStep:        1,
	}, nil
}
