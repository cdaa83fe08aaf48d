package schemadiff

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// Options say what Diff compares and how it resolves what it finds.
type Options struct {
	// Scope of the comparison. Models declare tables, columns (type, NOT
	// NULL, default, auto-increment), the primary key, unique keys and
	// foreign keys, but no indexes, checks, comments or objects.

	// Indexes compares indexes too (false when `to` comes from models).
	Indexes bool
	// Checks compares check constraints too.
	Checks bool
	// KeepForeignKeys keeps foreign keys `from` has and `to` lacks (models
	// are behind: a foreign key without an association). A kept key whose
	// columns, table or referenced key `to` lacks is dropped all the same.
	KeepForeignKeys bool
	// DropTables drops tables `from` has and `to` lacks; without it they
	// are left and listed in Result.Unmatched.
	DropTables bool
	// Renames are the renames the user confirmed: a column (Table set) or
	// a table (Table empty) renamed From -> To. A column rename's Table is
	// the table's name in `to` (its name in `from` is accepted too).
	Renames []Rename
	// Skip leaves a table out of the comparison (the migration state
	// table, SequelizeMeta). Nil skips none.
	Skip func(table string) bool
}

// Rename is a renamed column (Table set) or table (Table empty).
type Rename struct{ Table, From, To string }

// Kind is the kind of a change.
type Kind string

// The kinds of change Diff reports.
const (
	AddTable         Kind = "add table"
	DropTable        Kind = "drop table"
	RenameTable      Kind = "rename table"
	AddColumn        Kind = "add column"
	DropColumn       Kind = "drop column"
	ChangeColumn     Kind = "change column"
	ChangeEnum       Kind = "change enum"
	RenameColumn     Kind = "rename column"
	ChangePrimaryKey Kind = "change primary key"
	AddUnique        Kind = "add unique"
	DropUnique       Kind = "drop unique"
	AddForeignKey    Kind = "add foreign key"
	DropForeignKey   Kind = "drop foreign key"
	ChangeForeignKey Kind = "change foreign key"
	AddIndex         Kind = "add index"
	DropIndex        Kind = "drop index"
	ChangeIndex      Kind = "change index"
	AddCheck         Kind = "add check"
	DropCheck        Kind = "drop check"
	ChangeCheck      Kind = "change check"
)

// Change is one difference between the two schemas and the operations that
// resolve it.
type Change struct {
	Kind  Kind
	Table string
	// Name is the column, or the key or index (its columns joined by ","
	// when it has no name).
	Name string
	// From and To are what each side has, in words ("INTEGER NULL",
	// "ON DELETE CASCADE", ...), empty where it does not apply.
	From, To string
	// Up are the operations of this change. In Result.Up they may stand
	// apart (a changed foreign key is dropped early and added late).
	Up []ddl.Op
	// Destructive says the change loses data: a dropped table or column,
	// a narrowed type, fewer enum values.
	Destructive bool
}

// Result is what Diff found.
type Result struct {
	Changes []Change
	// Suggested are likely renames not taken: a dropped and an added
	// column of the same type in one table, a dropped and an added table
	// with the same columns. They are taken only when passed in
	// Options.Renames.
	Suggested []Rename
	// Unmatched are the tables of `from` that `to` lacks, left because
	// Options.DropTables is false.
	Unmatched []string
	// Up are every change's operations in an order that applies:
	// ddl.Replay on a clone of `from` succeeds and gives `to`. Down undoes
	// them: each operation's Reverse, in reverse order.
	Up, Down []ddl.Op
}

// Empty reports whether there is nothing to change. Unmatched tables and
// suggestions are not changes.
func (r *Result) Empty() bool { return len(r.Changes) == 0 }

// ErrRename is wrapped by the error of a confirmed rename that does not fit
// the two schemas.
var ErrRename = errors.New("rename does not fit the schemas")

// RenameError is a confirmed rename that does not fit the two schemas.
type RenameError struct {
	Rename Rename
	Reason string
}

