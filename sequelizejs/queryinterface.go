package sequelizejs

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dop251/goja"
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// queryInterface builds the recording queryInterface a migration's up and
// down receive: each method returns a resolved promise and records the ddl
// ops Sequelize v6's statements amount to on the dialect, with the names
// the database gives what Sequelize leaves unnamed written out.
func (rec *recording) queryInterface() *goja.Object {
	qi := rec.r.VM.NewObject()
	rec.method(qi, "createTable", rec.createTable)
	rec.method(qi, "dropTable", rec.dropTable)
	rec.method(qi, "dropAllTables", rec.dropAllTables)
	rec.method(qi, "renameTable", rec.renameTable)
	rec.method(qi, "addColumn", rec.addColumn)
	rec.method(qi, "removeColumn", rec.removeColumn)
	rec.method(qi, "changeColumn", rec.changeColumn)
	rec.method(qi, "renameColumn", rec.renameColumn)
	rec.method(qi, "addIndex", rec.addIndex)
	rec.method(qi, "removeIndex", rec.removeIndex)
	rec.method(qi, "addConstraint", rec.addConstraint)
	rec.method(qi, "removeConstraint", rec.removeConstraint)
	rec.method(qi, "bulkInsert", rec.bulkInsert)
	rec.method(qi, "bulkUpdate", rec.bulkUpdate)
	rec.method(qi, "bulkDelete", rec.bulkDelete)
	rec.method(qi, "describeTable", rec.describeTable)
	rec.method(qi, "showAllTables", rec.showAllTables)
	rec.method(qi, "tableExists", rec.tableExists)
	rec.method(qi, "showIndex", rec.showIndex)
	rec.method(qi, "getForeignKeyReferencesForTable", rec.foreignKeyReferences)
	rec.method(qi, "getForeignKeysForTables", rec.foreignKeysForTables)
	for _, name := range []string{"upsert", "select", "rawSelect", "bulkSelect", "increment", "decrement", "insert"} {
		n := name
		rec.method(qi, n, func(goja.FunctionCall) (any, error) {
			return nil, rec.problem("queryInterface."+n, "it reads or writes rows through a query whose result the migration uses; port it by hand")
		})
	}
	for _, name := range []string{"createFunction", "dropFunction", "createTrigger", "dropTrigger", "createSchema", "dropSchema", "dropAllSchemas", "showAllSchemas", "dropEnum", "dropAllEnums", "pgListEnums"} {
		n := name
		rec.method(qi, n, func(goja.FunctionCall) (any, error) {
			return nil, rec.problem("queryInterface."+n, "the recorder does not record this method yet; write it as a raw statement in the ported migration")
		})
	}
	rec.functionMethods(qi) // PostgreSQL's: qi_functions.go
	_ = qi.Set("sequelize", rec.sequelizeInstance(qi))
	_ = qi.Set("queryGenerator", rec.r.VM.NewObject())
	return qi
}

// uniqueName is the name the database gives an unnamed unique key over
// cols of table: PostgreSQL's <t>_<cols>_key (a number added on a clash),
// MySQL's first column's name (_2, _3 … on a clash), strata's own on
// SQLite, which keeps no name.
func (rec *recording) uniqueName(table string, cols []string, taken map[string]bool) string {
	switch rec.d {
	case Postgres:
		base := pgObjectName(table, strings.Join(cols, "_"), "key")
		name := base
		for i := 1; rec.nameTaken(name) || taken[name]; i++ {
			name = base + fmt.Sprint(i)
		}
		return name
	case MySQL:
		name := cols[0]
		t := rec.db.Table(table)
		for i := 2; taken[name] || (t != nil && t.HasConstraint(name)); i++ {
			name = fmt.Sprintf("%s_%d", cols[0], i)
		}
		return name
	}
	// SQLite keeps no name: strata's, numbered on a clash.
	base := schema.UniqueName(table, cols)
	name := base
	t := rec.db.Table(table)
	for i := 1; taken[name] || (t != nil && t.HasConstraint(name)); i++ {
		name = base + fmt.Sprint(i)
	}
	return name
}

// nameTaken reports a relation name PostgreSQL already has (an index or
// a key's index, schema-wide).
func (rec *recording) nameTaken(name string) bool {
	for _, t := range rec.db.Tables {
		if t.Name == name || t.Unique(name) != nil || t.Index(name) != nil {
			return true
		}
	}
	return false
}

