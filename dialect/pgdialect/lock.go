package pgdialect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"strings"
	"time"

	"github.com/strata-orm/strata/dialect"
)

var _ dialect.Locker = (*Dialect)(nil)

// advisoryKey maps a lock name to the bigint key of an advisory lock.
// Advisory locks are scoped to the current database.
func advisoryKey(key string) int64 {
	h := fnv.New64a()
	h.Write([]byte(key))
	return int64(h.Sum64())
}

// Lock implements dialect.Locker with a session-level advisory lock, tried
// with pg_try_advisory_lock until it is free or ctx is done (so ctx bounds
// the wait, and giving up leaves nothing queued on the server). While the
// lock is held the session asks the server to check every second that the
// client is still there (client_connection_check_interval, PostgreSQL 14
// and later), so that a killed process's long statement is cancelled and
// its lock freed within a second rather than when the statement ends, and
// its application_name names this process ("strata <host>/<pid>") for
// LockHolder; both settings are restored by unlock.
func (*Dialect) Lock(ctx context.Context, conn *sql.Conn, key string) (func(context.Context) error, error) {
	id := advisoryKey(key)
	wait := 20 * time.Millisecond
	for {
		var ok bool
		if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", id).Scan(&ok); err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("pgdialect: lock %q: %w", key, ctx.Err())
			}
			return nil, fmt.Errorf("pgdialect: lock %q: %w", key, err)
		}
		if ok {
			break
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("pgdialect: lock %q is held by another session: %w", key, ctx.Err())
		case <-t.C:
		}
		wait = min(2*wait, 500*time.Millisecond)
	}
	// Best effort: older servers do not know the setting.
	checked := false
	if _, err := conn.ExecContext(ctx, "SET client_connection_check_interval = 1000"); err == nil {
		checked = true
	}
	// Name this process in application_name, which LockHolder reports, so
	// that a waiting process can say who holds the lock.
	var app string
	named := conn.QueryRowContext(ctx, "SELECT current_setting('application_name'), set_config('application_name', $1, false)", holderName()).Scan(&app, new(string)) == nil
	unlock := func(ctx context.Context) error {
		var errs []error
		if checked {
			if _, err := conn.ExecContext(ctx, "RESET client_connection_check_interval"); err != nil {
				errs = append(errs, err)
			}
		}
		if named {
			if _, err := conn.ExecContext(ctx, "SELECT set_config('application_name', $1, false)", app); err != nil {
				errs = append(errs, err)
			}
		}
		var released bool
		if err := conn.QueryRowContext(ctx, "SELECT pg_advisory_unlock($1)", id).Scan(&released); err != nil {
			errs = append(errs, err)
		} else if !released {
			errs = append(errs, errors.New("the session did not hold it"))
		}
		if err := errors.Join(errs...); err != nil {
			return fmt.Errorf("pgdialect: unlock %q: %w", key, err)
		}
		return nil
	}
	return unlock, nil
}

// holderName is the application_name a session holding a lock takes:
// "strata <host>/<pid>", within PostgreSQL's 63 bytes.
func holderName() string {
	host, _ := os.Hostname()
	s := fmt.Sprintf("strata %s/%d", host, os.Getpid())
	if len(s) > 63 {
		s = s[:63]
	}
	return s
}

// LockHolder implements dialect.Locker: the backend holding the advisory
// lock, from pg_locks and pg_stat_activity.
func (*Dialect) LockHolder(ctx context.Context, conn *sql.Conn, key string) (string, error) {
	id := uint64(advisoryKey(key))
	const q = `SELECT a.pid, COALESCE(host(a.client_addr), ''), COALESCE(a.client_port, -1),
	COALESCE(a.application_name, ''), COALESCE(a.usename::text, ''), a.backend_start
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND l.classid::bigint = $1 AND l.objid::bigint = $2
LIMIT 1`
	var (
		pid, port       int64
		addr, app, user string
		since           time.Time
	)
	err := conn.QueryRowContext(ctx, q, int64(id>>32), int64(id&0xffffffff)).Scan(&pid, &addr, &port, &app, &user, &since)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("pgdialect: find the holder of lock %q: %w", key, err)
	}
	parts := []string{fmt.Sprintf("PostgreSQL backend pid %d", pid)}
	switch {
	case addr != "" && port >= 0:
		parts = append(parts, fmt.Sprintf("client %s:%d", addr, port))
	case addr == "":
		parts = append(parts, "client on a local socket")
	}
	if user != "" {
		parts = append(parts, "user "+user)
	}
	if app != "" {
		parts = append(parts, fmt.Sprintf("application %q", app))
	}
	parts = append(parts, "connected since "+since.UTC().Format(time.RFC3339))
	return strings.Join(parts, ", "), nil
}