func (e *RenameError) Error() string {
	if e.Rename.Table == "" {
		return fmt.Sprintf("schemadiff: rename table %q to %q: %s", e.Rename.From, e.Rename.To, e.Reason)
	}
	return fmt.Sprintf("schemadiff: rename column %q.%q to %q: %s", e.Rename.Table, e.Rename.From, e.Rename.To, e.Reason)
}

// Unwrap returns ErrRename.
func (e *RenameError) Unwrap() error { return ErrRename }

// OpError is an operation of Up that does not apply to the schema before it,
// or has no reverse (it wraps ddl.ErrIrreversible then).
type OpError struct {
	Op  ddl.Op
	Err error
}

func (e *OpError) Error() string { return fmt.Sprintf("schemadiff: %s: %v", e.Op, e.Err) }

// Unwrap returns the ddl error.
func (e *OpError) Unwrap() error { return e.Err }

// phase orders the operations of Up: everything of a lower phase runs
// before anything of a higher one.
type phase int

const (
	phRename phase = iota
	phDropForeignKey
	phDropCheck
	phDropIndex
	phDropUnique
	phDropPrimaryKey
	phDropColumn
	phDropTable
	phAddColumn
	phChangeColumn
	phAddPrimaryKey
	phAddUnique
	phCreateTable
	phAddIndex
	phAddCheck
	phAddForeignKey
)

type step struct {
	phase phase
	op    ddl.Op
}

// differ collects the changes and their steps.
type differ struct {
	o       Options
	from    *schema.Database // `from` after the confirmed renames
	to      *schema.Database
	changes []Change
	first   []phase  // the first phase of each change
	steps   [][]step // the steps of each change
	res     *Result
}

func (d *differ) add(c Change, steps ...step) {
	for _, s := range steps {
		c.Up = append(c.Up, s.op)
	}
	first := steps[0].phase
	for _, s := range steps {
		first = min(first, s.phase)
	}
	d.changes = append(d.changes, c)
	d.first = append(d.first, first)
	d.steps = append(d.steps, steps)
}

// Diff returns the operations that take `from` to `to`, and those that undo
// them. Neither schema is modified.
func Diff(from, to *schema.Database, o Options) (*Result, error) {
	if from == nil {
		from = &schema.Database{}
	}
	if to == nil {
		to = &schema.Database{}
	}
	d := &differ{o: o, from: from.Clone(), to: to, res: &Result{}}
	if err := d.renames(); err != nil {
		return nil, err
	}
	d.tables()
	d.order()
	if err := d.undo(from); err != nil {
		return nil, err
	}
	return d.res, nil
}

func (d *differ) skip(table string) bool { return d.o.Skip != nil && d.o.Skip(table) }

// order fills Result.Changes and Result.Up: the changes by their first
// phase, the operations by phase, each phase in the order of the changes.
func (d *differ) order() {
	idx := make([]int, len(d.changes))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(d.first[a], d.first[b]) })
	for _, i := range idx {
		d.res.Changes = append(d.res.Changes, d.changes[i])
	}
	var all []step // in the order the changes were found: within a phase, that order holds
	for _, s := range d.steps {
		all = append(all, s...)
	}
	slices.SortStableFunc(all, func(a, b step) int { return cmp.Compare(a.phase, b.phase) })
	for _, s := range all {
		d.res.Up = append(d.res.Up, s.op)
	}
	d.res.Up = fold(d.res.Up)
}

// undo checks that Up applies to `from` and computes Down: each operation's
// own Reverse given the schema before it, in reverse order.
func (d *differ) undo(from *schema.Database) error {
	cur := from.Clone()
	var undo [][]ddl.Op
	for _, op := range d.res.Up {
		rev, err := op.Reverse(cur)
		if err != nil {
			return &OpError{Op: op, Err: err}
		}
		if err := op.Apply(cur); err != nil {
			return &OpError{Op: op, Err: err}
		}
		undo = append(undo, rev)
	}
	for i := len(undo) - 1; i >= 0; i-- {
		d.res.Down = append(d.res.Down, undo[i]...)
	}
	return nil
}
