package dialect

import (
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
