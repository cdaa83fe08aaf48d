package ddl

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// Op is one operation of a migration.
type Op interface {
	// Apply replays the operation on db, checking that it makes sense there
	// (tables and columns exist, names are free, references resolve). On
	// error db is left unchanged.
	Apply(db *schema.Database) error
	// Reverse returns the operations that undo this one, given the schema as
	// it was before the operation ran. It returns an error wrapping
	// ErrIrreversible when there is no such inverse.
	Reverse(before *schema.Database) ([]Op, error)
	// String describes the operation in a few words, e.g.
	// `createTable "users"`.
	String() string
	// GoString returns the Go expression that builds the operation, as a
	// migration holds it, e.g. `ddl.DropTable("users")` (see
	// CreateTableOp.GoString).
	GoString() string
	opName() string
}

// CreateTableOp creates a table (queryInterface.createTable).
type CreateTableOp struct {
	Name        string              `json:"name"`
	Columns     []ColumnDef         `json:"columns"`
	PrimaryKey  []string            `json:"primaryKey,omitempty"` // composite key; or mark columns PrimaryKey()
	Uniques     []schema.Unique     `json:"uniques,omitempty"`
	ForeignKeys []schema.ForeignKey `json:"foreignKeys,omitempty"`
	Checks      []schema.Check      `json:"checks,omitempty"`
	Comment     string              `json:"comment,omitempty"`
	// PrimaryKeyName names the primary key constraint; empty is the
	// dialect's default (<table>_pkey).
	PrimaryKeyName string `json:"primaryKeyName,omitempty"`
	// Strict and WithoutRowID are those of schema.Table (SQLite).
	Strict       bool `json:"strict,omitempty"`
	WithoutRowID bool `json:"withoutRowID,omitempty"`
	// Inherits and PartitionBy are those of schema.Table (PostgreSQL).
	Inherits    []string `json:"inherits,omitempty"`
	PartitionBy string   `json:"partitionBy,omitempty"`
	// Imported relaxes the checks a sequelize-cli history's database
	// passed (see Import); migrate sets it on the operations of an
	// imported migration. Not part of the encoding or the checksum.
	Imported bool `json:"-"`
}

// CreateTable creates a table with the given columns.
func CreateTable(name string, columns ...ColumnDef) *CreateTableOp {
	return &CreateTableOp{Name: name, Columns: columns}
}

// WithPrimaryKey sets a composite primary key.
func (o *CreateTableOp) WithPrimaryKey(columns ...string) *CreateTableOp {
	o.PrimaryKey = columns
	return o
}

// WithPrimaryKeyName names the primary key constraint (Chinook's
// "PK_Album"); without it the dialect names it (<table>_pkey on
// PostgreSQL). MySQL names every primary key PRIMARY and SQLite keeps no
// name for it, so there the name is accepted and not kept.
func (o *CreateTableOp) WithPrimaryKeyName(name string) *CreateTableOp {
	o.PrimaryKeyName = name
	return o
}

// WithUnique adds a unique constraint over columns, named after them.
func (o *CreateTableOp) WithUnique(columns ...string) *CreateTableOp {
	o.Uniques = append(o.Uniques, schema.Unique{Name: schema.UniqueName(o.Name, columns), Columns: columns})
	return o
}

// WithForeignKey adds a (possibly composite) foreign key.
func (o *CreateTableOp) WithForeignKey(fk schema.ForeignKey) *CreateTableOp {
	if fk.Name == "" {
		fk.Name = schema.ForeignKeyName(o.Name, fk.Columns)
	}
	o.ForeignKeys = append(o.ForeignKeys, fk)
	return o
}

// WithCheck adds a check constraint.
func (o *CreateTableOp) WithCheck(name, expr string) *CreateTableOp {
	o.Checks = append(o.Checks, schema.Check{Name: name, Expr: expr})
	return o
}

// WithComment sets the table comment.
func (o *CreateTableOp) WithComment(s string) *CreateTableOp {
	o.Comment = s
	return o
}

