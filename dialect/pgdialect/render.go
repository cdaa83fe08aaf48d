package pgdialect

import (
	"fmt"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// Render implements dialect.Dialect. It checks op against before (see
// dialect.After) and the names it leaves against PostgreSQL's 63-byte limit
// before any SQL exists, then renders op against before.
func (d *Dialect) Render(op ddl.Op, before *schema.Database) ([]dialect.Stmt, error) {
	if before == nil {
		before = &schema.Database{}
	}
	after, err := dialect.After(op, before)
	if err != nil {
		return nil, err
	}
	if table := touchedTable(op); table != "" {
		if err := dialect.CheckNames(d, after, table); err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
	}
	if err := dialect.CheckFeatures(d.Name(), op, rendered); err != nil {
		return nil, err
	}
	r := &renderer{d: d, before: before, after: after}
	switch o := op.(type) {
	case *ddl.CreateTableOp:
		return r.createTable(o)
	case *ddl.DropTableOp:
		return r.dropTable(o), nil
	case *ddl.RenameTableOp:
		return r.renameTable(o), nil
	case *ddl.AddColumnOp:
		return r.addColumn(o)
	case *ddl.RemoveColumnOp:
		return r.removeColumn(o), nil
	case *ddl.ChangeColumnOp:
		return r.changeColumn(o)
	case *ddl.RenameColumnOp:
		return r.renameColumn(o), nil
	case *ddl.AddIndexOp:
		if o.Present(before) {
			return nil, nil // the same index is there: an imported history's re-add
		}
		return r.addIndex(o)
	case *ddl.RemoveIndexOp:
		if bt := before.Table(o.Table); o.Imported && bt.Index(o.IndexName()) == nil && bt.Unique(o.IndexName()) == nil {
			// Sequelize's removeIndex, which the imported history ran.
			return stmts("DROP INDEX IF EXISTS " + quoteIdent(o.IndexName())), nil
		}
		if before.Table(o.Table).Index(o.IndexName()) == nil {
			// A unique constraint: removeIndex takes its name too.
			return stmts(alterTable(o.Table, "DROP CONSTRAINT "+quoteIdent(o.IndexName()))), nil
		}
		return stmts("DROP INDEX " + quoteIdent(o.IndexName())), nil
	case *ddl.AddConstraintOp:
		return r.addConstraint(o), nil
	case *ddl.RemoveConstraintOp:
		return r.removeConstraint(o), nil
	case *ddl.BulkInsertOp:
		return r.bulkInsert(o), nil
	case *ddl.BulkUpdateOp:
		return []dialect.Stmt{dialect.RenderBulkUpdate(d, o)}, nil
	case *ddl.BulkDeleteOp:
		return []dialect.Stmt{dialect.RenderBulkDelete(d, o)}, nil
	case *ddl.RawOp:
		return dialect.RenderRaw(d, o)
	case *ddl.RequireEmptyOp:
		return dialect.RenderRequireEmpty(d, o, guardLock), nil
	case *ddl.CreateObjectOp, *ddl.DropObjectOp:
		return dialect.RenderObject(d, op, before, dropObject)
	case *ddl.AlterEnumTypeOp:
		if o.Rename != "" {
			return stmts("ALTER TYPE " + quoteIdent(o.Type) + " RENAME VALUE " + quoteLiteral(o.Rename) + " TO " + quoteLiteral(o.To)), nil
		}
		s := "ALTER TYPE " + quoteIdent(o.Type) + " ADD VALUE " + quoteLiteral(o.Add)
		if o.Before != "" {
			s += " BEFORE " + quoteLiteral(o.Before)
		}
		return stmts(s), nil
	}
	return nil, fmt.Errorf("%s: pgdialect cannot render a %T", op, op)
}

// touchedTable is the table whose names op may add or lengthen.
func touchedTable(op ddl.Op) string {
	switch o := op.(type) {
	case *ddl.CreateTableOp:
		return o.Name
	case *ddl.RenameTableOp:
		return o.To
	case *ddl.AddColumnOp:
		return o.Table
	case *ddl.ChangeColumnOp:
		return o.Table
	case *ddl.RenameColumnOp:
		return o.Table
	case *ddl.AddIndexOp:
		return o.Table
	case *ddl.AddConstraintOp:
		return o.Table
	}
	return ""
}

// renderer renders one op, knowing the schema before and after it.
type renderer struct {
	d             *Dialect
	before, after *schema.Database
}

func stmts(sql ...string) []dialect.Stmt {
	out := make([]dialect.Stmt, len(sql))
	for i, s := range sql {
		out[i] = dialect.Stmt{SQL: s}
	}
	return out
}

// alterTable is ALTER TABLE with one action on the same line, or several
// on lines of their own.
func alterTable(table string, actions ...string) string {
	if len(actions) == 1 {
		return "ALTER TABLE " + quoteIdent(table) + " " + actions[0]
	}
	return "ALTER TABLE " + quoteIdent(table) + "\n  " + strings.Join(actions, ",\n  ")
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quoteIdent(n)
	}
	return strings.Join(q, ", ")
}

