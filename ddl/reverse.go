package ddl

import (
	"slices"

	"github.com/strata-orm/strata/schema"
)

func irreversible(op Op, why string) error {
	return fail(op, ErrIrreversible, "%s; write the down migration by hand", why)
}

// CreateTableFrom returns the operations that create t as it stands: the
// table with its constraints, then its indexes.
func CreateTableFrom(t schema.Table) []Op {
	ct := &CreateTableOp{Name: t.Name, Comment: t.Comment, PrimaryKey: slices.Clone(t.PrimaryKey), PrimaryKeyName: t.PrimaryKeyName,
		Strict: t.Strict, WithoutRowID: t.WithoutRowID, Inherits: slices.Clone(t.Inherits), PartitionBy: t.PartitionBy}
	for _, c := range t.Columns {
		ct.Columns = append(ct.Columns, ColumnOf(c))
	}
	for _, u := range t.Uniques {
		ct.Uniques = append(ct.Uniques, schema.Unique{Name: u.Name, Columns: slices.Clone(u.Columns)})
	}
	for _, fk := range t.ForeignKeys {
		fk.Columns, fk.RefColumns = slices.Clone(fk.Columns), slices.Clone(fk.RefColumns)
		ct.ForeignKeys = append(ct.ForeignKeys, fk)
	}
	ct.Checks = slices.Clone(t.Checks)
	ops := []Op{ct}
	for _, x := range t.Indexes {
		ops = append(ops, addIndexFrom(t.Name, x))
	}
	return ops
}

func addIndexFrom(table string, x schema.Index) *AddIndexOp {
	return &AddIndexOp{Table: table, Name: x.Name, Columns: slices.Clone(x.Columns), Unique: x.Unique, Where: x.Where,
		Method: x.Method, Include: slices.Clone(x.Include), NullsNotDistinct: x.NullsNotDistinct, Lengths: slices.Clone(x.Lengths)}
}

func addForeignKeyFrom(table string, fk schema.ForeignKey) *AddConstraintOp {
	return &AddConstraintOp{Table: table, Type: ForeignKeyConstraint, Name: fk.Name, Columns: slices.Clone(fk.Columns),
		RefTable: fk.RefTable, RefColumns: slices.Clone(fk.RefColumns), OnDelete: fk.OnDelete, OnUpdate: fk.OnUpdate,
		Deferrable: fk.Deferrable, InitiallyDeferred: fk.InitiallyDeferred}
}

// Reverse implements Op: the table is dropped.
func (o *CreateTableOp) Reverse(*schema.Database) ([]Op, error) {
	return []Op{DropTable(o.Name)}, nil
}

// Reverse implements Op: the table is created again as it was, with its
// indexes and, after a cascade, the foreign keys that pointed at it.
func (o *DropTableOp) Reverse(before *schema.Database) ([]Op, error) {
	t := before.Table(o.Name)
	if t == nil {
		if o.IfExists {
			return nil, nil
		}
		return nil, fail(o, ErrNotFound, "table %q does not exist", o.Name)
	}
	ops := CreateTableFrom(*t)
	if o.Cascade {
		for _, other := range before.Tables {
			if other.Name == o.Name {
				continue
			}
			for _, fk := range other.ForeignKeys {
				if fk.RefTable == o.Name {
					ops = append(ops, addForeignKeyFrom(other.Name, fk))
				}
			}
		}
	}
	return ops, nil
}

// Reverse implements Op.
func (o *RenameTableOp) Reverse(*schema.Database) ([]Op, error) {
	return []Op{RenameTable(o.To, o.From)}, nil
}

// Reverse implements Op: the column is removed, with what it added.
func (o *AddColumnOp) Reverse(*schema.Database) ([]Op, error) {
	return []Op{RemoveColumn(o.Table, o.Column.Name)}, nil
}

// Reverse implements Op: the column is added again with its old definition,
// then the constraints and indexes that went with it. The data is not
// restored.
func (o *RemoveColumnOp) Reverse(before *schema.Database) ([]Op, error) {
	t := before.Table(o.Table)
	if t == nil || t.Column(o.Column) == nil {
		return nil, fail(o, ErrNotFound, "table %q has no column %q", o.Table, o.Column)
	}
	after := t.Clone()
	RemoveColumnFrom(&after, o.Column)
	ops := []Op{AddColumn(o.Table, ColumnOf(*t.Column(o.Column)))}
	ops = append(ops, restoreConstraints(*t, after)...)
	return ops, nil
}

// restoreConstraints returns operations adding back what before has and
// after lacks: unique constraints, checks, foreign keys, indexes.
func restoreConstraints(before, after schema.Table) []Op {
	var ops []Op
	for _, u := range before.Uniques {
		if after.Unique(u.Name) == nil {
			ops = append(ops, &AddConstraintOp{Table: before.Name, Type: UniqueConstraint, Name: u.Name, Columns: slices.Clone(u.Columns)})
		}
	}
	for _, ck := range before.Checks {
		if after.Check(ck.Name) == nil {
			ops = append(ops, AddCheck(before.Name, ck.Name, ck.Expr))
		}
	}
	for _, fk := range before.ForeignKeys {
		if after.ForeignKey(fk.Name) == nil {
			ops = append(ops, addForeignKeyFrom(before.Name, fk))
		}
	}
	for _, x := range before.Indexes {
		if after.Index(x.Name) == nil {
			ops = append(ops, addIndexFrom(before.Name, x))
		}
	}
	return ops
}

