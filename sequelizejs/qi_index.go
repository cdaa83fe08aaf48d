package sequelizejs

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dop251/goja"
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// indexFields reads addIndex's fields: names, or {name|attribute, order,
// length, collate, operator}. keys are the index keys as the database
// prints them; names the field names Sequelize derives the index name
// from; lengths the keys' prefix lengths (MySQL's; Sequelize leaves them
// out on the other dialects), nil when none has one.
func (rec *recording) indexFields(v goja.Value, operator string) (keys, names []string, lengths []int, err error) {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil, nil, nil, fmt.Errorf("fields %v is not a list", v)
	}
	for _, k := range o.Keys() {
		f := o.Get(k)
		if s, ok := f.Export().(string); ok {
			names = append(names, s)
			keys = append(keys, rec.indexKey(s, "", "", operator))
			lengths = append(lengths, 0)
			continue
		}
		fo, ok := f.(*goja.Object)
		if !ok {
			return nil, nil, nil, fmt.Errorf("index field %s has no name", f.String())
		}
		if rawKind(fo) != "" {
			s, err := renderExpr(rec.r, rec.d, fo)
			if err != nil {
				return nil, nil, nil, err
			}
			names = append(names, "") // Sequelize's name has undefined there, joined as ""
			keys = append(keys, s)
			lengths = append(lengths, 0)
			continue
		}
		name := optString(fo, "attribute")
		if name == "" {
			name = optString(fo, "name")
		}
		if name == "" {
			return nil, nil, nil, fmt.Errorf("index field %s has no name", f.String())
		}
		length := 0
		if l := opt(fo, "length"); l != nil {
			if rec.d == MySQL {
				length = int(l.ToInteger())
			} else {
				rec.warn(fmt.Sprintf("index field {name: %q, length: %s}: a prefix length is MySQL's; Sequelize leaves it out on %s, so the whole column is indexed", name, l.String(), rec.d))
			}
		}
		lengths = append(lengths, length)
		op := optString(fo, "operator")
		if op == "" {
			op = operator
		}
		names = append(names, name)
		keys = append(keys, rec.indexKey(name, optString(fo, "order"), optString(fo, "collate"), op))
	}
	if !slices.ContainsFunc(lengths, func(n int) bool { return n != 0 }) {
		lengths = nil
	}
	return keys, names, lengths, nil
}

// indexKey is one key as the dialect keeps it: the column alone, or the
// column with its collation, operator class and order.
func (rec *recording) indexKey(col, order, collate, operator string) string {
	if order == "" && collate == "" && operator == "" {
		return col
	}
	var b strings.Builder
	switch rec.d {
	case Postgres:
		b.WriteString(pgIdent(col))
		if collate != "" {
			b.WriteString(" COLLATE " + quoteIdent(rec.d, collate))
		}
		if operator != "" {
			b.WriteString(" " + operator)
		}
	case MySQL:
		b.WriteString(col)
	default:
		b.WriteString(col)
		if collate != "" {
			b.WriteString(" COLLATE " + collate)
		}
	}
	if order != "" {
		b.WriteString(" " + strings.ToUpper(order))
	}
	return b.String()
}

// pgIdent is a name as PostgreSQL prints it: bare when it is lower-case
// letters, digits and underscores, quoted otherwise.
func pgIdent(s string) string {
	for i, ch := range s {
		if !(ch >= 'a' && ch <= 'z' || ch == '_' || (i > 0 && ch >= '0' && ch <= '9')) {
			return quoteIdent(Postgres, s)
		}
	}
	return s
}

func (rec *recording) addIndex(c goja.FunctionCall) (any, error) {
	table, err := tableName(arg(c, 0))
	if err != nil {
		return nil, err
	}
	fieldsArg, options := arg(c, 1), arg(c, 2)
	if o, ok := fieldsArg.(*goja.Object); ok && o.ClassName() != "Array" {
		options = fieldsArg
		fieldsArg = opt(options, "fields")
	} else if f := opt(options, "fields"); fieldsArg == nil && f != nil {
		fieldsArg = f
	}
	keys, names, lengths, err := rec.indexFields(fieldsArg, optString(options, "operator"))
	if err != nil {
		return nil, fmt.Errorf("addIndex(%q): %w", table, err)
	}
	name := optString(options, "name")
	if name == "" {
		prefix := strings.ReplaceAll(optString(options, "prefix"), ".", "_")
		if prefix == "" {
			prefix = strings.NewReplacer(".", "_", `"`, "", "'", "").Replace(table)
		}
		name = underscore(prefix + "_" + strings.Join(names, "_"))
	}
	op := &ddl.AddIndexOp{Table: table, Name: rec.limitName(name), Columns: keys, Lengths: lengths}
	typ := upper(optString(options, "type"))
	op.Unique = optBool(options, "unique") || typ == "UNIQUE"
	if typ == "FULLTEXT" || typ == "SPATIAL" {
		if rec.d == MySQL {
			op.Method = typ
		} else {
			rec.warn(fmt.Sprintf("addIndex(%q): type %s is MySQL's; Sequelize leaves it out on %s", table, typ, rec.d))
		}
	}
	using := optString(options, "using")
	if using == "" {
		using = optString(options, "method")
	}
	if using != "" && !(rec.d == MySQL && strings.EqualFold(using, "BTREE")) && !(rec.d == Postgres && strings.EqualFold(using, "btree")) {
		if rec.d == SQLite {
			rec.warn(fmt.Sprintf("addIndex(%q): using %s is left out on SQLite, as Sequelize does", table, using))
		} else {
			op.Method = strings.ToLower(using)
			if rec.d == MySQL {
				op.Method = strings.ToUpper(using)
			}
		}
	}
	if w := opt(options, "where"); w != nil {
		if rec.d == MySQL {
			rec.warn(fmt.Sprintf("addIndex(%q): MySQL has no partial index; Sequelize leaves the where out", table))
		} else {
			s, err := RenderWhere(rec.r, rec.d, w)
			if err != nil {
				return nil, fmt.Errorf("addIndex(%q): where: %w", table, err)
			}
			op.Where = s
		}
	}
	if optBool(options, "concurrently") && rec.d == Postgres {
		rec.noTx = true
		rec.warn(fmt.Sprintf("addIndex(%q) concurrently: the migration runs outside a transaction (ddl.AddIndex builds the index without CONCURRENTLY)", table))
	}
	rec.emit(op)
	return nil, nil
}