// columnDef is a column as CREATE TABLE and ADD COLUMN write it.
func columnDef(table string, c schema.Column) (string, error) {
	var typ string
	var err error
	if c.AutoIncrement && c.Identity == "" {
		typ, err = serialType(c.Type)
	} else {
		typ, err = columnType(c.Type, enumTypeName(table, c.Name))
	}
	if err != nil {
		return "", fmt.Errorf("column %q: %w", c.Name, err)
	}
	s := quoteIdent(c.Name) + " " + typ
	if c.Collation != "" {
		s += " COLLATE " + quoteIdent(c.Collation)
	}
	switch {
	case c.Identity != "":
		s += " GENERATED " + string(c.Identity) + " AS IDENTITY"
	case c.Generated != nil:
		if !c.Generated.Stored {
			return "", fmt.Errorf("column %q: PostgreSQL 15 stores every generated column; mark it Stored", c.Name)
		}
		s += " GENERATED ALWAYS AS (" + c.Generated.Expr + ") STORED"
	}
	if c.NotNull && (!c.AutoIncrement || c.Identity != "") { // SERIAL is NOT NULL already
		s += " NOT NULL"
	}
	if c.Default != nil && !c.AutoIncrement {
		def, err := renderDefault(c)
		if err != nil {
			return "", err
		}
		s += " DEFAULT " + def
	}
	return s, nil
}

// foreignKeyDef is a foreign key as CREATE TABLE and ADD CONSTRAINT write
// it: … [ON DELETE …] [ON UPDATE …] [DEFERRABLE [INITIALLY DEFERRED]].
func foreignKeyDef(fk schema.ForeignKey) string {
	s := fmt.Sprintf("CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (%s)",
		quoteIdent(fk.Name), quoteList(fk.Columns), quoteIdent(fk.RefTable), quoteList(fk.RefColumns))
	if fk.OnDelete != "" && fk.OnDelete != schema.NoAction {
		s += " ON DELETE " + string(fk.OnDelete)
	}
	if fk.OnUpdate != "" && fk.OnUpdate != schema.NoAction {
		s += " ON UPDATE " + string(fk.OnUpdate)
	}
	if fk.Deferrable || fk.InitiallyDeferred {
		s += " DEFERRABLE"
	}
	if fk.InitiallyDeferred {
		s += " INITIALLY DEFERRED"
	}
	return s
}

func uniqueDef(u schema.Unique) string {
	return fmt.Sprintf("CONSTRAINT %s UNIQUE (%s)", quoteIdent(u.Name), quoteList(u.Columns))
}

func checkDef(ck schema.Check) string {
	return fmt.Sprintf("CONSTRAINT %s CHECK (%s)", quoteIdent(ck.Name), ck.Expr)
}

func commentOnColumn(table, column, comment string) string {
	return fmt.Sprintf("COMMENT ON COLUMN %s.%s IS %s", quoteIdent(table), quoteIdent(column), commentText(comment))
}

// commentText is the comment as a constant; an empty comment is NULL,
// which removes it.
func commentText(comment string) string {
	if comment == "" {
		return "NULL"
	}
	return quoteLiteral(comment)
}

