package mysqldialect

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"sync/atomic"
	"time"
)

// connector hands database/sql go-sql-driver connections whose statements
// stop on the server when their context ends, as pgx cancels a
// PostgreSQL statement. go-sql-driver/mysql only closes its socket then,
// and the server goes on running the statement (a SELECT SLEEP(5), a long
// UPDATE holding its locks) until it next writes to the client. So each
// connection learns its CONNECTION_ID() when it opens, and when the
// context of a statement running on it ends, KILL CONNECTION <id> is sent
// from a connection of its own, outside the pool (which may have none to
// spare), before the statement's call returns. It ends the statement and
// the session on the server, rolling back its transaction and freeing its
// locks (GET_LOCK's too). KILL QUERY would leave the session, and a
// statement the driver had sent just before closing its socket could
// reach the server after the KILL and run to its end; the connection is
// closed anyway: the driver closed its socket, and a connection a KILL
// was sent for reports itself bad to database/sql, which closes it.
type connector struct {
	base driver.Connector
}

// killTimeout bounds the connection that sends a KILL.
const killTimeout = 5 * time.Second

// Connect implements driver.Connector.
func (c *connector) Connect(ctx context.Context) (driver.Conn, error) {
	inner, err := c.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	id, err := connectionID(ctx, inner)
	if err != nil {
		inner.Close()
		return nil, err
	}
	return &conn{inner: inner, id: id, k: c}, nil
}

// Driver implements driver.Connector.
func (c *connector) Driver() driver.Driver { return c.base.Driver() }

// connectionID asks the server for the connection's id.
func connectionID(ctx context.Context, dc driver.Conn) (uint64, error) {
	q, ok := dc.(driver.QueryerContext)
	if !ok {
		return 0, errors.New("mysql: the driver's connection cannot run a query")
	}
	rows, err := q.QueryContext(ctx, "SELECT CONNECTION_ID()", nil)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	dest := make([]driver.Value, 1)
	if err := rows.Next(dest); err != nil {
		return 0, fmt.Errorf("mysql: read CONNECTION_ID(): %w", err)
	}
	switch v := dest[0].(type) {
	case int64:
		return uint64(v), nil
	case uint64:
		return v, nil
	case []byte:
		return strconv.ParseUint(string(v), 10, 64)
	}
	return 0, fmt.Errorf("mysql: CONNECTION_ID() gave %T", dest[0])
}

// kill ends the session (and the statement running in it) of the
// connection with that id, from a new connection. It is best effort: the
// connection it stops is closed by the driver and discarded whatever
// happens here.
func (c *connector) kill(id uint64) {
	ctx, cancel := context.WithTimeout(context.Background(), killTimeout)
	defer cancel()
	kc, err := c.base.Connect(ctx)
	if err != nil {
		return
	}
	defer kc.Close()
	if e, ok := kc.(driver.ExecerContext); ok {
		_, _ = e.ExecContext(ctx, "KILL CONNECTION "+strconv.FormatUint(id, 10), nil)
	}
}

// conn is a go-sql-driver connection that knows its server id. It
// forwards every optional interface the driver's connections implement.
type conn struct {
	inner driver.Conn
	id    uint64
	k     *connector
	// killed: a KILL was sent for this connection: database/sql must
	// close it, never reuse it.
	killed atomic.Bool
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

// watch sends the KILL for the connection if ctx ends before the
// returned stop is called; stop waits for that KILL to be sent, so a
// statement whose context ended is no longer running on the server when
// its call returns. The driver watches ctx too and may return before
// context.AfterFunc has started the KILL, so stop sends it itself when
// ctx has ended by then.
func (c *conn) watch(ctx context.Context) (stop func()) {
	if ctx.Done() == nil {
		return func() {}
	}
	sent := make(chan struct{})
	kill := func() {
		c.killed.Store(true)
		c.k.kill(c.id)
	}
	after := context.AfterFunc(ctx, func() {
		kill()
		close(sent)
	})
	return func() {
		if !after() {
			<-sent
		} else if ctx.Err() != nil {
			kill()
		}
	}
}

// usable refuses a connection a KILL was sent for, and a context that has
// ended already (the driver would not send the statement either).
func (c *conn) usable(ctx context.Context) error {
	if c.killed.Load() {
		return driver.ErrBadConn
	}
	return ctx.Err()
}

// Unwrap returns the driver's own connection.
func (c *conn) Unwrap() driver.Conn { return c.inner }

// Prepare implements driver.Conn.
func (c *conn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// PrepareContext implements driver.ConnPrepareContext.
func (c *conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if err := c.usable(ctx); err != nil {
		return nil, err
	}
	stop := c.watch(ctx)
	defer stop()
	st, err := c.inner.(driver.ConnPrepareContext).PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return &stmt{inner: st, c: c}, nil
}

// Close implements driver.Conn.
func (c *conn) Close() error { return c.inner.Close() }

// Begin implements driver.Conn; database/sql calls BeginTx instead.
func (c *conn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

// BeginTx implements driver.ConnBeginTx.
func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if err := c.usable(ctx); err != nil {
		return nil, err
	}
	stop := c.watch(ctx)
	defer stop()
	return c.inner.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

// ExecContext implements driver.ExecerContext.
func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if err := c.usable(ctx); err != nil {
		return nil, err
	}
	stop := c.watch(ctx)
	defer stop()
	return c.inner.(driver.ExecerContext).ExecContext(ctx, query, args)
}

// QueryContext implements driver.QueryerContext. The statement runs until
// its rows are closed, and so does the watch.
func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if err := c.usable(ctx); err != nil {
		return nil, err
	}
	stop := c.watch(ctx)
	r, err := c.inner.(driver.QueryerContext).QueryContext(ctx, query, args)
	if err != nil {
		stop()
		return nil, err
	}
	return &rows{inner: r, stop: stop}, nil
}

// Ping implements driver.Pinger.
func (c *conn) Ping(ctx context.Context) error {
	if err := c.usable(ctx); err != nil {
		return err
	}
	return c.inner.(driver.Pinger).Ping(ctx)
}

// ResetSession implements driver.SessionResetter.
func (c *conn) ResetSession(ctx context.Context) error {
	if c.killed.Load() {
		return driver.ErrBadConn
	}
	return c.inner.(driver.SessionResetter).ResetSession(ctx)
}

// IsValid implements driver.Validator.
func (c *conn) IsValid() bool {
	return !c.killed.Load() && c.inner.(driver.Validator).IsValid()
}

// CheckNamedValue implements driver.NamedValueChecker with the driver's
// conversions.
func (c *conn) CheckNamedValue(nv *driver.NamedValue) error {
	zeroTime(nv)
	return c.inner.(driver.NamedValueChecker).CheckNamedValue(nv)
}

// zeroTime binds the zero time.Time (0001-01-01 00:00:00 UTC) as that
// text: the driver would send 0000-00-00, which strict mode refuses. It
// covers every statement on a handle this package opened (migrations'
// and seeders' bulk rows too); strata's DB does the same for any handle
// (QueryFeatures.ZeroTime).
func zeroTime(nv *driver.NamedValue) {
	switch t := nv.Value.(type) {
	case time.Time:
		if t.IsZero() {
			nv.Value = zeroTimeText
		}
	case *time.Time:
		if t != nil && t.IsZero() {
			nv.Value = zeroTimeText
		}
	}
}
