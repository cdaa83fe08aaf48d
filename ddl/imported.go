package ddl

import (
	"fmt"
	"slices"

	"github.com/strata-orm/strata/schema"
)

// Imported operations. A history brought from sequelize-cli ran on a
// database that accepted constructs strata refuses in its own migrations.
// Such an operation, marked with Import, passes those checks, and Warnings
// names each one it passed only because it is imported. Every other check
// stays: an imported operation on a table that does not exist, a column
// declared twice, a type strata does not know, still fails.

// WarningKind is a construct an imported operation is allowed.
type WarningKind string

// The constructs an imported operation is allowed.
const (
	// ForwardReference: a foreign key references a table that does not
	// exist yet (SQLite makes the key; the table may come later).
	ForwardReference WarningKind = "forward-reference"
	// MissingIndex: removeIndex of an index the table does not have
	// (Sequelize's PostgreSQL and SQLite removeIndex is DROP INDEX IF
	// EXISTS). Nothing is removed.
	MissingIndex WarningKind = "missing-index"
	// SetNullNotNull: a foreign key's ON DELETE or ON UPDATE SET NULL on a
	// NOT NULL column (PostgreSQL and SQLite make it; the action then
	// fails when it fires). MySQL and MariaDB refuse such a key, so their
	// dialect refuses it, imported or not, before anything runs.
	SetNullNotNull WarningKind = "set-null-not-null"
	// AutoIncrementWithoutKey: an auto-increment column that is not the
	// table's only primary key (a PostgreSQL SERIAL column anywhere).
	AutoIncrementWithoutKey WarningKind = "auto-increment-without-key"
	// DropReferenced: dropTable of a table other tables' foreign keys
	// reference, without cascade (SQLite drops it and keeps the keys,
	// which then reference nothing, as after a forward reference).
	DropReferenced WarningKind = "drop-referenced"
	// PresentIndex: addIndex of an index the table has already, the same
	// one (a sequelize-cli history adding again what Sequelize's SQLite
	// table rebuild lost; strata's rebuild keeps it). Nothing is added.
	PresentIndex WarningKind = "present-index"
)

// Warning is a construct an imported operation passed only because it is
// imported: strata's own migrations are refused for it.
type Warning struct {
	Op    string      // the operation, as Op.String gives it
	Kind  WarningKind // what was allowed
	Table string
	// Name is the foreign key, the index or the column at fault.
	Name    string
	Message string // the construct in words, and what it means
}

// String is the operation and the message.
func (w Warning) String() string { return w.Op + ": " + w.Message }

// Import returns op marked as imported (a copy; op is not changed), or op
// itself when it has no check to relax.
func Import(op Op) Op {
	switch o := op.(type) {
	case *CreateTableOp:
		c := *o
		c.Imported = true
		return &c
	case *AddColumnOp:
		c := *o
		c.Imported = true
		return &c
	case *DropTableOp:
		c := *o
		c.Imported = true
		return &c
	case *ChangeColumnOp:
		c := *o
		c.Imported = true
		return &c
	case *AddConstraintOp:
		c := *o
		c.Imported = true
		return &c
	case *RemoveIndexOp:
		c := *o
		c.Imported = true
		return &c
	case *AddIndexOp:
		c := *o
		c.Imported = true
		return &c
	}
	return op
}

// ImportAll is Import of each of ops, in a new slice (nil stays nil).
func ImportAll(ops []Op) []Op {
	if ops == nil {
		return nil
	}
	out := make([]Op, len(ops))
	for i, op := range ops {
		out[i] = Import(op)
	}
	return out
}

// IsImported reports whether op is marked as imported.
func IsImported(op Op) bool {
	switch o := op.(type) {
	case *CreateTableOp:
		return o.Imported
	case *AddColumnOp:
		return o.Imported
	case *DropTableOp:
		return o.Imported
	case *ChangeColumnOp:
		return o.Imported
	case *AddConstraintOp:
		return o.Imported
	case *RemoveIndexOp:
		return o.Imported
	case *AddIndexOp:
		return o.Imported
	}
	return false
}

