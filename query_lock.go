package strata

import (
	"fmt"
	"slices"

	"github.com/strata-orm/strata/internal/query"
)

// UnsupportedError is a query that asks for a construct its database does
// not have (SKIP LOCKED before MariaDB 10.6, FOR UPDATE OF on MariaDB …).
// Nothing has run: strata refuses the query rather than run it without
// the part the database cannot express. Fix says what to do instead.
type UnsupportedError = query.UnsupportedError

// LockOption refines a row lock (ForUpdate, ForShare): what it does about
// rows another transaction holds (NoWait, SkipLocked) and which tables'
// rows it locks (LockOf).
type LockOption interface {
	applyLock(s *query.Select, tables []string) error
}

type lockOptionFunc func(s *query.Select, tables []string) error

func (f lockOptionFunc) applyLock(s *query.Select, tables []string) error { return f(s, tables) }

// SkipLocked leaves out the rows another transaction holds a lock on
// (SKIP LOCKED), so that workers taking jobs from a queue table each get
// rows of their own and none waits:
//
//	jobs, err := strata.Find[Job](tx).Where(strata.Eq("state", "ready")).
//		Order("id").Limit(10).ForUpdate(strata.SkipLocked()).All(ctx)
//
// PostgreSQL, MySQL 8 and MariaDB 10.6 have it; an older server gives an
// *UnsupportedError. On SQLite, whose write transaction locks the whole
// database, no row is ever held by another writer and the lock clause is
// left out, as ForUpdate's is.
func SkipLocked() LockOption {
	return lockOptionFunc(func(s *query.Select, _ []string) error {
		if s.LockWait == query.NoWait {
			return fmt.Errorf("strata: SkipLocked with NoWait: a lock either skips the rows others hold or fails on them; keep one")
		}
		s.LockWait = query.SkipLocked
		return nil
	})
}

// NoWait makes the locking read fail at once, with the database's lock
// error, when a row it would lock is held by another transaction
// (NOWAIT) instead of waiting for it. PostgreSQL, MySQL 8 and MariaDB
// 10.3 have it; on SQLite the lock clause is left out (see SkipLocked).
func NoWait() LockOption {
	return lockOptionFunc(func(s *query.Select, _ []string) error {
		if s.LockWait == query.SkipLocked {
			return fmt.Errorf("strata: NoWait with SkipLocked: a lock either skips the rows others hold or fails on them; keep one")
		}
		s.LockWait = query.NoWait
		return nil
	})
}

// LockOf limits the lock to the rows of the named tables of the query
// (FOR UPDATE OF t), each a table the query reads: its model's table.
// PostgreSQL and MySQL 8 have it; MariaDB gives an *UnsupportedError.
func LockOf(tables ...string) LockOption {
	return lockOptionFunc(func(s *query.Select, known []string) error {
		if len(tables) == 0 {
			return fmt.Errorf("strata: LockOf() names no table; name the tables whose rows to lock, or leave it out to lock them all")
		}
		for _, t := range tables {
			if !slices.Contains(known, t) {
				return fmt.Errorf("strata: LockOf(%q): the query reads no table of that name; it reads %q", t, known)
			}
			if !slices.Contains(s.LockOf, t) {
				s.LockOf = append(s.LockOf, t)
			}
		}
		return nil
	})
}

// ForUpdate locks the selected rows for update until the transaction
// ends; opts make it skip or refuse rows others hold (SkipLocked, NoWait)
// or lock only some tables' rows (LockOf). On SQLite, whose write
// transactions lock the whole database, it writes no clause.
func (q *Query[T]) ForUpdate(opts ...LockOption) *Query[T] {
	return q.lock(query.ForUpdate, opts)
}

// ForShare locks the selected rows against writes until the transaction
// ends (LOCK IN SHARE MODE on MariaDB); opts as ForUpdate's. On SQLite it
// writes no clause.
func (q *Query[T]) ForShare(opts ...LockOption) *Query[T] {
	return q.lock(query.ForShare, opts)
}

func (q *Query[T]) lock(l query.Lock, opts []LockOption) *Query[T] {
	q.sel.Lock, q.sel.LockWait, q.sel.LockOf = l, query.Wait, nil
	var tables []string
	if q.m != nil {
		tables = []string{q.m.Table}
	}
	for _, o := range opts {
		if o == nil {
			return q.fail(fmt.Errorf("strata: a nil LockOption on %s: %w", q.name(), ErrNilOption))
		}
		if err := o.applyLock(&q.sel, tables); err != nil {
			return q.fail(err)
		}
	}
	return q
}
