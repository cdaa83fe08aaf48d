package pgdialect

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// The catalog queries Inspect runs, each limited to the base tables of the
// current schema (current_schema(), the first of the search path).
const (
	tablesQuery = `SELECT c.relname, COALESCE(obj_description(c.oid, 'pg_class'), ''),
  COALESCE((SELECT json_agg(p.relname ORDER BY i.inhseqno) FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
            WHERE i.inhrelid = c.oid)::text, '[]'),
  CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) ELSE '' END
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
ORDER BY c.relname`

	enumsQuery = `SELECT format_type(t.oid, NULL), json_agg(e.enumlabel ORDER BY e.enumsortorder)::text
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
GROUP BY t.oid`

	columnsQuery = `SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
  COALESCE(pg_get_expr(ad.adbin, ad.adrelid), ''), a.attidentity::text, a.attgenerated::text,
  COALESCE(col_description(c.oid, a.attnum), ''),
  CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN COALESCE(co.collname, '') ELSE '' END
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum`

	constraintsQuery = `SELECT c.relname, con.conname, con.contype::text,
  COALESCE((SELECT json_agg(a.attname ORDER BY k.i)
    FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, i)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum), '[]')::text,
  COALESCE(rc.relname, ''),
  COALESCE((SELECT json_agg(a.attname ORDER BY k.i)
    FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, i)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum), '[]')::text,
  con.confdeltype::text, con.confupdtype::text, pg_get_constraintdef(con.oid),
  con.condeferrable, con.condeferred
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
WHERE n.nspname = current_schema() AND con.contype IN ('p', 'u', 'f', 'c')
  AND (con.conislocal OR con.contype <> 'c') -- a check only inherited comes with INHERITS
ORDER BY c.relname, con.conname`
)

// Inspect implements dialect.Dialect: the base tables of the current
// schema (views and partitions are left out), with columns in order,
// primary keys, unique constraints, indexes that are not constraints,
// foreign keys and check constraints. A column of a type no portable kind
// renders exactly reads as schema.Native("postgres", …) in format_type's
// spelling. Tables named in skip are left out.
func (*Dialect) Inspect(ctx context.Context, q dialect.Querier, skip ...string) (*schema.Database, error) {
	in := &inspection{tables: map[string]*schema.Table{}}
	steps := []struct {
		what, query string
		scan        func(scanner) error
	}{
		{"tables", tablesQuery, in.table},
		{"enum types", enumsQuery, in.enum},
		{"columns", columnsQuery, in.column},
		{"constraints", constraintsQuery, in.constraint},
		{"indexes", indexesQuery, in.index},
	}
	in.skip = map[string]bool{}
	for _, s := range skip {
		in.skip[s] = true
	}
	for _, s := range steps {
		if err := queryEach(ctx, q, s.query, s.scan); err != nil {
			return nil, fmt.Errorf("pgdialect: inspect %s: %w", s.what, err)
		}
	}
	in.keyless()
	if err := in.objects(ctx, q); err != nil {
		return nil, fmt.Errorf("pgdialect: inspect %w", err)
	}
	db := &schema.Database{Objects: append(in.enumObjects(), in.objectList...)}
	for _, name := range in.order {
		db.Tables = append(db.Tables, *in.tables[name])
	}
	db.Warnings = in.warnings
	db.Normalize()
	return db, nil
}

type scanner interface{ Scan(dest ...any) error }

func queryEach(ctx context.Context, q dialect.Querier, query string, scan func(scanner) error) error {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// inspection collects the rows of the catalog queries.
type inspection struct {
	// enumOrder lists the enum types as read; ownedEnums those a column
	// owns under strata's name for it (the others are objects).
	enumOrder  []string
	ownedEnums map[string]bool
	objectList []schema.Object
	// nextval holds the columns read as auto-increment from a nextval
	// default: table, column and the default.
	nextval [][3]string
	skip    map[string]bool
	order   []string
	tables  map[string]*schema.Table
	enums   map[string][]string
	// warnings are the constructs read that strata cannot model.
	warnings []schema.Warning
}

func (in *inspection) table(r scanner) error {
	var t schema.Table
	var inherits string
	if err := r.Scan(&t.Name, &t.Comment, &inherits, &t.PartitionBy); err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(inherits), &t.Inherits); err != nil {
		return fmt.Errorf("parents of table %s: %w", t.Name, err)
	}
	if len(t.Inherits) == 0 {
		t.Inherits = nil
	}
	if in.skip[t.Name] {
		return nil
	}
	in.order = append(in.order, t.Name)
	in.tables[t.Name] = &t
	return nil
}

func (in *inspection) enum(r scanner) error {
	var name, values string
	if err := r.Scan(&name, &values); err != nil {
		return err
	}
	var vals []string
	if err := json.Unmarshal([]byte(values), &vals); err != nil {
		return fmt.Errorf("values of enum type %s: %w", name, err)
	}
	if in.enums == nil {
		in.enums = map[string][]string{}
	}
	in.enums[name] = vals
	in.enumOrder = append(in.enumOrder, name)
	return nil
}