// Warnings lists what an imported op, applied to before, passes only
// because it is imported; nil for an operation that is not imported, or
// that fails to apply (its error says why). before is not changed.
func Warnings(op Op, before *schema.Database) []Warning {
	if !IsImported(op) {
		return nil
	}
	if before == nil {
		before = &schema.Database{}
	}
	after := before.Clone()
	if err := op.Apply(after); err != nil {
		return nil
	}
	var out []Warning
	warn := func(kind WarningKind, table, name, format string, args ...any) {
		out = append(out, Warning{Op: op.String(), Kind: kind, Table: table, Name: name, Message: fmt.Sprintf(format, args...)})
	}
	if o, ok := op.(*RemoveIndexOp); ok {
		if t := before.Table(o.Table); t == nil || t.Index(o.IndexName()) != nil || t.Unique(o.IndexName()) != nil {
			return nil
		}
		warn(MissingIndex, o.Table, o.IndexName(), "table %q has no index %q: nothing to remove (sequelize-cli's removeIndex is DROP INDEX IF EXISTS)", o.Table, o.IndexName())
		return out
	}
	if o, ok := op.(*AddIndexOp); ok {
		if o.Present(before) {
			warn(PresentIndex, o.Table, o.Index().Name, "table %q has index %q already, the same one: nothing to add (Sequelize's SQLite table rebuild had lost it; strata's keeps it)", o.Table, o.Index().Name)
		}
		return out
	}
	if o, ok := op.(*DropTableOp); ok {
		if o.Cascade || before.Table(o.Name) == nil {
			return nil
		}
		for _, ref := range referencing(before, o.Name, "") {
			warn(DropReferenced, o.Name, ref, "table %q is referenced by foreign key %s, which then references nothing (SQLite drops the table; PostgreSQL and MySQL refuse)", o.Name, ref)
		}
		return out
	}
	name := opTable(op)
	t, old := after.Table(name), before.Table(name)
	if t == nil {
		return out
	}
	if _, ok := op.(*CreateTableOp); ok {
		for _, c := range t.Columns {
			if autoWithoutKey(t, c) {
				warn(AutoIncrementWithoutKey, t.Name, c.Name, "column %q is autoIncrement but not the table's only primary key (a PostgreSQL SERIAL; MySQL accepts it only as a key of its own, SQLite numbers only an INTEGER PRIMARY KEY)", c.Name)
			}
		}
	}
	for _, fk := range t.ForeignKeys {
		was := schema.ForeignKey{}
		if old != nil {
			if f := old.ForeignKey(fk.Name); f != nil {
				was = *f
			}
		}
		if was.Name == "" && after.Table(fk.RefTable) == nil {
			warn(ForwardReference, t.Name, fk.Name, "foreign key %q references table %q, which does not exist yet (SQLite makes the key; PostgreSQL and MySQL refuse it)", fk.Name, fk.RefTable)
		}
		for _, cn := range fk.Columns {
			c := t.Column(cn)
			if c == nil || !c.NotNull || !setsNull(fk) {
				continue
			}
			var oc *schema.Column
			if old != nil {
				oc = old.Column(cn)
			}
			if was.Name != "" && setsNull(was) && oc != nil && oc.NotNull {
				continue // so before this operation
			}
			warn(SetNullNotNull, t.Name, fk.Name, "foreign key %q sets column %q to NULL, which is NOT NULL: deleting or updating a referenced row will fail (MySQL and MariaDB refuse the key)", fk.Name, cn)
		}
	}
	return out
}

// autoWithoutKey reports whether c numbers rows without being t's only
// primary key, which only an imported operation may declare.
func autoWithoutKey(t *schema.Table, c schema.Column) bool {
	return c.AutoIncrement && c.Identity == "" && !slices.Equal(t.PrimaryKey, []string{c.Name})
}

func setsNull(fk schema.ForeignKey) bool {
	return fk.OnDelete == schema.SetNull || fk.OnUpdate == schema.SetNull
}

// opTable is the table an operation with a relaxed check changes.
func opTable(op Op) string {
	switch o := op.(type) {
	case *CreateTableOp:
		return o.Name
	case *AddColumnOp:
		return o.Table
	case *ChangeColumnOp:
		return o.Table
	case *AddConstraintOp:
		return o.Table
	case *RemoveIndexOp:
		return o.Table
	}
	return ""
}
