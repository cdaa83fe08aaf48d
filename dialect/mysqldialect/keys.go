package mysqldialect

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/strata-orm/strata/dialect"
)

var _ dialect.UniqueKeyReader = (*Dialect)(nil)

// UniqueKeys implements dialect.UniqueKeyReader from
// information_schema.STATISTICS: the PRIMARY key and every unique index of
// the table in the current database, but those with a column prefix
// (SUB_PART) or an expression (no COLUMN_NAME), which make a shorter or
// other value unique than the columns'.
func (d *Dialect) UniqueKeys(ctx context.Context, q dialect.Querier, table string) ([][]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT INDEX_NAME, COLUMN_NAME, SUB_PART IS NULL FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND NON_UNIQUE = 0
ORDER BY INDEX_NAME, SEQ_IN_INDEX`, table)
	if err != nil {
		return nil, fmt.Errorf("mysqldialect: unique keys of %s: %w", table, d.classified(err))
	}
	defer rows.Close()
	var keys [][]string
	var names []string
	bad := map[string]bool{}
	for rows.Next() {
		var name string
		var col sql.NullString
		var whole bool
		if err := rows.Scan(&name, &col, &whole); err != nil {
			return nil, fmt.Errorf("mysqldialect: unique keys of %s: %w", table, err)
		}
		if !col.Valid || !whole {
			bad[name] = true
		}
		if len(names) == 0 || names[len(names)-1] != name {
			names = append(names, name)
			keys = append(keys, nil)
		}
		keys[len(keys)-1] = append(keys[len(keys)-1], col.String)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("mysqldialect: unique keys of %s: %w", table, d.classified(err))
	}
	var out [][]string
	for i, k := range keys {
		if !bad[names[i]] {
			out = append(out, k)
		}
	}
	return out, nil
}
