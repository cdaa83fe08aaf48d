package sqlitedialect

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/strata-orm/strata/ddl"
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

// triggersOf returns the statements that make the triggers on bt again
// as before holds them, in their order: a rebuild drops the old table and
// its triggers with it, and at (bt after the change) takes its place.
//
// It refuses, before any statement runs, to make again a trigger whose
// Definition is stale (an earlier operation of the migration renamed or
// removed something of the table since it was read: SQLite rewrote the
// trigger then, the text here is the old one), or one that names a column
// at no longer has (see checkRemoved).
func triggersOf(before *schema.Database, bt, at *schema.Table) ([]dialect.Stmt, error) {
	if before == nil {
		return nil, nil
	}
	var out []dialect.Stmt
	for _, b := range before.Objects {
		if b.Kind != schema.ObjectTrigger || b.Table != bt.Name {
			continue
		}
		if b.Dialect != "sqlite" {
			return nil, fmt.Errorf("trigger %q on %q is %s's SQL; a rebuild of the table cannot make it again on sqlite", b.Name, bt.Name, b.Dialect)
		}
		if b.Stale {
			return nil, fmt.Errorf("table %q must be rebuilt, which makes its trigger %q again, but the trigger was read before "+
				"an earlier RenameColumn, RemoveColumn or RenameTable in this migration renamed or removed something it may name; "+
				"put the rebuild in a migration of its own, after this one (%w)", bt.Name, b.Name, ddl.ErrStale)
		}
		out = append(out, dialect.Stmt{SQL: b.Definition})
	}
	if err := checkDependents(before, bt, at); err != nil {
		return nil, err
	}
	return out, nil
}

// checkDependents refuses a change of bt into at that removes a column a
// trigger on bt, or a view that reads bt, names (see checkRemoved).
func checkDependents(before *schema.Database, bt, at *schema.Table) error {
	if before == nil {
		return nil
	}
	for _, b := range before.Objects {
		switch {
		case b.Kind == schema.ObjectTrigger && b.Table == bt.Name:
		case b.Kind == schema.ObjectView && names(b, bt.Name):
		default:
			continue
		}
		if err := checkRemoved(b, bt, at); err != nil {
			return err
		}
	}
	return nil
}

// names reports whether b's definition has name as an identifier.
func names(b schema.Object, name string) bool {
	toks, err := tokenize(b.Definition)
	if err != nil {
		return true // unreadable: assume it does, and let checkRemoved say so
	}
	for _, t := range toks {
		if (t.kind == tWord || t.kind == tQuoted) && strings.EqualFold(t.ident(), name) {
			return true
		}
	}
	return false
}

// checkRemoved refuses when trigger b names a column of bt that at does
// not have, as SQLite's ALTER TABLE DROP COLUMN does: made again on the
// new table, the trigger would fail on every row it fires for. A name is
// found as a whole identifier anywhere in the trigger's text (bare or
// quoted, in any case), so a column of another table with the same name
// refuses too.
func checkRemoved(b schema.Object, bt, at *schema.Table) error {
	var removed []string
	for _, c := range bt.Columns {
		if at.Column(c.Name) == nil {
			removed = append(removed, c.Name)
		}
	}
	if len(removed) == 0 {
		return nil
	}
	toks, err := tokenize(b.Definition)
	if err != nil {
		return fmt.Errorf("%s %q on %q: %w", b.Kind, b.Name, bt.Name, err)
	}
	for _, t := range toks {
		if t.kind != tWord && t.kind != tQuoted {
			continue
		}
		for _, c := range removed {
			if strings.EqualFold(t.ident(), c) {
				return fmt.Errorf("column %q of table %q cannot be removed: %s %q names it; drop or change the %s first (DropObject, then CreateObject)",
					c, bt.Name, b.Kind, b.Name, b.Kind)
			}
		}
	}
	return nil
}
