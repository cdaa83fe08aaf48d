package sqlitedialect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/filelock"
)

var _ dialect.Locker = (*Dialect)(nil)

// lockPath is the file beside the main database that carries the lock,
// "<database file>.lock", or "" for an in-memory or temporary database.
func lockPath(ctx context.Context, conn *sql.Conn) (string, error) {
	rows, err := conn.QueryContext(ctx, "PRAGMA database_list")
	if err != nil {
		return "", err
	}
	defer rows.Close()
	for rows.Next() {
		var seq int
		var name, file sql.NullString
		if err := rows.Scan(&seq, &name, &file); err != nil {
			return "", err
		}
		if name.String == "main" {
			if file.String == "" {
				return "", nil
			}
			return file.String + ".lock", rows.Close()
		}
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	return "", errors.New("PRAGMA database_list lists no main database")
}

// Lock implements dialect.Locker with an exclusive lock (flock on Unix,
// LockFileEx on Windows) on the file "<database file>.lock", tried until it
// is free or ctx is done. The lock covers the whole database, whatever
// key: SQLite has one writer at a time anyway. The file holds the holder's
// host and process id for LockHolder, and is removed when the lock is
// released (internal/filelock says how that stays safe); the kernel
// releases the lock when the process ends, however it ends, leaving the
// file. An in-memory database is private to its process and needs no lock.
func (*Dialect) Lock(ctx context.Context, conn *sql.Conn, key string) (func(context.Context) error, error) {
	path, err := lockPath(ctx, conn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: lock %q: find the database file: %w", key, err)
	}
	if path == "" {
		return func(context.Context) error { return nil }, nil
	}
	l, err := filelock.Acquire(ctx, path, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: lock %q: %w", key, err)
	}
	host, _ := os.Hostname()
	info := fmt.Sprintf("host %s, pid %d, since %s\n", host, os.Getpid(), time.Now().UTC().Format(time.RFC3339))
	if err := l.File().Truncate(0); err == nil {
		_, _ = l.File().WriteAt([]byte(info), 0)
	}
	return func(context.Context) error {
		if err := l.Release(); err != nil {
			return fmt.Errorf("sqlite: unlock %q on %s: %w", key, path, err)
		}
		return nil
	}, nil
}

// LockHolder implements dialect.Locker: the host and process id written in
// the lock file by the process that holds it, or "" when it is free.
func (*Dialect) LockHolder(ctx context.Context, conn *sql.Conn, key string) (string, error) {
	path, err := lockPath(ctx, conn)
	if err != nil || path == "" {
		return "", err
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("sqlite: find the holder of lock %q: %w", key, err)
	}
	defer f.Close()
	free, err := filelock.TryLock(f)
	if err != nil {
		return "", fmt.Errorf("sqlite: find the holder of lock %q: %w", key, err)
	}
	if free {
		return "", filelock.Unlock(f)
	}
	b := make([]byte, 512)
	n, _ := f.ReadAt(b, 0)
	holder := strings.TrimSpace(string(b[:n]))
	if holder == "" {
		holder = "a process that has not written its name yet"
	}
	return holder + " (lock file " + path + ")", nil
}
