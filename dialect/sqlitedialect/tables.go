package sqlitedialect

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// This file holds SQLite's table options (STRICT, WITHOUT ROWID), column
// collations and generated columns: how Inspect reads them and what
// Render checks before it writes them.

// parseGenerated reads "(expr) [STORED|VIRTUAL]" at toks[i], the token
// after a column's AS, and returns the generated column and the index
// after it, or nil when toks[i] opens no expression.
func parseGenerated(sql string, toks []token, i int) (*schema.Generated, int) {
	expr, j := inner(sql, toks, i)
	if j < 0 {
		return nil, i
	}
	g := &schema.Generated{Expr: expr}
	j++
	if j < len(toks) && (toks[j].word("STORED") || toks[j].word("VIRTUAL")) {
		g.Stored = toks[j].word("STORED")
		j++
	}
	return g, j
}

// inspectTableOptions reads STRICT and WITHOUT ROWID from pragma_table_list
// (SQLite 3.37 and later).
func inspectTableOptions(ctx context.Context, q dialect.Querier, t *schema.Table) error {
	return queryEach(ctx, q, func(r *sql.Rows) error {
		var wr, strict int
		if err := r.Scan(&wr, &strict); err != nil {
			return err
		}
		t.WithoutRowID, t.Strict = wr == 1, strict == 1
		return nil
	}, `SELECT wr, strict FROM pragma_table_list(?) WHERE schema = 'main'`, t.Name)
}

// Hidden values of pragma_table_xinfo: a generated column is 2 (VIRTUAL)
// or 3 (STORED); 1 is a virtual table's hidden column.
const (
	hiddenVirtual = 2
	hiddenStored  = 3
)

// inspectGenerated fills c.Generated for a column table_xinfo reports as
// hidden (VIRTUAL or STORED), from the expression the table's SQL gives it.
func inspectGenerated(c *schema.Column, cd *columnDef, hidden int) error {
	if hidden != hiddenVirtual && hidden != hiddenStored {
		return nil
	}
	if cd == nil || cd.Generated == nil {
		return fmt.Errorf("column %q is generated, but its expression is not in the table's SQL", c.Name)
	}
	c.Generated = &schema.Generated{Expr: cd.Generated.Expr, Stored: hidden == hiddenStored}
	c.Default = nil
	return nil
}

// collationRe is what a collation name may be: SQLite's own are BINARY,
// NOCASE and RTRIM; an application may register others.
var collationRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// canonicalCollation is the spelling strata compares collations in: SQLite
// compares their names case-insensitively, and strata writes them upper
// case.
func canonicalCollation(s string) string { return strings.ToUpper(s) }

// strictTypes are the declared types a STRICT table accepts.
var strictTypes = map[string]bool{"INT": true, "INTEGER": true, "REAL": true, "TEXT": true, "BLOB": true, "ANY": true}

// checkColumn refuses what SQLite cannot hold in column c of table t
// before anything runs: a collation name that is not an identifier, a
// type a STRICT table does not accept, an empty generated expression.
func (d *Dialect) checkColumn(t *schema.Table, c schema.Column) error {
	if c.Collation != "" && !collationRe.MatchString(c.Collation) {
		return fmt.Errorf("column %q: collation %q is not a collation name (letters, digits and _, e.g. NOCASE)", c.Name, c.Collation)
	}
	if t.Strict {
		typ, err := d.ColumnType(c.Type)
		if err != nil {
			return fmt.Errorf("column %q: %w", c.Name, err)
		}
		if !strictTypes[strings.ToUpper(typ)] && !(c.AutoIncrement && !t.WithoutRowID) {
			return fmt.Errorf("column %q: STRICT table %q takes only INT, INTEGER, REAL, TEXT, BLOB and ANY columns, not %s (use schema.Integer(), schema.Text(), schema.Blob() or schema.Native(\"sqlite\", \"REAL\"))", c.Name, t.Name, typ)
		}
	}
	if c.Generated != nil && strings.TrimSpace(c.Generated.Expr) == "" {
		return fmt.Errorf("column %q: a generated column needs its expression", c.Name)
	}
	return nil
}

// checkTable refuses a table SQLite cannot make: WITHOUT ROWID needs a
// primary key and numbers no rows, so it has no AUTOINCREMENT column; a
// table needs a column that is not generated.
func (d *Dialect) checkTable(t *schema.Table) error {
	if !slices.ContainsFunc(t.Columns, func(c schema.Column) bool { return c.Generated == nil }) {
		return fmt.Errorf("table %q: SQLite needs at least one column that is not generated", t.Name)
	}
	if t.WithoutRowID {
		if len(t.PrimaryKey) == 0 {
			return fmt.Errorf("table %q: a WITHOUT ROWID table needs a primary key", t.Name)
		}
		if autoColumn(t) != nil {
			return fmt.Errorf("table %q: a WITHOUT ROWID table has no rowid to auto-increment; drop AutoIncrement or WithoutRowID", t.Name)
		}
	}
	for _, c := range t.Columns {
		if err := d.checkColumn(t, c); err != nil {
			return err
		}
	}
	return nil
}

// tableOptions is what follows a CREATE TABLE's closing parenthesis.
func tableOptions(t *schema.Table) string {
	var opts []string
	if t.Strict {
		opts = append(opts, "STRICT")
	}
	if t.WithoutRowID {
		opts = append(opts, "WITHOUT ROWID")
	}
	if len(opts) == 0 {
		return ""
	}
	return " " + strings.Join(opts, ", ")
}
