package sequelizejs

import (
	"fmt"
	"strings"

	"github.com/dop251/goja"
	"github.com/strata-orm/strata/schema"
)

// The introspection a migration asks for is answered from the schema the
// history recorded so far leaves (each answer a Warning, since the
// database the team ran the file on decided it there).

func (rec *recording) introspected(what string) {
	rec.warn(what + " answered from the replayed history")
}

// describeType is a column's type as Sequelize's describeTable gives it.
func describeType(d Dialect, t schema.Type) string {
	switch d {
	case Postgres:
		switch t.Kind {
		case schema.KindString:
			return fmt.Sprintf("CHARACTER VARYING(%d)", t.Size)
		case schema.KindChar:
			return fmt.Sprintf("CHARACTER(%d)", t.Size)
		case schema.KindDate:
			return "TIMESTAMP WITH TIME ZONE"
		case schema.KindDateOnly:
			return "DATE"
		case schema.KindTime:
			return "TIME WITHOUT TIME ZONE"
		case schema.KindDecimal:
			return "NUMERIC"
		case schema.KindDouble:
			return "DOUBLE PRECISION"
		case schema.KindFloat:
			return "REAL"
		case schema.KindBlob:
			return "BYTEA"
		case schema.KindEnum:
			return "USER-DEFINED"
		case schema.KindArray:
			return "ARRAY"
		case schema.KindNative:
			return strings.ToUpper(t.Native)
		}
		return string(t.Kind)
	case MySQL:
		switch t.Kind {
		case schema.KindString:
			return fmt.Sprintf("VARCHAR(%d)", t.Size)
		case schema.KindChar:
			return fmt.Sprintf("CHAR(%d)", t.Size)
		case schema.KindInteger:
			return "INT(11)"
		case schema.KindBigInt:
			return "BIGINT(20)"
		case schema.KindSmallInt:
			return "SMALLINT(6)"
		case schema.KindBoolean:
			return "TINYINT(1)"
		case schema.KindDate:
			return "DATETIME(6)"
		case schema.KindDateOnly:
			return "DATE"
		case schema.KindUUID:
			return "CHAR(36)"
		case schema.KindJSONB:
			return "JSON"
		case schema.KindNative:
			return strings.ToUpper(t.Native)
		}
		return strings.ToUpper(t.String())
	}
	if t.Kind == schema.KindNative {
		return strings.ToUpper(t.Native)
	}
	return strings.ToUpper(t.String())
}

func (rec *recording) table(v goja.Value, method string) (*schema.Table, error) {
	name, err := tableName(v)
	if err != nil {
		return nil, err
	}
	rec.introspected(fmt.Sprintf("%s(%q)", method, name))
	t := rec.db.Table(name)
	if t == nil {
		return nil, &TableNotFoundError{Table: name}
	}
	return t, nil
}

func (rec *recording) describeTable(c goja.FunctionCall) (any, error) {
	t, err := rec.table(arg(c, 0), "describeTable")
	if err != nil {
		return nil, err
	}
	vm := rec.r.VM
	out := vm.NewObject()
	for _, col := range t.Columns {
		o := vm.NewObject()
		_ = o.Set("type", describeType(rec.d, col.Type))
		_ = o.Set("allowNull", !col.NotNull)
		var def any
		if col.Default != nil {
			switch col.Default.Kind {
			case schema.DefaultLiteral, schema.DefaultExpr:
				def = col.Default.Value
			case schema.DefaultNow:
				def = "CURRENT_TIMESTAMP"
			}
		}
		_ = o.Set("defaultValue", def)
		isPK := false
		for _, k := range t.PrimaryKey {
			isPK = isPK || k == col.Name
		}
		_ = o.Set("primaryKey", isPK)
		_ = o.Set("autoIncrement", col.AutoIncrement)
		var comment any
		if col.Comment != "" {
			comment = col.Comment
		}
		_ = o.Set("comment", comment)
		if col.Type.Kind == schema.KindEnum && rec.d == Postgres {
			_ = o.Set("special", col.Type.Values)
		}
		_ = out.Set(col.Name, o)
	}
	return out, nil
}