func (in *inspection) column(r scanner) error {
	var table, typ, def, identity, generated string
	var c schema.Column
	if err := r.Scan(&table, &c.Name, &typ, &c.NotNull, &def, &identity, &generated, &c.Comment, &c.Collation); err != nil {
		return err
	}
	t := in.tables[table]
	if t == nil {
		return nil
	}
	c.Type = parseType(typ, in.enums)
	if hasEnum(c.Type) {
		name := strings.TrimSuffix(typ, "[]")
		if strings.Trim(name, `"`) == enumTypeName(table, c.Name) {
			if in.ownedEnums == nil {
				in.ownedEnums = map[string]bool{}
			}
			in.ownedEnums[name] = true
		} else {
			// An enum type of the schema's own (Sakila's mpaa_rating): the
			// column names it, the type is an object of its own.
			c.Type = schema.Native("postgres", typ)
		}
	}
	if err := c.Type.Validate(); err != nil {
		// A type name no NATIVE can hold (one with a ; or a comment in
		// its quoted name): the column is still read, and said so.
		in.warnings = append(in.warnings, schema.Warning{Table: table, Column: c.Name, Construct: "column type", Detail: typ})
	}
	switch {
	case identity != "":
		c.AutoIncrement = true
		c.Identity = schema.IdentityByDefault
		if identity == "a" {
			c.Identity = schema.IdentityAlways
		}
	case generated != "":
		c.Generated = &schema.Generated{Expr: unwrapAll(def), Stored: generated == "s"}
	case strings.HasPrefix(def, "nextval(") && serialKind(c.Type):
		// A serial column, or (Sakila's) a key taking nextval of a
		// sequence made apart from it and not OWNED BY it: either way the
		// database numbers the rows. One that is not the table's only key
		// keeps its default (see keyless).
		c.AutoIncrement = true
		in.nextval = append(in.nextval, [3]string{table, c.Name, def})
	default:
		c.Default = inspectDefault(def)
	}
	t.Columns = append(t.Columns, c)
	return nil
}

// keyless turns a nextval column that is not its table's only primary
// key column back into a column with that default: strata's
// auto-increment is the key (as on MySQL and SQLite), and such a column
// is a counter beside it, whose sequence must exist for the default.
func (in *inspection) keyless() {
	for _, n := range in.nextval {
		t := in.tables[n[0]]
		if len(t.PrimaryKey) == 1 && t.PrimaryKey[0] == n[1] {
			continue
		}
		c := t.Column(n[1])
		c.AutoIncrement, c.Default = false, schema.Expr(n[2])
	}
}

// serialKind reports whether t is one of the integer kinds a SERIAL is.
func serialKind(t schema.Type) bool {
	switch t.Kind {
	case schema.KindInteger, schema.KindBigInt, schema.KindSmallInt:
		return true
	}
	return false
}

func (in *inspection) constraint(r scanner) error {
	var table, name, typ, cols, refTable, refCols, onDelete, onUpdate, def string
	var deferrable, deferred bool
	if err := r.Scan(&table, &name, &typ, &cols, &refTable, &refCols, &onDelete, &onUpdate, &def, &deferrable, &deferred); err != nil {
		return err
	}
	t := in.tables[table]
	if t == nil {
		return nil
	}
	var columns, refColumns []string
	if err := json.Unmarshal([]byte(cols), &columns); err != nil {
		return fmt.Errorf("columns of constraint %s: %w", name, err)
	}
	if err := json.Unmarshal([]byte(refCols), &refColumns); err != nil {
		return fmt.Errorf("referenced columns of constraint %s: %w", name, err)
	}
	if deferrable && typ != "f" {
		// schema.Unique and the primary key hold no DEFERRABLE.
		in.warnings = append(in.warnings, schema.Warning{Table: table, Column: name, Construct: "deferrable key constraint", Detail: def})
	}
	switch typ {
	case "p":
		t.PrimaryKey = columns
		if !autoKeyName(name) {
			t.PrimaryKeyName = name
		}
	case "u":
		if strings.Contains(def, "NULLS NOT DISTINCT") {
			// schema.Unique holds no NULLS NOT DISTINCT; a unique index does.
			in.warnings = append(in.warnings, schema.Warning{Table: table, Column: name,
				Construct: "unique constraint NULLS NOT DISTINCT", Detail: def})
		}
		t.Uniques = append(t.Uniques, schema.Unique{Name: name, Columns: columns})
	case "f":
		t.ForeignKeys = append(t.ForeignKeys, schema.ForeignKey{
			Name: name, Columns: columns, RefTable: refTable, RefColumns: refColumns,
			OnDelete: action(onDelete), OnUpdate: action(onUpdate),
			Deferrable: deferrable, InitiallyDeferred: deferred,
		})
	case "c":
		t.Checks = append(t.Checks, schema.Check{Name: name, Expr: checkExpr(def)})
	}
	return nil
}

// action maps pg_constraint's confdeltype/confupdtype letters.
func action(code string) schema.Action {
	switch code {
	case "r":
		return schema.Restrict
	case "c":
		return schema.Cascade
	case "n":
		return schema.SetNull
	case "d":
		return schema.SetDefault
	}
	return schema.NoAction
}

// checkExpr strips pg_get_constraintdef's CHECK (…) and options from a
// check constraint's definition, leaving the expression.
func checkExpr(def string) string {
	s := strings.TrimSpace(strings.TrimPrefix(def, "CHECK "))
	for _, opt := range []string{" NOT VALID", " NO INHERIT"} {
		s = strings.TrimSuffix(s, opt)
	}
	return unwrapAll(s)
}

// unwrapAll removes parentheses around the whole of s, however many.
func unwrapAll(s string) string {
	for {
		inner, ok := unwrapParens(strings.TrimSpace(s))
		if !ok {
			return strings.TrimSpace(s)
		}
		s = inner
	}
}
