package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// Guard marks a statement that checks the data before a change of a
// column's definition: its SQL counts (SELECT COUNT(*)) the rows whose
// value the change would lose (see Losses), and a count above zero stops
// the statements with a *DataLossError before the change runs. Whoever
// runs rendered statements runs a guard as a query, with CheckGuard.
type Guard struct {
	Table, Column string
	// From and To are the column's definition before and after, e.g.
	// "STRING(200)" and "STRING(50) NOT NULL".
	From, To string
	// Lost says what the counted rows hold, completing "a value that …",
	// e.g. "is longer than 50 characters".
	Lost string
	// Lock, when set, is run before the guard inside a transaction, so
	// that no other session writes the table between the count and the
	// change (PostgreSQL: LOCK TABLE … IN SHARE ROW EXCLUSIVE MODE;
	// readers go on). Outside a transaction (a no-transaction migration)
	// it is left out, as the database would refuse it there.
	Lock string
	// Empty, when set, makes the guard a check that Table holds no rows
	// at all (ddl.RequireEmpty; Column is empty): the count is of every
	// row, and one stops the statements with a *NotEmptyError instead.
	Empty *Assumption
}

// LockGuard runs s's Lock, where it has one, on e, which must be in a
// transaction.
func LockGuard(ctx context.Context, e Execer, d Dialect, s Stmt) error {
	if s.Guard == nil || s.Guard.Lock == "" {
		return nil
	}
	if _, err := e.ExecContext(ctx, s.Guard.Lock); err != nil {
		if c := d.Classify(err); c != nil {
			return c
		}
		return err
	}
	return nil
}

// DataLossError is a change of a column's definition refused because rows
// hold values the new definition cannot: converting them would cut, round,
// clamp or replace them (PostgreSQL, MySQL without strict mode) or keep
// them under a type that says otherwise (SQLite). Nothing was changed. Its
// message is the same on every database.
type DataLossError struct {
	Guard
	Rows int64 // how many rows hold such a value
}

func (e *DataLossError) Error() string {
	rows := fmt.Sprintf("%d rows hold", e.Rows)
	if e.Rows == 1 {
		rows = "1 row holds"
	}
	return fmt.Sprintf("changing %q.%q from %s to %s would lose data: %s a value that %s; nothing was changed: "+
		"update or delete those rows first (a bulkUpdate before the changeColumn), or change to a type that holds them",
		e.Table, e.Column, e.From, e.To, rows, e.Lost)
}

// GuardChange returns the guard for changing column old of table to new,
// or nil when every value of old fits new: the statement render writes,
// counting the rows of table whose value of old meets one of the losses
// (Losses(old, new)). Dialects call it first when they render
// ChangeColumn.
func GuardChange(table string, old, new schema.Column, render func(losses []Loss) (string, error)) (*Stmt, error) {
	losses := Losses(old, new)
	if len(losses) == 0 {
		return nil, nil
	}
	sql, err := render(losses)
	if err != nil {
		return nil, err
	}
	lost := make([]string, len(losses))
	for i, l := range losses {
		lost[i] = l.String()
	}
	return &Stmt{SQL: sql, Guard: &Guard{Table: table, Column: old.Name, From: definition(old), To: definition(new),
		Lost: strings.Join(lost, " or ")}}, nil
}

// AnyOf joins conditions with OR, each in parentheses when there are
// several.
func AnyOf(conds []string) string {
	if len(conds) == 1 {
		return conds[0]
	}
	return "(" + strings.Join(conds, ") OR (") + ")"
}

// CountLosses is the SQL of a guard: the count of the rows of src (a
// quoted table, or a subquery of it) where any of losses holds, each
// loss's condition written by cond.
func CountLosses(src string, losses []Loss, cond func(Loss) (string, error)) (string, error) {
	conds := make([]string, len(losses))
	for i, l := range losses {
		c, err := cond(l)
		if err != nil {
			return "", err
		}
		conds[i] = c
	}
	return "SELECT COUNT(*) FROM " + src + " WHERE " + AnyOf(conds), nil
}

// NeedsNumber reports whether a loss reads a value as a number
// (LossRange, LossFraction, LossNotInteger, LossNotNumber) not inside an
// array: a dialect then reads text as a number once, in a subquery.
func NeedsNumber(losses []Loss) bool {
	for _, l := range losses {
		switch l.Kind {
		case LossRange, LossFraction, LossNotInteger, LossNotNumber:
			if !l.Elem {
				return true
			}
		}
	}
	return false
}

// definition is a column's type and nullability as a DataLossError names
// them.
func definition(c schema.Column) string {
	if c.NotNull || c.AutoIncrement {
		return c.Type.String() + " NOT NULL"
	}
	return c.Type.String()
}

// RowQuerier reads one row: *sql.DB, *sql.Tx and *sql.Conn all are.
type RowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// CheckGuard runs the guard s on q: a *DataLossError when it counts rows
// (a *NotEmptyError for a guard of Guard.Empty), the database's error
// (classified by d) when the query fails.
func CheckGuard(ctx context.Context, q RowQuerier, d Dialect, s Stmt) error {
	var n int64
	if err := q.QueryRowContext(ctx, s.SQL, s.Args...).Scan(&n); err != nil {
		if c := d.Classify(err); c != nil {
			return c
		}
		return err
	}
	if n > 0 && s.Guard.Empty != nil {
		return &NotEmptyError{Table: s.Guard.Table, Rows: n, Assumption: *s.Guard.Empty}
	}
	if n > 0 {
		return &DataLossError{Guard: *s.Guard, Rows: n}
	}
	return nil
}
