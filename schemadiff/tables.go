package schemadiff

import (
	"slices"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// tables compares the tables of both sides: those only `to` has are
// created, those only `from` has dropped (or left), the others compared
// column by column and key by key.
func (d *differ) tables() {
	var dropped, added []*schema.Table
	for i := range d.from.Tables {
		ft := &d.from.Tables[i]
		if d.skip(ft.Name) {
			continue
		}
		if tt := d.to.Table(ft.Name); tt != nil {
			d.table(ft, tt)
		} else {
			dropped = append(dropped, ft)
		}
	}
	for i := range d.to.Tables {
		tt := &d.to.Tables[i]
		if !d.skip(tt.Name) && d.from.Table(tt.Name) == nil {
			added = append(added, tt)
		}
	}
	d.res.Suggested = append(d.res.Suggested, suggestTables(dropped, added)...)
	d.createTables(added)
	if !d.o.DropTables {
		for _, t := range dropped {
			d.res.Unmatched = append(d.res.Unmatched, t.Name)
		}
		return
	}
	d.dropTables(dropped)
}

// creationOrder orders tables so that each comes after the tables among
// them its foreign keys point at. A key that closes a cycle is returned
// apart, by table: the table is made without it and the key added after.
func creationOrder(tables []*schema.Table) ([]*schema.Table, map[string][]schema.ForeignKey) {
	byName := map[string]*schema.Table{}
	for _, t := range tables {
		byName[t.Name] = t
	}
	done, visiting := map[string]bool{}, map[string]bool{}
	deferred := map[string][]schema.ForeignKey{}
	var out []*schema.Table
	var visit func(t *schema.Table)
	visit = func(t *schema.Table) {
		if done[t.Name] || visiting[t.Name] {
			return
		}
		visiting[t.Name] = true
		for _, p := range t.Inherits {
			if parent := byName[p]; parent != nil {
				visit(parent)
			}
		}
		for _, fk := range t.ForeignKeys {
			ref := byName[fk.RefTable]
			switch {
			case ref == nil || ref.Name == t.Name:
			case visiting[ref.Name]:
				deferred[t.Name] = append(deferred[t.Name], fk)
			default:
				visit(ref)
			}
		}
		visiting[t.Name], done[t.Name] = false, true
		out = append(out, t)
	}
	for _, t := range tables {
		visit(t)
	}
	return out, deferred
}

// createTables creates the tables only `to` has, after those they point at.
func (d *differ) createTables(added []*schema.Table) {
	order, deferred := creationOrder(added)
	for _, t := range order {
		tt := t.Clone()
		if !d.o.Indexes {
			tt.Indexes = nil
		}
		if !d.o.Checks {
			tt.Checks = nil
		}
		later := deferred[t.Name]
		tt.ForeignKeys = slices.DeleteFunc(tt.ForeignKeys, func(fk schema.ForeignKey) bool {
			return slices.ContainsFunc(later, func(l schema.ForeignKey) bool { return l.Name == fk.Name && slices.Equal(l.Columns, fk.Columns) })
		})
		var steps []step
		for _, op := range ddl.CreateTableFrom(tt) {
			ph := phCreateTable
			if _, ok := op.(*ddl.AddIndexOp); ok {
				ph = phAddIndex
			}
			steps = append(steps, step{ph, op})
		}
		for _, fk := range later {
			steps = append(steps, step{phAddForeignKey, addForeignKeyOp(t.Name, fk)})
		}
		d.add(Change{Kind: AddTable, Table: t.Name, Name: t.Name, To: strings.Join(t.ColumnNames(), ", ")}, steps...)
	}
}

// dropTables drops the tables only `from` has, each before those it points
// at; a key in a cycle among them is removed first.
func (d *differ) dropTables(dropped []*schema.Table) {
	order, deferred := creationOrder(dropped)
	for i := len(order) - 1; i >= 0; i-- {
		t := order[i]
		var steps []step
		for _, fk := range deferred[t.Name] {
			steps = append(steps, step{phDropForeignKey, ddl.RemoveConstraint(t.Name, fk.Name)})
		}
		steps = append(steps, step{phDropTable, ddl.DropTable(t.Name)})
		d.add(Change{Kind: DropTable, Table: t.Name, Name: t.Name, From: strings.Join(t.ColumnNames(), ", "), Destructive: true}, steps...)
	}
}

// table compares a table both sides have.
func (d *differ) table(ft, tt *schema.Table) {
	d.foreignKeys(ft, tt)
	if d.o.Checks {
		d.checks(ft, tt)
	}
	if d.o.Indexes {
		d.indexes(ft, tt)
	}
	d.uniques(ft, tt)
	d.primaryKey(ft, tt)
	d.columns(ft, tt)
}
