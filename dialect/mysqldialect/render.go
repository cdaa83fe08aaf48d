package mysqldialect

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// tableOptions end every CREATE TABLE: InnoDB (foreign keys, transactions)
// and utf8mb4 with the server's default utf8mb4 collation.
const tableOptions = "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"

// Render implements dialect.Dialect. It checks op against before (with
// dialect.After) and the names against MySQL's limits before any SQL is
// made, then renders op against before.
func (d *Dialect) Render(op ddl.Op, before *schema.Database) ([]dialect.Stmt, error) {
	if before == nil {
		before = &schema.Database{}
	}
	after, err := dialect.After(op, before)
	if err != nil {
		return nil, err
	}
	switch o := op.(type) {
	case *ddl.BulkInsertOp:
		return dialect.RenderBulkInsert(d, o), nil
	case *ddl.BulkUpdateOp:
		return []dialect.Stmt{dialect.RenderBulkUpdate(d, o)}, nil
	case *ddl.BulkDeleteOp:
		return []dialect.Stmt{dialect.RenderBulkDelete(d, o)}, nil
	case *ddl.RawOp:
		return dialect.RenderRaw(d, o)
	case *ddl.RequireEmptyOp:
		return dialect.RenderRequireEmpty(d, o, nil), nil
	case *ddl.CreateObjectOp, *ddl.DropObjectOp, *ddl.AlterEnumTypeOp:
		return dialect.RenderObject(d, op, before, dropObject)
	}
	if err := dialect.CheckFeatures(d.Name(), op, rendered); err != nil {
		return nil, err
	}
	stmts, err := d.renderDDL(op, before, after)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return stmts, nil
}

func (d *Dialect) renderDDL(op ddl.Op, before, after *schema.Database) ([]dialect.Stmt, error) {
	switch o := op.(type) {
	case *ddl.CreateTableOp:
		if err := d.checkTable(after, o.Name); err != nil {
			return nil, err
		}
		s, err := d.createTable(after.Table(o.Name))
		if err != nil {
			return nil, err
		}
		return []dialect.Stmt{{SQL: s}}, nil
	case *ddl.DropTableOp:
		return d.dropTable(o, before, after)
	case *ddl.RenameTableOp:
		if err := d.checkTable(after, o.To); err != nil {
			return nil, err
		}
		return []dialect.Stmt{{SQL: fmt.Sprintf("RENAME TABLE %s TO %s", d.Quote(o.From), d.Quote(o.To))}}, nil
	case *ddl.RenameColumnOp:
		if err := d.checkTable(after, o.Table); err != nil {
			return nil, err
		}
		return []dialect.Stmt{d.renameColumn(o, before.Table(o.Table), after.Table(o.Table))}, nil
	case *ddl.AddIndexOp:
		if o.Present(before) {
			return nil, nil // the same index is there: an imported history's re-add
		}
		if o.Where != "" {
			return nil, fmt.Errorf("partial indexes (WHERE %s) are not supported on MySQL/MariaDB; drop the predicate, or index a generated column instead", o.Where)
		}
		return d.alter(before, after, o.Table, "")
	case *ddl.ChangeColumnOp:
		return d.changeColumn(o, before, after)
	case *ddl.AddColumnOp:
		return d.alter(before, after, o.Table, "")
	case *ddl.RemoveColumnOp:
		return d.alter(before, after, o.Table, "")
	case *ddl.RemoveIndexOp:
		return d.alter(before, after, o.Table, "")
	case *ddl.AddConstraintOp:
		return d.alter(before, after, o.Table, "")
	case *ddl.RemoveConstraintOp:
		return d.alter(before, after, o.Table, "")
	}
	return nil, fmt.Errorf("the MySQL dialect cannot render a %T operation", op)
}

// changeColumn rewrites the column with MODIFY COLUMN (see alter). When
// the new definition holds fewer values than the old (see dialect.Losses),
// a guard counting the rows it would lose comes first.
func (d *Dialect) changeColumn(o *ddl.ChangeColumnOp, before, after *schema.Database) ([]dialect.Stmt, error) {
	old, nc := before.Table(o.Table).Column(o.Column.Name), after.Table(o.Table).Column(o.Column.Name)
	guard, err := dialect.GuardChange(o.Table, *old, *nc, func(losses []dialect.Loss) (string, error) {
		return d.guardSQL(o.Table, *old, losses)
	})
	if err != nil {
		return nil, err
	}
	stmts, err := d.alter(before, after, o.Table, o.Column.Name)
	if err != nil || guard == nil {
		return stmts, err
	}
	return append([]dialect.Stmt{*guard}, stmts...), nil
}

