package dialect

import (
	"context"
	"database/sql"
	"strings"
)

// CountRowsSQL is the query that counts the rows of table (package lint's
// probe): SELECT COUNT(*) FROM table.
func CountRowsSQL(d Dialect, table string) string {
	return "SELECT COUNT(*) FROM " + d.Quote(table)
}

// CountDuplicatesSQL is the query that counts the groups of rows of table
// sharing their values of cols, none of them NULL: what a unique key over
// cols would refuse (package lint's probe). The database compares with
// the columns' collations, as the key would.
func CountDuplicatesSQL(d Dialect, table string, cols []string) string {
	q := make([]string, len(cols))
	notNull := make([]string, len(cols))
	for i, c := range cols {
		q[i] = d.Quote(c)
		notNull[i] = q[i] + " IS NOT NULL"
	}
	return "SELECT COUNT(*) FROM (SELECT 1 AS one FROM " + d.Quote(table) +
		" WHERE " + strings.Join(notNull, " AND ") +
		" GROUP BY " + strings.Join(q, ", ") + " HAVING COUNT(*) > 1) dups"
}

// RowEstimator is implemented by dialects that can tell a table's row
// count from the database's statistics, without reading the table
// (PostgreSQL's pg_class.reltuples, MySQL's information_schema.TABLES).
// ok is false when the statistics say nothing (a table never analyzed).
type RowEstimator interface {
	EstimateRows(ctx context.Context, q Querier, table string) (n int64, ok bool, err error)
}

// QueryInt64 runs query, which reads one integer (or NULL, or no row:
// ok is false), for a dialect's RowEstimator.
func QueryInt64(ctx context.Context, q Querier, query string, args ...any) (n int64, ok bool, err error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, false, err
	}
	defer rows.Close()
	var v sql.NullInt64
	if rows.Next() {
		if err := rows.Scan(&v); err != nil {
			return 0, false, err
		}
	}
	if err := rows.Err(); err != nil {
		return 0, false, err
	}
	return v.Int64, v.Valid, rows.Close()
}