// Table returns the table the operation creates, with inline constraints
// lifted to table level and default names filled in.
func (o *CreateTableOp) Table() schema.Table {
	t := schema.Table{Name: o.Name, Comment: o.Comment, PrimaryKeyName: o.PrimaryKeyName, Strict: o.Strict, WithoutRowID: o.WithoutRowID,
		Inherits: slices.Clone(o.Inherits), PartitionBy: o.PartitionBy}
	for _, c := range o.Columns {
		t.Columns = append(t.Columns, c.Column.Clone())
		if c.IsPrimaryKey {
			t.PrimaryKey = append(t.PrimaryKey, c.Name)
		}
	}
	if len(o.PrimaryKey) > 0 {
		t.PrimaryKey = slices.Clone(o.PrimaryKey)
	}
	for _, pk := range t.PrimaryKey {
		if c := t.Column(pk); c != nil {
			c.NotNull = true
		}
	}
	for _, c := range o.Columns {
		if u, ok := c.UniqueConstraint(o.Name); ok {
			t.Uniques = append(t.Uniques, u)
		}
	}
	for _, u := range o.Uniques {
		if u.Name == "" {
			u.Name = schema.UniqueName(o.Name, u.Columns)
		}
		t.Uniques = append(t.Uniques, schema.Unique{Name: u.Name, Columns: slices.Clone(u.Columns)})
	}
	for _, c := range o.Columns {
		if fk, ok := c.ForeignKey(o.Name); ok {
			t.ForeignKeys = append(t.ForeignKeys, fk)
		}
	}
	for _, fk := range o.ForeignKeys {
		if fk.Name == "" {
			fk.Name = schema.ForeignKeyName(o.Name, fk.Columns)
		}
		fk.OnDelete, fk.OnUpdate = orNoAction(fk.OnDelete), orNoAction(fk.OnUpdate)
		fk.Columns, fk.RefColumns = slices.Clone(fk.Columns), slices.Clone(fk.RefColumns)
		t.ForeignKeys = append(t.ForeignKeys, fk)
	}
	for _, ck := range o.Checks {
		if ck.Name == "" {
			ck.Name = schema.CheckName(o.Name, nil)
		}
		t.Checks = append(t.Checks, ck)
	}
	return t
}

func (o *CreateTableOp) String() string { return fmt.Sprintf("createTable %q", o.Name) }
func (*CreateTableOp) opName() string   { return "createTable" }

// DropTableOp drops a table (queryInterface.dropTable). With Cascade, foreign
// keys of other tables that point at it are dropped too.
type DropTableOp struct {
	Name     string `json:"name"`
	Cascade  bool   `json:"cascade,omitempty"`
	IfExists bool   `json:"ifExists,omitempty"`
	// Imported relaxes the checks a sequelize-cli history's database
	// passed (see Import); migrate sets it on the operations of an
	// imported migration. Not part of the encoding or the checksum.
	Imported bool `json:"-"`
}

// DropTable drops a table.
func DropTable(name string) *DropTableOp { return &DropTableOp{Name: name} }

// WithCascade also drops the foreign keys of other tables that point at it.
func (o *DropTableOp) WithCascade() *DropTableOp { o.Cascade = true; return o }

// WithIfExists makes dropping a missing table a no-op.
func (o *DropTableOp) WithIfExists() *DropTableOp { o.IfExists = true; return o }

func (o *DropTableOp) String() string { return fmt.Sprintf("dropTable %q", o.Name) }
func (*DropTableOp) opName() string   { return "dropTable" }

// RenameTableOp renames a table (queryInterface.renameTable).
type RenameTableOp struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// RenameTable renames a table.
func RenameTable(from, to string) *RenameTableOp { return &RenameTableOp{From: from, To: to} }

func (o *RenameTableOp) String() string { return fmt.Sprintf("renameTable %q to %q", o.From, o.To) }
func (*RenameTableOp) opName() string   { return "renameTable" }

// AddColumnOp adds a column (queryInterface.addColumn).
type AddColumnOp struct {
	Table  string    `json:"table"`
	Column ColumnDef `json:"column"`
	// After and First place the column (MySQL/MariaDB's AFTER col and
	// FIRST): see Placed and PlacedFirst. Neither is last.
	After string `json:"after,omitempty"`
	First bool   `json:"first,omitempty"`
	// Imported relaxes the checks a sequelize-cli history's database
	// passed (see Import); migrate sets it on the operations of an
	// imported migration. Not part of the encoding or the checksum.
	Imported bool `json:"-"`
}

// AddColumn adds a column to a table.
func AddColumn(table string, c ColumnDef) *AddColumnOp { return &AddColumnOp{Table: table, Column: c} }

func (o *AddColumnOp) String() string {
	return fmt.Sprintf("addColumn %q.%q", o.Table, o.Column.Name)
}
func (*AddColumnOp) opName() string { return "addColumn" }

// RemoveColumnOp removes a column (queryInterface.removeColumn), with the
// indexes and constraints that involve it.
type RemoveColumnOp struct {
	Table  string `json:"table"`
	Column string `json:"column"`
}

// RemoveColumn removes a column from a table.
func RemoveColumn(table, column string) *RemoveColumnOp {
	return &RemoveColumnOp{Table: table, Column: column}
}

