package query

import "fmt"

// LockWait is what a locking read does about a row another transaction
// holds a lock on.
type LockWait int

// Lock waits.
const (
	// Wait waits for the other transaction to end (the default).
	Wait LockWait = iota
	// NoWait fails at once (NOWAIT).
	NoWait
	// SkipLocked leaves the row out of the result (SKIP LOCKED), so that
	// workers taking jobs from a queue table each get different rows.
	SkipLocked
)

// UnsupportedError is a query that asks for a construct its database does
// not have. Nothing has run: strata refuses the query rather than run it
// without the part the database cannot express.
type UnsupportedError struct {
	Dialect string // "postgres", "mysql" or "sqlite"
	Feature string // what was asked for, as the caller wrote it
	Fix     string // what to do instead
}

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("strata: %s is not supported on %s; %s", e.Feature, e.Dialect, e.Fix)
}

// writeLock writes the row-lock clause of s: FOR UPDATE or FOR SHARE, the
// tables it locks (OF) and its wait, each refused with an
// *UnsupportedError where the database has no such clause. A database
// without row locks (SQLite: a write transaction locks the whole
// database, so no row is ever locked by another writer) gets no clause at
// all, and the options are moot there.
func (s *Select) writeLock(b *Builder) error {
	var clause string
	switch s.Lock {
	case NoLock:
		return nil
	case ForUpdate:
		clause = b.F.ForUpdate
	case ForShare:
		clause = b.F.ForShare
		if (s.LockWait != Wait || len(s.LockOf) > 0) && b.F.ForShareOptions != "" {
			clause = b.F.ForShareOptions
		}
	}
	if clause == "" {
		return nil
	}
	name := b.D.Name()
	if len(s.LockOf) > 0 && !b.F.LockOf {
		return &UnsupportedError{Dialect: name, Feature: "a row lock of named tables (OF)",
			Fix: "leave LockOf out: the lock then covers the rows of every table the query reads (MariaDB has no FOR UPDATE OF)"}
	}
	switch {
	case s.LockWait == NoWait && !b.F.LockNoWait:
		return &UnsupportedError{Dialect: name, Feature: "NOWAIT", Fix: "use a server that has it (MariaDB 10.3, MySQL 8.0) or leave NoWait out and bound the wait with innodb_lock_wait_timeout"}
	case s.LockWait == SkipLocked && !b.F.LockSkipLocked:
		return &UnsupportedError{Dialect: name, Feature: "SKIP LOCKED", Fix: "use a server that has it (MariaDB 10.6, MySQL 8.0)"}
	}
	b.S(" ").S(clause)
	for i, t := range s.LockOf {
		if i == 0 {
			b.S(" OF ")
		} else {
			b.S(", ")
		}
		b.Ident(t)
	}
	switch s.LockWait {
	case NoWait:
		b.S(" NOWAIT")
	case SkipLocked:
		b.S(" SKIP LOCKED")
	}
	return nil
}
