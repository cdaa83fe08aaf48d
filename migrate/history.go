package migrate

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// State is where a migration stands.
type State string

// States.
const (
	StatePending    State = "pending"
	StateApplied    State = "applied"
	StateFailed     State = "failed"      // failed half-way outside a transaction
	StateInProgress State = "in_progress" // started outside a transaction and never finished
)

// MigrationStatus is one migration as Status reports it: defined here,
// recorded in the database, or both.
type MigrationStatus struct {
	Name   string
	Kind   Kind   // "" when the migration is recorded but not defined here
	Source string // the .sql file, or the Go file and line
	State  State
	// Recorded is the name as the state table holds it: the same as Name,
	// or with .js for migrations applied by sequelize-cli.
	Recorded  string
	Seq       int64 // order of application; 0 when unknown (sequelize-cli)
	AppliedAt time.Time
	Duration  time.Duration
	RanBy     string // host/pid of the process that applied it
	// Checksum is the local checksum; AppliedChecksum the one recorded when
	// it was applied ("" when unknown: sequelize-cli's rows, Go code).
	Checksum, AppliedChecksum string
	// For a failed or unfinished migration: the direction it was running,
	// the statements done out of Total, and the error.
	Direction   Direction
	Done, Total int
	Error       string
	Problems    []Problem
}

// history matches the migrations defined here with the state table's rows.
type history struct {
	entries []*MigrationStatus // by name
	byName  map[string]*MigrationStatus
	applied []*MigrationStatus // recorded rows, in order of application
	recs    map[string]*record // by stem
}

func (m *Migrator) history(recs []*record) *history {
	h := &history{byName: map[string]*MigrationStatus{}, recs: map[string]*record{}}
	for _, mig := range m.migrations {
		e := &MigrationStatus{Name: mig.name, Kind: mig.kind, Source: mig.source, State: StatePending, Checksum: mig.checksum}
		h.entries = append(h.entries, e)
		h.byName[mig.name] = e
	}
	for _, r := range recs {
		stem := r.stem()
		h.recs[stem] = r
		e := h.byName[stem]
		if e == nil {
			e = &MigrationStatus{Name: stem}
			h.entries = append(h.entries, e)
			h.byName[stem] = e
		}
		e.Recorded, e.Seq, e.AppliedAt, e.Duration, e.RanBy = r.Name, r.Seq, r.AppliedAt, r.Duration, r.RanBy
		e.AppliedChecksum = r.Checksum
		switch r.Status {
		case statusFailed:
			e.State = StateFailed
		case statusInProgress:
			e.State = StateInProgress
		default:
			e.State = StateApplied
		}
		if e.State != StateApplied {
			e.Direction, e.Done, e.Total, e.Error = r.Direction, r.Done, r.Total, r.Error
		}
		h.applied = append(h.applied, e)
	}
	slices.SortFunc(h.entries, func(a, b *MigrationStatus) int { return strings.Compare(a.Name, b.Name) })
	m.findProblems(h)
	return h
}

func (m *Migrator) findProblems(h *history) {
	var last string // the highest name applied
	for _, e := range h.applied {
		last = max(last, e.Name)
	}
	for _, e := range h.entries {
		switch e.State {
		case StatePending:
			if e.Name < last {
				e.add(ProblemOutOfOrder, fmt.Sprintf("%s is pending but sorts before %s, which is already applied; "+
					"rename it so that it sorts last, or apply it anyway with WithAllowOutOfOrder (it will then be undone first)", e.Name, last))
			}
			continue
		case StateFailed, StateInProgress:
			e.add(stuckKind(e.State), stuckMessage(e))
			continue
		}
		if e.Kind == "" {
			e.add(ProblemMissing, fmt.Sprintf("%s is recorded as applied%s but is not defined here: the database is ahead of this code, "+
				"or the migration was deleted; run the code that has it, allow it with WithAllowMissing, or drop the record with Repair and Forget",
				e.Recorded, appliedWhen(e)))
			continue
		}
		if e.AppliedChecksum != "" && e.Checksum != "" && e.AppliedChecksum != e.Checksum {
			e.add(ProblemChecksum, fmt.Sprintf("%s (%s) was edited after it was applied: applied checksum %s, local checksum %s; "+
				"restore what was applied and put the change in a new migration, or, if the edit changes nothing in the database, "+
				"accept it with Repair and AcceptChecksum", e.Name, e.Source, e.AppliedChecksum, e.Checksum))
		}
	}
}

func stuckKind(s State) ProblemKind {
	if s == StateFailed {
		return ProblemFailed
	}
	return ProblemInProgress
}

