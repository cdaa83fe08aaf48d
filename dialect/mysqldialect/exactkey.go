package mysqldialect

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

var _ dialect.ExactKeys = (*Dialect)(nil)

// ExactKey implements dialect.ExactKeys from information_schema.COLUMNS:
// a column compares byte for byte when its collation is a _bin one (or it
// has none: not a text column).
func (d *Dialect) ExactKey(ctx context.Context, q dialect.Querier, table, col string) (bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT COLLATION_NAME FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?`, table, col)
	if err != nil {
		return false, fmt.Errorf("mysqldialect: collation of %s.%s: %w", table, col, d.classified(err))
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return false, fmt.Errorf("mysqldialect: collation of %s.%s: %w", table, col, err)
		}
		return false, fmt.Errorf("mysqldialect: collation of %s.%s: no such column", table, col)
	}
	var coll sql.NullString
	if err := rows.Scan(&coll); err != nil {
		return false, fmt.Errorf("mysqldialect: collation of %s.%s: %w", table, col, err)
	}
	return !coll.Valid || strings.HasSuffix(coll.String, "_bin"), rows.Close()
}

// MakeExactKey implements dialect.ExactKeys: ALTER TABLE … MODIFY the
// column with its type, NOT NULL, in utf8mb4 with the utf8mb4_bin
// collation (a key column has no default).
func (d *Dialect) MakeExactKey(table string, c schema.Column) ([]dialect.Stmt, error) {
	typ, err := d.ColumnType(c.Type)
	if err != nil {
		return nil, fmt.Errorf("column %q: %w", c.Name, err)
	}
	stmt := "ALTER TABLE " + d.Quote(table) + " MODIFY " + d.Quote(c.Name) + " " + typ +
		" CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL"
	return []dialect.Stmt{{SQL: stmt}}, nil
}
