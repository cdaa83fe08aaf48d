package pgdialect

import (
	"context"
	"fmt"

	"github.com/strata-orm/strata/dialect"
)

var _ dialect.QueryDialect = (*Dialect)(nil)

// QueryFeatures describes PostgreSQL's runtime SQL: E'…' strings, dollar
// quotes and nested comments when lexing, RETURNING on INSERT and UPDATE,
// ON CONFLICT upserts, FOR UPDATE / FOR SHARE, ILIKE and = ANY(array).
// $1 in hand-written SQL is refused (strata numbers the ? itself), and ?
// is also an operator (jsonb ?, ?|, ?&: written ??). It reads
// standard_conforming_strings: when off, '…' takes backslash escapes too.
func (*Dialect) QueryFeatures(ctx context.Context, q dialect.Querier) (dialect.QueryFeatures, error) {
	f := dialect.QueryFeatures{
		EscapeStrings: true, DollarQuotes: true, NestedComments: true,
		DollarParams: true, QuestionOperator: true,
		InsertReturning: true, UpdateReturning: true,
		Upsert:    dialect.UpsertOnConflict,
		ForUpdate: "FOR UPDATE", ForShare: "FOR SHARE",
		ILike:         true,
		AnyArray:      true,
		WideIntCast:   "::int8",
		DefaultValues: "DEFAULT VALUES",
		IDStep:        1,
	}
	rows, err := q.QueryContext(ctx, "SHOW standard_conforming_strings")
	if err != nil {
		return f, fmt.Errorf("read standard_conforming_strings: %w", err)
	}
	defer rows.Close()
	scs := "on"
	if rows.Next() {
		if err := rows.Scan(&scs); err != nil {
			return f, fmt.Errorf("read standard_conforming_strings: %w", err)
		}
	}
	if err := rows.Close(); err != nil {
		return f, err
	}
	f.BackslashEscapes = scs != "on"
	return f, nil
}
