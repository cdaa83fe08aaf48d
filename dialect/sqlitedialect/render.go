package sqlitedialect

import (
	"fmt"
	"slices"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// Render implements dialect.Dialect. It checks op against before (with
// dialect.After), then writes the SQL: ALTER TABLE where SQLite's ALTER
// TABLE can make the change, a table rebuild (see rebuild) where it cannot.
func (d *Dialect) Render(op ddl.Op, before *schema.Database) ([]dialect.Stmt, error) {
	if before == nil {
		before = &schema.Database{}
	}
	after, err := dialect.After(op, before)
	if err != nil {
		return nil, err
	}
	if raw, ok := op.(*ddl.RawOp); ok {
		return dialect.RenderRaw(d, raw) // its errors name the operation already
	}
	if re, ok := op.(*ddl.RequireEmptyOp); ok {
		return dialect.RenderRequireEmpty(d, re, nil), nil // the write transaction holds the database
	}
	switch op.(type) {
	case *ddl.CreateObjectOp, *ddl.DropObjectOp, *ddl.AlterEnumTypeOp:
		return dialect.RenderObject(d, op, before, nil)
	}
	if err := dialect.CheckFeatures(d.Name(), op, rendered); err != nil {
		return nil, err
	}
	stmts, err := d.render(op, before, after)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return stmts, nil
}

func (d *Dialect) render(op ddl.Op, before, after *schema.Database) ([]dialect.Stmt, error) {
	switch o := op.(type) {
	case *ddl.CreateTableOp:
		s, err := d.createTable(o.Name, after.Table(o.Name))
		if err != nil {
			return nil, err
		}
		return stmts(s), nil
	case *ddl.DropTableOp:
		return d.dropTable(o, before, after)
	case *ddl.RenameTableOp:
		return stmts(fmt.Sprintf("ALTER TABLE %s RENAME TO %s", d.Quote(o.From), d.Quote(o.To))), nil
	case *ddl.AddColumnOp:
		return d.addColumn(o, before, after)
	case *ddl.RemoveColumnOp:
		bt, at := before.Table(o.Table), after.Table(o.Table)
		if simpleDrop(bt, at, o.Column) {
			// SQLite's DROP COLUMN refuses a column a trigger names, when it
			// runs; refuse here, as a rebuild does, before anything runs.
			if err := checkDependents(before, bt, at); err != nil {
				return nil, err
			}
			return stmts(fmt.Sprintf("ALTER TABLE %s DROP COLUMN %s", d.Quote(o.Table), d.Quote(o.Column))), nil
		}
		return d.rebuild(before, bt, at)
	case *ddl.ChangeColumnOp:
		return d.changeColumn(o, before, after)
	case *ddl.RenameColumnOp:
		return stmts(fmt.Sprintf("ALTER TABLE %s RENAME COLUMN %s TO %s", d.Quote(o.Table), d.Quote(o.From), d.Quote(o.To))), nil
	case *ddl.AddIndexOp:
		if o.Present(before) {
			return nil, nil // the same index is there: an imported history's re-add
		}
		sql, err := d.createIndex(before.Table(o.Table), o.Table, o.Index())
		if err != nil {
			return nil, fmt.Errorf("%s: %w", o, err)
		}
		return stmts(sql), nil
	case *ddl.RemoveIndexOp:
		if bt := before.Table(o.Table); o.Imported && bt.Index(o.IndexName()) == nil && bt.Unique(o.IndexName()) == nil {
			// Sequelize's removeIndex, which the imported history ran.
			return stmts("DROP INDEX IF EXISTS " + d.Quote(o.IndexName())), nil
		}
		// A unique constraint's name is taken too: its table is rebuilt.
		if before.Table(o.Table).Index(o.IndexName()) == nil {
			return d.rebuild(before, before.Table(o.Table), after.Table(o.Table))
		}
		return stmts("DROP INDEX " + d.Quote(o.IndexName())), nil
	case *ddl.AddConstraintOp:
		return d.rebuild(before, before.Table(o.Table), after.Table(o.Table))
	case *ddl.RemoveConstraintOp:
		// A unique index's name is taken too: it is dropped.
		if before.Table(o.Table).Index(o.Name) != nil {
			return stmts("DROP INDEX " + d.Quote(o.Name)), nil
		}
		return d.rebuild(before, before.Table(o.Table), after.Table(o.Table))
	case *ddl.BulkInsertOp:
		return dialect.RenderBulkInsert(d, o), nil
	case *ddl.BulkUpdateOp:
		return []dialect.Stmt{dialect.RenderBulkUpdate(d, o)}, nil
	case *ddl.BulkDeleteOp:
		return []dialect.Stmt{dialect.RenderBulkDelete(d, o)}, nil
	}
	return nil, fmt.Errorf("sqlite cannot render operation %T", op)
}

// changeColumn rebuilds the table (see rebuild). SQLite would copy every
// value as it is, whatever the new type says; when the new definition
// holds fewer values than the old (see dialect.Losses), a guard counting
// the rows it cannot hold comes first, as on the other databases.
func (d *Dialect) changeColumn(o *ddl.ChangeColumnOp, before, after *schema.Database) ([]dialect.Stmt, error) {
	bt, at := before.Table(o.Table), after.Table(o.Table)
	old := *bt.Column(o.Column.Name)
	guard, err := dialect.GuardChange(o.Table, old, *at.Column(o.Column.Name), func(losses []dialect.Loss) (string, error) {
		return d.guardSQL(o.Table, old, losses)
	})
	if err != nil {
		return nil, err
	}
	stmts, err := d.rebuild(before, bt, at)
	if err != nil || guard == nil {
		return stmts, err
	}
	guard.Session = true // a step of the rebuild, in its transaction
	return append([]dialect.Stmt{*guard}, stmts...), nil
}

func stmts(sql ...string) []dialect.Stmt {
	out := make([]dialect.Stmt, len(sql))
	for i, s := range sql {
		out[i] = dialect.Stmt{SQL: s}
	}
	return out
}

// autoColumn returns the table's auto-increment primary-key column, or nil.
func autoColumn(t *schema.Table) *schema.Column {
	if len(t.PrimaryKey) != 1 {
		return nil
	}
	if c := t.Column(t.PrimaryKey[0]); c != nil && c.AutoIncrement {
		return c
	}
	return nil
}

// createTable writes CREATE TABLE name with t's columns and constraints.
// name is t.Name, or the temporary name of a rebuild; constraint names are
// always t's.
func (d *Dialect) createTable(name string, t *schema.Table) (string, error) {
	if err := d.checkTable(t); err != nil {
		return "", err
	}
	var lines []string
	auto := autoColumn(t)
	for _, c := range t.Columns {
		def, err := d.columnDef(t.Name, c, auto != nil && c.Name == auto.Name, nil)
		if err != nil {
			return "", err
		}
		lines = append(lines, def)
	}
	if auto == nil && len(t.PrimaryKey) > 0 {
		lines = append(lines, "PRIMARY KEY ("+dialect.QuoteList(d, t.PrimaryKey)+")")
	}
	for _, u := range t.Uniques {
		lines = append(lines, fmt.Sprintf("CONSTRAINT %s UNIQUE (%s)", d.Quote(u.Name), dialect.QuoteList(d, u.Columns)))
	}
	for _, fk := range t.ForeignKeys {
		lines = append(lines, fmt.Sprintf("CONSTRAINT %s FOREIGN KEY (%s) %s", d.Quote(fk.Name), dialect.QuoteList(d, fk.Columns), d.references(fk)))
	}
	for _, ck := range t.Checks {
		lines = append(lines, fmt.Sprintf("CONSTRAINT %s CHECK (%s)", d.Quote(ck.Name), ck.Expr))
	}
	return "CREATE TABLE " + d.Quote(name) + " (\n  " + strings.Join(lines, ",\n  ") + "\n)" + tableOptions(t), nil
}

// references writes REFERENCES t (cols) ON DELETE … ON UPDATE …, then
// DEFERRABLE and INITIALLY DEFERRED as fk asks (see Canonical).
func (d *Dialect) references(fk schema.ForeignKey) string {
	s := fmt.Sprintf("REFERENCES %s (%s) ON DELETE %s ON UPDATE %s", d.Quote(fk.RefTable), dialect.QuoteList(d, fk.RefColumns),
		orNoAction(fk.OnDelete), orNoAction(fk.OnUpdate))
	if fk.Deferrable || fk.InitiallyDeferred {
		s += " DEFERRABLE"
	}
	if fk.InitiallyDeferred {
		s += " INITIALLY DEFERRED"
	}
	return s
}

func orNoAction(a schema.Action) schema.Action {
	if a == "" {
		return schema.NoAction
	}
	return a
}

// columnDef writes one column definition of table. autoPK makes it the
// INTEGER PRIMARY KEY AUTOINCREMENT; fk, when set, is written as the
// column's own REFERENCES clause (for ALTER TABLE ADD COLUMN).
func (d *Dialect) columnDef(table string, c schema.Column, autoPK bool, fk *schema.ForeignKey) (string, error) {
	typ, err := d.ColumnType(c.Type)
	if err != nil {
		return "", fmt.Errorf("column %q: %w", c.Name, err)
	}
	var b strings.Builder
	b.WriteString(d.Quote(c.Name))
	if autoPK {
		// Only a column declared exactly INTEGER PRIMARY KEY numbers the rows.
		b.WriteString(" INTEGER PRIMARY KEY AUTOINCREMENT")
	} else {
		b.WriteString(" " + typ)
	}
	if c.Collation != "" {
		b.WriteString(" COLLATE " + c.Collation)
	}
	if c.NotNull {
		b.WriteString(" NOT NULL")
	}
	if c.Default != nil {
		def, err := renderDefault(c)
		if err != nil {
			return "", err
		}
		b.WriteString(" DEFAULT " + def)
	}
	if g := c.Generated; g != nil {
		kind := "VIRTUAL"
		if g.Stored {
			kind = "STORED"
		}
		fmt.Fprintf(&b, " GENERATED ALWAYS AS (%s) %s", g.Expr, kind)
	}
	if c.Type.Kind == schema.KindEnum {
		fmt.Fprintf(&b, " CONSTRAINT %s CHECK (%s)", d.Quote(enumCheckName(table, c.Name)), d.enumCheck(c.Name, c.Type.Values))
	}
	if fk != nil {
		fmt.Fprintf(&b, " CONSTRAINT %s %s", d.Quote(fk.Name), d.references(*fk))
	}
	return b.String(), nil
}

// createIndex writes CREATE [UNIQUE] INDEX for x on table, whose schema
// is t (nil when not known): a key that is a column of t quoted, any
// other as it is.
func (d *Dialect) createIndex(t *schema.Table, table string, x schema.Index) (string, error) {
	keys, err := dialect.IndexKeys(d.Quote, t, x)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("CREATE ")
	if x.Unique {
		b.WriteString("UNIQUE ")
	}
	fmt.Fprintf(&b, "INDEX %s ON %s (%s)", d.Quote(x.Name), d.Quote(table), keys)
	if x.Where != "" {
		b.WriteString(" WHERE " + x.Where)
	}
	return b.String(), nil
}

// canAlterAdd reports whether ALTER TABLE ADD COLUMN can add c: not part of
// a key or unique constraint, a constant default (no CURRENT_TIMESTAMP, no
// expression but NULL), NOT NULL only with a default, a column with REFERENCES
// only without a default, and not a STORED generated column (SQLite's
// rules); a VIRTUAL one may be added.
func canAlterAdd(c ddl.ColumnDef) bool {
	switch {
	case c.Column.Generated != nil && c.Column.Generated.Stored:
		return false
	case c.IsPrimaryKey, c.IsUnique:
		return false
	case c.Column.Default != nil && c.Column.Default.Kind != schema.DefaultLiteral && !isNullDefault(c.Column.Default):
		return false
	case c.Column.NotNull && (c.Column.Default == nil || isNullDefault(c.Column.Default)):
		return false
	case c.Ref != nil && c.Column.Default != nil:
		return false
	}
	return true
}

func (d *Dialect) addColumn(o *ddl.AddColumnOp, before, after *schema.Database) ([]dialect.Stmt, error) {
	at := after.Table(o.Table)
	if !canAlterAdd(o.Column) {
		return d.rebuild(before, before.Table(o.Table), at)
	}
	if err := d.checkColumn(at, *at.Column(o.Column.Name)); err != nil {
		return nil, err
	}
	var fk *schema.ForeignKey
	if f, ok := o.Column.ForeignKey(at.Name); ok {
		fk = at.ForeignKey(f.Name)
	}
	def, err := d.columnDef(at.Name, *at.Column(o.Column.Name), false, fk)
	if err != nil {
		return nil, err
	}
	return stmts(fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s", d.Quote(at.Name), def)), nil
}

// simpleDrop reports whether ALTER TABLE DROP COLUMN can remove col from
// bt: the column is in no key, unique constraint, index, foreign key or
// check, so removing it took nothing else with it.
func simpleDrop(bt, at *schema.Table, col string) bool {
	return !slices.Contains(bt.PrimaryKey, col) &&
		len(bt.Uniques) == len(at.Uniques) && len(bt.Indexes) == len(at.Indexes) &&
		len(bt.ForeignKeys) == len(at.ForeignKeys) && len(bt.Checks) == len(at.Checks)
}

func (d *Dialect) dropTable(o *ddl.DropTableOp, before, after *schema.Database) ([]dialect.Stmt, error) {
	if before.Table(o.Name) == nil {
		return stmts("DROP TABLE IF EXISTS " + d.Quote(o.Name)), nil
	}
	var out []dialect.Stmt
	if o.Cascade {
		// SQLite has no DROP TABLE … CASCADE: rebuild every table whose
		// foreign keys point here without them first.
		for _, bt := range before.Tables {
			if bt.Name == o.Name || !slices.ContainsFunc(bt.ForeignKeys, func(fk schema.ForeignKey) bool { return fk.RefTable == o.Name }) {
				continue
			}
			s, err := d.rebuild(before, &bt, after.Table(bt.Name))
			if err != nil {
				return nil, err
			}
			out = append(out, s...)
		}
	}
	sql := "DROP TABLE " + d.Quote(o.Name)
	if o.IfExists {
		sql = "DROP TABLE IF EXISTS " + d.Quote(o.Name)
	}
	return append(out, dialect.Stmt{SQL: sql}), nil
}

// rendered reports the constructs beyond the portable core that SQLite's
// Render writes: a primary key's name is accepted and not kept (SQLite
// keeps none Inspect could read); STRICT and WITHOUT ROWID tables, column
// collations, generated columns and deferrable foreign keys are written
// and read back.
func rendered(f dialect.Feature) bool {
	switch f {
	case dialect.FeaturePrimaryKeyName, dialect.FeatureStrict, dialect.FeatureWithoutRowID,
		dialect.FeatureCollation, dialect.FeatureGenerated, dialect.FeatureDeferrable:
		return true
	}
	return false
}
