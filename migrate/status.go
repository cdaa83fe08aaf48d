package migrate

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// Status is the history as it stands: every migration defined here or
// recorded in the database, by name, and the problems that would stop a
// run.
type Status struct {
	Migrations []MigrationStatus
	// Problems lists every problem of every migration, including those the
	// Migrator's options allow (a run would go on despite them).
	Problems []Problem
}

// Pending lists the names of the migrations not applied yet.
func (s *Status) Pending() []string {
	var out []string
	for _, m := range s.Migrations {
		if m.State == StatePending {
			out = append(out, m.Name)
		}
	}
	return out
}

// Err returns a *HistoryError listing the problems, or nil when there are
// none: what a `validate` command checks.
func (s *Status) Err() error {
	if len(s.Problems) == 0 {
		return nil
	}
	return &HistoryError{Problems: s.Problems}
}

// Status reads the history without taking the lock and without changing
// anything (a state table that does not exist yet means nothing is
// applied; a sequelize-cli SequelizeMeta is read as it is). A migration
// that another run is applying right now shows as StateInProgress without
// a problem; once no run holds the lock, an in_progress migration is one
// whose process stopped, and a problem. When imported migrations are
// pending and the history has no problem, Status also plans them, as Plan
// does, to list their Warnings.
func (m *Migrator) Status(ctx context.Context) (_ *Status, err error) {
	defer func() { err = withContext(ctx, err) }()
	st := &state{table: m.table, d: m.d}
	if err := st.probe(ctx, m.db); err != nil {
		return nil, err
	}
	recs, err := st.read(ctx, m.db)
	if err != nil {
		return nil, err
	}
	h := m.history(recs)
	if err := m.markRunning(ctx, h); err != nil {
		return nil, err
	}
	out := &Status{}
	for _, e := range h.entries {
		out.Migrations = append(out.Migrations, *e)
		out.Problems = append(out.Problems, e.Problems...)
	}
	return out, m.pendingWarnings(ctx, out)
}

// pendingWarnings fills the Warnings of the pending imported migrations
// from Plan, which renders them against the live schema without changing
// anything; only when there are some and the history has no problem, so
// a plain Status reads the state table alone. Where Plan fails, they stay
// empty: Plan and Up report the failure.
func (m *Migrator) pendingWarnings(ctx context.Context, st *Status) error {
	if len(st.Problems) > 0 || !slices.ContainsFunc(st.Migrations, func(e MigrationStatus) bool {
		return e.State == StatePending && e.Imported
	}) {
		return nil
	}
	ps, err := m.Plan(ctx, Up)
	if err != nil {
		return ctx.Err() // a cancelled Status fails; a plan that does not render is Plan's to report
	}
	for _, p := range ps {
		if i := slices.IndexFunc(st.Migrations, func(e MigrationStatus) bool { return e.Name == p.Name }); i >= 0 && st.Migrations[i].Imported {
			st.Migrations[i].Warnings = p.Warnings
		}
	}
	return nil
}

// markRunning drops the problem of an in_progress migration while a run
// holds the lock: it is being applied right now, not abandoned.
func (m *Migrator) markRunning(ctx context.Context, h *history) error {
	locker, ok := m.d.(dialect.Locker)
	if !ok || !slices.ContainsFunc(h.entries, func(e *MigrationStatus) bool { return e.State == StateInProgress }) {
		return nil
	}
	conn, err := m.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migrate: connect: %w", err)
	}
	defer conn.Close()
	holder, err := locker.LockHolder(ctx, conn, m.lockKey())
	if err != nil {
		return fmt.Errorf("migrate: find the holder of the migration lock: %w", err)
	}
	if holder == "" {
		return nil
	}
	for _, e := range h.entries {
		if e.State == StateInProgress {
			e.Problems = nil
		}
	}
	return nil
}

// Planned is one migration of a dry run and the SQL it would run.
type Planned struct {
	Name      string
	Direction Direction
	Source    string
	// NoTx is true when it would run outside a transaction.
	NoTx       bool
	Statements []dialect.Stmt
	// Warnings are the constructs of an imported migration that strata
	// refuses in its own and would run (see Migration.Imported).
	Warnings []ddl.Warning
	// Note says why Statements may be incomplete or approximate: Go code
	// whose SQL is known only when it runs, or operations rendered after
	// raw SQL that strata cannot replay offline.
	Note string
}

