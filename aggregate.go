package strata

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/strata-orm/strata/internal/query"
)

// Max returns the largest value of col among the matching rows, or the
// zero V when there are none (use a pointer V to tell: nil):
//
//	oldest, err := strata.Max[int](ctx, strata.Find[User](db), "age")
func Max[V, T any](ctx context.Context, q *Query[T], col string) (V, error) {
	return aggregate[V](ctx, q, query.Max, col)
}

// Min returns the smallest value of col among the matching rows, or the
// zero V when there are none.
func Min[V, T any](ctx context.Context, q *Query[T], col string) (V, error) {
	return aggregate[V](ctx, q, query.Min, col)
}

// Sum returns the sum of col over the matching rows, or the zero V when
// there are none.
func Sum[V, T any](ctx context.Context, q *Query[T], col string) (V, error) {
	return aggregate[V](ctx, q, query.Sum, col)
}

func aggregate[V, T any](ctx context.Context, q *Query[T], fn query.Agg, col string) (V, error) {
	var zero V
	b, err := q.prepare(ctx)
	if err != nil {
		return zero, err
	}
	defer q.db.release(b)
	c, err := q.m.Column(col)
	if err != nil {
		return zero, fmt.Errorf("strata: %s(%q): %w", fn, col, err)
	}
	s := q.sel
	s.Where = q.scope()
	s.Columns, s.Distinct = nil, false
	s.Exprs = []query.Expr{query.Aggregate(fn, query.Col{Column: c})}
	s.Order, s.Limit, s.Offset, s.Lock = nil, -1, 0, 0
	if len(s.Group) > 0 {
		return zero, fmt.Errorf("strata: %s with Group on %s: use RawAll for grouped aggregates", fn, q.m.Name)
	}
	if err := s.Build(b, q.m); err != nil {
		return zero, err
	}
	var v sql.Null[V]
	if err := q.db.scalar(ctx, q.c, b.SQL(), b.Args, &v); err != nil {
		return zero, err
	}
	return v.V, nil
}