// renameColumn renders RENAME COLUMN (MySQL 8.0, MariaDB 10.5+). Indexes
// and both ends of foreign keys follow the column. MariaDB rewrites the
// checks that use it too, but MySQL 8 refuses the rename (error 3959), so
// those checks are dropped and added back, rewritten, in the same
// statement, which works on both.
func (d *Dialect) renameColumn(o *ddl.RenameColumnOp, b, a *schema.Table) dialect.Stmt {
	var cl []string
	var readd []schema.Check
	for _, ck := range b.Checks {
		if n := a.Check(ck.Name); n != nil && n.Expr != ck.Expr {
			cl = append(cl, "DROP CONSTRAINT "+d.Quote(ck.Name))
			readd = append(readd, *n)
		}
	}
	cl = append(cl, fmt.Sprintf("RENAME COLUMN %s TO %s", d.Quote(o.From), d.Quote(o.To)))
	for _, ck := range readd {
		cl = append(cl, "ADD "+d.check(ck))
	}
	return d.alterStmt(o.Table, cl)
}

// checkTable checks the names of table in db against MySQL's limits and
// that every key of it can be indexed.
func (d *Dialect) checkTable(db *schema.Database, table string) error {
	if err := dialect.CheckNames(d, db, table); err != nil {
		return err
	}
	t := db.Table(table)
	if t == nil {
		return nil
	}
	check := func(what, name string, cols []string) error {
		for _, cn := range cols {
			c := t.Column(cn)
			if c == nil {
				continue
			}
			switch c.Type.Kind {
			case schema.KindText, schema.KindBlob, schema.KindJSON, schema.KindJSONB:
				return fmt.Errorf("%s %q of table %q includes column %q of type %s, which MySQL cannot index as a whole; use STRING(n) (or CHAR(n)) for it",
					what, name, t.Name, cn, c.Type)
			}
		}
		return nil
	}
	if err := check("primary key", ddl.PrimaryKeyName(t.Name), t.PrimaryKey); err != nil {
		return err
	}
	for _, u := range t.Uniques {
		if err := check("unique constraint", u.Name, u.Columns); err != nil {
			return err
		}
	}
	for _, x := range t.Indexes {
		switch strings.ToUpper(x.Method) { // PostgreSQL spells methods lower-case
		case "":
		case "FULLTEXT":
			continue // a full-text index takes TEXT columns whole
		case "SPATIAL":
			continue
		case "HASH":
			return fmt.Errorf("index %q of table %q: method HASH is not rendered on MySQL: InnoDB accepts USING HASH and silently builds a B-tree; leave the method out", x.Name, t.Name)
		default:
			return fmt.Errorf("index %q of table %q: method %q is not MySQL's; InnoDB indexes are B-trees, or FULLTEXT or SPATIAL (leave the method out for a B-tree)", x.Name, t.Name, x.Method)
		}
		var cols []string // the keys indexed whole
		for i, k := range x.Columns {
			col, desc := descKey(k)
			if t.Column(col) == nil || (desc && x.Unique) {
				return fmt.Errorf("index %q of table %q: key %q is not a column of the table%s; MySQL/MariaDB indexes here take plain columns, and a non-unique index a column with DESC (index a generated column for an expression)",
					x.Name, t.Name, k, map[bool]string{true: " (DESC keys are read and made for non-unique indexes only)"}[desc && x.Unique])
			}
			if x.Length(i) == 0 {
				cols = append(cols, col)
			}
		}
		if err := check("index", x.Name, cols); err != nil {
			return err
		}
	}
	for _, fk := range t.ForeignKeys {
		if err := check("foreign key", fk.Name, fk.Columns); err != nil {
			return err
		}
		for _, a := range []schema.Action{fk.OnDelete, fk.OnUpdate} {
			for _, cn := range fk.Columns {
				if c := t.Column(cn); a == schema.SetNull && c != nil && c.NotNull {
					return fmt.Errorf("foreign key %q: SET NULL on column %q, which is NOT NULL, and MySQL refuses such a key; allow NULL or choose another action", fk.Name, cn)
				}
			}
		}
	}
	return nil
}

