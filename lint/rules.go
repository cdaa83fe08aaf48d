package lint

import (
	"context"
	"fmt"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// checker walks one migration's operations, the schema replayed as it
// goes.
type checker struct {
	cfg       Config
	d         dialect.Dialect
	p         Probe
	server    Server
	migration string
	cur       *schema.Database
	fresh     map[string]bool    // tables this migration created
	freshCols map[[2]string]bool // columns this migration added
	rows      map[string]int64   // Rows asked already
	out       []Finding
}

func (ck *checker) add(rule string, sev Severity, op ddl.Op, table, column, msg, fix string) {
	ck.out = append(ck.out, Finding{Rule: rule, Severity: sev, Migration: ck.migration, Table: table, Column: column, Message: msg, Fix: fix, Op: op})
}

func (ck *checker) dialectName() string {
	if ck.d == nil {
		return ""
	}
	return ck.d.Name()
}

// track records what op made, so that the rules leave new tables and
// columns (which hold no data yet) alone.
func (ck *checker) track(op ddl.Op) {
	switch o := op.(type) {
	case *ddl.CreateTableOp:
		ck.fresh[o.Name] = true
	case *ddl.RenameTableOp:
		if ck.fresh[o.From] {
			ck.fresh[o.To] = true
		}
	case *ddl.AddColumnOp:
		ck.freshCols[[2]string{o.Table, o.Column.Name}] = true
	}
}

// rowCount asks the probe for table's rows once; known is false without a
// probe. A table this migration created has none.
func (ck *checker) rowCount(ctx context.Context, table string) (n int64, known bool, err error) {
	if ck.fresh[table] {
		return 0, true, nil
	}
	if ck.p == nil {
		return 0, false, nil
	}
	if n, ok := ck.rows[table]; ok {
		return n, true, nil
	}
	n, err = ck.p.Rows(ctx, table)
	if err != nil {
		return 0, false, fmt.Errorf("count the rows of %s: %w", table, err)
	}
	ck.rows[table] = n
	return n, true, nil
}

// op runs every rule on one operation, before it is applied to ck.cur.
func (ck *checker) op(ctx context.Context, op ddl.Op) error {
	switch o := op.(type) {
	case *ddl.DropTableOp:
		if !ck.fresh[o.Name] && ck.cur.Table(o.Name) != nil {
			ck.add("L001", Error, op, o.Name, "", fmt.Sprintf("dropping table %s deletes all its rows", o.Name),
				"deploy code that no longer reads it first, then drop it; or rename it aside and drop it later")
		}
	case *ddl.RemoveColumnOp:
		if !ck.fresh[o.Table] && !ck.freshCols[[2]string{o.Table, o.Column}] {
			ck.add("L002", Error, op, o.Table, o.Column, fmt.Sprintf("dropping column %s.%s deletes its values", o.Table, o.Column),
				"deploy code that no longer reads it first, then drop it; or rename it aside and drop it later")
		}
	case *ddl.RenameTableOp:
		if !ck.fresh[o.From] {
			ck.add("L006", Warning, op, o.From, "", fmt.Sprintf("renaming table %s to %s breaks the running version, which still reads %s", o.From, o.To, o.From),
				"expand/contract: create the new table, backfill it, switch the code, drop the old one later")
		}
	case *ddl.RenameColumnOp:
		if !ck.fresh[o.Table] && !ck.freshCols[[2]string{o.Table, o.From}] {
			ck.add("L006", Warning, op, o.Table, o.From, fmt.Sprintf("renaming column %s.%s to %s breaks the running version, which still reads %s", o.Table, o.From, o.To, o.From),
				"expand/contract: add the new column, backfill it, switch the code, drop the old one later")
		}
	case *ddl.AddColumnOp:
		if err := ck.addColumn(ctx, o); err != nil {
			return err
		}
	case *ddl.ChangeColumnOp:
		if err := ck.changeColumn(ctx, o); err != nil {
			return err
		}
	case *ddl.AddIndexOp:
		if o.Unique && o.Where == "" {
			if err := ck.unique(ctx, op, o.Table, o.Columns); err != nil {
				return err
			}
		}
		if err := ck.index(ctx, op, o.Table, fmt.Sprintf("adding index %s", indexName(o))); err != nil {
			return err
		}
	case *ddl.AddConstraintOp:
		switch o.Type {
		case ddl.UniqueConstraint, ddl.PrimaryKeyConstraint:
			if err := ck.unique(ctx, op, o.Table, o.Columns); err != nil {
				return err
			}
			if err := ck.index(ctx, op, o.Table, fmt.Sprintf("adding %s %s", o.Type, o.ConstraintName())); err != nil {
				return err
			}
		}
	case *ddl.RawOp:
		if err := ck.raw(ctx, o); err != nil {
			return err
		}
	}
	ck.mysqlCopy(op)
	return nil
}

func indexName(o *ddl.AddIndexOp) string {
	if o.Name != "" {
		return o.Name
	}
	return o.Index().Name
}

// needsValue reports whether a column definition requires a value no
// default, sequence or expression supplies.
func needsValue(c schema.Column) bool {
	return c.NotNull && c.Default == nil && !c.AutoIncrement && c.Generated == nil
}

// addColumn: L004 for a NOT NULL column without a default on a table
// with rows.
func (ck *checker) addColumn(ctx context.Context, o *ddl.AddColumnOp) error {
	if !needsValue(o.Column.Column) || o.Column.IsPrimaryKey {
		return nil
	}
	n, known, err := ck.rowCount(ctx, o.Table)
	if err != nil {
		return err
	}
	fix := "add it nullable (or with a default), backfill it, then change it to NOT NULL"
	switch {
	case !known:
		ck.add("L004", Warning, o, o.Table, o.Column.Name, fmt.Sprintf("adding NOT NULL column %s.%s without a default fails if %s has rows (no database to ask)", o.Table, o.Column.Name, o.Table), fix)
	case n > 0:
		ck.add("L004", Error, o, o.Table, o.Column.Name, fmt.Sprintf("adding NOT NULL column %s.%s without a default to %s, which has %d rows, fails (or fills in an implicit value)", o.Table, o.Column.Name, o.Table, n), fix)
	}
	return nil
}

// changeColumn: L003 for a narrower type (dialect.Losses), L004 for a
// change to NOT NULL on a table with rows, L005 for a new unique key.
func (ck *checker) changeColumn(ctx context.Context, o *ddl.ChangeColumnOp) error {
	t := ck.cur.Table(o.Table)
	if t == nil || ck.fresh[o.Table] {
		return nil
	}
	old := t.Column(o.Column.Name)
	if old == nil {
		return nil
	}
	var narrow []string
	for _, l := range dialect.Losses(*old, o.Column.Column) {
		if l.Kind != dialect.LossNull {
			narrow = append(narrow, "a value that "+l.String())
		}
	}
	if len(narrow) > 0 && !ck.freshCols[[2]string{o.Table, old.Name}] {
		ck.add("L003", Error, o, o.Table, old.Name,
			fmt.Sprintf("changing %s.%s from %s to %s narrows it: %s does not survive", o.Table, old.Name, old.Type, o.Column.Type, strings.Join(narrow, " or ")),
			"keep the wider type; or add a new column, copy what fits, switch the code and drop the old one (strata refuses the change when a row would lose its value: DataLossError)")
	}
	if o.Column.Column.NotNull && !old.NotNull && !old.AutoIncrement {
		n, known, err := ck.rowCount(ctx, o.Table)
		if err != nil {
			return err
		}
		if !known || n > 0 {
			rows := "rows"
			if known {
				rows = fmt.Sprintf("%d rows", n)
			}
			ck.add("L004", Warning, o, o.Table, old.Name,
				fmt.Sprintf("changing %s.%s to NOT NULL on a table with %s fails if any row holds NULL, and locks the table while it checks", o.Table, old.Name, rows),
				"backfill the NULLs first (a bulkUpdate in an earlier migration), or give the column a default")
		}
	}
	if o.Column.IsUnique {
		return ck.unique(ctx, o, o.Table, []string{old.Name})
	}
	return nil
}

// unique: L005 for a unique key over columns that hold duplicates.
func (ck *checker) unique(ctx context.Context, op ddl.Op, table string, cols []string) error {
	if ck.p == nil || ck.fresh[table] || len(cols) == 0 {
		return nil
	}
	tb := ck.cur.Table(table)
	if tb == nil {
		return nil
	}
	for _, c := range cols {
		if tb.Column(c) == nil || ck.freshCols[[2]string{table, c}] {
			return nil // an expression key, or a column with no data yet
		}
	}
	n, err := ck.p.Duplicates(ctx, table, cols)
	if err != nil {
		return fmt.Errorf("count the duplicates of %s (%s): %w", table, strings.Join(cols, ", "), err)
	}
	if n > 0 {
		ck.add("L005", Error, op, table, strings.Join(cols, ","),
			fmt.Sprintf("a unique key on %s (%s) fails: %d groups of rows share their values", table, strings.Join(cols, ", "), n),
			"remove or merge the duplicate rows first (in an earlier migration), then add the key")
	}
	return nil
}

// index: L007 for an index PostgreSQL builds under a write lock on a
// large table.
func (ck *checker) index(ctx context.Context, op ddl.Op, table, what string) error {
	if ck.dialectName() != "postgres" || ck.p == nil || ck.fresh[table] {
		return nil
	}
	n, known, err := ck.rowCount(ctx, table)
	if err != nil || !known || n <= ck.cfg.LargeTable {
		return err
	}
	ck.add("L007", Error, op, table, "",
		fmt.Sprintf("%s on %s (%d rows, over %d) without CONCURRENTLY blocks every write to it while the index builds", what, table, n, ck.cfg.LargeTable),
		"build it with ddl.Raw(\"CREATE INDEX CONCURRENTLY …\").For(\"postgres\", …) in a migration with NoTx (-- strata:no-transaction in SQL)")
	return nil
}
