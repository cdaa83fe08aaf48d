package dialect

import (
	"context"
	"database/sql"
)

// Locker is implemented by dialects that can hold a named lock for as long
// as a session lasts, across its transactions and DDL: the migration lock.
// PostgreSQL uses an advisory lock, MySQL GET_LOCK, SQLite an exclusive
// lock on a file beside the database. The lock is released by unlock, and
// in any case when the session ends (the connection closes, the process
// dies), so a killed process never leaves it stuck.
type Locker interface {
	// Lock takes the lock called key for the session of conn, waiting while
	// another session holds it, until ctx is done (the error then wraps
	// ctx.Err()). unlock releases it; call it on the same conn before the
	// conn is closed.
	Lock(ctx context.Context, conn *sql.Conn, key string) (unlock func(context.Context) error, err error)
	// LockHolder describes the session that holds the lock called key (its
	// host, process id, client or application name, as far as the database
	// can tell), or returns "" when the lock is free. conn is an idle
	// connection to the same database.
	LockHolder(ctx context.Context, conn *sql.Conn, key string) (string, error)
}
