package sqlitedialect

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// inspectObjects reads the views and triggers of the main database from
// sqlite_master, each with the statement that made it (sqlite_master.sql,
// verbatim) as its Definition, in the order they were made (rowid order).
// SQLite's own objects (sqlite_%) are left out, and so are triggers on a
// table db does not hold (one Inspect skipped, a virtual table) or on a
// view (INSTEAD OF), which ddl models on tables only.
func inspectObjects(ctx context.Context, q dialect.Querier, db *schema.Database) error {
	return queryEach(ctx, q, func(r *sql.Rows) error {
		var typ, name, table string
		var def sql.NullString
		if err := r.Scan(&typ, &name, &table, &def); err != nil {
			return err
		}
		if !def.Valid || strings.HasPrefix(strings.ToLower(name), "sqlite_") {
			return nil
		}
		b := schema.Object{Kind: schema.ObjectView, Name: name, Dialect: "sqlite", Definition: def.String}
		if typ == "trigger" {
			if db.Table(table) == nil {
				return nil
			}
			b.Kind, b.Table = schema.ObjectTrigger, table
		}
		db.Objects = append(db.Objects, b)
		return nil
	}, `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY rowid`)
}

// triggersOf returns the statements that make the triggers on table again,
// as before holds them, in their order: a rebuild drops the old table and
// its triggers with it.
func triggersOf(before *schema.Database, table string) ([]dialect.Stmt, error) {
	if before == nil {
		return nil, nil
	}
	var out []dialect.Stmt
	for _, b := range before.Objects {
		if b.Kind != schema.ObjectTrigger || b.Table != table {
			continue
		}
		if b.Dialect != "sqlite" {
			return nil, fmt.Errorf("trigger %q on %q is %s's SQL; a rebuild of the table cannot make it again on sqlite", b.Name, table, b.Dialect)
		}
		out = append(out, dialect.Stmt{SQL: b.Definition})
	}
	return out, nil
}
