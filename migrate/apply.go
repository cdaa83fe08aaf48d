package migrate

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// run applies or undoes one migration. rec is its state row (Down); seq its
// order of application (Up).
func (s *session) run(ctx context.Context, mig *migration, dir Direction, rec *record, seq int64) (Result, error) {
	m := s.m
	b := &mig.up
	if dir == Down {
		b = mig.down
	}
	r := &runner{s: s, mig: mig, dir: dir}
	if dir == Up {
		s.lint(ctx, mig)
	}
	noTx := m.outsideTx(mig, b)
	switch {
	case b.stmts != nil:
		r.total = len(b.stmts)
	case b.ops != nil:
		if s.live == nil {
			live, err := m.d.Inspect(ctx, s.conn, m.table)
			if err != nil {
				return Result{}, fmt.Errorf("migrate: inspect the schema before %s: %w", mig.name, err)
			}
			s.live = live
		}
		p, f := prerender(m.d, s.live, b.ops)
		if f != nil {
			r.failed = f
			err := r.migrationError(f.err)
			err.Unchanged = true // nothing ran
			m.emit(Event{Kind: MigrationStart, Direction: dir, Name: mig.name, NoTx: noTx})
			m.emit(Event{Kind: MigrationFailed, Direction: dir, Name: mig.name, Err: err})
			return Result{}, err
		}
		r.total, noTx, r.session = p.total, noTx || p.noTx, p.session
		if noTx {
			if err := s.earlyGuards(ctx, r, dir, p.early); err != nil {
				return Result{}, err
			}
		}
	}
	if s.live != nil {
		r.live = s.live.Clone()
	}
	m.emit(Event{Kind: MigrationStart, Direction: dir, Name: mig.name, Total: r.total, NoTx: noTx})
	start := time.Now()
	var err error
	if noTx {
		err = s.runNoTx(ctx, r, b, rec, seq, start)
	} else {
		r.inTx = true
		err = s.runTx(ctx, r, b, seq, start)
	}
	if err != nil {
		s.live = nil
		m.emit(Event{Kind: MigrationFailed, Direction: dir, Name: mig.name, Statement: r.n, Err: err})
		return Result{}, err
	}
	s.live = r.live
	if s.live != nil && slices.ContainsFunc(s.live.Objects, func(b schema.Object) bool { return b.Stale }) {
		// The database rewrote definitions the offline schema holds as
		// read (ddl.ErrStale): read them afresh for the next migration.
		s.live = nil
	}
	d := time.Since(start)
	m.emit(Event{Kind: MigrationDone, Direction: dir, Name: mig.name, Statement: r.n, Total: r.total, Duration: d, NoTx: noTx})
	return Result{Name: mig.name, Direction: dir, Duration: d, Statements: r.n, Warnings: r.warnings}, nil
}

// runTx runs a migration and writes its state row in one transaction on
// the session's connection, wrapped in the dialect's DDLSession when a
// statement needs it (SQLite's table rebuilds: foreign keys off around the
// transaction, checked before the commit). On
// any error the transaction is rolled back: the schema and the state are
// as before.
func (s *session) runTx(ctx context.Context, r *runner, b *body, seq int64, start time.Time) (err error) {
	m := s.m
	sess, _ := m.d.(dialect.DDLSession)
	if !r.session {
		sess = nil
	}
	r.session = sess != nil
	if sess != nil {
		if err := sess.BeginDDL(ctx, s.conn); err != nil {
			e := r.migrationError(fmt.Errorf("prepare the connection: %w", err))
			e.Unchanged = true
			return e
		}
		defer func() {
			if e := sess.EndDDL(context.WithoutCancel(ctx), s.conn); e != nil && err == nil {
				err = fmt.Errorf("migrate: %s was %s, but resetting the connection afterwards failed: %w", r.mig.name, doneWord(r.dir), e)
			}
		}()
	}
	tx, err := s.conn.BeginTx(ctx, nil)
	if err != nil {
		e := r.migrationError(fmt.Errorf("begin transaction: %w", err))
		e.Unchanged = true
		return e
	}
	r.q = tx
	err = r.body(ctx, b)
	if err == nil {
		if err = s.recordDone(ctx, tx, r, seq, start); err != nil {
			r.failed = nil
		}
	}
	if err == nil && sess != nil {
		if err = sess.CheckDDL(ctx, tx); err != nil {
			r.failed = nil
		}
	}
	if err != nil {
		e := r.migrationError(err)
		if rbErr := tx.Rollback(); rbErr == nil || ctx.Err() != nil {
			// After a cancelled context database/sql has rolled back already.
			e.RolledBack, e.Unchanged = true, true
		}
		return e
	}
	if err := dialect.Commit(ctx, tx); err != nil {
		r.failed = nil
		var ce *dialect.ContextError
		if errors.As(err, &ce) && ce.RolledBack {
			e := r.migrationError(fmt.Errorf("commit: %w", err))
			e.RolledBack, e.Unchanged = true, true
			return e
		}
		if errors.Is(err, dialect.ErrCommitOutcomeUnknown) {
			return r.migrationError(&remedyError{msg: text{}.f("commit: %v (", err).remedy(RemedyStatus, r.mig.name, "").f(" tells)"), err: err})
		}
		return r.migrationError(&remedyError{msg: text{}.f("commit: %v (whether the commit took effect is unknown if the connection broke; ", err).
			remedy(RemedyStatus, r.mig.name, "").f(" tells)"), err: err})
	}
	return nil
}

func doneWord(d Direction) string {
	if d == Down {
		return "undone"
	}
	return "applied"
}