// createTable renders CREATE TABLE for t: columns in order, then the
// primary key, unique keys, indexes (with the ones foreign keys need),
// foreign keys and checks.
func (d *Dialect) createTable(t *schema.Table) (string, error) {
	var lines []string
	for _, c := range t.Columns {
		def, err := d.columnDef(c)
		if err != nil {
			return "", err
		}
		lines = append(lines, def)
	}
	if len(t.PrimaryKey) > 0 {
		lines = append(lines, "PRIMARY KEY ("+dialect.QuoteList(d, t.PrimaryKey)+")")
	}
	for _, u := range t.Uniques {
		lines = append(lines, d.uniqueKey(u))
	}
	for _, x := range t.Indexes {
		lines = append(lines, d.indexKey(x))
	}
	for _, fk := range foreignKeyIndexes(t) {
		lines = append(lines, d.indexKey(schema.Index{Name: fk.Name, Columns: fk.Columns}))
	}
	for _, fk := range t.ForeignKeys {
		lines = append(lines, d.foreignKey(fk))
	}
	for _, ck := range t.Checks {
		lines = append(lines, d.check(ck))
	}
	s := fmt.Sprintf("CREATE TABLE %s (\n  %s\n) %s", d.Quote(t.Name), strings.Join(lines, ",\n  "), tableOptions)
	if t.PartitionBy != "" {
		// The key and the partitions, as SHOW CREATE TABLE prints them.
		s += " PARTITION BY " + t.PartitionBy
	}
	if t.Comment != "" {
		s += " COMMENT=" + quoteString(t.Comment)
	}
	return s, nil
}

// columnDef renders a column: name, type, COLLATE, then either the
// generated clause (GENERATED ALWAYS AS (expr) STORED|VIRTUAL, then NOT
// NULL, as MySQL's grammar has it; MariaDB refuses NOT NULL on a generated
// column) or NOT NULL, DEFAULT, ON UPDATE and AUTO_INCREMENT; then
// COMMENT. A MODIFY COLUMN restates all of it, so a change keeps it.
func (d *Dialect) columnDef(c schema.Column) (string, error) {
	typ, err := d.ColumnType(c.Type)
	if err != nil {
		return "", fmt.Errorf("column %q: %w", c.Name, err)
	}
	var b strings.Builder
	b.WriteString(d.Quote(c.Name))
	b.WriteString(" ")
	b.WriteString(typ)
	if c.Collation != "" {
		if !collationRe.MatchString(c.Collation) {
			return "", fmt.Errorf("column %q: collation %q is not a MySQL collation name (letters, digits and _, e.g. utf8mb4_bin)", c.Name, c.Collation)
		}
		b.WriteString(" COLLATE ") // the character set is the collation's
		b.WriteString(c.Collation)
	}
	if g := c.Generated; g != nil {
		if c.Default != nil || c.OnUpdate != nil || c.AutoIncrement {
			return "", fmt.Errorf("column %q: a generated column takes no DEFAULT, ON UPDATE or AUTO_INCREMENT", c.Name)
		}
		b.WriteString(" GENERATED ALWAYS AS (")
		b.WriteString(mysqlExpr(g.Expr))
		b.WriteString(")")
		if g.Stored {
			b.WriteString(" STORED")
		} else {
			b.WriteString(" VIRTUAL")
		}
	}
	if c.NotNull {
		b.WriteString(" NOT NULL")
	}
	if c.Default != nil {
		def, err := defaultSQL(c)
		if err != nil {
			return "", fmt.Errorf("column %q: %w", c.Name, err)
		}
		b.WriteString(" DEFAULT ")
		b.WriteString(def)
	}
	if u := c.OnUpdate; u != nil {
		on := u.Value
		if u.Kind == schema.DefaultNow {
			if on, err = nowSQL(c.Type, "ON UPDATE"); err != nil {
				return "", fmt.Errorf("column %q: %w", c.Name, err)
			}
		}
		b.WriteString(" ON UPDATE ")
		b.WriteString(on)
	}
	if c.AutoIncrement {
		b.WriteString(" AUTO_INCREMENT")
	}
	if c.Comment != "" {
		b.WriteString(" COMMENT ")
		b.WriteString(quoteString(c.Comment))
	}
	return b.String(), nil
}

// defaultSQL renders a column default. Literals are quoted (numbers and
// booleans bare); TEXT, BLOB and JSON take a literal only in the
// expression form ('…'), which MySQL 8.0.13+ and MariaDB 10.2+ accept.
func defaultSQL(c schema.Column) (string, error) {
	def := c.Default
	switch def.Kind {
	case schema.DefaultLiteral:
		switch c.Type.Kind {
		case schema.KindBoolean:
			if def.Value == "true" {
				return "1", nil
			}
			return "0", nil
		case schema.KindInteger, schema.KindBigInt, schema.KindSmallInt, schema.KindFloat, schema.KindDouble, schema.KindDecimal:
			if numberRe.MatchString(def.Value) {
				return def.Value, nil
			}
		case schema.KindText, schema.KindBlob, schema.KindJSON, schema.KindJSONB:
			return "(" + quoteString(def.Value) + ")", nil
		}
		return quoteString(def.Value), nil
	case schema.DefaultNow:
		return nowSQL(c.Type, "default")
	case schema.DefaultUUIDv4:
		return "(UUID())", nil
	case schema.DefaultExpr:
		return "(" + def.Value + ")", nil
	}
	return "", fmt.Errorf("unknown default kind %q", def.Kind)
}