func (o *RemoveColumnOp) String() string { return fmt.Sprintf("removeColumn %q.%q", o.Table, o.Column) }
func (*RemoveColumnOp) opName() string   { return "removeColumn" }

// ChangeColumnOp replaces a column's whole definition (type, nullability,
// default, auto increment, comment), as Sequelize's changeColumn does. An
// inline Unique or References in the new definition adds that constraint.
// A new definition that holds fewer values than the old (a shorter
// string, a smaller integer, fewer decimals, NOT NULL …; see
// dialect.Losses) never changes data: every dialect first counts the rows
// it could not hold, and refuses the change with a *dialect.DataLossError
// naming the table, the column and how many rows when there are any.
type ChangeColumnOp struct {
	Table  string    `json:"table"`
	Column ColumnDef `json:"column"`
	// Imported relaxes the checks a sequelize-cli history's database
	// passed (see Import); migrate sets it on the operations of an
	// imported migration. Not part of the encoding or the checksum.
	Imported bool `json:"-"`
}

// ChangeColumn replaces the definition of an existing column.
func ChangeColumn(table string, c ColumnDef) *ChangeColumnOp {
	return &ChangeColumnOp{Table: table, Column: c}
}

func (o *ChangeColumnOp) String() string {
	return fmt.Sprintf("changeColumn %q.%q", o.Table, o.Column.Name)
}
func (*ChangeColumnOp) opName() string { return "changeColumn" }