// recordDone writes the end of a successful migration: a new applied row
// (up) or the row removed (down).
func (s *session) recordDone(ctx context.Context, e dialect.Execer, r *runner, seq int64, start time.Time) error {
	now := time.Now().UTC()
	if r.dir == Down {
		if err := s.st.delete(ctx, e, r.recordedName()); err != nil {
			return err
		}
		return s.recordUnskip(ctx, e, now)
	}
	r0 := row{}.with("name", rowName(r.mig.name)).with("seq", seq)
	return s.st.insert(ctx, e, s.st.stamp(s.appliedRow(r0, r, now, start), true, now))
}

// recordUnskip writes the skipped lists grown by an Undo by name.
func (s *session) recordUnskip(ctx context.Context, e dialect.Execer, now time.Time) error {
	for _, name := range slices.Sorted(maps.Keys(s.unskip)) {
		if err := s.st.update(ctx, e, name, s.st.stamp(row{}.with("skipped", skippedText(s.unskip[name])), false, now)); err != nil {
			return err
		}
	}
	return nil
}

// appliedRow adds to r0 the columns of an applied migration.
func (s *session) appliedRow(r0 row, r *runner, now, start time.Time) row {
	return r0.with("checksum", nullable(r.mig.checksum)).with("applied_at", now).
		with("duration_ms", now.Sub(start).Milliseconds()).with("status", statusApplied).with("direction", string(Up)).
		with("stmts_done", r.ok).with("stmts_total", r.n).with("error", nil).with("ran_by", s.m.ranBy).
		with("skipped", skippedText(s.skips[r.mig.name]))
}

// recordedName is the migration's name as the state table holds it (with
// .js for a migration sequelize-cli applied).
func (r *runner) recordedName() string {
	for _, rec := range r.s.recs {
		if rec.stem() == r.mig.name {
			return rec.Name
		}
	}
	return rowName(r.mig.name)
}

// runNoTx runs a migration outside a transaction, as MySQL must (its DDL
// commits itself) and as NoTx asks: the state row is written first as
// in_progress with the statement count, updated after every statement,
// and marked applied (or removed, for down) at the end. A failure after
// some statements took effect is recorded as failed, with how far it got
// and the error; later runs refuse until Repair. A failure before any
// statement took effect leaves the state as it was.
func (s *session) runNoTx(ctx context.Context, r *runner, b *body, rec *record, seq int64, start time.Time) error {
	name := r.mig.name
	now := start.UTC()
	var err error
	if r.dir == Up {
		name = rowName(name)
		err = s.st.insert(ctx, s.conn, s.st.stamp(row{}.with("name", name).with("checksum", nullable(r.mig.checksum)).
			with("applied_at", now).with("seq", seq).with("status", statusInProgress).with("direction", string(Up)).
			with("stmts_done", 0).with("stmts_total", r.total).with("error", nil).with("ran_by", s.m.ranBy).
			with("skipped", skippedText(s.skips[name])), true, now))
	} else {
		name = rec.Name
		err = s.st.update(ctx, s.conn, name, s.st.stamp(row{}.with("status", statusInProgress).with("direction", string(Down)).
			with("stmts_done", 0).with("stmts_total", r.total).with("error", nil).with("ran_by", s.m.ranBy), false, now))
	}
	if err != nil {
		e := r.migrationError(err)
		e.Unchanged = true
		return e
	}
	r.q = s.conn
	r.session = false // a statement that needs it is refused
	r.progress = func(ctx context.Context, n int) error {
		return s.st.update(ctx, s.conn, name, row{}.with("stmts_done", n))
	}
	err = r.body(ctx, b)
	if err == nil {
		end := time.Now().UTC()
		if r.dir == Down {
			// The other rows first: should the delete fail after them,
			// the failure is recorded on this row, which is still there.
			if err = s.recordUnskip(ctx, s.conn, end); err == nil {
				err = s.st.delete(ctx, s.conn, name)
			}
		} else {
			err = s.st.update(ctx, s.conn, name, s.st.stamp(s.appliedRow(row{}, r, end, start), false, end))
		}
		if err != nil {
			r.failed = &failure{n: r.n + 1, err: err}
		} else {
			return nil
		}
	}
	e := r.migrationError(err)
	done := r.ok
	nothing := r.effects == 0 // only guards ran, if anything
	// Record the outcome even when ctx was cancelled, and on a fresh
	// connection from the pool when the session's one broke.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	write := func(x dialect.Execer) error {
		if nothing {
			// Nothing took effect: put the state back as it was.
			if r.dir == Up {
				return s.st.delete(wctx, x, name)
			}
			return s.st.update(wctx, x, name, row{}.with("status", statusApplied).with("direction", string(Up)).with("error", nil))
		}
		return s.st.update(wctx, x, name, s.st.stamp(row{}.with("status", statusFailed).with("stmts_done", done).with("error", failureText(e)), false, time.Now().UTC()))
	}
	werr := write(s.conn)
	if werr != nil {
		werr = write(s.m.db)
	}
	switch {
	case werr != nil:
		return errors.Join(e, &remedyError{msg: text{}.f("migrate: recording the failure of %s also failed (its row stays in_progress; ", name).
			remedy(RemedyStatus, r.mig.name, "").f(" shows it): %v", werr), err: werr})
	case nothing:
		e.Unchanged = true
	default:
		e.Recorded, e.Done = true, done
	}
	return e
}

// failureText is the error recorded in the state row: the statement and
// the database's message.
func failureText(e *MigrationError) string {
	s := e.Err.Error()
	if e.Op != "" {
		s = e.Op + ": " + s
	}
	if e.SQL != "" {
		s = abbreviate(e.SQL) + ": " + s
	}
	return s
}
