package sqlitedialect

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"sync"
	"time"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// connector hands database/sql connections that store time.Time arguments
// the way strata's other databases do: in UTC, cut to the microsecond.
// For an in-memory database it also holds one connection of its own from
// the first Connect until DB.Close, since the database lives only as long
// as a connection to it does, whatever the pool's settings.
type connector struct {
	base   driver.Connector
	memory bool

	mu   sync.Mutex
	keep driver.Conn // the in-memory database's keeper
}

var _ io.Closer = (*connector)(nil)

// Connect implements driver.Connector.
func (c *connector) Connect(ctx context.Context) (driver.Conn, error) {
	if c.memory {
		c.mu.Lock()
		if c.keep == nil {
			keep, err := c.base.Connect(ctx)
			if err != nil {
				c.mu.Unlock()
				return nil, err
			}
			c.keep = keep
		}
		c.mu.Unlock()
	}
	inner, err := c.connect(ctx)
	if err != nil {
		return nil, err
	}
	return &conn{inner: inner}, nil
}

// connect opens a connection, trying again while SQLite answers
// SQLITE_BUSY, for as long as the busy timeout (5s) or ctx allow. Setting a
// connection up runs pragmas, and one of them, journal_mode=WAL on a
// database that is not in WAL mode yet (a new file), needs a lock that
// SQLite does not wait for with the busy handler: processes opening a new
// database at the same moment would otherwise fail at connect with
// "database is locked". The pragmas are the same on every try.
func (c *connector) connect(ctx context.Context) (driver.Conn, error) {
	deadline := time.Now().Add(busyTimeout)
	wait := time.Millisecond
	for {
		inner, err := c.base.Connect(ctx)
		if err == nil || !isBusy(err) || time.Now().Add(wait).After(deadline) {
			return inner, err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, err
		case <-t.C:
		}
		wait = min(2*wait, 50*time.Millisecond)
	}
}

// busyTimeout is how long a connection waits for another one's lock.
const busyTimeout = 5 * time.Second

// isBusy reports SQLITE_BUSY, with any extended code.
func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

// Driver implements driver.Connector.
func (c *connector) Driver() driver.Driver { return c.base.Driver() }

// Close releases the in-memory database; DB.Close calls it.
func (c *connector) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.keep == nil {
		return nil
	}
	err := c.keep.Close()
	c.keep = nil
	return err
}

// conn wraps a modernc.org/sqlite connection. It forwards every optional
// interface the driver's connections implement, as the driver's
// documentation asks of a wrapper, and adds CheckNamedValue.
type conn struct {
	inner driver.Conn
}

var (
	_ driver.Conn               = (*conn)(nil)
	_ driver.ConnBeginTx        = (*conn)(nil)
	_ driver.ConnPrepareContext = (*conn)(nil)
	_ driver.ExecerContext      = (*conn)(nil)
	_ driver.QueryerContext     = (*conn)(nil)
	_ driver.Pinger             = (*conn)(nil)
	_ driver.SessionResetter    = (*conn)(nil)
	_ driver.Validator          = (*conn)(nil)
	_ driver.NamedValueChecker  = (*conn)(nil)
)

// Unwrap returns the driver's own connection (modernc.org/sqlite looks
// through wrappers with it).
func (c *conn) Unwrap() driver.Conn { return c.inner }

// Prepare implements driver.Conn.
func (c *conn) Prepare(query string) (driver.Stmt, error) { return c.inner.Prepare(query) }

// Close implements driver.Conn.
func (c *conn) Close() error { return c.inner.Close() }

// Begin implements driver.Conn; database/sql calls BeginTx instead.
func (c *conn) Begin() (driver.Tx, error) {
	//lint:ignore SA1019 driver.Conn requires Begin, which can only forward.
	return c.inner.Begin()
}

// BeginTx implements driver.ConnBeginTx.
func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if b, ok := c.inner.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	//lint:ignore SA1019 the fallback for a connection without BeginTx.
	return c.inner.Begin()
}

// PrepareContext implements driver.ConnPrepareContext.
func (c *conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if p, ok := c.inner.(driver.ConnPrepareContext); ok {
		return p.PrepareContext(ctx, query)
	}
	return c.inner.Prepare(query)
}

// ExecContext implements driver.ExecerContext.
func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if e, ok := c.inner.(driver.ExecerContext); ok {
		return e.ExecContext(ctx, query, args)
	}
	return nil, driver.ErrSkip
}

// QueryContext implements driver.QueryerContext.
func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if q, ok := c.inner.(driver.QueryerContext); ok {
		return q.QueryContext(ctx, query, args)
	}
	return nil, driver.ErrSkip
}

// Ping implements driver.Pinger.
func (c *conn) Ping(ctx context.Context) error {
	if p, ok := c.inner.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

// ResetSession implements driver.SessionResetter.
func (c *conn) ResetSession(ctx context.Context) error {
	if r, ok := c.inner.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

// IsValid implements driver.Validator.
func (c *conn) IsValid() bool {
	if v, ok := c.inner.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

// CheckNamedValue converts an argument as database/sql would, then rounds
// a time.Time down to the microsecond and moves it to UTC, so that what
// SQLite stores is what a microsecond column elsewhere holds (strata's
// MySQL dialect cuts times the same way).
func (c *conn) CheckNamedValue(nv *driver.NamedValue) error {
	v, err := driver.DefaultParameterConverter.ConvertValue(nv.Value)
	if err != nil {
		return err
	}
	if t, ok := v.(time.Time); ok {
		v = t.Truncate(time.Microsecond).UTC()
	}
	nv.Value = v
	return nil
}
