package schemadiff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// foreignKeys compares the foreign keys of a table both sides have, by
// their columns and what they point at; a key whose actions differ is
// dropped and added again under its name.
func (d *differ) foreignKeys(ft, tt *schema.Table) {
	for _, f := range ft.ForeignKeys {
		i := slices.IndexFunc(tt.ForeignKeys, func(t schema.ForeignKey) bool { return sameReference(f, t) })
		if i < 0 {
			if d.o.KeepForeignKeys && d.keeps(tt, f) {
				continue
			}
			d.add(Change{Kind: DropForeignKey, Table: ft.Name, Name: f.Name, From: fkWords(f)},
				step{phDropForeignKey, ddl.RemoveConstraint(ft.Name, f.Name)})
			continue
		}
		t := tt.ForeignKeys[i]
		if sameActions(f, t) {
			continue
		}
		if t.Name == "" {
			t.Name = f.Name
		}
		d.add(Change{Kind: ChangeForeignKey, Table: ft.Name, Name: f.Name, From: actionWords(f), To: actionWords(t)},
			step{phDropForeignKey, ddl.RemoveConstraint(ft.Name, f.Name)},
			step{phAddForeignKey, addForeignKeyOp(ft.Name, t)})
	}
	for _, t := range tt.ForeignKeys {
		if slices.ContainsFunc(ft.ForeignKeys, func(f schema.ForeignKey) bool { return sameReference(f, t) }) {
			continue
		}
		op := addForeignKeyOp(ft.Name, t)
		d.add(Change{Kind: AddForeignKey, Table: ft.Name, Name: op.ConstraintName(), To: fkWords(t)}, step{phAddForeignKey, op})
	}
}

// keeps reports whether a foreign key of `from` that `to` lacks can stay:
// its columns, its table and the key it points at are all in `to`, the
// columns of the types of those they point at.
func (d *differ) keeps(tt *schema.Table, fk schema.ForeignKey) bool {
	ref := d.to.Table(fk.RefTable)
	if ref == nil || !ref.IsKey(fk.RefColumns) || len(fk.Columns) != len(fk.RefColumns) {
		return false
	}
	for i, c := range fk.Columns {
		col, rc := tt.Column(c), ref.Column(fk.RefColumns[i])
		if col == nil || rc == nil || !col.Type.Equal(rc.Type) {
			return false
		}
	}
	return true
}

func sameReference(a, b schema.ForeignKey) bool {
	return slices.Equal(a.Columns, b.Columns) && a.RefTable == b.RefTable && slices.Equal(a.RefColumns, b.RefColumns)
}

func sameActions(a, b schema.ForeignKey) bool {
	return orNoAction(a.OnDelete) == orNoAction(b.OnDelete) && orNoAction(a.OnUpdate) == orNoAction(b.OnUpdate) &&
		a.Deferrable == b.Deferrable && a.InitiallyDeferred == b.InitiallyDeferred
}

func orNoAction(a schema.Action) schema.Action {
	if a == "" {
		return schema.NoAction
	}
	return a
}

// addForeignKeyOp adds fk; an empty name is derived as ddl derives it
// (<table>_<columns>_fkey).
func addForeignKeyOp(table string, fk schema.ForeignKey) *ddl.AddConstraintOp {
	op := ddl.AddForeignKey(table, slices.Clone(fk.Columns), fk.RefTable, slices.Clone(fk.RefColumns)).
		Named(unlessDerived(fk.Name, schema.ForeignKeyName(table, fk.Columns))).WithOnDelete(orNoAction(fk.OnDelete)).WithOnUpdate(orNoAction(fk.OnUpdate))
	if fk.Deferrable || fk.InitiallyDeferred {
		op.WithDeferrable(fk.InitiallyDeferred)
	}
	return op
}

// uniques compares unique keys. One of `to` is satisfied by any key of
// `from` over the same columns: a unique constraint, a unique index or the
// primary key. A unique constraint of `from` that `to` has no key for is
// dropped; `from`'s unique indexes are indexes (see Options.Indexes).
func (d *differ) uniques(ft, tt *schema.Table) {
	for _, u := range ft.Uniques {
		if !tt.IsKey(u.Columns) && !d.referenced(ft.Name, u.Columns) {
			d.add(Change{Kind: DropUnique, Table: ft.Name, Name: u.Name, From: "UNIQUE (" + strings.Join(u.Columns, ", ") + ")"},
				step{phDropUnique, ddl.RemoveConstraint(ft.Name, u.Name)})
		}
	}
	for _, u := range tt.Uniques {
		if ft.IsKey(u.Columns) {
			continue
		}
		op := ddl.AddUnique(ft.Name, slices.Clone(u.Columns)...).Named(unlessDerived(u.Name, schema.UniqueName(ft.Name, u.Columns)))
		d.add(Change{Kind: AddUnique, Table: ft.Name, Name: op.ConstraintName(), To: "UNIQUE (" + strings.Join(u.Columns, ", ") + ")"},
			step{phAddUnique, op})
	}
}

// referenced reports whether a foreign key of `to` points at cols of
// table: the key must stay, whatever `to`'s table says.
func (d *differ) referenced(table string, cols []string) bool {
	for _, t := range d.to.Tables {
		for _, fk := range t.ForeignKeys {
			if fk.RefTable == table && slices.Equal(fk.RefColumns, cols) {
				return true
			}
		}
	}
	return false
}

