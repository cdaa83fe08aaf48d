package migrate

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/strata-orm/strata/ddl"
)

// Result is one migration a run applied or undid.
type Result struct {
	Name       string
	Direction  Direction
	Duration   time.Duration
	Statements int // statements it ran
	// Warnings are the constructs of an imported migration that strata
	// refuses in its own and let run (see Migration.Imported), in the
	// order its operations met them; also reported as Warning events.
	Warnings []ddl.Warning
}

// Up applies the pending migrations in order (up to To, or the one named
// by Only), each with its state row in one transaction where the database
// allows it. Before anything runs it refuses a history with problems: an
// applied migration edited since, one applied but missing here, a pending
// one older than the last applied (unless WithAllowOutOfOrder), one that
// failed half-way. It returns the migrations it applied, also when it
// stops at an error (a *MigrationError). With nothing pending it returns
// no results and no error.
func (m *Migrator) Up(ctx context.Context, opts ...RunOption) ([]Result, error) {
	rc, err := m.runOptions(opts)
	if err != nil {
		return nil, err
	}
	if rc.all {
		return nil, errors.New("migrate: All is for Undo; Up applies every pending migration by default")
	}
	var results []Result
	err = m.locked(ctx, func(s *session) error {
		h := m.history(s.recs)
		if p := m.problems(h, Up, rc.only); len(p) > 0 {
			return &HistoryError{Problems: p}
		}
		todo, err := m.pending(h, rc)
		if err != nil {
			return err
		}
		s.skips = h.skippedBy(todo)
		seq := nextSeq(s.recs)
		for _, mig := range todo {
			r, err := s.run(ctx, mig, Up, nil, seq)
			if err != nil {
				return err
			}
			seq++
			results = append(results, r)
		}
		return nil
	})
	return results, err
}

// Undo reverts the migration applied last (in order of application, not of
// name), or the one named by Only; with All or To it reverts several, last
// applied first (UndoAll). Every migration it is to revert must have a
// down, or nothing runs. With nothing applied it returns no results and no
// error.
func (m *Migrator) Undo(ctx context.Context, opts ...RunOption) ([]Result, error) {
	rc, err := m.runOptions(opts)
	if err != nil {
		return nil, err
	}
	var results []Result
	err = m.locked(ctx, func(s *session) error {
		h := m.history(s.recs)
		if p := m.problems(h, Down, ""); len(p) > 0 {
			return &HistoryError{Problems: p}
		}
		todo, err := m.toUndo(h, rc)
		if err != nil {
			return err
		}
		if rc.only != "" {
			s.unskip = h.unskip(rc.only)
		}
		for _, e := range todo {
			r, err := s.run(ctx, m.byName[e.Name], Down, h.recs[e.Name], 0)
			if err != nil {
				return err
			}
			results = append(results, r)
		}
		return nil
	})
	return results, err
}

// UndoAll reverts every applied migration, last applied first, or with To
// those applied after the named one and that one.
func (m *Migrator) UndoAll(ctx context.Context, opts ...RunOption) ([]Result, error) {
	rc, err := m.runOptions(opts)
	if err != nil {
		return nil, err
	}
	if rc.only != "" {
		return nil, errors.New("migrate: UndoAll with Only; use Undo(ctx, Only(name)) to revert one migration")
	}
	if rc.to == "" {
		opts = append(opts, All())
	}
	return m.Undo(ctx, opts...)
}

// RepairAction is what Repair does to a migration's record.
type RepairAction int

// Repair actions.
const (
	// MarkApplied records the migration as applied without running it: after
	// a failed or unfinished migration was completed by hand (or, when
	// undoing it failed, put back by hand), or for a pending migration whose
	// changes are already in the database.
	MarkApplied RepairAction = iota + 1
	// Forget deletes the migration's record: after a failed migration was
	// undone by hand (it then runs again from the start), after undoing it
	// failed and was finished by hand, or for a record of a migration that
	// no longer exists.
	Forget
	// AcceptChecksum records the local checksum of an applied migration
	// that was edited in a way that changes nothing in the database.
	AcceptChecksum
)

// String is the action as a CLI flag would name it, e.g. "mark-applied".
func (a RepairAction) String() string {
	switch a {
	case MarkApplied:
		return "mark-applied"
	case Forget:
		return "forget"
	case AcceptChecksum:
		return "accept-checksum"
	}
	return fmt.Sprintf("RepairAction(%d)", int(a))
}

// Repair changes the record of the named migration, under the migration
// lock, without running any of it. It is how a migration that failed
// half-way outside a transaction (MySQL, or NoTx) is resolved once the
// database was fixed by hand.
func (m *Migrator) Repair(ctx context.Context, name string, action RepairAction) error {
	return m.locked(ctx, func(s *session) error {
		h := m.history(s.recs)
		e := h.byName[name]
		if e == nil {
			return m.unknown(name)
		}
		mig := m.byName[name]
		now := time.Now().UTC()
		switch action {
		case MarkApplied:
			if mig == nil {
				return fmt.Errorf("migrate: cannot mark %s applied: it is not defined here", name)
			}
			base := func(r row) row {
				return r.with("checksum", nullable(mig.checksum)).with("status", statusApplied).with("error", nil).
					with("direction", string(Up)).with("ran_by", m.ranBy).with("applied_at", now)
			}
			switch e.State {
			case StateApplied:
				return fmt.Errorf("migrate: %s is already applied", name)
			case StatePending:
				r := base(row{}.with("name", rowName(name))).with("seq", nextSeq(s.recs)).with("duration_ms", 0).
					with("skipped", skippedText(h.skippedBy([]*migration{mig})[name]))
				return s.st.insert(ctx, s.conn, s.st.stamp(r, true, now))
			}
			return s.st.update(ctx, s.conn, e.Recorded, s.st.stamp(base(row{}), false, now))
		case Forget:
			if e.State == StatePending {
				return fmt.Errorf("migrate: %s has no record to forget: it is pending", name)
			}
			return s.st.delete(ctx, s.conn, e.Recorded)
		case AcceptChecksum:
			if mig == nil {
				return fmt.Errorf("migrate: cannot accept the checksum of %s: it is not defined here", name)
			}
			if e.State != StateApplied {
				return fmt.Errorf("migrate: cannot accept the checksum of %s: it is %s, not applied", name, e.State)
			}
			return s.st.update(ctx, s.conn, e.Recorded, s.st.stamp(row{}.with("checksum", nullable(mig.checksum)), false, now))
		}
		return fmt.Errorf("migrate: unknown repair action %v; use MarkApplied, Forget or AcceptChecksum", action)
	})
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