// RenameColumnOp renames a column (queryInterface.renameColumn).
type RenameColumnOp struct {
	Table string `json:"table"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// RenameColumn renames a column.
func RenameColumn(table, from, to string) *RenameColumnOp {
	return &RenameColumnOp{Table: table, From: from, To: to}
}

func (o *RenameColumnOp) String() string {
	return fmt.Sprintf("renameColumn %q.%q to %q", o.Table, o.From, o.To)
}
func (*RenameColumnOp) opName() string { return "renameColumn" }

// ConstraintType is the kind of constraint AddConstraint adds.
type ConstraintType string

// Constraint types, spelled as Sequelize's addConstraint spells them.
const (
	UniqueConstraint     ConstraintType = "unique"
	CheckConstraint      ConstraintType = "check"
	PrimaryKeyConstraint ConstraintType = "primary key"
	ForeignKeyConstraint ConstraintType = "foreign key"
)

// AddConstraintOp adds a constraint (queryInterface.addConstraint).
type AddConstraintOp struct {
	Table      string         `json:"table"`
	Type       ConstraintType `json:"type"`
	Name       string         `json:"name,omitempty"` // derived when empty
	Columns    []string       `json:"columns,omitempty"`
	Expr       string         `json:"expr,omitempty"` // check
	RefTable   string         `json:"refTable,omitempty"`
	RefColumns []string       `json:"refColumns,omitempty"`
	OnDelete   schema.Action  `json:"onDelete,omitempty"`
	OnUpdate   schema.Action  `json:"onUpdate,omitempty"`
	// Deferrable and InitiallyDeferred are those of schema.ForeignKey.
	Deferrable        bool `json:"deferrable,omitempty"`
	InitiallyDeferred bool `json:"initiallyDeferred,omitempty"`
	// Imported relaxes the checks a sequelize-cli history's database
	// passed (see Import); migrate sets it on the operations of an
	// imported migration. Not part of the encoding or the checksum.
	Imported bool `json:"-"`
}

// AddUnique adds a unique constraint over columns of table.
func AddUnique(table string, columns ...string) *AddConstraintOp {
	return &AddConstraintOp{Table: table, Type: UniqueConstraint, Columns: columns}
}

// AddCheck adds a check constraint; name may be empty.
func AddCheck(table, name, expr string) *AddConstraintOp {
	return &AddConstraintOp{Table: table, Type: CheckConstraint, Name: name, Expr: expr}
}

// AddPrimaryKey sets the primary key of a table that has none.
func AddPrimaryKey(table string, columns ...string) *AddConstraintOp {
	return &AddConstraintOp{Table: table, Type: PrimaryKeyConstraint, Columns: columns}
}

// AddForeignKey adds a foreign key from columns of table to refColumns of refTable.
func AddForeignKey(table string, columns []string, refTable string, refColumns []string) *AddConstraintOp {
	return &AddConstraintOp{Table: table, Type: ForeignKeyConstraint, Columns: columns, RefTable: refTable, RefColumns: refColumns}
}

// Named sets the constraint name.
func (o *AddConstraintOp) Named(name string) *AddConstraintOp { o.Name = name; return o }

// WithOnDelete sets a foreign key's ON DELETE action.
func (o *AddConstraintOp) WithOnDelete(a schema.Action) *AddConstraintOp { o.OnDelete = a; return o }

// WithOnUpdate sets a foreign key's ON UPDATE action.
func (o *AddConstraintOp) WithOnUpdate(a schema.Action) *AddConstraintOp { o.OnUpdate = a; return o }

// WithDeferrable makes a foreign key deferrable, checked at commit when
// initiallyDeferred.
func (o *AddConstraintOp) WithDeferrable(initiallyDeferred bool) *AddConstraintOp {
	o.Deferrable, o.InitiallyDeferred = true, initiallyDeferred
	return o
}

// ConstraintName is the constraint's name, derived when none was given.
// A primary key is named <table>_pkey.
func (o *AddConstraintOp) ConstraintName() string {
	if o.Name != "" {
		return o.Name
	}
	switch o.Type {
	case UniqueConstraint:
		return schema.UniqueName(o.Table, o.Columns)
	case CheckConstraint:
		return schema.CheckName(o.Table, o.Columns)
	case PrimaryKeyConstraint:
		return schema.DeriveName(o.Table, "pkey")
	case ForeignKeyConstraint:
		return schema.ForeignKeyName(o.Table, o.Columns)
	}
	return ""
}

// ForeignKey returns the foreign key a foreign-key constraint adds.
func (o *AddConstraintOp) ForeignKey() schema.ForeignKey {
	return schema.ForeignKey{
		Name: o.ConstraintName(), Columns: slices.Clone(o.Columns),
		RefTable: o.RefTable, RefColumns: slices.Clone(o.RefColumns),
		OnDelete: orNoAction(o.OnDelete), OnUpdate: orNoAction(o.OnUpdate),
		Deferrable: o.Deferrable || o.InitiallyDeferred, InitiallyDeferred: o.InitiallyDeferred,
	}
}

func (o *AddConstraintOp) String() string {
	return fmt.Sprintf("addConstraint %s %q on %q", o.Type, o.ConstraintName(), o.Table)
}
func (*AddConstraintOp) opName() string { return "addConstraint" }

// RemoveConstraintOp removes a unique, check, foreign-key or primary-key
// constraint by name (queryInterface.removeConstraint), or a unique index
// (see RemoveIndexOp). The primary key is named <table>_pkey, whatever the
// dialect calls it.
type RemoveConstraintOp struct {
	Table string `json:"table"`
	Name  string `json:"name"`
}

// RemoveConstraint removes the named constraint of table.
func RemoveConstraint(table, name string) *RemoveConstraintOp {
	return &RemoveConstraintOp{Table: table, Name: name}
}

func (o *RemoveConstraintOp) String() string {
	return fmt.Sprintf("removeConstraint %q on %q", o.Name, o.Table)
}
func (*RemoveConstraintOp) opName() string { return "removeConstraint" }

// RawOp runs SQL as written (queryInterface.sequelize.query). Variants per
// dialect name ("postgres", "mysql", "sqlite") take precedence over SQL. A
// raw operation changes nothing in an offline replay and has no reverse
// unless one is given with WithReverse.
type RawOp struct {
	SQL      string            `json:"sql,omitempty"`
	Dialects map[string]string `json:"dialects,omitempty"`
	Args     []any             `json:"args,omitempty"`
	Down     *RawOp            `json:"down,omitempty"`
}

// Raw runs sql with optional bind arguments, written in the dialect's own
// placeholder style.
func Raw(sql string, args ...any) *RawOp { return &RawOp{SQL: sql, Args: args} }

// For gives the SQL to run on one dialect instead of the default.
func (o *RawOp) For(dialect, sql string) *RawOp {
	if o.Dialects == nil {
		o.Dialects = map[string]string{}
	}
	o.Dialects[dialect] = sql
	return o
}

// WithReverse gives the raw operation that undoes this one.
func (o *RawOp) WithReverse(down *RawOp) *RawOp { o.Down = down; return o }

// SQLFor returns the SQL to run on the named dialect.
func (o *RawOp) SQLFor(dialect string) (string, error) {
	if s, ok := o.Dialects[dialect]; ok {
		return s, nil
	}
	if strings.TrimSpace(o.SQL) == "" {
		names := slices.Sorted(maps.Keys(o.Dialects))
		return "", fmt.Errorf("raw SQL has no variant for dialect %q (it has: %s); add one with For(%q, …) or give a default", dialect, strings.Join(names, ", "), dialect)
	}
	return o.SQL, nil
}

func (o *RawOp) String() string {
	s := o.SQL
	if s == "" {
		for _, v := range o.Dialects {
			s = v
			break
		}
	}
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return fmt.Sprintf("raw %q", s)
}
func (*RawOp) opName() string { return "raw" }
