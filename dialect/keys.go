package dialect

import "context"

// UniqueKeyReader is implemented by dialects that can list the unique keys
// of one live table without inspecting the whole database. The root
// package asks it whether a belongsToMany's join table has a unique key on
// its two foreign keys, which lets Add be one INSERT … ON CONFLICT (or ON
// DUPLICATE KEY UPDATE) that cannot duplicate a join row.
type UniqueKeyReader interface {
	// UniqueKeys returns the columns of each key of table (in the current
	// database or schema) that an upsert can stand on: the primary key,
	// unique constraints and unique indexes over plain columns, leaving out
	// partial indexes, indexes on expressions or column prefixes and, on
	// PostgreSQL, deferrable constraints (which ON CONFLICT cannot use).
	// It returns none for a table that does not exist.
	UniqueKeys(ctx context.Context, q Querier, table string) ([][]string, error)
}