// Reverse implements Op: constraints the change added are removed, then the
// old definition is restored.
func (o *ChangeColumnOp) Reverse(before *schema.Database) ([]Op, error) {
	t := before.Table(o.Table)
	if t == nil || t.Column(o.Column.Name) == nil {
		return nil, fail(o, ErrNotFound, "table %q has no column %q", o.Table, o.Column.Name)
	}
	var ops []Op
	if u, ok := o.Column.UniqueConstraint(o.Table); ok && t.Unique(u.Name) == nil {
		ops = append(ops, RemoveConstraint(o.Table, u.Name))
	}
	if fk, ok := o.Column.ForeignKey(o.Table); ok && t.ForeignKey(fk.Name) == nil {
		ops = append(ops, RemoveConstraint(o.Table, fk.Name))
	}
	return append(ops, ChangeColumn(o.Table, ColumnOf(*t.Column(o.Column.Name)))), nil
}

// Reverse implements Op.
func (o *RenameColumnOp) Reverse(*schema.Database) ([]Op, error) {
	return []Op{RenameColumn(o.Table, o.To, o.From)}, nil
}

// Reverse implements Op.
func (o *AddIndexOp) Reverse(*schema.Database) ([]Op, error) {
	return []Op{RemoveIndex(o.Table, o.Index().Name)}, nil
}

// Reverse implements Op: the index (or unique constraint) is created again
// as it was.
func (o *RemoveIndexOp) Reverse(before *schema.Database) ([]Op, error) {
	t := before.Table(o.Table)
	name := o.IndexName()
	switch {
	case t != nil && t.Index(name) != nil:
		return []Op{addIndexFrom(o.Table, *t.Index(name))}, nil
	case t != nil && t.Unique(name) != nil:
		return []Op{&AddConstraintOp{Table: o.Table, Type: UniqueConstraint, Name: name, Columns: slices.Clone(t.Unique(name).Columns)}}, nil
	}
	return nil, fail(o, ErrNotFound, "table %q has no index %q", o.Table, name)
}

// Reverse implements Op.
func (o *AddConstraintOp) Reverse(*schema.Database) ([]Op, error) {
	name := o.ConstraintName()
	if o.Type == PrimaryKeyConstraint {
		name = PrimaryKeyName(o.Table)
	}
	return []Op{RemoveConstraint(o.Table, name)}, nil
}

// Reverse implements Op: the constraint is added again as it was.
func (o *RemoveConstraintOp) Reverse(before *schema.Database) ([]Op, error) {
	t := before.Table(o.Table)
	if t == nil {
		return nil, fail(o, ErrNotFound, "table %q does not exist", o.Table)
	}
	if o.Name == PrimaryKeyName(t.Name) && len(t.PrimaryKey) > 0 && !t.HasConstraint(o.Name) {
		return []Op{AddPrimaryKey(t.Name, slices.Clone(t.PrimaryKey)...)}, nil
	}
	if x := t.Index(o.Name); x != nil && x.Unique && x.Where == "" {
		return []Op{addIndexFrom(t.Name, *x)}, nil // a unique index (see RemoveIndexOp.Apply)
	}
	after := t.Clone()
	after.Uniques = slices.DeleteFunc(after.Uniques, func(u schema.Unique) bool { return u.Name == o.Name })
	after.ForeignKeys = slices.DeleteFunc(after.ForeignKeys, func(fk schema.ForeignKey) bool { return fk.Name == o.Name })
	after.Checks = slices.DeleteFunc(after.Checks, func(ck schema.Check) bool { return ck.Name == o.Name })
	ops := restoreConstraints(*t, after)
	if len(ops) == 0 {
		return nil, fail(o, ErrNotFound, "table %q has no constraint %q", o.Table, o.Name)
	}
	return ops, nil
}

// Reverse implements Op: when every row carries the table's primary key,
// the inserted rows are deleted by key; otherwise there is no safe inverse.
func (o *BulkInsertOp) Reverse(before *schema.Database) ([]Op, error) {
	t := before.Table(o.Table)
	if t == nil {
		return nil, fail(o, ErrNotFound, "table %q does not exist", o.Table)
	}
	if len(t.PrimaryKey) == 0 {
		return nil, irreversible(o, "the table has no primary key to delete the inserted rows by")
	}
	var ops []Op
	var keys []any
	for _, r := range o.Rows {
		w := Where{}
		for _, pk := range t.PrimaryKey {
			v, ok := r[pk]
			if !ok || v == nil {
				return nil, irreversible(o, "a row has no value for primary key column "+pk)
			}
			w[pk] = v
		}
		if len(t.PrimaryKey) == 1 {
			keys = append(keys, w[t.PrimaryKey[0]])
		} else {
			ops = append(ops, BulkDelete(o.Table, w))
		}
	}
	if len(t.PrimaryKey) == 1 {
		return []Op{BulkDelete(o.Table, Where{t.PrimaryKey[0]: keys})}, nil
	}
	return ops, nil
}

// Reverse implements Op: updating data cannot be undone from the operation alone.
func (o *BulkUpdateOp) Reverse(*schema.Database) ([]Op, error) {
	return nil, irreversible(o, "the old values are not known")
}

// Reverse implements Op: deleted data cannot be restored from the operation alone.
func (o *BulkDeleteOp) Reverse(*schema.Database) ([]Op, error) {
	return nil, irreversible(o, "the deleted rows are not known")
}

// Reverse implements Op: the reverse given with WithReverse, if any.
func (o *RawOp) Reverse(*schema.Database) ([]Op, error) {
	if o.Down == nil {
		return nil, irreversible(o, "raw SQL has no reverse (give one with WithReverse)")
	}
	return []Op{o.Down}, nil
}
