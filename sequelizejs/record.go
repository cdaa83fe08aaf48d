package sequelizejs

import (
	"github.com/strata-orm/strata/ddl"
)

// Recorded is one migration or seeder file as recorded: the operations
// its up and down asked queryInterface for, in order.
type Recorded struct {
	// Name is the file's name without its extension: the migration's name
	// (SequelizeMeta stores Name+Ext).
	Name string
	// File is the path as read; Ext its extension (".js", ".ts" …).
	File, Ext string
	// Source is the file's text as read.
	Source []byte
	// Up and Down are the recorded operations. Down is nil when the file
	// has no down function; an empty non-nil Down undoes nothing.
	Up, Down []ddl.Op
	// NoTx says an operation must run outside a transaction (an index
	// built CONCURRENTLY).
	NoTx bool
	// Problems say why a direction could not be recorded fully. A file
	// with problems becomes a skeleton: it is not run, and it fails until a
	// person ports it.
	Problems []*Problem
	// Warnings are constructs recorded as the team's database accepted
	// them (a guard the replay decided, an index removed that the replay
	// does not have …).
	Warnings []Warning
}

// Complete reports whether both directions were recorded fully.
func (r *Recorded) Complete() bool { return len(r.Problems) == 0 }

// Problem is what stopped the recording of one direction of a file.
type Problem struct {
	Direction string // "up" or "down"
	File      string
	Line      int
	Construct string // what the file did: `sequelize.query("SELECT …")`, `require("fs")`
	Reason    string // why it cannot be recorded, and what a person does about it
}

// Warning is a construct accepted as the team's database accepted it.
type Warning struct {
	Direction string
	Line      int
	Message   string
}
