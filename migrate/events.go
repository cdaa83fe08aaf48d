package migrate

import (
	"fmt"
	"time"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/lint"
)

// Direction is which way a migration runs.
type Direction string

// Directions.
const (
	Up   Direction = "up"   // apply
	Down Direction = "down" // undo
)

// EventKind is what an Event reports.
type EventKind int

// Kinds of event, in the order a run produces them.
const (
	// LockWait: another process holds the migration lock; Holder says who
	// (when the database can tell). The run waits up to the lock timeout.
	LockWait EventKind = iota + 1
	// LockAcquired: the lock is held; Duration is how long it took.
	LockAcquired
	// MigrationStart: a migration begins; Total is its statement count when
	// known beforehand (0 for Go code).
	MigrationStart
	// Statement: one statement ran; SQL, Statement (1-based) and Duration
	// say which and how long it took.
	Statement
	// MigrationDone: a migration finished and is recorded; Duration is its
	// whole time, Statement the number of statements it ran.
	MigrationDone
	// MigrationFailed: a migration failed; Err is a *MigrationError.
	MigrationFailed
	// Lint: before a pending migration runs (Up), package lint found
	// something dangerous in it that no Allow silences (Finding), or could
	// not check it (Err). It never stops the run.
	Lint
	// Warning: an operation of an imported migration (Migration.Imported)
	// has a construct strata refuses in its own migrations and the
	// history's database accepted (Warning says which); it runs. Reported
	// before the operation's statements, and listed in Result.Warnings.
	Warning
)

// String is the kind in a word or two, e.g. "migration-start".
func (k EventKind) String() string {
	switch k {
	case LockWait:
		return "lock-wait"
	case LockAcquired:
		return "lock-acquired"
	case MigrationStart:
		return "migration-start"
	case Statement:
		return "statement"
	case MigrationDone:
		return "migration-done"
	case MigrationFailed:
		return "migration-failed"
	case Lint:
		return "lint"
	case Warning:
		return "warning"
	}
	return fmt.Sprintf("EventKind(%d)", int(k))
}

// Event is one step of a run, passed to the function given to
// WithObserver. A CLI prints sequelize-cli's lines from them:
//
//	MigrationStart, Up:   == 20261126184503-create-user: migrating =======
//	MigrationDone, Up:    == 20261126184503-create-user: migrated (0.012s)
//	MigrationStart, Down: == 20261126184503-create-user: reverting =======
//	MigrationDone, Down:  == 20261126184503-create-user: reverted (0.009s)
type Event struct {
	Kind      EventKind
	Direction Direction
	Name      string        // the migration
	Statement int           // 1-based statement number (Statement, MigrationFailed); count (MigrationDone)
	Total     int           // statements the migration has, when known beforehand
	SQL       string        // the statement (Statement, MigrationFailed)
	Duration  time.Duration // of the statement, the migration, or the lock wait
	NoTx      bool          // the migration runs outside a transaction
	Holder    string        // who holds the lock (LockWait)
	Err       error         // MigrationFailed; Lint, when the check could not run
	Finding   *lint.Finding // Lint
	Warning   *ddl.Warning  // Warning
}
