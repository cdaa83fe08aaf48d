package pgdialect

import (
	"context"
	"fmt"

	"github.com/strata-orm/strata/dialect"
)

var (
	_ dialect.QueryDialect = (*Dialect)(nil)
	_ dialect.LexDialect   = (*Dialect)(nil)
)

// LexFeatures describes how PostgreSQL lexes SQL text with
// standard_conforming_strings on (the default): E'…' strings, dollar
// quotes, nested comments, $1 parameters and the ? operators.
func (*Dialect) LexFeatures() dialect.QueryFeatures {
	return dialect.QueryFeatures{
		EscapeStrings: true, DollarQuotes: true, NestedComments: true,
		DollarParams: true, QuestionOperator: true,
	}
}

// QueryFeatures describes PostgreSQL's runtime SQL: E'…' strings, dollar
// quotes and nested comments when lexing, RETURNING on INSERT and UPDATE,
// ON CONFLICT upserts, FOR UPDATE / FOR SHARE, ILIKE and = ANY(array).
// $1 in hand-written SQL is refused (strata numbers the ? itself), and ?
// is also an operator (jsonb ?, ?|, ?&: written ??). It reads
// standard_conforming_strings: when off, '…' takes backslash escapes too.
func (d *Dialect) QueryFeatures(ctx context.Context, q dialect.Querier) (dialect.QueryFeatures, error) {
	f := d.LexFeatures()
	f.InsertReturning, f.UpdateReturning, f.DeleteReturning = true, true, true
	f.Upsert = dialect.UpsertOnConflict
	f.ForUpdate, f.ForShare = "FOR UPDATE", "FOR SHARE"
	f.LockNoWait, f.LockSkipLocked, f.LockOf = true, true, true
	f.ILike = true
	f.AnyArray = true
	f.WideIntCast = "::int8"
	f.DefaultValues = "DEFAULT VALUES"
	f.IDStep = 1
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

var _ dialect.RowEstimator = (*Dialect)(nil)

// EstimateRows reads the planner's row count of table (pg_class.reltuples,
// kept by ANALYZE and autovacuum); ok is false for a table never analyzed
// (-1 from PostgreSQL 14) or not found.
func (d *Dialect) EstimateRows(ctx context.Context, q dialect.Querier, table string) (int64, bool, error) {
	n, ok, err := dialect.QueryInt64(ctx, q, `SELECT CASE WHEN reltuples < 0 THEN NULL ELSE reltuples::bigint END FROM pg_class WHERE oid = to_regclass($1)`, d.Quote(table))
	return n, ok && err == nil, err
}
