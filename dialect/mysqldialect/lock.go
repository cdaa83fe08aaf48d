package mysqldialect

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/strata-orm/strata/dialect"
)

var _ dialect.Locker = (*Dialect)(nil)

// lockName is the server-wide GET_LOCK name for key in the current
// database: user locks are per server, so the database name is part of it.
// Names longer than MySQL's 64 characters are hashed.
func lockName(ctx context.Context, conn *sql.Conn, key string) (string, error) {
	var db sql.NullString
	if err := conn.QueryRowContext(ctx, "SELECT DATABASE()").Scan(&db); err != nil {
		return "", err
	}
	name := db.String + "." + key
	if len(name) > 64 {
		sum := sha256.Sum256([]byte(name))
		name = "strata." + hex.EncodeToString(sum[:])[:40]
	}
	return name, nil
}

// Lock implements dialect.Locker with GET_LOCK, tried without waiting until
// the lock is free or ctx is done. The server releases it when the session
// ends.
func (*Dialect) Lock(ctx context.Context, conn *sql.Conn, key string) (func(context.Context) error, error) {
	name, err := lockName(ctx, conn, key)
	if err != nil {
		return nil, fmt.Errorf("mysqldialect: lock %q: %w", key, err)
	}
	wait := 20 * time.Millisecond
	for {
		var got sql.NullInt64
		if err := conn.QueryRowContext(ctx, "SELECT GET_LOCK(?, 0)", name).Scan(&got); err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("mysqldialect: lock %q: %w", key, ctx.Err())
			}
			return nil, fmt.Errorf("mysqldialect: lock %q: %w", key, err)
		}
		if got.Valid && got.Int64 == 1 {
			break
		}
		if !got.Valid {
			return nil, fmt.Errorf("mysqldialect: lock %q: GET_LOCK returned NULL (the server could not take it)", key)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("mysqldialect: lock %q is held by another session: %w", key, ctx.Err())
		case <-t.C:
		}
		wait = min(2*wait, 500*time.Millisecond)
	}
	return func(ctx context.Context) error {
		var released sql.NullInt64
		if err := conn.QueryRowContext(ctx, "SELECT RELEASE_LOCK(?)", name).Scan(&released); err != nil {
			return fmt.Errorf("mysqldialect: unlock %q: %w", key, err)
		}
		if !released.Valid || released.Int64 != 1 {
			return errors.New("mysqldialect: unlock " + key + ": the session did not hold it")
		}
		return nil
	}, nil
}

// LockHolder implements dialect.Locker: the connection IS_USED_LOCK names,
// described from the process list.
func (*Dialect) LockHolder(ctx context.Context, conn *sql.Conn, key string) (string, error) {
	name, err := lockName(ctx, conn, key)
	if err != nil {
		return "", fmt.Errorf("mysqldialect: find the holder of lock %q: %w", key, err)
	}
	var id sql.NullInt64
	if err := conn.QueryRowContext(ctx, "SELECT IS_USED_LOCK(?)", name).Scan(&id); err != nil {
		return "", fmt.Errorf("mysqldialect: find the holder of lock %q: %w", key, err)
	}
	if !id.Valid {
		return "", nil
	}
	var user, host, command sql.NullString
	var secs sql.NullInt64
	err = conn.QueryRowContext(ctx, "SELECT USER, HOST, COMMAND, TIME FROM information_schema.PROCESSLIST WHERE ID = ?", id.Int64).Scan(&user, &host, &command, &secs)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Sprintf("MySQL connection %d", id.Int64), nil
	}
	if err != nil {
		return "", fmt.Errorf("mysqldialect: find the holder of lock %q: %w", key, err)
	}
	return fmt.Sprintf("MySQL connection %d (user %s from %s, %s for %ds)", id.Int64, user.String, host.String, command.String, secs.Int64), nil
}
