package migrate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// Executor is what a Go migration's UpFunc and DownFunc run statements
// with: the migration's transaction where it has one, otherwise the run's
// connection. Every statement counts: it is numbered in errors and
// reported as a Statement event. Use it, not the *sql.DB, or the work
// escapes the migration's transaction (and on SQLite waits for it).
type Executor interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	// Apply runs ddl operations, each rendered against the schema as it is
	// at that point of the migration.
	Apply(ctx context.Context, ops ...ddl.Op) error
	// Dialect is the database's dialect, for SQL that differs between
	// databases.
	Dialect() dialect.Dialect
}

// PanicError is a panic in a Go migration, recovered: the migration fails
// like any other (its transaction rolled back, the lock released).
type PanicError struct {
	Value any
	Stack []byte
}

// Error is "panic: " and the panic value.
func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

// sqlRunner is a *sql.Tx or a *sql.Conn.
type sqlRunner interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// runner runs one direction of one migration; it is the Executor a Go
// migration receives.
type runner struct {
	s    *session
	mig  *migration
	dir  Direction
	q    sqlRunner
	live *schema.Database // the schema as the migration has left it so far; nil when unknown
	n    int              // statements started (the number of the current one)
	ok   int              // statements that succeeded
	// effects counts the statements that succeeded and may have changed
	// something: all but guards (dialect.Guard), which only read.
	effects int
	total   int
	// progress records statement n as done (outside a transaction).
	progress func(ctx context.Context, n int) error
	failed   *failure
	// session says the run opened the dialect's DDLSession around the
	// transaction (SQLite: foreign keys off, for table rebuilds).
	session bool
	// inTx: the statements run in the migration's transaction.
	inTx bool
	// warnings are those of the imported operations run so far.
	warnings []ddl.Warning
}

// failure is where a migration failed.
type failure struct {
	n    int // statement number; 0 before any SQL (rendering an operation)
	sql  string
	line int
	op   string
	err  error
}

var _ Executor = (*runner)(nil)

// Dialect implements Executor.
func (r *runner) Dialect() dialect.Dialect { return r.s.m.d }

// ExecContext implements Executor.
func (r *runner) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	r.live = nil // the schema may have changed
	return r.exec(ctx, query, args, 0)
}

// QueryContext implements Executor.
func (r *runner) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	r.n++
	start := time.Now()
	rows, err := r.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, r.fail(query, 0, err)
	}
	r.ok++
	r.effects++
	r.s.m.emit(Event{Kind: Statement, Direction: r.dir, Name: r.mig.name, Statement: r.n, Total: r.total, SQL: query, Duration: time.Since(start)})
	return rows, nil
}

// QueryRowContext implements Executor. An error shows when the row is
// scanned.
func (r *runner) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	r.n++
	start := time.Now()
	row := r.q.QueryRowContext(ctx, query, args...)
	r.ok++
	r.effects++
	r.s.m.emit(Event{Kind: Statement, Direction: r.dir, Name: r.mig.name, Statement: r.n, Total: r.total, SQL: query, Duration: time.Since(start)})
	return row
}

// Apply implements Executor.
func (r *runner) Apply(ctx context.Context, ops ...ddl.Op) error {
	d := r.s.m.d
	for _, op := range ops {
		if op == nil {
			return errors.New("migrate: Apply: nil operation")
		}
		if r.live == nil {
			live, err := d.Inspect(ctx, r.q, r.s.m.table)
			if err != nil {
				r.failed = &failure{op: op.String(), err: err}
				return fmt.Errorf("inspect the schema: %w", err)
			}
			r.live = live
		}
		if r.mig.imported {
			op = ddl.Import(op) // also those of an UpFunc
			for _, w := range ddl.Warnings(op, r.live) {
				r.warnings = append(r.warnings, w)
				r.s.m.emit(Event{Kind: Warning, Direction: r.dir, Name: r.mig.name, Warning: &w})
			}
		}
		stmts, err := d.Render(op, r.live)
		if err != nil {
			r.failed = &failure{op: op.String(), err: err}
			return err
		}
		for _, st := range stmts {
			if st.Session && !r.session {
				err := fmt.Errorf("%s needs %s's DDL session (it rebuilds the table with foreign keys off), which must be opened before the "+
					"migration's transaction begins; strata opens it for migrations of operations that it can render beforehand, so put "+
					"this operation in a migration of its own (Up and Down), not after raw SQL, in Go code or in a no-transaction migration", op, d.Name())
				r.failed = &failure{op: op.String(), err: err}
				return err
			}
		}
		for _, st := range stmts {
			var err error
			if st.Guard != nil {
				err = r.guard(ctx, st)
			} else {
				_, err = r.exec(ctx, st.SQL, st.Args, 0)
			}
			if err != nil {
				r.failed.op = op.String()
				return err
			}
		}
		if _, raw := op.(*ddl.RawOp); raw {
			r.live = nil // raw SQL may change anything: inspect again when needed
		} else if err := op.Apply(r.live); err != nil {
			r.failed = &failure{op: op.String(), err: err}
			return err
		}
	}
	return nil
}

