package sequelizejs

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/dop251/goja"
	"github.com/strata-orm/strata/ddl"
)

// rowValue turns a value of a seeder's row into what ddl.Row holds:
// strings, bools, ints, float64, time.Time (a Date, in UTC), nil, and JSON
// text for an object or an array (Sequelize writes a JSON column's value
// so). A Sequelize.fn or literal cannot be a bound value: it is an error.
func (rec *recording) rowValue(v goja.Value) (any, error) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil, nil
	}
	if o, ok := v.(*goja.Object); ok && rawKind(o) != "" {
		return nil, fmt.Errorf("a row value is a SQL expression (Sequelize.%s); a recorded bulk operation holds values only", rawKind(o))
	}
	switch x := v.Export().(type) {
	case string, bool:
		return x, nil
	case int64:
		return int(x), nil
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int(x), nil
		}
		return x, nil
	case time.Time:
		return x.UTC(), nil
	case []byte:
		return x, nil
	}
	b, err := json.Marshal(v.Export())
	if err != nil {
		return nil, fmt.Errorf("value %s: %w", v.String(), err)
	}
	return string(b), nil
}

func (rec *recording) row(v goja.Value) (ddl.Row, error) {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil, fmt.Errorf("row %s is not an object", v)
	}
	row := ddl.Row{}
	for _, k := range o.Keys() {
		x, err := rec.rowValue(o.Get(k))
		if err != nil {
			return nil, fmt.Errorf("column %q: %w", k, err)
		}
		row[k] = x
	}
	return row, nil
}

func (rec *recording) bulkInsert(c goja.FunctionCall) (any, error) {
	table, err := tableName(arg(c, 0))
	if err != nil {
		return nil, err
	}
	rows, ok := arg(c, 1).(*goja.Object)
	if !ok {
		return nil, fmt.Errorf("bulkInsert(%q): the rows are not a list", table)
	}
	op := &ddl.BulkInsertOp{Table: table}
	for _, k := range rows.Keys() {
		r, err := rec.row(rows.Get(k))
		if err != nil {
			return nil, rec.problem(fmt.Sprintf("bulkInsert(%q)", table), err.Error())
		}
		op.Rows = append(op.Rows, r)
	}
	if len(op.Rows) == 0 {
		return nil, nil // Sequelize sends nothing
	}
	rec.emit(op)
	return nil, nil
}

// where reads a bulk operation's where: the equality, IN and IS NULL
// filter ddl.Where holds, or, for anything else, the SQL Sequelize writes
// for it (raw is true).
func (rec *recording) where(v goja.Value) (w ddl.Where, sql string, raw bool, err error) {
	o, ok := v.(*goja.Object)
	if !ok || o == nil {
		return nil, "", false, nil
	}
	simple := len(o.Symbols()) == 0 && rawKind(o) == ""
	w = ddl.Where{}
	if simple {
		for _, k := range o.Keys() {
			x := o.Get(k)
			if xo, ok := x.(*goja.Object); ok {
				if isArray(x) {
					var vals []any
					for _, i := range xo.Keys() {
						e, err := rec.rowValue(xo.Get(i))
						if err != nil || e == nil {
							simple = false
							break
						}
						vals = append(vals, e)
					}
					w[k] = vals
					continue
				}
				if _, isDate := x.Export().(time.Time); !isDate {
					simple = false
					break
				}
			}
			e, err := rec.rowValue(x)
			if err != nil {
				simple = false
				break
			}
			w[k] = e
		}
	}
	if simple {
		return w, "", false, nil
	}
	s, err := RenderWhere(rec.r, rec.d, v)
	return nil, s, true, err
}

func (rec *recording) bulkUpdate(c goja.FunctionCall) (any, error) {
	table, err := tableName(arg(c, 0))
	if err != nil {
		return nil, err
	}
	set, err := rec.row(arg(c, 1))
	if err != nil {
		return nil, rec.problem(fmt.Sprintf("bulkUpdate(%q)", table), err.Error())
	}
	w, sql, raw, err := rec.where(arg(c, 2))
	if err != nil {
		return nil, fmt.Errorf("bulkUpdate(%q): %w", table, err)
	}
	if raw {
		var sets []string
		keys := make([]string, 0, len(set))
		for k := range set {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			s, err := escapeValue(rec.r, rec.d, rec.r.VM.ToValue(set[k]))
			if err != nil {
				return nil, err
			}
			sets = append(sets, quoteIdent(rec.d, k)+"="+s)
		}
		rec.emit(ddl.Raw(fmt.Sprintf("UPDATE %s SET %s WHERE %s", quoteIdent(rec.d, table), strings.Join(sets, ","), sql)))
		return nil, nil
	}
	rec.emit(ddl.BulkUpdate(table, set, w))
	return nil, nil
}

func (rec *recording) bulkDelete(c goja.FunctionCall) (any, error) {
	table, err := tableName(arg(c, 0))
	if err != nil {
		return nil, err
	}
	w, sql, raw, err := rec.where(arg(c, 1))
	if err != nil {
		return nil, fmt.Errorf("bulkDelete(%q): %w", table, err)
	}
	if raw {
		rec.emit(ddl.Raw(fmt.Sprintf("DELETE FROM %s WHERE %s", quoteIdent(rec.d, table), sql)))
		return nil, nil
	}
	if len(w) == 0 {
		w = nil
	}
	rec.emit(ddl.BulkDelete(table, w))
	return nil, nil
}
