package strata

import (
	"fmt"

	"github.com/strata-orm/strata/internal/query"
)

// Subquery is a query used inside another's condition (InQuery,
// ExistsQuery): a *Query[T] of any model of the same DB, built with the
// same builder, its values bound and its columns checked against its own
// model. Its scopes apply (soft-deleted rows stay out); it cannot load
// includes, and its lock, Offset, and on MySQL a Limit in InQuery are
// refused.
type Subquery interface {
	subquery(dialectName string) (*query.Select, query.Columns, error)
}

func (q *Query[T]) subquery(dialectName string) (*query.Select, query.Columns, error) {
	switch {
	case q.err != nil:
		return nil, nil, q.err
	case q.db.d.Name() != dialectName:
		return nil, nil, fmt.Errorf("strata: a subquery of %s runs on %s, inside a query on %s; build it on the same DB", q.m.Name, q.db.d.Name(), dialectName)
	case len(q.incs) > 0:
		return nil, nil, fmt.Errorf("strata: a subquery of %s cannot load includes (%s); filter with Where", q.m.Name, q.incs[0].path)
	case q.sel.Lock != query.NoLock:
		return nil, nil, fmt.Errorf("strata: a subquery of %s cannot take a row lock; lock the outer query's rows", q.m.Name)
	case q.sel.Offset > 0:
		return nil, nil, fmt.Errorf("strata: a subquery of %s cannot skip rows (Offset); filter with Where", q.m.Name)
	}
	s := q.selectStmt()
	s.Alias, s.Qualify = query.SubqueryAlias, true
	return &s, q.m, nil
}

type subqueryCond struct {
	col    string // "" for EXISTS
	sub    Subquery
	not    bool
	exists bool
}

// InQuery is col IN (sub), sub selecting one column:
//
//	big := strata.Find[Order](db).Select("userId").Where(strata.Gte("total", 100))
//	users, err := strata.Find[User](db).Where(strata.InQuery("id", big)).All(ctx)
func InQuery(col string, sub Subquery) Cond {
	return subqueryCond{col: col, sub: sub}
}

// NotInQuery is col NOT IN (sub). The subquery's NULLs are left out of
// it, so that a NULL there does not make the condition match no row at
// all, as plain SQL's NOT IN would (x NOT IN (1, NULL) is never true).
func NotInQuery(col string, sub Subquery) Cond {
	return subqueryCond{col: col, sub: sub, not: true}
}

// ExistsQuery is EXISTS (sub): a row of sub's model matches. With
// OuterEq it is correlated, a subquery per outer row:
//
//	withOrders := strata.Find[User](db).Where(strata.ExistsQuery(
//		strata.Find[Order](db).Where(strata.OuterEq("userId", "users.id"))))
func ExistsQuery(sub Subquery) Cond { return subqueryCond{sub: sub, exists: true} }

// NotExistsQuery is NOT EXISTS (sub).
func NotExistsQuery(sub Subquery) Cond { return subqueryCond{sub: sub, exists: true, not: true} }

// OuterEq, in a subquery's Where, links it to the enclosing query: col of
// the subquery's model equals outer, a "table.column" of the enclosing
// query (its model's table). col is checked against the subquery's
// model; outer is quoted as given, and a name the database does not know
// is its *DatabaseError.
func OuterEq(col, outer string) Cond {
	table, column, ok := cut(outer)
	if !ok {
		return badCond{fmt.Errorf("strata: OuterEq(%q, %q): name the enclosing query's column as table.column", col, outer)}
	}
	return query.OuterEq(col, table, column)
}

func cut(s string) (string, string, bool) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return s[:i], s[i+1:], i > 0 && i < len(s)-1
		}
	}
	return "", "", false
}

// badCond is a condition that could not be made: building it returns err.
type badCond struct{ err error }

func (c badCond) Build(*query.Builder, query.Columns) error { return c.err }

func (c subqueryCond) Build(b *query.Builder, cols query.Columns) error {
	if c.sub == nil {
		return fmt.Errorf("strata: a nil subquery: %w", ErrEmptyCondition)
	}
	s, inner, err := c.sub.subquery(b.D.Name())
	if err != nil {
		return err
	}
	if c.exists {
		return query.ExistsSelect(s, inner, c.not).Build(b, cols)
	}
	if s.Limit >= 0 && b.D.Name() == "mysql" {
		return &UnsupportedError{Dialect: "mysql", Feature: "a Limit in an IN subquery",
			Fix: "filter the subquery with Where instead, or use ExistsQuery (MySQL and MariaDB refuse LIMIT inside IN)"}
	}
	return query.InSelect(c.col, s, inner, c.not).Build(b, cols)
}