// beforeStatement, when set (by the package's tests: a failpoint, see
// export_test.go), is called before each statement of a migration runs,
// after the one before it was recorded.
var beforeStatement func(migration string, n int)

func (r *runner) exec(ctx context.Context, query string, args []any, line int) (sql.Result, error) {
	r.n++
	if beforeStatement != nil {
		beforeStatement(r.mig.name, r.n)
	}
	start := time.Now()
	res, err := r.q.ExecContext(ctx, query, args...)
	if err != nil {
		return nil, r.fail(query, line, err)
	}
	r.ok++
	r.effects++
	r.s.m.emit(Event{Kind: Statement, Direction: r.dir, Name: r.mig.name, Statement: r.n, Total: r.total, SQL: query, Duration: time.Since(start)})
	if r.progress != nil {
		if err := r.progress(ctx, r.ok); err != nil {
			r.failed = &failure{n: r.n + 1, err: err}
			return nil, err
		}
	}
	return res, nil
}

// guard runs a guard statement: a query that counts the rows the
// statements after it would lose. It is numbered like any statement, but
// changes nothing, so it neither counts as an effect nor is recorded as
// progress.
func (r *runner) guard(ctx context.Context, st dialect.Stmt) error {
	r.n++
	start := time.Now()
	if r.inTx {
		if err := dialect.LockGuard(ctx, r.q, r.s.m.d, st); err != nil {
			r.failed = &failure{n: r.n, sql: st.Guard.Lock, err: err}
			return err
		}
	}
	if err := dialect.CheckGuard(ctx, r.q, r.s.m.d, st); err != nil {
		r.failed = &failure{n: r.n, sql: st.SQL, err: err}
		return err
	}
	r.ok++
	r.s.m.emit(Event{Kind: Statement, Direction: r.dir, Name: r.mig.name, Statement: r.n, Total: r.total, SQL: st.SQL, Duration: time.Since(start)})
	return nil
}

func (r *runner) fail(query string, line int, err error) error {
	if c := r.s.m.d.Classify(err); c != nil {
		err = c
	}
	r.failed = &failure{n: r.n, sql: query, line: line, err: err}
	return err
}

// body runs the migration's statements, operations or Go code, turning a
// panic into an error.
func (r *runner) body(ctx context.Context, b *body) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &PanicError{Value: p, Stack: debug.Stack()}
		}
	}()
	switch {
	case b.stmts != nil:
		r.live = nil
		for _, st := range b.stmts {
			if _, err := r.exec(ctx, st.SQL, nil, st.Line); err != nil {
				return err
			}
		}
	case b.ops != nil:
		return r.Apply(ctx, b.ops...)
	case b.fn != nil:
		return b.fn(ctx, r)
	}
	return nil
}

// migrationError describes err, naming the statement when err came from one.
func (r *runner) migrationError(err error) *MigrationError {
	me := &MigrationError{Name: r.mig.name, Direction: r.dir, Source: r.mig.source, Total: r.total, Err: err}
	if f := r.failed; f != nil && (errors.Is(err, f.err) || r.mig.kind == KindSQL) {
		me.Statement, me.SQL, me.Line, me.Op = f.n, f.sql, f.line, f.op
	}
	return me
}