func (r *renderer) createTable(o *ddl.CreateTableOp) ([]dialect.Stmt, error) {
	t := r.after.Table(o.Name)
	var out []string
	var lines []string
	for _, c := range t.Columns {
		if hasEnum(c.Type) && !c.AutoIncrement {
			out = append(out, createEnum(t.Name, c))
		}
		def, err := columnDef(t.Name, c)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", o, err)
		}
		lines = append(lines, def)
	}
	if len(t.PrimaryKey) > 0 {
		pk := "PRIMARY KEY (" + quoteList(t.PrimaryKey) + ")"
		if t.PrimaryKeyName != "" {
			pk = "CONSTRAINT " + quoteIdent(t.PrimaryKeyName) + " " + pk
		}
		lines = append(lines, pk)
	}
	for _, u := range t.Uniques {
		lines = append(lines, uniqueDef(u))
	}
	for _, fk := range t.ForeignKeys {
		lines = append(lines, foreignKeyDef(fk))
	}
	for _, ck := range t.Checks {
		lines = append(lines, checkDef(ck))
	}
	create := "CREATE TABLE " + quoteIdent(t.Name) + " (\n  " + strings.Join(lines, ",\n  ") + "\n)"
	if len(t.Inherits) > 0 {
		create += " INHERITS (" + quoteList(t.Inherits) + ")"
	}
	if t.PartitionBy != "" {
		// As pg_get_partkeydef prints it; the partitions are objects.
		create += " PARTITION BY " + t.PartitionBy
	}
	out = append(out, create)
	if t.Comment != "" {
		out = append(out, "COMMENT ON TABLE "+quoteIdent(t.Name)+" IS "+quoteLiteral(t.Comment))
	}
	for _, c := range t.Columns {
		if c.Comment != "" {
			out = append(out, commentOnColumn(t.Name, c.Name, c.Comment))
		}
	}
	return stmts(out...), nil
}

func (r *renderer) dropTable(o *ddl.DropTableOp) []dialect.Stmt {
	sql := "DROP TABLE "
	if o.IfExists {
		sql += "IF EXISTS "
	}
	sql += quoteIdent(o.Name)
	if o.Cascade {
		sql += " CASCADE"
	}
	out := []string{sql}
	if t := r.before.Table(o.Name); t != nil {
		for _, c := range t.Columns {
			if hasEnum(c.Type) {
				out = append(out, dropEnum(enumTypeName(t.Name, c.Name)))
			}
		}
	}
	return stmts(out...)
}

func (r *renderer) renameTable(o *ddl.RenameTableOp) []dialect.Stmt {
	out := []string{alterTable(o.From, "RENAME TO "+quoteIdent(o.To))}
	for _, c := range r.before.Table(o.From).Columns {
		if hasEnum(c.Type) {
			out = append(out, renameEnum(enumTypeName(o.From, c.Name), enumTypeName(o.To, c.Name)))
		}
	}
	return stmts(out...)
}

func (r *renderer) addColumn(o *ddl.AddColumnOp) ([]dialect.Stmt, error) {
	t := r.after.Table(o.Table)
	c := *t.Column(o.Column.Name)
	var out []string
	if hasEnum(c.Type) {
		out = append(out, createEnum(t.Name, c))
	}
	def, err := columnDef(t.Name, c)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", o, err)
	}
	actions := []string{"ADD COLUMN " + def}
	actions = append(actions, inlineConstraints(r.before.Table(o.Table), o.Column, t.Name)...)
	out = append(out, alterTable(t.Name, actions...))
	if c.Comment != "" {
		out = append(out, commentOnColumn(t.Name, c.Name, c.Comment))
	}
	return stmts(out...), nil
}

// inlineConstraints are the ADD CONSTRAINT actions for the unique constraint
// and foreign key a column definition declares inline, unless before (the
// table as it was) has them already.
func inlineConstraints(before *schema.Table, c ddl.ColumnDef, table string) []string {
	var out []string
	if u, ok := c.UniqueConstraint(table); ok && before.Unique(u.Name) == nil {
		out = append(out, "ADD "+uniqueDef(u))
	}
	if fk, ok := c.ForeignKey(table); ok && before.ForeignKey(fk.Name) == nil {
		out = append(out, "ADD "+foreignKeyDef(fk))
	}
	return out
}

func (r *renderer) removeColumn(o *ddl.RemoveColumnOp) []dialect.Stmt {
	// PostgreSQL drops the indexes and constraints that involve the column.
	out := []string{alterTable(o.Table, "DROP COLUMN "+quoteIdent(o.Column))}
	if c := r.before.Table(o.Table).Column(o.Column); hasEnum(c.Type) {
		out = append(out, dropEnum(enumTypeName(o.Table, o.Column)))
	}
	return stmts(out...)
}

