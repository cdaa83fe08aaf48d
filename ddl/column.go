package ddl

import (
	"github.com/strata-orm/strata/schema"
)

// ColumnDef is a column as a migration declares it: a schema.Column plus the
// constraints Sequelize lets an attribute carry inline (primaryKey, unique,
// references). Build one with Column and its chainable methods; each method
// returns a modified copy.
type ColumnDef struct {
	schema.Column
	IsPrimaryKey bool       `json:"primaryKey,omitempty"`
	IsUnique     bool       `json:"unique,omitempty"`
	Ref          *Reference `json:"references,omitempty"`
}

// Reference is an inline foreign key: the column points at Table.Column.
type Reference struct {
	Table    string        `json:"table"`
	Column   string        `json:"column"`
	OnDelete schema.Action `json:"onDelete,omitempty"`
	OnUpdate schema.Action `json:"onUpdate,omitempty"`
	// Name overrides the derived constraint name (<table>_<column>_fkey).
	Name string `json:"name,omitempty"`
}

// Column starts a column definition. The column accepts NULL unless NotNull
// is called, as Sequelize's allowNull defaults to true.
func Column(name string, t schema.Type) ColumnDef {
	return ColumnDef{Column: schema.Column{Name: name, Type: t}}
}

// NotNull forbids NULL (Sequelize's allowNull: false).
func (c ColumnDef) NotNull() ColumnDef { c.Column.NotNull = true; return c }

// Null allows NULL (the default).
func (c ColumnDef) Null() ColumnDef { c.Column.NotNull = false; return c }

// PrimaryKey makes the column the table's primary key, or part of it. A
// primary-key column is NOT NULL.
func (c ColumnDef) PrimaryKey() ColumnDef {
	c.IsPrimaryKey = true
	c.Column.NotNull = true
	return c
}

// AutoIncrement lets the database number the rows.
func (c ColumnDef) AutoIncrement() ColumnDef { c.Column.AutoIncrement = true; return c }

// Unique adds a unique constraint on the column alone.
func (c ColumnDef) Unique() ColumnDef { c.IsUnique = true; return c }

// Default sets a literal default value (string, bool, number).
func (c ColumnDef) Default(v any) ColumnDef { c.Column.Default = schema.Literal(v); return c }

// DefaultNow makes the current time the default (Sequelize's NOW).
func (c ColumnDef) DefaultNow() ColumnDef { c.Column.Default = schema.Now(); return c }

// DefaultUUIDv4 makes a random UUID the default (Sequelize's UUIDV4), generated
// by the database rather than silently dropped.
func (c ColumnDef) DefaultUUIDv4() ColumnDef { c.Column.Default = schema.UUIDv4(); return c }

// DefaultExpr sets a raw SQL expression as the default.
func (c ColumnDef) DefaultExpr(sql string) ColumnDef { c.Column.Default = schema.Expr(sql); return c }

// OnUpdateNow makes the column take the current time whenever its row is
// updated: MySQL's ON UPDATE CURRENT_TIMESTAMP (Sakila's last_update).
// PostgreSQL and SQLite have no such clause (a trigger does it there), so
// they refuse it with a *dialect.UnsupportedError.
func (c ColumnDef) OnUpdateNow() ColumnDef { c.Column.OnUpdate = schema.Now(); return c }

// Comment sets the column comment.
func (c ColumnDef) Comment(s string) ColumnDef { c.Column.Comment = s; return c }

// References makes the column a foreign key to table.column.
func (c ColumnDef) References(table, column string) ColumnDef {
	c.Ref = &Reference{Table: table, Column: column}
	return c
}

// OnDelete sets the action of the column's foreign key when the referenced
// row is deleted. Call it after References.
func (c ColumnDef) OnDelete(a schema.Action) ColumnDef {
	if c.Ref != nil {
		r := *c.Ref
		r.OnDelete = a
		c.Ref = &r
	}
	return c
}

// OnUpdate sets the action of the column's foreign key when the referenced
// key changes. Call it after References.
func (c ColumnDef) OnUpdate(a schema.Action) ColumnDef {
	if c.Ref != nil {
		r := *c.Ref
		r.OnUpdate = a
		c.Ref = &r
	}
	return c
}

// ForeignKey returns the foreign key the column declares inline, if any.
func (c ColumnDef) ForeignKey(table string) (schema.ForeignKey, bool) {
	if c.Ref == nil {
		return schema.ForeignKey{}, false
	}
	name := c.Ref.Name
	if name == "" {
		name = schema.ForeignKeyName(table, []string{c.Name})
	}
	return schema.ForeignKey{
		Name: name, Columns: []string{c.Name},
		RefTable: c.Ref.Table, RefColumns: []string{c.Ref.Column},
		OnDelete: orNoAction(c.Ref.OnDelete), OnUpdate: orNoAction(c.Ref.OnUpdate),
	}, true
}

// UniqueConstraint returns the unique constraint the column declares inline, if any.
func (c ColumnDef) UniqueConstraint(table string) (schema.Unique, bool) {
	if !c.IsUnique {
		return schema.Unique{}, false
	}
	return schema.Unique{Name: schema.UniqueName(table, []string{c.Name}), Columns: []string{c.Name}}, true
}

func orNoAction(a schema.Action) schema.Action {
	if a == "" {
		return schema.NoAction
	}
	return a
}

// ColumnOf turns a column read from a schema back into a definition.
func ColumnOf(c schema.Column) ColumnDef { return ColumnDef{Column: c.Clone()} }