func (d *Dialect) uniqueKey(u schema.Unique) string {
	return fmt.Sprintf("UNIQUE KEY %s (%s)", d.Quote(u.Name), dialect.QuoteList(d, u.Columns))
}

func (d *Dialect) indexKey(x schema.Index) string {
	kind := "KEY"
	switch {
	case x.Method != "":
		kind = strings.ToUpper(x.Method) + " KEY" // FULLTEXT, SPATIAL (checkTable refuses others)
	case x.Unique:
		kind = "UNIQUE KEY"
	}
	keys := make([]string, len(x.Columns))
	for i, k := range x.Columns {
		col, desc := descKey(k)
		keys[i] = d.Quote(col)
		if n := x.Length(i); n > 0 {
			keys[i] += "(" + strconv.Itoa(n) + ")"
		}
		if desc {
			keys[i] += " DESC"
		}
	}
	return fmt.Sprintf("%s %s (%s)", kind, d.Quote(x.Name), strings.Join(keys, ", "))
}

// descKey splits an index key "col DESC" (DESC in any case) into the
// column and true; any other key is itself and false. checkTable has made
// sure the column is one of the table's.
func descKey(key string) (string, bool) {
	if n := len(key) - len(" DESC"); n > 0 && strings.EqualFold(key[n:], " DESC") {
		return strings.TrimSpace(key[:n]), true
	}
	return key, false
}

func (d *Dialect) foreignKey(fk schema.ForeignKey) string {
	return fmt.Sprintf("CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (%s) ON DELETE %s ON UPDATE %s",
		d.Quote(fk.Name), dialect.QuoteList(d, fk.Columns), d.Quote(fk.RefTable), dialect.QuoteList(d, fk.RefColumns),
		action(fk.OnDelete), action(fk.OnUpdate))
}

func action(a schema.Action) string {
	if a == "" {
		return string(schema.NoAction)
	}
	return string(a)
}

func (d *Dialect) check(ck schema.Check) string {
	return fmt.Sprintf("CONSTRAINT %s CHECK (%s)", d.Quote(ck.Name), mysqlExpr(ck.Expr))
}

// rendered reports the constructs beyond the portable core that MySQL's
// Render writes: ON UPDATE, a column's collation, generated columns
// (stored or virtual), FULLTEXT and SPATIAL indexes (Index.Method, in any
// case), prefix indexes (Index.Lengths), a column's position
// (AddColumn.After, First), PARTITION BY, and a primary
// key's name, which it accepts and MySQL replaces with PRIMARY.
func rendered(f dialect.Feature) bool {
	switch f {
	case dialect.FeatureOnUpdate, dialect.FeaturePrimaryKeyName, dialect.FeatureIndexMethod, dialect.FeatureCollation, dialect.FeaturePartitionBy,
		dialect.FeatureGenerated, dialect.FeatureIndexPrefix, dialect.FeatureColumnPosition:
		return true
	}
	return false
}

// nowSQL is the current time as a column of type t takes it, in a DEFAULT
// or ON UPDATE clause (where says which). MySQL wants the fractional
// seconds of CURRENT_TIMESTAMP to be the column's own, so a native
// DATETIME(3) or TIMESTAMP gets CURRENT_TIMESTAMP(3) or CURRENT_TIMESTAMP.
func nowSQL(t schema.Type, where string) (string, error) {
	base, fsp := t.Kind, ""
	if t.Kind == schema.KindNative {
		name := strings.ToLower(strings.TrimSpace(t.Native))
		if i := strings.IndexByte(name, '('); i >= 0 {
			name, fsp = strings.TrimSpace(name[:i]), name[i:]
		}
		switch name {
		case "timestamp", "datetime":
			base = schema.KindDate
		case "date":
			base, fsp = schema.KindDateOnly, ""
		case "time":
			base = schema.KindTime
		}
	} else if t.Kind == schema.KindDate {
		fsp = "(6)"
	}
	switch {
	case base == schema.KindDate:
		return "CURRENT_TIMESTAMP" + fsp, nil
	case base == schema.KindDateOnly && where == "default":
		return "(CURRENT_DATE)", nil
	case base == schema.KindTime && where == "default":
		return "(CURRENT_TIME" + fsp + ")", nil
	}
	if where == "default" {
		return "", fmt.Errorf("default NOW needs a DATE, DATEONLY or TIME column (or a native DATETIME, TIMESTAMP, DATE or TIME), not %s", t)
	}
	return "", fmt.Errorf("ON UPDATE the current time needs a DATE column (or a native DATETIME or TIMESTAMP), not %s", t)
}

// collationRe is what a MySQL collation name is made of.
var collationRe = regexp.MustCompile(`^[A-Za-z0-9_]+$`)