// primaryKey compares the primary keys, columns in order.
func (d *differ) primaryKey(ft, tt *schema.Table) {
	if slices.Equal(ft.PrimaryKey, tt.PrimaryKey) {
		return
	}
	var steps []step
	if len(ft.PrimaryKey) > 0 {
		steps = append(steps, step{phDropPrimaryKey, ddl.RemoveConstraint(ft.Name, ddl.PrimaryKeyName(ft.Name))})
	}
	if len(tt.PrimaryKey) > 0 {
		steps = append(steps, step{phAddPrimaryKey, ddl.AddPrimaryKey(ft.Name, slices.Clone(tt.PrimaryKey)...).Named(tt.PrimaryKeyName)})
	}
	d.add(Change{Kind: ChangePrimaryKey, Table: ft.Name, Name: cmpOr(tt.PrimaryKeyName, ft.PrimaryKeyName, ddl.PrimaryKeyName(ft.Name)),
		From: keyWords(ft.PrimaryKey), To: keyWords(tt.PrimaryKey)}, steps...)
}

func cmpOr(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// indexes compares indexes by definition: an index of the other side with
// the same definition matches whatever its name; one of the same name and
// another definition is dropped and made again.
func (d *differ) indexes(ft, tt *schema.Table) {
	for _, f := range ft.Indexes {
		if slices.ContainsFunc(tt.Indexes, func(t schema.Index) bool { return sameIndex(f, t) }) {
			continue
		}
		if t := tt.Index(f.Name); t != nil {
			d.add(Change{Kind: ChangeIndex, Table: ft.Name, Name: f.Name, From: indexWords(f), To: indexWords(*t)},
				step{phDropIndex, ddl.RemoveIndex(ft.Name, f.Name)}, step{phAddIndex, addIndexOp(ft.Name, *t)})
			continue
		}
		d.add(Change{Kind: DropIndex, Table: ft.Name, Name: f.Name, From: indexWords(f)}, step{phDropIndex, ddl.RemoveIndex(ft.Name, f.Name)})
	}
	for _, t := range tt.Indexes {
		if slices.ContainsFunc(ft.Indexes, func(f schema.Index) bool { return sameIndex(f, t) }) || ft.Index(t.Name) != nil {
			continue
		}
		op := addIndexOp(ft.Name, t)
		d.add(Change{Kind: AddIndex, Table: ft.Name, Name: op.Index().Name, To: indexWords(t)}, step{phAddIndex, op})
	}
}

// unlessDerived is name, or empty when it is the one ddl derives anyway:
// the operation then prints as a migration writer would write it.
func unlessDerived(name, derived string) string {
	if name == derived {
		return ""
	}
	return name
}

func sameIndex(a, b schema.Index) bool {
	return slices.Equal(a.Columns, b.Columns) && a.Unique == b.Unique && a.Where == b.Where && strings.EqualFold(a.Method, b.Method) &&
		slices.Equal(a.Include, b.Include) && a.NullsNotDistinct == b.NullsNotDistinct && a.SameLengths(b)
}

func addIndexOp(table string, x schema.Index) *ddl.AddIndexOp {
	return &ddl.AddIndexOp{Table: table, Name: unlessDerived(x.Name, schema.IndexName(table, x.Columns)), Columns: slices.Clone(x.Columns), Unique: x.Unique, Where: x.Where,
		Method: x.Method, Include: slices.Clone(x.Include), NullsNotDistinct: x.NullsNotDistinct, Lengths: x.CanonicalLengths()}
}

// checks compares check constraints by name and expression.
func (d *differ) checks(ft, tt *schema.Table) {
	for _, f := range ft.Checks {
		t := tt.Check(f.Name)
		switch {
		case t == nil:
			d.add(Change{Kind: DropCheck, Table: ft.Name, Name: f.Name, From: f.Expr}, step{phDropCheck, ddl.RemoveConstraint(ft.Name, f.Name)})
		case t.Expr != f.Expr:
			d.add(Change{Kind: ChangeCheck, Table: ft.Name, Name: f.Name, From: f.Expr, To: t.Expr},
				step{phDropCheck, ddl.RemoveConstraint(ft.Name, f.Name)}, step{phAddCheck, ddl.AddCheck(ft.Name, t.Name, t.Expr)})
		}
	}
	for _, t := range tt.Checks {
		if ft.Check(t.Name) == nil {
			d.add(Change{Kind: AddCheck, Table: ft.Name, Name: t.Name, To: t.Expr}, step{phAddCheck, ddl.AddCheck(ft.Name, t.Name, t.Expr)})
		}
	}
}

func fkWords(fk schema.ForeignKey) string {
	return fmt.Sprintf("(%s) REFERENCES %s (%s) %s", strings.Join(fk.Columns, ", "), fk.RefTable, strings.Join(fk.RefColumns, ", "), actionWords(fk))
}

func actionWords(fk schema.ForeignKey) string {
	s := "ON DELETE " + string(orNoAction(fk.OnDelete)) + " ON UPDATE " + string(orNoAction(fk.OnUpdate))
	if fk.InitiallyDeferred {
		s += " DEFERRABLE INITIALLY DEFERRED"
	} else if fk.Deferrable {
		s += " DEFERRABLE"
	}
	return s
}

func keyWords(cols []string) string {
	if len(cols) == 0 {
		return ""
	}
	return "PRIMARY KEY (" + strings.Join(cols, ", ") + ")"
}

func indexWords(x schema.Index) string {
	s := "INDEX"
	if x.Unique {
		s = "UNIQUE INDEX"
	}
	keys := slices.Clone(x.Columns)
	for i, k := range keys {
		if n := x.Length(i); n > 0 {
			col, order, _ := strings.Cut(k, " ")
			keys[i] = strings.TrimSpace(fmt.Sprintf("%s(%d) %s", col, n, order))
		}
	}
	s += " (" + strings.Join(keys, ", ") + ")"
	if x.Method != "" {
		s += " USING " + x.Method
	}
	if x.Where != "" {
		s += " WHERE " + x.Where
	}
	return s
}