func appliedWhen(e *MigrationStatus) string {
	if e.AppliedAt.IsZero() {
		return ""
	}
	s := " at " + e.AppliedAt.UTC().Format(time.RFC3339)
	if e.RanBy != "" {
		s += " by " + e.RanBy
	}
	return s
}

func stuckMessage(e *MigrationStatus) string {
	verb := "applying"
	if e.Direction == Down {
		verb = "undoing"
	}
	total := ""
	if e.Total > 0 {
		total = fmt.Sprintf(" of %d", e.Total)
	}
	fix := repairHint(e.Direction)
	if e.State == StateFailed {
		return fmt.Sprintf("%s failed while %s it%s, at statement %d%s: %s; it ran outside a transaction, so statements 1 to %d "+
			"took effect and were not undone; %s", e.Name, verb, appliedWhen(e), e.Done+1, total, e.Error, e.Done, fix)
	}
	if e.Total > 0 && e.Done >= e.Total {
		likely := "it is most likely applied: check the database, then record it as applied (Repair with MarkApplied)"
		if e.Direction == Down {
			likely = "it is most likely undone: check the database, then record it as undone (Repair with Forget)"
		}
		return fmt.Sprintf("%s never finished: %s it started%s and all %d statements took effect, but the process stopped "+
			"before recording the end (it was killed or lost its connection); %s", e.Name, verb, appliedWhen(e), e.Total, likely)
	}
	return fmt.Sprintf("%s never finished: %s it started%s and stopped after statement %d%s (the process was killed or lost its "+
		"connection); it ran outside a transaction, so statements 1 to %d took effect and statement %d may have too; %s",
		e.Name, verb, appliedWhen(e), e.Done, total, e.Done, e.Done+1, fix)
}

func (e *MigrationStatus) add(kind ProblemKind, msg string) {
	e.Problems = append(e.Problems, Problem{Kind: kind, Name: e.Name, Message: msg})
}

// problems lists the problems that stop a run in direction dir.
func (m *Migrator) problems(h *history, dir Direction) []Problem {
	var out []Problem
	for _, e := range h.entries {
		for _, p := range e.Problems {
			switch {
			case p.Kind == ProblemMissing && m.allowMissing:
			case p.Kind == ProblemChecksum && m.ignoreChecksums:
			case p.Kind == ProblemOutOfOrder && (m.allowOutOfOrder || dir == Down):
			default:
				out = append(out, p)
			}
		}
	}
	return out
}

// pending selects the migrations Up applies.
func (m *Migrator) pending(h *history, rc runConfig) ([]*migration, error) {
	if rc.only != "" {
		e := h.byName[rc.only]
		if e.State != StatePending {
			return nil, fmt.Errorf("migrate: %s is already applied%s", rc.only, appliedWhen(e))
		}
		return []*migration{m.byName[rc.only]}, nil
	}
	var out []*migration
	for _, e := range h.entries {
		if e.State == StatePending && (rc.to == "" || e.Name <= rc.to) && (rc.from == "" || e.Name > rc.from) {
			out = append(out, m.byName[e.Name])
		}
	}
	return out, nil
}

// toUndo selects the migrations Undo reverts, last applied first, and
// checks that each can be undone before anything runs.
func (m *Migrator) toUndo(h *history, rc runConfig) ([]*MigrationStatus, error) {
	var out []*MigrationStatus
	switch {
	case rc.only != "":
		e := h.byName[rc.only]
		if e.State == StatePending {
			return nil, fmt.Errorf("migrate: %s is not applied, so there is nothing to undo", rc.only)
		}
		out = []*MigrationStatus{e}
	case rc.to != "":
		if h.byName[rc.to].State == StatePending {
			return nil, fmt.Errorf("migrate: %s is not applied, so undoing down to it is ambiguous; name an applied migration", rc.to)
		}
		for i := len(h.applied) - 1; i >= 0; i-- {
			out = append(out, h.applied[i])
			if h.applied[i].Name == rc.to {
				break
			}
		}
	case rc.all:
		out = slices.Clone(h.applied)
		slices.Reverse(out)
	default:
		if len(h.applied) > 0 {
			out = h.applied[len(h.applied)-1:]
		}
	}
	for _, e := range out {
		mig := m.byName[e.Name]
		if mig == nil {
			return nil, fmt.Errorf("migrate: cannot undo %s: it is not defined here, so its down is unknown; nothing was undone", e.Recorded)
		}
		if mig.down == nil {
			return nil, fmt.Errorf("migrate: cannot undo %s (%s): %w: it has no down (write Down, DownFunc or a -- strata:down section); nothing was undone", e.Name, mig.source, ErrIrreversible)
		}
	}
	return out, nil
}