// nextIbfk is MySQL's name for the next unnamed foreign key of table.
func (rec *recording) nextIbfk(table string) string {
	n := rec.ibfk[table]
	if t := rec.db.Table(table); t != nil {
		for _, fk := range t.ForeignKeys {
			var k int
			if _, err := fmt.Sscanf(strings.TrimPrefix(fk.Name, table+"_ibfk_"), "%d", &k); err == nil && strings.HasPrefix(fk.Name, table+"_ibfk_") && k > n {
				n = k
			}
		}
	}
	n++
	rec.ibfk[table] = n
	return fmt.Sprintf("%s_ibfk_%d", table, n)
}

// attributes reads an attributes object in its order.
func (rec *recording) attributes(table string, v goja.Value) ([]*Attribute, error) {
	o, ok := v.(*goja.Object)
	if !ok || o == nil {
		return nil, fmt.Errorf("createTable(%q): the attributes are not an object", table)
	}
	var out []*Attribute
	for _, k := range o.Keys() {
		a, err := ReadAttribute(rec.r, rec.d, table, k, o.Get(k))
		if err != nil {
			return nil, err
		}
		if a.Type.Key == "VIRTUAL" {
			continue
		}
		out = append(out, a)
	}
	return out, nil
}

var mysqlDefaultCollation = map[string]string{"utf8mb4": "utf8mb4_general_ci", "utf8": "utf8mb3_general_ci", "utf8mb3": "utf8mb3_general_ci", "latin1": "latin1_swedish_ci", "ascii": "ascii_general_ci", "binary": "binary"}

func (rec *recording) createTable(c goja.FunctionCall) (any, error) {
	table, err := tableName(arg(c, 0))
	if err != nil {
		return nil, err
	}
	attrs, err := rec.attributes(table, arg(c, 1))
	if err != nil {
		return nil, err
	}
	options := arg(c, 2)
	op := &ddl.CreateTableOp{Name: table, Comment: optString(options, "comment")}
	taken := map[string]bool{}
	collate := optString(options, "collate")
	if cs := optString(options, "charset"); collate == "" && cs != "" {
		collate = mysqlDefaultCollation[strings.ToLower(cs)]
		if collate == "" {
			rec.warn(fmt.Sprintf("createTable(%q): charset %q: its default collation is not known to the recorder; the columns keep the database's", table, cs))
		}
	}
	if e := optString(options, "engine"); e != "" && !strings.EqualFold(e, "InnoDB") && rec.d == MySQL {
		rec.warn(fmt.Sprintf("createTable(%q): engine %s is not recorded; the table is made with the database's default engine", table, e))
	}
	for _, a := range attrs {
		col := a.Column
		if rec.d == MySQL && collate != "" && col.Collation == "" && mysqlTextual(col.Type) {
			col.Collation = collate
		}
		if col.IsUnique {
			col.IsUnique = false
			name := rec.uniqueName(table, []string{col.Name}, taken)
			taken[name] = true
			op.Uniques = append(op.Uniques, schema.Unique{Name: name, Columns: []string{col.Name}})
		}
		if col.Ref != nil && rec.d == MySQL {
			ref := *col.Ref
			ref.Name = rec.nextIbfk(table)
			col.Ref = &ref
		}
		op.Columns = append(op.Columns, col)
	}
	if uk, ok := opt(options, "uniqueKeys").(*goja.Object); ok {
		for _, k := range uk.Keys() {
			u := uk.Get(k)
			if ci := opt(u, "customIndex"); ci != nil && !ci.ToBoolean() {
				continue // Sequelize writes no key for it
			}
			fields := stringList(rec.r, opt(u, "fields"))
			if len(fields) == 0 {
				return nil, fmt.Errorf("createTable(%q): uniqueKeys.%s has no fields", table, k)
			}
			name := k
			if rec.d != MySQL {
				name = rec.uniqueName(table, fields, taken)
			}
			taken[name] = true
			op.Uniques = append(op.Uniques, schema.Unique{Name: name, Columns: fields})
		}
	}
	if rec.d != MySQL {
		op.Uniques = pgDistinctKeys(op)
	}
	rec.emit(op)
	return nil, nil
}

// pgDistinctKeys is the unique keys PostgreSQL's CREATE TABLE keeps: a
// key over the same columns as the primary key or an earlier key is
// dropped (a column's UNIQUE and a uniqueKeys entry over it make one).
// SQLite's are kept the same way, as strata reads them back.
func pgDistinctKeys(op *ddl.CreateTableOp) []schema.Unique {
	var pk []string
	for _, c := range op.Columns {
		if c.IsPrimaryKey {
			pk = append(pk, c.Name)
		}
	}
	same := func(a, b []string) bool { return slices.Equal(a, b) }
	var out []schema.Unique
	for _, u := range op.Uniques {
		dup := len(pk) > 0 && same(u.Columns, pk)
		for _, k := range out {
			dup = dup || same(k.Columns, u.Columns)
		}
		if !dup {
			out = append(out, u)
		}
	}
	return out
}

