package dialect

import (
	"context"

	"github.com/strata-orm/strata/schema"
)

// ExactKeys is implemented by dialects whose text columns compare without
// regard to case by default (MySQL's and MariaDB's utf8mb4 collations), so
// that a key column holding names ("a" and "A") needs a byte-wise
// collation to keep them apart. The migration state table uses it for its
// name column.
type ExactKeys interface {
	// ExactKey reports whether column col of table (in the current
	// database) compares text byte for byte.
	ExactKey(ctx context.Context, q Querier, table, col string) (bool, error)
	// MakeExactKey returns the statements that redefine column c of table
	// (as c defines it, NOT NULL for a key) to compare byte for byte,
	// keeping its values.
	MakeExactKey(table string, c schema.Column) ([]Stmt, error)
}
