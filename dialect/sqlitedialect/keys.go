package sqlitedialect

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/strata-orm/strata/dialect"
)

var _ dialect.UniqueKeyReader = (*Dialect)(nil)

// UniqueKeys implements dialect.UniqueKeyReader from table_info for the
// primary key (a rowid table's INTEGER PRIMARY KEY has no index) and the
// index_list and index_info pragmas for the other unique indexes (not
// partial, no expression; the primary key's own index is left out).
func (d *Dialect) UniqueKeys(ctx context.Context, q dialect.Querier, table string) ([][]string, error) {
	pk, err := primaryKeyOf(ctx, q, table)
	if err != nil {
		return nil, fmt.Errorf("sqlitedialect: unique keys of %s: %w", table, err)
	}
	var keys [][]string
	if len(pk) > 0 {
		keys = append(keys, pk)
	}
	var names []string
	bad := map[string]bool{}
	var idx [][]string
	err = queryEach(ctx, q, func(r *sql.Rows) error {
		var name string
		var col sql.NullString
		if err := r.Scan(&name, &col); err != nil {
			return err
		}
		if !col.Valid {
			bad[name] = true
		}
		if len(names) == 0 || names[len(names)-1] != name {
			names = append(names, name)
			idx = append(idx, nil)
		}
		idx[len(idx)-1] = append(idx[len(idx)-1], col.String)
		return nil
	}, `SELECT il.name, ii.name FROM pragma_index_list(?) AS il, pragma_index_info(il.name) AS ii
WHERE il."unique" = 1 AND il.partial = 0 AND il.origin <> 'pk' ORDER BY il.seq, ii.seqno`, table)
	if err != nil {
		return nil, fmt.Errorf("sqlitedialect: unique keys of %s: %w", table, err)
	}
	for i, k := range idx {
		if !bad[names[i]] {
			keys = append(keys, k)
		}
	}
	return keys, nil
}