func (rec *recording) dropTable(c goja.FunctionCall) (any, error) {
	table, err := tableName(arg(c, 0))
	if err != nil {
		return nil, err
	}
	op := ddl.DropTable(table).WithIfExists()
	if optBool(arg(c, 1), "cascade") {
		op = op.WithCascade()
	}
	if rec.db.Table(table) == nil {
		rec.ops = append(rec.ops, op) // IF EXISTS: nothing to replay
		return nil, nil
	}
	rec.emit(op)
	return nil, nil
}

func (rec *recording) dropAllTables(c goja.FunctionCall) (any, error) {
	skip := map[string]bool{}
	for _, s := range stringList(rec.r, opt(arg(c, 0), "skip")) {
		skip[s] = true
	}
	// Tables others point at go last.
	var order []string
	left := map[string]bool{}
	for _, t := range rec.db.Tables {
		if !skip[t.Name] {
			left[t.Name] = true
		}
	}
	for len(left) > 0 {
		progress := false
		for _, t := range rec.db.Tables {
			if !left[t.Name] {
				continue
			}
			referenced := false
			for _, o := range rec.db.Tables {
				if left[o.Name] && o.Name != t.Name {
					for _, fk := range o.ForeignKeys {
						if fk.RefTable == t.Name {
							referenced = true
						}
					}
				}
			}
			if !referenced {
				order = append(order, t.Name)
				delete(left, t.Name)
				progress = true
			}
		}
		if !progress {
			for _, t := range rec.db.Tables {
				if left[t.Name] {
					order = append(order, t.Name)
					delete(left, t.Name)
				}
			}
		}
	}
	for _, t := range order {
		rec.emit(ddl.DropTable(t).WithIfExists().WithCascade())
	}
	return nil, nil
}

func (rec *recording) renameTable(c goja.FunctionCall) (any, error) {
	from, err := tableName(arg(c, 0))
	if err != nil {
		return nil, err
	}
	to, err := tableName(arg(c, 1))
	if err != nil {
		return nil, err
	}
	rec.emit(ddl.RenameTable(from, to))
	return nil, nil
}

func (rec *recording) addColumn(c goja.FunctionCall) (any, error) {
	table, err := tableName(arg(c, 0))
	if err != nil {
		return nil, err
	}
	a, err := ReadAttribute(rec.r, rec.d, table, arg(c, 1).String(), arg(c, 2))
	if err != nil {
		return nil, err
	}
	col := a.Column
	col.Name = arg(c, 1).String() // addColumn names the column by its key
	rec.inheritCollation(table, &col.Column)
	var after []ddl.Op
	if col.IsUnique {
		col.IsUnique = false
		after = append(after, ddl.AddUnique(table, col.Name).Named(rec.uniqueName(table, []string{col.Name}, nil)))
	}
	if col.Ref != nil {
		ref := *col.Ref
		switch rec.d {
		case MySQL:
			ref.Name = table + "_" + col.Name + "_foreign_idx"
		case Postgres:
			ref.Name = pgObjectName(table, col.Name, "fkey")
		}
		col.Ref = &ref
	}
	op := ddl.AddColumn(table, col)
	if rec.d == MySQL { // Sequelize places a column on MySQL only
		if a := opt(arg(c, 2), "after"); a != nil && !goja.IsNull(a) {
			op.Placed(a.String())
		}
		if f := opt(arg(c, 2), "first"); f != nil && f.ToBoolean() {
			op.PlacedFirst()
		}
	}
	rec.emit(op)
	rec.emit(after...)
	return nil, nil
}

func (rec *recording) removeColumn(c goja.FunctionCall) (any, error) {
	table, err := tableName(arg(c, 0))
	if err != nil {
		return nil, err
	}
	rec.emit(ddl.RemoveColumn(table, arg(c, 1).String()))
	return nil, nil
}

func (rec *recording) renameColumn(c goja.FunctionCall) (any, error) {
	table, err := tableName(arg(c, 0))
	if err != nil {
		return nil, err
	}
	rec.emit(ddl.RenameColumn(table, arg(c, 1).String(), arg(c, 2).String()))
	return nil, nil
}

