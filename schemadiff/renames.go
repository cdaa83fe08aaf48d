package schemadiff

import (
	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// renames applies the confirmed renames to d.from, tables first, each as
// a change of its own, so that the rest of the comparison sees `from`
// under `to`'s names.
func (d *differ) renames() error {
	tableTo := map[string]string{}
	for _, r := range d.o.Renames {
		if r.Table != "" {
			continue
		}
		switch {
		case d.from.Table(r.From) == nil:
			return &RenameError{Rename: r, Reason: "the old schema has no such table"}
		case d.to.Table(r.To) == nil:
			return &RenameError{Rename: r, Reason: "the new schema has no such table"}
		case d.from.Table(r.To) != nil:
			return &RenameError{Rename: r, Reason: "the old schema already has a table of the new name"}
		}
		if err := d.rename(Change{Kind: RenameTable, Table: r.From, Name: r.From, From: r.From, To: r.To},
			ddl.RenameTable(r.From, r.To)); err != nil {
			return err
		}
		tableTo[r.From] = r.To
	}
	for _, r := range d.o.Renames {
		if r.Table == "" {
			continue
		}
		table := r.Table
		if to, ok := tableTo[table]; ok {
			table = to
		}
		ft, tt := d.from.Table(table), d.to.Table(table)
		switch {
		case ft == nil || tt == nil:
			return &RenameError{Rename: r, Reason: "the table is not in both schemas (name it as the new schema does)"}
		case ft.Column(r.From) == nil:
			return &RenameError{Rename: r, Reason: "the old table has no such column"}
		case tt.Column(r.To) == nil:
			return &RenameError{Rename: r, Reason: "the new table has no such column"}
		case ft.Column(r.To) != nil:
			return &RenameError{Rename: r, Reason: "the old table already has a column of the new name"}
		}
		if err := d.rename(Change{Kind: RenameColumn, Table: table, Name: r.From, From: r.From, To: r.To},
			ddl.RenameColumn(table, r.From, r.To)); err != nil {
			return err
		}
	}
	return nil
}

func (d *differ) rename(c Change, op ddl.Op) error {
	if err := op.Apply(d.from); err != nil {
		return &OpError{Op: op, Err: err}
	}
	d.add(c, step{phRename, op})
	return nil
}

// suggest lists the likely renames among what is dropped and added: in a
// table, a dropped and an added column of the same type, and the one
// dropped and the one added column left when their types are of one
// family (a field renamed and resized at once: a drop would lose its
// data); across tables, a dropped
// and an added table with the same columns.
func suggestColumns(table string, dropped, added []schema.Column) []Rename {
	var out []Rename
	used := map[string]bool{}
	var left []schema.Column
	for _, f := range dropped {
		found := false
		for _, t := range added {
			if !used[t.Name] && f.Type.Equal(t.Type) {
				used[t.Name] = true
				out = append(out, Rename{Table: table, From: f.Name, To: t.Name})
				found = true
				break
			}
		}
		if !found {
			left = append(left, f)
		}
	}
	var right []schema.Column
	for _, t := range added {
		if !used[t.Name] {
			right = append(right, t)
		}
	}
	if len(left) == 1 && len(right) == 1 && family(left[0].Type) == family(right[0].Type) {
		out = append(out, Rename{Table: table, From: left[0].Name, To: right[0].Name})
	}
	return out
}

// family groups the kinds of type a column is resized or widened between
// (text, numbers, instants and dates, JSON); any other kind is its own.
func family(t schema.Type) schema.Kind {
	switch t.Kind {
	case schema.KindString, schema.KindChar, schema.KindText:
		return schema.KindText
	case schema.KindInteger, schema.KindBigInt, schema.KindSmallInt, schema.KindFloat, schema.KindDouble, schema.KindDecimal:
		return schema.KindDecimal
	case schema.KindDate, schema.KindDateOnly:
		return schema.KindDate
	case schema.KindJSON, schema.KindJSONB:
		return schema.KindJSON
	}
	return t.Kind
}

func suggestTables(dropped, added []*schema.Table) []Rename {
	var out []Rename
	used := map[string]bool{}
	for _, f := range dropped {
		for _, t := range added {
			if !used[t.Name] && sameColumns(f, t) {
				used[t.Name] = true
				out = append(out, Rename{From: f.Name, To: t.Name})
				break
			}
		}
	}
	return out
}

func sameColumns(a, b *schema.Table) bool {
	if len(a.Columns) != len(b.Columns) {
		return false
	}
	for _, c := range a.Columns {
		o := b.Column(c.Name)
		if o == nil || !o.Type.Equal(c.Type) {
			return false
		}
	}
	return true
}
