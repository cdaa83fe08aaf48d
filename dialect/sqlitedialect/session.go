package sqlitedialect

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// BeginDDL implements dialect.DDLSession: it turns foreign keys off on the
// connection (SQLite ignores the pragma inside a transaction), so that a
// table rebuild can drop and recreate a table that others point at.
func (*Dialect) BeginDDL(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return fmt.Errorf("sqlite: turn foreign keys off for a schema change: %w", err)
	}
	return nil
}

// EndDDL implements dialect.DDLSession: it turns foreign keys back on.
func (*Dialect) EndDDL(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = ON"); err != nil {
		return fmt.Errorf("sqlite: turn foreign keys back on after a schema change: %w", err)
	}
	return nil
}

// fkViolation is one row of PRAGMA foreign_key_check.
type fkViolation struct {
	table  string
	rowid  sql.NullInt64
	parent string
	fkid   int
}

// maxListed is how many violations a foreign key check error lists.
const maxListed = 10

// CheckDDL implements dialect.DDLSession: it runs PRAGMA foreign_key_check
// inside the transaction and fails, naming the rows and foreign keys at
// fault, when any row points at nothing. The transaction then rolls back.
func (d *Dialect) CheckDDL(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return fmt.Errorf("sqlite: check foreign keys: %w", err)
	}
	var found []fkViolation
	total := 0
	for rows.Next() {
		var v fkViolation
		if err := rows.Scan(&v.table, &v.rowid, &v.parent, &v.fkid); err != nil {
			rows.Close()
			return fmt.Errorf("sqlite: check foreign keys: %w", err)
		}
		total++
		if len(found) < maxListed {
			found = append(found, v)
		}
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("sqlite: check foreign keys: %w", err)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: check foreign keys: %w", err)
	}
	if total == 0 {
		return nil
	}
	var parts []string
	for _, v := range found {
		parts = append(parts, d.describeViolation(ctx, tx, v))
	}
	if total > len(found) {
		parts = append(parts, fmt.Sprintf("and %d more", total-len(found)))
	}
	first := found[0]
	e := &dialect.Error{
		Kind:  dialect.ErrForeignKey,
		Table: first.table,
		Code:  "foreign_key_check",
		Message: fmt.Sprintf("the schema change leaves %d row(s) pointing at nothing: %s; fix or delete those rows first (the change was rolled back)",
			total, strings.Join(parts, "; ")),
	}
	if fk := d.violatedKey(ctx, tx, first); fk != nil {
		e.Columns, e.Constraint = fk.columns, fk.name
	}
	return e
}

// keyInfo is a foreign key as a violation report names it.
type keyInfo struct {
	name    string
	columns []string
	refCols []string
}

// violatedKey looks up the foreign key a violation is about: its columns
// from PRAGMA foreign_key_list, its name from the table's SQL.
func (d *Dialect) violatedKey(ctx context.Context, tx *sql.Tx, v fkViolation) *keyInfo {
	rows, err := tx.QueryContext(ctx, `SELECT "from", "to" FROM pragma_foreign_key_list(?) WHERE id = ? ORDER BY seq`, v.table, v.fkid)
	if err != nil {
		return nil
	}
	defer rows.Close()
	k := &keyInfo{}
	for rows.Next() {
		var from string
		var to sql.NullString
		if err := rows.Scan(&from, &to); err != nil {
			return nil
		}
		k.columns = append(k.columns, from)
		k.refCols = append(k.refCols, to.String)
	}
	if rows.Err() != nil || len(k.columns) == 0 {
		return nil
	}
	rows.Close()
	var create string
	if err := tx.QueryRowContext(ctx, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", v.table).Scan(&create); err == nil {
		if def, err := parseCreateTable(create); err == nil {
			k.name = def.foreignKeyName(k.columns, v.parent)
		}
	}
	return k
}

func (d *Dialect) describeViolation(ctx context.Context, tx *sql.Tx, v fkViolation) string {
	row := "a row"
	if v.rowid.Valid {
		row = fmt.Sprintf("rowid %d", v.rowid.Int64)
	}
	k := d.violatedKey(ctx, tx, v)
	if k == nil {
		return fmt.Sprintf("%s %s → %s", d.Quote(v.table), row, d.Quote(v.parent))
	}
	name := ""
	if k.name != "" {
		name = fmt.Sprintf(" (foreign key %s)", d.Quote(k.name))
	}
	return fmt.Sprintf("%s %s: (%s) → %s(%s)%s", d.Quote(v.table), row, strings.Join(k.columns, ", "), d.Quote(v.parent), strings.Join(k.refCols, ", "), name)
}

// foreignKeyName returns the name the table's SQL gives the foreign key
// over cols to refTable, or "".
func (t *tableDef) foreignKeyName(cols []string, refTable string) string {
	if fk := t.foreignKey(cols, refTable); fk != nil {
		return fk.Name
	}
	return ""
}

// foreignKey returns the foreign key over cols to refTable as the table's
// SQL declares it, or nil.
func (t *tableDef) foreignKey(cols []string, refTable string) *schema.ForeignKey {
	for _, fk := range t.allForeignKeys() {
		if strings.EqualFold(fk.RefTable, refTable) && sameNames(fk.Columns, cols) {
			return &fk
		}
	}
	return nil
}

// allForeignKeys lists the table's foreign keys, table constraints and
// column REFERENCES clauses alike.
func (t *tableDef) allForeignKeys() []schema.ForeignKey {
	out := slices.Clone(t.ForeignKeys)
	for _, c := range t.Columns {
		if c.ForeignKey != nil {
			out = append(out, *c.ForeignKey)
		}
	}
	return out
}

// sameNames reports whether a and b list the same names in the same order,
// compared as SQLite compares identifiers (ASCII case-insensitively).
func sameNames(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}
