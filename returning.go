package strata

import (
	"context"

	"github.com/strata-orm/strata/internal/query"
)

// UpdateReturning is Update that returns the updated rows as they are
// after it (UPDATE … RETURNING), the query's Select or Omit choosing the
// fields read back. PostgreSQL and SQLite have it; MySQL and MariaDB give
// an *UnsupportedError before any SQL.
func (q *Query[T]) UpdateReturning(ctx context.Context, set Fields) ([]T, error) {
	st, err := q.updateStmt(ctx, set, false)
	if err != nil {
		return nil, err
	}
	return q.returning(ctx, st, &st.Returning, "UPDATE … RETURNING")
}

// DestroyReturning is Destroy that returns the rows it deleted (DELETE …
// RETURNING), or on a paranoid model soft-deleted (UPDATE … RETURNING,
// DeletedAt set), the query's Select or Omit choosing the fields read.
// PostgreSQL and SQLite have both, MariaDB the DELETE; where the database
// lacks the statement it is an *UnsupportedError before any SQL.
func (q *Query[T]) DestroyReturning(ctx context.Context) ([]T, error) {
	up, del, err := q.destroyStmt()
	if err != nil {
		return nil, err
	}
	if up != nil {
		return q.returning(ctx, up, &up.Returning, "UPDATE … RETURNING (a soft delete)")
	}
	return q.returning(ctx, del, &del.Returning, "DELETE … RETURNING")
}

// returning runs the write st with RETURNING the selected columns, set
// through ret, and reads the rows it returns.
func (q *Query[T]) returning(ctx context.Context, st interface {
	Build(*query.Builder, query.Columns) error
}, ret *[]string, what string) ([]T, error) {
	b, err := q.prepare(ctx)
	if err != nil {
		return nil, err
	}
	defer q.db.release(b)
	has := b.F.UpdateReturning
	if _, isDelete := st.(*query.Delete); isDelete {
		has = b.F.DeleteReturning
	}
	if !has {
		return nil, &UnsupportedError{Dialect: q.db.d.Name(), Feature: what,
			Fix: "run the write and read the rows with the same Where in one transaction (ForUpdate first, so that nothing changes between)"}
	}
	fields := q.selected()
	*ret = columnsOf(fields)
	if err := st.Build(b, q.m); err != nil {
		return nil, err
	}
	rows, err := readAll[T](ctx, q.c, q.m, b.SQL(), b.Args, fields, -1)
	if err != nil {
		return nil, withModel(err, q.m, nil)
	}
	rememberRows(q.m, rows, fields)
	return rows, nil
}
