package strata

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/model"
)

// An upsert stands on one unique key: PostgreSQL and SQLite refuse an ON
// CONFLICT whose columns are not a unique key of the table, but MySQL's ON
// DUPLICATE KEY UPDATE names no key, so there an OnConflict on other
// columns would update the row another key collides with, or insert a
// duplicate. strata checks the key itself, the same on every database,
// before any SQL.

// ConflictKeyError is an Upsert whose conflict columns (OnConflict's, or
// the model key it chose) are not exactly the primary key or a unique key
// of the live table.
type ConflictKeyError struct {
	Model   string
	Table   string
	Columns []string   // the conflict columns
	Keys    [][]string // the table's primary and unique keys
}

func (e *ConflictKeyError) Error() string {
	keys := make([]string, len(e.Keys))
	for i, k := range e.Keys {
		keys[i] = "(" + strings.Join(k, ", ") + ")"
	}
	has := "it has no primary or unique key (or does not exist)"
	if len(keys) > 0 {
		has = "its keys are " + strings.Join(keys, ", ")
	}
	cols := strings.Join(e.Columns, ", ")
	return fmt.Sprintf("strata: Upsert of %s: (%s) is not a unique key of %q (%s); name one of its keys with OnConflict, or add a unique constraint on (%s) in a migration (tag the fields unique=…)",
		e.Model, cols, e.Table, has, cols)
}

// checkConflictKey returns a *ConflictKeyError unless conflict is exactly
// (in any order) a key of m's live table, read through the dialect's
// UniqueKeyReader once per handle and table (a key missing from what was
// read is read again, so one added since is found; a key dropped while a
// handle runs is not noticed), or, for a dialect that cannot read them, a
// key of the model.
func (db *DB) checkConflictKey(ctx context.Context, c Conn, m *model.Model, conflict []string) error {
	if _, ok := db.d.(dialect.UniqueKeyReader); !ok {
		keys := [][]string{columnsOf(m.PrimaryKey)}
		for _, u := range m.Uniques {
			keys = append(keys, u.Columns())
		}
		if isKey(keys, conflict) {
			return nil
		}
		return &ConflictKeyError{Model: m.Name, Table: m.Table, Columns: conflict, Keys: keys}
	}
	if v, ok := db.tableKeys.Load(m.Table); ok && isKey(v.([][]string), conflict) {
		return nil
	}
	keys, _, err := db.liveKeys(ctx, c, m.Table)
	if err != nil {
		return fmt.Errorf("strata: Upsert of %s: %w", m.Name, err)
	}
	if isKey(keys, conflict) {
		return nil
	}
	return &ConflictKeyError{Model: m.Name, Table: m.Table, Columns: conflict, Keys: keys}
}

// liveKeys reads the primary and unique keys of table through the
// dialect's UniqueKeyReader, on c (so a transaction on a pool of one
// connection does not wait for a second), and remembers them for the
// handle (db.tableKeys) when the table has any. readable is false for a
// dialect that cannot read them.
func (db *DB) liveKeys(ctx context.Context, c Conn, table string) (keys [][]string, readable bool, err error) {
	kr, ok := db.d.(dialect.UniqueKeyReader)
	if !ok {
		return nil, false, nil
	}
	keys, err = kr.UniqueKeys(ctx, c.runner(), table)
	if err != nil {
		return nil, true, fmt.Errorf("read the unique keys of %s: %w", table, err)
	}
	if len(keys) > 0 {
		db.tableKeys.Store(table, keys)
	}
	return keys, true, nil
}

// isKey reports whether cols are the columns of one of keys, in any order.
func isKey(keys [][]string, cols []string) bool {
	for _, k := range keys {
		if len(k) == len(cols) && !slices.ContainsFunc(cols, func(c string) bool { return !slices.Contains(k, c) }) {
			return true
		}
	}
	return false
}
