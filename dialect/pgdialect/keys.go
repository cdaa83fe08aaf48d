package pgdialect

import (
	"context"
	"fmt"

	"github.com/strata-orm/strata/dialect"
)

var _ dialect.UniqueKeyReader = (*Dialect)(nil)

// uniqueKeysQuery lists the key columns of the unique indexes of one table
// of the current schema that ON CONFLICT can infer as its arbiter: valid,
// immediate (not deferrable), not partial, on columns only.
const uniqueKeysQuery = `SELECT ix.indexrelid::int8, a.attname
FROM pg_catalog.pg_index ix
JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, i)
JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
WHERE n.nspname = current_schema() AND t.relname = $1
  AND ix.indisunique AND ix.indimmediate AND ix.indisvalid
  AND ix.indpred IS NULL AND ix.indexprs IS NULL AND k.i <= ix.indnkeyatts
ORDER BY ix.indexrelid, k.i`

// UniqueKeys implements dialect.UniqueKeyReader from pg_index: the primary
// key and the unique constraints and indexes are all unique indexes there.
func (*Dialect) UniqueKeys(ctx context.Context, q dialect.Querier, table string) ([][]string, error) {
	rows, err := q.QueryContext(ctx, uniqueKeysQuery, table)
	if err != nil {
		return nil, fmt.Errorf("pgdialect: unique keys of %s: %w", table, err)
	}
	defer rows.Close()
	var keys [][]string
	last := int64(-1)
	for rows.Next() {
		var id int64
		var col string
		if err := rows.Scan(&id, &col); err != nil {
			return nil, fmt.Errorf("pgdialect: unique keys of %s: %w", table, err)
		}
		if id != last {
			keys = append(keys, nil)
			last = id
		}
		keys[len(keys)-1] = append(keys[len(keys)-1], col)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pgdialect: unique keys of %s: %w", table, err)
	}
	return keys, nil
}