func (r *renderer) renameColumn(o *ddl.RenameColumnOp) []dialect.Stmt {
	// Index predicates, checks and foreign keys follow the column by itself.
	out := []string{alterTable(o.Table, "RENAME COLUMN "+quoteIdent(o.From)+" TO "+quoteIdent(o.To))}
	if c := r.before.Table(o.Table).Column(o.From); hasEnum(c.Type) {
		out = append(out, renameEnum(enumTypeName(o.Table, o.From), enumTypeName(o.Table, o.To)))
	}
	return stmts(out...)
}

func (r *renderer) addConstraint(o *ddl.AddConstraintOp) []dialect.Stmt {
	name := o.ConstraintName()
	var action string
	switch o.Type {
	case ddl.UniqueConstraint:
		action = "ADD " + uniqueDef(schema.Unique{Name: name, Columns: o.Columns})
	case ddl.CheckConstraint:
		action = "ADD " + checkDef(schema.Check{Name: name, Expr: o.Expr})
	case ddl.ForeignKeyConstraint:
		action = "ADD " + foreignKeyDef(o.ForeignKey())
	case ddl.PrimaryKeyConstraint:
		// Unnamed, PostgreSQL names it <table>_pkey (or, should that name be
		// taken, a free variant).
		action = "ADD PRIMARY KEY (" + quoteList(o.Columns) + ")"
		if o.Name != "" {
			action = "ADD CONSTRAINT " + quoteIdent(o.Name) + " PRIMARY KEY (" + quoteList(o.Columns) + ")"
		}
	}
	return stmts(alterTable(o.Table, action))
}

func (r *renderer) removeConstraint(o *ddl.RemoveConstraintOp) []dialect.Stmt {
	t := r.before.Table(o.Table)
	if t.Unique(o.Name) != nil || t.ForeignKey(o.Name) != nil || t.Check(o.Name) != nil {
		return stmts(alterTable(o.Table, "DROP CONSTRAINT "+quoteIdent(o.Name)))
	}
	if t.Index(o.Name) != nil {
		// A unique index: removeConstraint takes its name too.
		return stmts("DROP INDEX " + quoteIdent(o.Name))
	}
	// The primary key, by strata's name for it. Its real name is whatever
	// PostgreSQL chose when it was made, and stays when the table is
	// renamed, so look it up.
	return stmts(doBlock(fmt.Sprintf(`DECLARE
  pkey name;
BEGIN
  SELECT conname INTO STRICT pkey FROM pg_catalog.pg_constraint
   WHERE conrelid = %s::regclass AND contype = 'p';
  EXECUTE format('ALTER TABLE %%I DROP CONSTRAINT %%I', %s, pkey);
END`, quoteLiteral(quoteIdent(o.Table)), quoteLiteral(o.Table))))
}

// doBlock wraps PL/pgSQL code in DO, dollar-quoted with a tag the code
// does not contain.
func doBlock(code string) string {
	tag := "$$"
	for i := 0; strings.Contains(code, tag); i++ {
		tag = fmt.Sprintf("$strata%d$", i)
	}
	return "DO " + tag + "\n" + code + "\n" + tag
}

// bulkInsert inserts the rows; when they give values for an auto-increment
// column, its sequence is moved past the largest value, so that the rows
// inserted after them get fresh numbers instead of a duplicate key.
func (r *renderer) bulkInsert(o *ddl.BulkInsertOp) []dialect.Stmt {
	out := dialect.RenderBulkInsert(r.d, o)
	t := r.before.Table(o.Table)
	for _, c := range t.Columns {
		if !c.AutoIncrement {
			continue
		}
		given := false
		for _, row := range o.Rows {
			if v, ok := row[c.Name]; ok && v != nil {
				given = true
				break
			}
		}
		if given {
			out = append(out, dialect.Stmt{SQL: fmt.Sprintf("SELECT setval(pg_get_serial_sequence(%s, %s), MAX(%s)) FROM %s",
				quoteLiteral(quoteIdent(t.Name)), quoteLiteral(c.Name), quoteIdent(c.Name), quoteIdent(t.Name))})
		}
	}
	return out
}

// rendered reports the constructs beyond the portable core that
// PostgreSQL's Render writes.
func rendered(f dialect.Feature) bool {
	switch f {
	case dialect.FeaturePrimaryKeyName, dialect.FeatureIdentity, dialect.FeatureGenerated, dialect.FeatureCollation,
		dialect.FeatureIndexMethod, dialect.FeatureIndexInclude, dialect.FeatureNullsNotDistinct, dialect.FeatureDeferrable,
		dialect.FeatureInherits, dialect.FeaturePartitionBy:
		return true
	}
	return false
}