// Plan is a dry run: the migrations Up (dir Up) or Undo (dir Down, with the
// same options) would run, each with the SQL it would execute, rendered
// against the live schema replayed forward. Nothing is executed and the
// lock is not taken. It fails on the problems that would stop the run, and
// on operations that would fail to render.
func (m *Migrator) Plan(ctx context.Context, dir Direction, opts ...RunOption) (_ []Planned, err error) {
	defer func() { err = withContext(ctx, err) }()
	rc, err := m.runOptions(opts)
	if err != nil {
		return nil, err
	}
	st := &state{table: m.table, d: m.d}
	if err := st.probe(ctx, m.db); err != nil {
		return nil, err
	}
	recs, err := st.read(ctx, m.db)
	if err != nil {
		return nil, err
	}
	h := m.history(recs)
	if p := m.problems(h, dir, rc.only); len(p) > 0 {
		return nil, &HistoryError{Problems: p}
	}
	var todo []*migration
	switch dir {
	case Up:
		if todo, err = m.pending(h, rc); err != nil {
			return nil, err
		}
	case Down:
		es, err := m.toUndo(h, rc)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			todo = append(todo, m.byName[e.Name])
		}
	default:
		return nil, fmt.Errorf("migrate: Plan: direction %q is neither Up nor Down", dir)
	}
	var live *schema.Database
	stale := "" // what made the offline schema stop following the database
	var out []Planned
	for _, mig := range todo {
		b := &mig.up
		if dir == Down {
			b = mig.down
		}
		p := Planned{Name: mig.name, Direction: dir, Source: mig.source, NoTx: m.outsideTx(mig, b)}
		switch {
		case b.stmts != nil:
			for _, s := range b.stmts {
				p.Statements = append(p.Statements, dialect.Stmt{SQL: s.SQL})
			}
			stale = "the SQL of " + mig.name
		case b.fn != nil:
			p.Note = "Go code: its SQL is known only when it runs"
			stale = "the Go code of " + mig.name
		case b.ops != nil:
			if live == nil {
				if live, err = m.d.Inspect(ctx, m.db, m.table); err != nil {
					return nil, fmt.Errorf("migrate: inspect the schema: %w", err)
				}
			}
			if stale, err = planOps(m.d, live, b.ops, &p, stale); err != nil {
				return nil, &MigrationError{Name: mig.name, Direction: dir, Source: mig.source, Op: opName(err), Err: err}
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// planOps renders the operations of p's migration against live, applying
// them to it, and returns what made the offline schema stale, if anything
// has by the end. stale says what already had: render errors then become
// a note rather than an error, since strata cannot replay what came before.
func planOps(d dialect.Dialect, live *schema.Database, ops []ddl.Op, p *Planned, stale string) (string, error) {
	for _, op := range ops {
		p.Warnings = append(p.Warnings, ddl.Warnings(op, live)...)
		stmts, err := d.Render(op, live)
		if err == nil {
			err = op.Apply(live)
		}
		if err != nil {
			if stale == "" && errors.Is(err, ddl.ErrStale) {
				// An earlier migration renamed what a definition names; Up
				// reads the schema again after it, Plan cannot.
				p.Note = fmt.Sprintf("%s cannot be rendered offline: %v; Up reads the schema again before this migration and renders it then", op, err)
				return "the renames before " + p.Name, nil
			}
			if stale != "" {
				p.Note = fmt.Sprintf("%s cannot be rendered offline after %s, which strata cannot replay: %v", op, stale, err)
				return stale, nil
			}
			return stale, &opError{op: op.String(), err: err}
		}
		if stale != "" && p.Note == "" {
			p.Note = "rendered against the schema as strata knew it before " + stale + ", which it cannot replay"
		}
		p.Statements = append(p.Statements, stmts...)
		for _, s := range stmts {
			p.NoTx = p.NoTx || s.NoTx
		}
		if _, raw := op.(*ddl.RawOp); raw {
			stale = "the raw SQL of " + p.Name
		}
	}
	return stale, nil
}

type opError struct {
	op  string
	err error
}

func (e *opError) Error() string { return e.err.Error() }
func (e *opError) Unwrap() error { return e.err }

func opName(err error) string {
	var oe *opError
	if errors.As(err, &oe) {
		return oe.op
	}
	return ""
}