func (rec *recording) removeIndex(c goja.FunctionCall) (any, error) {
	table, err := tableName(arg(c, 0))
	if err != nil {
		return nil, err
	}
	v := arg(c, 1)
	name := ""
	if s, ok := v.Export().(string); ok {
		name = s
	} else {
		_, names, _, err := rec.indexFields(v, "")
		if err != nil {
			return nil, fmt.Errorf("removeIndex(%q): %w", table, err)
		}
		name = underscore(strings.ReplaceAll(table, ".", "_") + "_" + strings.Join(names, "_"))
	}
	rec.emit(ddl.RemoveIndex(table, rec.limitName(name)))
	return nil, nil
}

func (rec *recording) addConstraint(c goja.FunctionCall) (any, error) {
	table, err := tableName(arg(c, 0))
	if err != nil {
		return nil, err
	}
	options := arg(c, 1)
	if len(c.Arguments) > 2 && !goja.IsUndefined(c.Arguments[2]) && options != nil && options.ExportType() != nil && isArray(options) {
		// v5's addConstraint(table, fields, options)
		o := c.Arguments[2].ToObject(rec.r.VM)
		_ = o.Set("fields", options)
		options = o
	}
	fields := stringList(rec.r, opt(options, "fields"))
	if len(fields) == 0 {
		return nil, fmt.Errorf("addConstraint(%q): fields are missing", table)
	}
	typ := upper(optString(options, "type"))
	name := optString(options, "name")
	derive := func(suffix string) string {
		if name != "" {
			return name
		}
		return rec.limitName(table + "_" + strings.Join(fields, "_") + "_" + suffix)
	}
	var op *ddl.AddConstraintOp
	switch typ {
	case "UNIQUE":
		op = ddl.AddUnique(table, fields...).Named(derive("uk"))
	case "PRIMARY KEY":
		op = ddl.AddPrimaryKey(table, fields...).Named(derive("pk"))
	case "CHECK":
		w := opt(options, "where")
		if w == nil {
			return nil, fmt.Errorf("addConstraint(%q): a check needs where", table)
		}
		expr, err := RenderWhere(rec.r, rec.d, w)
		if err != nil {
			return nil, fmt.Errorf("addConstraint(%q): where: %w", table, err)
		}
		op = ddl.AddCheck(table, derive("ck"), expr)
	case "FOREIGN KEY":
		refs := opt(options, "references")
		rt := opt(refs, "table")
		if rt == nil {
			return nil, fmt.Errorf("addConstraint(%q): references object with table and field must be specified", table)
		}
		refTable, err := tableName(rt)
		if err != nil {
			return nil, err
		}
		refCols := stringList(rec.r, opt(refs, "field"))
		if len(refCols) == 0 {
			refCols = stringList(rec.r, opt(refs, "fields"))
		}
		if len(refCols) == 0 {
			return nil, fmt.Errorf("addConstraint(%q): references object with table and field must be specified", table)
		}
		if name == "" {
			name = rec.limitName(table + "_" + strings.Join(fields, "_") + "_" + refTable + "_fk")
		}
		op = ddl.AddForeignKey(table, fields, refTable, refCols).Named(name)
		for _, side := range []struct {
			key string
			to  *schema.Action
		}{{"onDelete", &op.OnDelete}, {"onUpdate", &op.OnUpdate}} {
			if s := optString(options, side.key); s != "" {
				a, err := schema.ParseAction(s)
				if err != nil {
					return nil, fmt.Errorf("addConstraint(%q): %s: %w", table, side.key, err)
				}
				*side.to = a
			}
		}
		if d := opt(options, "deferrable"); d != nil {
			op = op.WithDeferrable(strings.Contains(d.String(), "DEFERRED"))
		}
	default:
		return nil, fmt.Errorf("addConstraint(%q): type %q is invalid (UNIQUE, PRIMARY KEY, FOREIGN KEY or CHECK)", table, optString(options, "type"))
	}
	rec.emit(op)
	return nil, nil
}

func (rec *recording) removeConstraint(c goja.FunctionCall) (any, error) {
	table, err := tableName(arg(c, 0))
	if err != nil {
		return nil, err
	}
	name := arg(c, 1).String()
	if t := rec.db.Table(table); t != nil && rec.d != MySQL {
		// The primary key is removed by strata's name for it.
		if name == pgObjectName(table, "", "pkey") || (t.PrimaryKeyName != "" && name == t.PrimaryKeyName) {
			name = ddl.PrimaryKeyName(table)
		}
	}
	rec.emit(ddl.RemoveConstraint(table, name))
	return nil, nil
}
