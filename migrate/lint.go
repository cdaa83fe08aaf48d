package migrate

import (
	"context"
	"fmt"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/lint"
	"github.com/strata-orm/strata/schema"
)

// lintOps is what package lint reads of a body: its operations, or its
// SQL statements as raw operations (lint reads a few statement forms of
// those); nil for Go code, which lint cannot see.
func lintOps(b *body) []ddl.Op {
	switch {
	case b.ops != nil:
		return b.ops
	case b.stmts != nil:
		ops := make([]ddl.Op, len(b.stmts))
		for i, st := range b.stmts {
			ops[i] = ddl.Raw(st.SQL)
		}
		return ops
	}
	return nil
}

// lint checks mig's operations against the schema before it, asking the
// session's connection for the data, and reports each finding no Allow
// silences as a Lint event. It never stops the run: a check that fails
// is reported as a Lint event with Err.
func (s *session) lint(ctx context.Context, mig *migration) {
	m := s.m
	ops := lintOps(&mig.up)
	if !m.lint || ops == nil {
		return
	}
	if s.live == nil {
		live, err := m.d.Inspect(ctx, s.conn, m.table)
		if err != nil {
			m.emit(Event{Kind: Lint, Direction: Up, Name: mig.name, Err: fmt.Errorf("migrate: lint %s: inspect the schema: %w", mig.name, err)})
			return
		}
		s.live = live
	}
	fs, err := m.lintConfig.Check(ctx, m.d, s.live, mig.name, ops, lint.DBProbe(s.conn, m.d), mig.allow)
	if err != nil {
		m.emit(Event{Kind: Lint, Direction: Up, Name: mig.name, Err: err})
		return
	}
	for i := range fs {
		if fs[i].Allowed == "" {
			m.emit(Event{Kind: Lint, Direction: Up, Name: mig.name, Finding: &fs[i]})
		}
	}
}

// Lint checks every pending migration with package lint (see its rules),
// each against the live schema replayed through the pending migrations
// before it, asking the database for the data where a rule needs it. It
// returns every finding, those an Allow silences included (Allowed set).
// Go code (UpFunc) is not read; after it, and after SQL that strata cannot
// replay, later migrations are checked against the schema as strata knew
// it before. Tables that pending migrations create have no rows yet.
// Nothing is changed and the lock is not taken.
func (m *Migrator) Lint(ctx context.Context) (_ []lint.Finding, err error) {
	defer func() { err = withContext(ctx, err) }()
	st := &state{table: m.table, d: m.d}
	if err := st.probe(ctx, m.db); err != nil {
		return nil, err
	}
	recs, err := st.read(ctx, m.db)
	if err != nil {
		return nil, err
	}
	todo, err := m.pending(m.history(recs), runConfig{})
	if err != nil || len(todo) == 0 {
		return nil, err
	}
	live, err := m.d.Inspect(ctx, m.db, m.table)
	if err != nil {
		return nil, fmt.Errorf("migrate: lint: inspect the schema: %w", err)
	}
	p := &pendingProbe{Probe: lint.DBProbe(m.db, m.d), live: live.Clone()}
	var out []lint.Finding
	for _, mig := range todo {
		ops := lintOps(&mig.up)
		if ops == nil {
			continue
		}
		fs, err := m.lintConfig.Check(ctx, m.d, live, mig.name, ops, p, mig.allow)
		if err != nil {
			return out, err
		}
		out = append(out, fs...)
		if mig.up.ops != nil {
			// Replay best-effort: an op that does not apply (after raw SQL)
			// leaves the rest as strata knew it.
			for _, op := range mig.up.ops {
				if op.Apply(live) != nil {
					break
				}
			}
		}
	}
	return out, nil
}

// pendingProbe answers for the tables that are not in the live schema
// yet (pending migrations create them): no rows, no duplicates.
type pendingProbe struct {
	lint.Probe
	live *schema.Database
}

func (p *pendingProbe) Rows(ctx context.Context, table string) (int64, error) {
	if p.live.Table(table) == nil {
		return 0, nil
	}
	return p.Probe.Rows(ctx, table)
}

func (p *pendingProbe) Duplicates(ctx context.Context, table string, cols []string) (int64, error) {
	t := p.live.Table(table)
	if t == nil {
		return 0, nil
	}
	for _, c := range cols {
		if t.Column(c) == nil {
			return 0, nil
		}
	}
	return p.Probe.Duplicates(ctx, table, cols)
}

// Server passes the server's flavour on.
func (p *pendingProbe) Server(ctx context.Context) (lint.Server, error) {
	if sp, ok := p.Probe.(lint.ServerProbe); ok {
		return sp.Server(ctx)
	}
	return lint.Server{}, nil
}
