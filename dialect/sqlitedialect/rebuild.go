package sqlitedialect

import (
	"fmt"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// rebuildSuffix names the table a rebuild builds before it takes the old
// table's place.
const rebuildSuffix = "__strata_new"

// rebuild returns the statements that give table bt the definition at (the
// same table after the change), following SQLite's procedure for schema
// changes ALTER TABLE cannot make (https://sqlite.org/lang_altertable.html
// section 7):
//
//  1. CREATE TABLE "<t>__strata_new" with the new definition;
//  2. carry the AUTOINCREMENT counter over, so ids are not reused;
//  3. INSERT INTO it SELECT the columns both definitions have, but for
//     the generated columns of the new one, which SQLite computes;
//  4. DROP TABLE the old table (its indexes and triggers go with it);
//  5. rename the new table to the old name, with legacy_alter_table on so
//     that SQLite does not re-check views and triggers that name the table
//     while it is missing (other tables' foreign keys already name the
//     final table and need no rewriting);
//  6. CREATE every index of the new definition;
//  7. CREATE the table's triggers again, as before's Objects hold them
//     (Inspect reads them; migrate renders against what it read); it
//     refuses a trigger that is stale or names a removed column (see
//     triggersOf).
//
// Views that read the table are left as they are: DROP TABLE does not
// look at them, and with legacy_alter_table on the rename neither checks
// nor rewrites them, so their SQL still names the table, which exists again
// under that name when the transaction commits.
//
// Its statements are marked Session: foreign keys are off during the
// transaction (see BeginDDL), so dropping the old table neither cascades
// nor fails, and PRAGMA foreign_key_check runs before the commit.
func (d *Dialect) rebuild(before *schema.Database, bt, at *schema.Table) ([]dialect.Stmt, error) {
	triggers, err := triggersOf(before, bt, at)
	if err != nil {
		return nil, err
	}
	tmp := at.Name + rebuildSuffix
	create, err := d.createTable(tmp, at)
	if err != nil {
		return nil, err
	}
	out := stmts(create)
	if autoColumn(at) != nil && hasAutoIncrement(bt) {
		out = append(out, dialect.Stmt{SQL: fmt.Sprintf("INSERT INTO sqlite_sequence (name, seq) SELECT %s, seq FROM sqlite_sequence WHERE name = %s",
			quoteString(tmp), quoteString(bt.Name))})
	}
	var kept []string
	for _, c := range at.Columns {
		if bt.Column(c.Name) != nil && c.Generated == nil { // SQLite computes a generated column
			kept = append(kept, c.Name)
		}
	}
	if len(kept) > 0 {
		cols := dialect.QuoteList(d, kept)
		out = append(out, dialect.Stmt{SQL: fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM %s", d.Quote(tmp), cols, cols, d.Quote(bt.Name))})
	}
	out = append(out, stmts(
		"DROP TABLE "+d.Quote(bt.Name),
		"PRAGMA legacy_alter_table = ON",
		fmt.Sprintf("ALTER TABLE %s RENAME TO %s", d.Quote(tmp), d.Quote(at.Name)),
		"PRAGMA legacy_alter_table = OFF",
	)...)
	for _, x := range at.Indexes {
		sql, err := d.createIndex(at, at.Name, x)
		if err != nil {
			return nil, err
		}
		out = append(out, dialect.Stmt{SQL: sql})
	}
	out = append(out, triggers...)
	for i := range out {
		out[i].Session = true
	}
	return out, nil
}

func hasAutoIncrement(t *schema.Table) bool {
	for _, c := range t.Columns {
		if c.AutoIncrement {
			return true
		}
	}
	return false
}
