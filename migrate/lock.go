package migrate

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// session is one run holding the migration lock on its connection. All of
// the run's work happens on that one connection: the lock is a session
// lock (PostgreSQL, MySQL) or a file lock (SQLite), so the migrations'
// transactions do not release it, and a pool of one connection is enough.
type session struct {
	m    *Migrator
	conn *sql.Conn
	st   *state
	recs []*record
	live *schema.Database // the live schema without the state table; nil until inspected or when stale
	// skips holds, by migration, the pending migrations an Up run leaves
	// behind that sort before it (recorded in its row as skipped).
	skips map[string][]string
	// unskip holds, for an Undo by name, the rows of the applied
	// migrations that sort after the undone one, each with its skipped
	// list grown by that name: it is pending on purpose now.
	unskip map[string][]string
}

// lockKey names the migration lock after the state table.
func (m *Migrator) lockKey() string { return "strata-migrate:" + m.table }

// locked takes the migration lock on a dedicated connection, makes sure
// the state table exists (adopting a sequelize-cli one), reads the state,
// and runs f. The lock is released however f ends, panics included.
func (m *Migrator) locked(ctx context.Context, f func(s *session) error) (err error) {
	defer func() { err = withContext(ctx, err) }()
	locker, ok := m.d.(dialect.Locker)
	if !ok {
		return fmt.Errorf("migrate: dialect %s does not implement dialect.Locker, so runs cannot be kept from overlapping; use a dialect that does", m.d.Name())
	}
	conn, err := m.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migrate: connect: %w", err)
	}
	defer conn.Close()
	unlock, err := m.lock(ctx, conn, locker)
	if err != nil {
		return err
	}
	defer func() {
		uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if uerr := unlock(uctx); uerr != nil {
			// Never return a connection that may still hold the lock to
			// the pool: discarding it ends the session, which frees it.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
			if err == nil {
				err = fmt.Errorf("migrate: release the migration lock: %w", uerr)
			}
		}
	}()
	s := &session{m: m, conn: conn, st: &state{table: m.table, d: m.d}}
	if err := s.st.ensure(ctx, conn); err != nil {
		return err
	}
	if s.recs, err = s.st.read(ctx, conn); err != nil {
		return err
	}
	return f(s)
}

func (m *Migrator) lock(ctx context.Context, conn *sql.Conn, locker dialect.Locker) (func(context.Context) error, error) {
	key := m.lockKey()
	start := time.Now()
	if holder, err := locker.LockHolder(ctx, conn, key); err == nil && holder != "" {
		m.emit(Event{Kind: LockWait, Holder: holder})
	}
	lctx, cancel := context.WithTimeout(ctx, m.lockTimeout)
	unlock, err := locker.Lock(lctx, conn, key)
	cancel()
	if err != nil {
		le := &LockError{Table: m.table, Waited: time.Since(start), Err: err}
		if ctx.Err() == nil && errors.Is(lctx.Err(), context.DeadlineExceeded) {
			le.Timeout = true
			hctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			le.Holder, _ = locker.LockHolder(hctx, conn, key)
			cancel()
		}
		return nil, le
	}
	m.emit(Event{Kind: LockAcquired, Duration: time.Since(start)})
	return unlock, nil
}
