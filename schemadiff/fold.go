package schemadiff

import (
	"github.com/strata-orm/strata/ddl"
)

// fold writes an added column and the foreign key added on it alone as
// one operation, as a person writes it: ddl.AddColumn(t,
// ddl.Column(…).References(…).OnDelete(…)) instead of AddColumn then
// AddForeignKey. It folds only where the key is a plain one (not
// deferrable) to a table that exists when the column is added, so the
// order of Up still applies: nor where the referenced table gains or
// changes a column, a primary or a unique key between the two (the key
// points at it).
func fold(up []ddl.Op) []ddl.Op {
	created := map[string]int{} // table → index of its createTable in up
	for i, op := range up {
		if ct, ok := op.(*ddl.CreateTableOp); ok {
			created[ct.Name] = i
		}
	}
	added := map[[2]string]int{} // table, column → index of its addColumn
	for i, op := range up {
		if ac, ok := op.(*ddl.AddColumnOp); ok && ac.Column.Ref == nil {
			added[[2]string{ac.Table, ac.Column.Name}] = i
		}
	}
	drop := map[int]bool{}
	for i, op := range up {
		fk, ok := op.(*ddl.AddConstraintOp)
		if !ok || fk.Type != ddl.ForeignKeyConstraint || len(fk.Columns) != 1 || len(fk.RefColumns) != 1 || fk.Deferrable || fk.InitiallyDeferred {
			continue
		}
		at, ok := added[[2]string{fk.Table, fk.Columns[0]}]
		if !ok || at > i {
			continue
		}
		if c, ok := created[fk.RefTable]; ok && c > at {
			continue // the referenced table comes later
		}
		if changesKeys(up[at+1:i], fk.RefTable) {
			continue // the key it points at is added or changed in between
		}
		ac := up[at].(*ddl.AddColumnOp)
		def := ac.Column
		def.Ref = &ddl.Reference{Table: fk.RefTable, Column: fk.RefColumns[0], OnDelete: fk.OnDelete, OnUpdate: fk.OnUpdate, Name: fk.Name}
		up[at] = ddl.AddColumn(ac.Table, def)
		drop[i] = true
	}
	out := up[:0]
	for i, op := range up {
		if !drop[i] {
			out = append(out, op)
		}
	}
	return out
}

// changesKeys reports whether ops add or change a column, a primary or a
// unique key of table.
func changesKeys(ops []ddl.Op, table string) bool {
	for _, op := range ops {
		switch o := op.(type) {
		case *ddl.AddColumnOp:
			if o.Table == table {
				return true
			}
		case *ddl.ChangeColumnOp:
			if o.Table == table {
				return true
			}
		case *ddl.AddConstraintOp:
			if o.Table == table && o.Type != ddl.ForeignKeyConstraint {
				return true
			}
		}
	}
	return false
}