func (rec *recording) changeColumn(c goja.FunctionCall) (any, error) {
	table, err := tableName(arg(c, 0))
	if err != nil {
		return nil, err
	}
	name := arg(c, 1).String()
	a, err := ReadAttribute(rec.r, rec.d, table, name, arg(c, 2))
	if err != nil {
		return nil, err
	}
	col := a.Column
	col.Name = name
	rec.inheritCollation(table, &col.Column)
	if a.Type.Raw != "" && strings.Contains(upper(a.Type.Raw), " USING ") {
		return nil, rec.changeColumnUsing(table, a, col)
	}
	if col.Ref != nil && rec.d == MySQL {
		// Sequelize's MySQL changeColumn turns a definition holding
		// REFERENCES into ADD FOREIGN KEY alone: the column keeps its type.
		rec.warn(fmt.Sprintf("changeColumn(%q, %q): Sequelize on MySQL only adds the foreign key for a definition with references; the column itself is not changed", table, name))
		fk := ddl.AddForeignKey(table, []string{name}, col.Ref.Table, []string{col.Ref.Column}).Named(rec.nextIbfk(table)).
			WithOnDelete(col.Ref.OnDelete).WithOnUpdate(col.Ref.OnUpdate)
		rec.emit(fk)
		return nil, nil
	}
	if t := rec.db.Table(table); rec.d == Postgres && col.Type.Kind == schema.KindEnum && t != nil {
		// Sequelize v6's changeColumn creates "enum_<t>_<c>" only when it
		// does not exist: an ENUM column keeps its type and its values.
		if old := t.Column(name); old != nil && old.Type.Kind == schema.KindEnum && !old.Type.Equal(col.Type) {
			rec.warn(fmt.Sprintf("changeColumn(%q, %q): Sequelize on PostgreSQL keeps the column's enum type, so its values stay %v (the new %v are not added)", table, name, old.Type.Values, col.Type.Values))
			col.Type = old.Type.Clone()
		}
	}
	if rec.changeColumnAsSequelize(table, name, arg(c, 2), col) { // qi_change.go
		return nil, nil
	}
	var after []ddl.Op
	if col.IsUnique {
		col.IsUnique = false
		if !rec.sqliteHasUnique(table, name) {
			after = append(after, ddl.AddUnique(table, name).Named(rec.uniqueName(table, []string{name}, nil)))
		}
	}
	if col.Ref != nil {
		ref := *col.Ref
		ref.Name = pgObjectName(table, name, "fkey")
		col.Ref = &ref
	}
	rec.emit(ddl.ChangeColumn(table, col))
	rec.emit(after...)
	return nil, nil
}

// changeColumnUsing records a type string with USING (PostgreSQL's
// conversion of the rows) as the statements Sequelize sends, raw, and
// replays the new definition so later calls see it.
func (rec *recording) changeColumnUsing(table string, a *Attribute, col ddl.ColumnDef) error {
	raw := a.Type.Raw
	i := strings.Index(upper(raw), " USING ")
	base := strings.TrimSpace(raw[:i])
	col.Type = rawType(rec.d, base)
	q := quoteIdent(rec.d, col.Name)
	t := quoteIdent(rec.d, table)
	var sql string
	switch rec.d {
	case Postgres:
		var parts []string
		if col.Column.NotNull {
			parts = append(parts, fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;", t, q))
		} else {
			parts = append(parts, fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL;", t, q))
		}
		if col.Column.Default != nil {
			def, err := defaultSQL(rec.d, col.Column.Default)
			if err != nil {
				return err
			}
			parts = append(parts, fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;", t, q, def))
		} else {
			parts = append(parts, fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;", t, q))
		}
		parts = append(parts, fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s TYPE %s;", t, q, raw))
		sql = strings.Join(parts, "")
	default:
		sql = fmt.Sprintf("ALTER TABLE %s CHANGE %s %s %s;", t, q, q, raw)
	}
	rec.ops = append(rec.ops, ddl.Raw(sql))
	if err := ddl.ChangeColumn(table, col).Apply(rec.db); err != nil {
		rec.warn(fmt.Sprintf("changeColumn(%q, %q): %v", table, col.Name, err))
	}
	rec.warn(fmt.Sprintf("changeColumn(%q, %q) with %q is recorded as the raw statements Sequelize sends; strata's replay of the history keeps the column's old definition", table, col.Name, raw))
	return nil
}

// defaultSQL writes a default as a DDL statement would.
func defaultSQL(d Dialect, def *schema.Default) (string, error) {
	switch def.Kind {
	case schema.DefaultExpr:
		return def.Value, nil
	case schema.DefaultLiteral:
		return escapeString(d, def.Value), nil
	}
	return "", fmt.Errorf("default %s cannot be written here", def.Kind)
}

// sqliteHasUnique reports a SQLite table that has a key on col alone
// already: a second one is the same index, as strata reads it back.
func (rec *recording) sqliteHasUnique(table, col string) bool {
	t := rec.db.Table(table)
	return rec.d == SQLite && t != nil && t.IsKey([]string{col})
}
