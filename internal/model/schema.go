package model

import (
	"errors"
	"slices"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// CreateTable returns the operation that creates the model's table: its
// columns in field order with their types, nullability, defaults and keys
// (the foreign keys its registry derived from associations included),
// named as model:generate's migrations name them. The error lists every
// field whose type has no column type.
func (m *Model) CreateTable() (*ddl.CreateTableOp, error) {
	var errs []error
	var cols []ddl.ColumnDef
	for _, f := range m.Fields {
		t, err := f.SQLType()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		c := ddl.Column(f.Column, t)
		c.Column.NotNull = !f.Nullable
		c.Column.AutoIncrement = f.AutoIncrement
		c.Column.Default = f.Default
		c.Column.OnUpdate = f.OnUpdate
		c.Column.Collation = f.Collation
		if len(m.PrimaryKey) == 1 && f.PrimaryKey {
			c = c.PrimaryKey()
		}
		cols = append(cols, c)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	op := ddl.CreateTable(m.Table, cols...)
	if len(m.PrimaryKey) > 1 {
		pk := make([]string, len(m.PrimaryKey))
		for i, f := range m.PrimaryKey {
			pk[i] = f.Column
		}
		op.WithPrimaryKey(pk...)
	}
	for _, u := range m.Uniques {
		op.Uniques = append(op.Uniques, schema.Unique{Name: u.Name, Columns: u.Columns()})
	}
	for _, fk := range m.ForeignKeys {
		fk.Columns, fk.RefColumns = slices.Clone(fk.Columns), slices.Clone(fk.RefColumns)
		op.ForeignKeys = append(op.ForeignKeys, fk)
	}
	return op, nil
}

// Schema returns the model's table as a schema.Table (what CreateTable
// creates), for comparison with migrations and the live database.
func (m *Model) Schema() (schema.Table, error) {
	op, err := m.CreateTable()
	if err != nil {
		return schema.Table{}, err
	}
	return op.Table(), nil
}
