package dialect

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// After returns the schema after op, or op's error. Render implementations
// call it first, so that every op is checked before any SQL is made.
func After(op ddl.Op, before *schema.Database) (*schema.Database, error) {
	after := before.Clone()
	if after == nil {
		after = &schema.Database{}
	}
	if err := op.Apply(after); err != nil {
		return nil, err
	}
	return after, nil
}

// CheckNames reports the first table, column, index or constraint name of
// table in db longer than d allows.
func CheckNames(d Dialect, db *schema.Database, table string) error {
	max := d.MaxIdentLen()
	if max == 0 {
		return nil
	}
	t := db.Table(table)
	if t == nil {
		return nil
	}
	check := func(what, name string) error {
		if len(name) > max {
			return fmt.Errorf("%s name %q is %d bytes long; %s allows at most %d: choose a shorter name", what, name, len(name), d.Name(), max)
		}
		return nil
	}
	if err := check("table", t.Name); err != nil {
		return err
	}
	for _, c := range t.Columns {
		if err := check("column", c.Name); err != nil {
			return err
		}
	}
	for _, u := range t.Uniques {
		if err := check("unique constraint", u.Name); err != nil {
			return err
		}
	}
	for _, x := range t.Indexes {
		if err := check("index", x.Name); err != nil {
			return err
		}
	}
	for _, fk := range t.ForeignKeys {
		if err := check("foreign key", fk.Name); err != nil {
			return err
		}
	}
	for _, ck := range t.Checks {
		if err := check("check constraint", ck.Name); err != nil {
			return err
		}
	}
	return nil
}

// QuoteList quotes each name and joins them with ", ".
func QuoteList(d Dialect, names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = d.Quote(n)
	}
	return strings.Join(q, ", ")
}

// RenderBulkInsert renders a BulkInsertOp as INSERT statements, as many rows
// to a statement as the dialect's parameter limit allows (and at most 1000).
// A row missing one of the columns inserts NULL there.
func RenderBulkInsert(d Dialect, op *ddl.BulkInsertOp) []Stmt {
	cols := op.Columns()
	per := min(1000, max(1, d.MaxParams()/max(1, len(cols))))
	var out []Stmt
	for start := 0; start < len(op.Rows); start += per {
		rows := op.Rows[start:min(start+per, len(op.Rows))]
		var b strings.Builder
		fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", d.Quote(op.Table), QuoteList(d, cols))
		args := make([]any, 0, len(rows)*len(cols))
		for i, r := range rows {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for j, c := range cols {
				if j > 0 {
					b.WriteString(", ")
				}
				args = append(args, r[c])
				b.WriteString(d.Placeholder(len(args)))
			}
			b.WriteByte(')')
		}
		out = append(out, Stmt{SQL: b.String(), Args: args})
	}
	return out
}

// RenderWhere renders a ddl.Where as a SQL condition, numbering placeholders
// after the n arguments already in args. An empty Where is "" (every row).
func RenderWhere(d Dialect, w ddl.Where, args []any) (string, []any) {
	var parts []string
	for _, c := range w.Columns() {
		v := w[c]
		switch {
		case v == nil:
			parts = append(parts, d.Quote(c)+" IS NULL")
		case isList(v):
			rv := reflect.ValueOf(v)
			if rv.Len() == 0 {
				parts = append(parts, "1 = 0")
				continue
			}
			ph := make([]string, rv.Len())
			for i := range ph {
				args = append(args, rv.Index(i).Interface())
				ph[i] = d.Placeholder(len(args))
			}
			parts = append(parts, fmt.Sprintf("%s IN (%s)", d.Quote(c), strings.Join(ph, ", ")))
		default:
			args = append(args, v)
			parts = append(parts, fmt.Sprintf("%s = %s", d.Quote(c), d.Placeholder(len(args))))
		}
	}
	return strings.Join(parts, " AND "), args
}

func isList(v any) bool {
	rv := reflect.ValueOf(v)
	k := rv.Kind()
	if k == reflect.Array {
		return true
	}
	return k == reflect.Slice && rv.Type().Elem().Kind() != reflect.Uint8
}

// RenderBulkUpdate renders a BulkUpdateOp as one UPDATE statement.
func RenderBulkUpdate(d Dialect, op *ddl.BulkUpdateOp) Stmt {
	var b strings.Builder
	fmt.Fprintf(&b, "UPDATE %s SET ", d.Quote(op.Table))
	var args []any
	for i, c := range ddl.Where(op.Set).Columns() {
		if i > 0 {
			b.WriteString(", ")
		}
		args = append(args, op.Set[c])
		fmt.Fprintf(&b, "%s = %s", d.Quote(c), d.Placeholder(len(args)))
	}
	if cond, a := RenderWhere(d, op.Where, args); cond != "" {
		b.WriteString(" WHERE ")
		b.WriteString(cond)
		args = a
	}
	return Stmt{SQL: b.String(), Args: args}
}

// RenderBulkDelete renders a BulkDeleteOp as one DELETE statement.
func RenderBulkDelete(d Dialect, op *ddl.BulkDeleteOp) Stmt {
	sql := "DELETE FROM " + d.Quote(op.Table)
	cond, args := RenderWhere(d, op.Where, nil)
	if cond != "" {
		sql += " WHERE " + cond
	}
	return Stmt{SQL: sql, Args: args}
}

// RenderRaw renders a RawOp for d.
func RenderRaw(d Dialect, op *ddl.RawOp) ([]Stmt, error) {
	sql, err := op.SQLFor(d.Name())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return []Stmt{{SQL: sql, Args: op.Args}}, nil
}