func (rec *recording) showAllTables(goja.FunctionCall) (any, error) {
	rec.introspected("showAllTables()")
	names := rec.db.TableNames()
	vals := make([]any, len(names))
	for i, n := range names {
		vals[i] = n
	}
	return rec.r.VM.NewArray(vals...), nil
}

func (rec *recording) tableExists(c goja.FunctionCall) (any, error) {
	name, err := tableName(arg(c, 0))
	if err != nil {
		return nil, err
	}
	rec.introspected(fmt.Sprintf("tableExists(%q)", name))
	return rec.db.Table(name) != nil, nil
}

func (rec *recording) showIndex(c goja.FunctionCall) (any, error) {
	t, err := rec.table(arg(c, 0), "showIndex")
	if err != nil {
		return nil, err
	}
	vm := rec.r.VM
	var list []any
	add := func(name string, cols []string, primary, unique bool) {
		o := vm.NewObject()
		_ = o.Set("name", name)
		_ = o.Set("primary", primary)
		_ = o.Set("unique", unique)
		_ = o.Set("tableName", t.Name)
		var fields []any
		for _, col := range cols {
			f := vm.NewObject()
			attr, order := col, "ASC"
			if i := strings.Index(col, " "); i > 0 {
				attr = strings.Trim(col[:i], "\"`")
				if strings.HasSuffix(strings.ToUpper(col), " DESC") {
					order = "DESC"
				}
			}
			_ = f.Set("attribute", attr)
			_ = f.Set("order", order)
			_ = f.Set("length", goja.Undefined())
			_ = f.Set("collate", goja.Undefined())
			fields = append(fields, f)
		}
		_ = o.Set("fields", vm.NewArray(fields...))
		list = append(list, o)
	}
	if len(t.PrimaryKey) > 0 {
		name := "PRIMARY"
		if rec.d != MySQL {
			name = t.PrimaryKeyName
			if name == "" {
				name = pgObjectName(t.Name, "", "pkey")
			}
		}
		add(name, t.PrimaryKey, true, true)
	}
	for _, u := range t.Uniques {
		add(u.Name, u.Columns, false, true)
	}
	for _, x := range t.Indexes {
		add(x.Name, x.Columns, false, x.Unique)
	}
	return vm.NewArray(list...), nil
}

func (rec *recording) foreignKeyReferences(c goja.FunctionCall) (any, error) {
	t, err := rec.table(arg(c, 0), "getForeignKeyReferencesForTable")
	if err != nil {
		return nil, err
	}
	vm := rec.r.VM
	var list []any
	for _, fk := range t.ForeignKeys {
		for i, col := range fk.Columns {
			o := vm.NewObject()
			_ = o.Set("constraintName", fk.Name)
			_ = o.Set("tableName", t.Name)
			_ = o.Set("columnName", col)
			_ = o.Set("referencedTableName", fk.RefTable)
			if i < len(fk.RefColumns) {
				_ = o.Set("referencedColumnName", fk.RefColumns[i])
			}
			list = append(list, o)
		}
	}
	return vm.NewArray(list...), nil
}

func (rec *recording) foreignKeysForTables(c goja.FunctionCall) (any, error) {
	vm := rec.r.VM
	out := vm.NewObject()
	for _, name := range stringList(rec.r, arg(c, 0)) {
		rec.introspected(fmt.Sprintf("getForeignKeysForTables(%q)", name))
		var names []any
		if t := rec.db.Table(name); t != nil {
			for _, fk := range t.ForeignKeys {
				names = append(names, fk.Name)
			}
		}
		_ = out.Set(name, vm.NewArray(names...))
	}
	return out, nil
}

// TableNotFoundError is describeTable (or showIndex …) of a table the
// replayed history does not have; its message is Sequelize's.
type TableNotFoundError struct{ Table string }

func (e *TableNotFoundError) Error() string {
	return fmt.Sprintf("No description found for %q table. Check the table name and schema; remember, they _are_ case sensitive.", e.Table)
}
