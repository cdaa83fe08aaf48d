package sqlitedialect

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// queryEach runs query on q and calls scan for each row, closing the rows
// before it returns (so that q may be a *sql.Tx or *sql.Conn).
func queryEach(ctx context.Context, q dialect.Querier, scan func(*sql.Rows) error, query string, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return rows.Close()
}

// Inspect implements dialect.Dialect. It reads every table of the main
// database (not SQLite's own sqlite_% tables, views or virtual tables)
// from sqlite_master and the table_xinfo, table_list, index_list,
// index_info and foreign_key_list pragmas (STRICT and WITHOUT ROWID come
// from table_list; generated columns, which table_info hides, from
// table_xinfo). What the pragmas do not say (constraint names,
// AUTOINCREMENT, CHECK constraints, the values of an ENUM column, a
// partial index's WHERE, collations, generated columns' expressions) comes
// from the CREATE statements SQLite keeps. Views and triggers are read as
// schema.Objects (see inspectObjects).
func (d *Dialect) Inspect(ctx context.Context, q dialect.Querier, skip ...string) (*schema.Database, error) {
	type object struct{ name, table, sql string }
	var tables, indexes []object
	err := queryEach(ctx, q, func(r *sql.Rows) error {
		var o object
		var typ string
		var s sql.NullString
		if err := r.Scan(&typ, &o.name, &o.table, &s); err != nil {
			return err
		}
		o.sql = s.String
		if typ == "table" {
			tables = append(tables, o)
		} else if s.Valid {
			indexes = append(indexes, o)
		}
		return nil
	}, `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: inspect: list tables: %w", err)
	}
	indexSQL := map[string]string{}
	for _, x := range indexes {
		indexSQL[x.name] = x.sql
	}
	db := &schema.Database{}
	for _, o := range tables {
		if slices.Contains(skip, o.name) || strings.HasPrefix(strings.ToUpper(strings.TrimSpace(o.sql)), "CREATE VIRTUAL") {
			continue
		}
		t, err := d.inspectTable(ctx, q, o.name, o.sql, indexSQL)
		if err != nil {
			return nil, fmt.Errorf("sqlite: inspect table %q: %w", o.name, err)
		}
		db.Tables = append(db.Tables, *t)
	}
	if err := inspectObjects(ctx, q, db); err != nil {
		return nil, fmt.Errorf("sqlite: inspect views and triggers: %w", err)
	}
	return db, nil
}

func (d *Dialect) inspectTable(ctx context.Context, q dialect.Querier, name, createSQL string, indexSQL map[string]string) (*schema.Table, error) {
	def, err := parseCreateTable(createSQL)
	if err != nil {
		return nil, err
	}
	t := &schema.Table{Name: name}
	checks := namer{}
	var colChecks []schema.Check
	pk := map[int]string{}
	err = queryEach(ctx, q, func(r *sql.Rows) error {
		var cname, decl string
		var notNull, pkPos, hidden int
		var dflt sql.NullString
		if err := r.Scan(&cname, &decl, &notNull, &dflt, &pkPos, &hidden); err != nil {
			return err
		}
		typ := inspectDeclType(decl)
		c := schema.Column{Name: cname, Type: typ, NotNull: notNull == 1 || pkPos > 0}
		cd := def.column(cname)
		if err := inspectGenerated(&c, cd, hidden); err != nil {
			return err
		}
		if cd != nil {
			c.AutoIncrement = cd.AutoIncrement
			c.Collation = canonicalCollation(cd.Collation)
			for _, ck := range cd.Checks {
				if values, ok := parseEnumCheck(ck.Expr, cname); ok && typ.Kind == schema.KindText && c.Type.Kind == schema.KindText {
					c.Type = schema.Enum(values...)
					continue
				}
				if ck.Name == "" {
					ck.Name = schema.CheckName(name, []string{cname})
				}
				colChecks = append(colChecks, ck)
			}
		}
		if dflt.Valid && c.Generated == nil {
			c.Default = parseDefault(dflt.String, c.Type)
		}
		if pkPos > 0 {
			pk[pkPos] = cname
		}
		t.Columns = append(t.Columns, c)
		return nil
	}, `SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid`, name)
	if err != nil {
		return nil, err
	}
	if err := inspectTableOptions(ctx, q, t); err != nil {
		return nil, fmt.Errorf("table options: %w", err)
	}
	for i := 1; i <= len(pk); i++ {
		t.PrimaryKey = append(t.PrimaryKey, pk[i])
	}
	if err := d.inspectIndexes(ctx, q, t, def, indexSQL); err != nil {
		return nil, err
	}
	if err := d.inspectForeignKeys(ctx, q, t, def); err != nil {
		return nil, err
	}
	for _, ck := range def.Checks {
		if ck.Name == "" {
			ck.Name = schema.CheckName(name, nil)
		}
		t.Checks = append(t.Checks, schema.Check{Name: checks.unique(ck.Name), Expr: ck.Expr})
	}
	for _, ck := range colChecks {
		t.Checks = append(t.Checks, schema.Check{Name: checks.unique(ck.Name), Expr: ck.Expr})
	}
	return t, nil
}

// namer hands out names, adding _2, _3 … to one already given, for the
// constraints SQLite lets a table leave unnamed.
type namer map[string]bool

func (n namer) unique(name string) string {
	out := name
	for i := 2; n[out]; i++ {
		out = name + "_" + strconv.Itoa(i)
	}
	n[out] = true
	return out
}

func (d *Dialect) inspectIndexes(ctx context.Context, q dialect.Querier, t *schema.Table, def *tableDef, indexSQL map[string]string) error {
	type index struct {
		name, origin string
		unique       bool
	}
	var list []index
	err := queryEach(ctx, q, func(r *sql.Rows) error {
		var x index
		var unique int
		if err := r.Scan(&x.name, &unique, &x.origin); err != nil {
			return err
		}
		x.unique = unique == 1
		list = append(list, x)
		return nil
	}, `SELECT name, "unique", origin FROM pragma_index_list(?) ORDER BY seq`, t.Name)
	if err != nil {
		return fmt.Errorf("indexes: %w", err)
	}
	names := namer{}
	for _, x := range list {
		if x.origin == "pk" {
			continue
		}
		var cols []string
		err := queryEach(ctx, q, func(r *sql.Rows) error {
			var c sql.NullString
			if err := r.Scan(&c); err != nil {
				return err
			}
			cols = append(cols, c.String) // an expression has no name; see below
			return nil
		}, `SELECT name FROM pragma_index_info(?) ORDER BY seqno`, x.name)
		if err != nil {
			return fmt.Errorf("index %q: %w", x.name, err)
		}
		switch x.origin {
		case "u":
			t.Uniques = append(t.Uniques, schema.Unique{Name: names.unique(def.uniqueName(t.Name, cols)), Columns: cols})
		default:
			ix := schema.Index{Name: x.name, Columns: cols, Unique: x.unique}
			if s, ok := indexSQL[x.name]; ok {
				sqlCols, where, err := parseCreateIndex(s)
				if err != nil {
					return fmt.Errorf("index %q: %w", x.name, err)
				}
				ix.Where = where
				if len(sqlCols) == len(ix.Columns) {
					ix.Columns = sqlCols // with each key's COLLATE, DESC or expression
				}
			}
			t.Indexes = append(t.Indexes, ix)
		}
	}
	return nil
}

// uniqueName is the name the table's SQL gives the unique constraint over
// cols: a table constraint `CONSTRAINT name UNIQUE (cols)` or a column's
// `CONSTRAINT name UNIQUE`; or, when it has none, the name strata derives.
func (t *tableDef) uniqueName(table string, cols []string) string {
	for _, u := range t.Uniques {
		if u.Name != "" && sameNames(u.Columns, cols) {
			return u.Name
		}
	}
	if len(cols) == 1 {
		if c := t.column(cols[0]); c != nil && c.Unique && c.UniqueName != "" {
			return c.UniqueName
		}
	}
	return schema.UniqueName(table, cols)
}

func (d *Dialect) inspectForeignKeys(ctx context.Context, q dialect.Querier, t *schema.Table, def *tableDef) error {
	type part struct {
		id                               int
		parent, from, onUpdate, onDelete string
		to                               sql.NullString
	}
	var parts []part
	err := queryEach(ctx, q, func(r *sql.Rows) error {
		var p part
		if err := r.Scan(&p.id, &p.parent, &p.from, &p.to, &p.onUpdate, &p.onDelete); err != nil {
			return err
		}
		parts = append(parts, p)
		return nil
	}, `SELECT id, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`, t.Name)
	if err != nil {
		return fmt.Errorf("foreign keys: %w", err)
	}
	names := namer{}
	for i := 0; i < len(parts); {
		j := i
		fk := schema.ForeignKey{RefTable: parts[i].parent}
		implicit := false
		for ; j < len(parts) && parts[j].id == parts[i].id; j++ {
			fk.Columns = append(fk.Columns, parts[j].from)
			fk.RefColumns = append(fk.RefColumns, parts[j].to.String)
			implicit = implicit || !parts[j].to.Valid
		}
		if implicit {
			// REFERENCES parent without columns points at its primary key.
			refPK, err := primaryKeyOf(ctx, q, fk.RefTable)
			if err != nil {
				return fmt.Errorf("foreign key to %q: %w", fk.RefTable, err)
			}
			fk.RefColumns = refPK
		}
		if fk.OnDelete, err = schema.ParseAction(parts[i].onDelete); err != nil {
			return fmt.Errorf("foreign key to %q: %w", fk.RefTable, err)
		}
		if fk.OnUpdate, err = schema.ParseAction(parts[i].onUpdate); err != nil {
			return fmt.Errorf("foreign key to %q: %w", fk.RefTable, err)
		}
		name := ""
		if sk := def.foreignKey(fk.Columns, fk.RefTable); sk != nil {
			// pragma_foreign_key_list does not tell DEFERRABLE; the SQL does.
			name, fk.Deferrable, fk.InitiallyDeferred = sk.Name, sk.Deferrable, sk.InitiallyDeferred
		}
		if name == "" {
			name = schema.ForeignKeyName(t.Name, fk.Columns)
		}
		fk.Name = names.unique(name)
		t.ForeignKeys = append(t.ForeignKeys, fk)
		i = j
	}
	return nil
}

// primaryKeyOf lists the primary-key columns of table, in key order.
func primaryKeyOf(ctx context.Context, q dialect.Querier, table string) ([]string, error) {
	var cols []string
	err := queryEach(ctx, q, func(r *sql.Rows) error {
		var c string
		if err := r.Scan(&c); err != nil {
			return err
		}
		cols = append(cols, c)
		return nil
	}, `SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`, table)
	return cols, err
}
