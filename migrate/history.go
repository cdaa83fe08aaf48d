package migrate

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/strata-orm/strata/ddl"
)

// State is where a migration stands.
type State string

// States.
const (
	StatePending    State = "pending"
	StateApplied    State = "applied"
	StateFailed     State = "failed"      // failed half-way outside a transaction
	StateInProgress State = "in_progress" // started outside a transaction and never finished
	// StateUnknown: the row's status is not one strata writes (edited by
	// hand or by another tool); whether it is applied cannot be told, so
	// runs refuse until Repair records it as applied or forgets it.
	StateUnknown State = "unknown"
)

// MigrationStatus is one migration as Status reports it: defined here,
// recorded in the database, or both.
type MigrationStatus struct {
	Name   string
	Kind   Kind   // "" when the migration is recorded but not defined here
	Source string // the .sql file, or the Go file and line
	// Imported: a migration of a sequelize-cli history (Migration.Imported).
	Imported bool
	State    State
	// Recorded is the name as the state table holds it: the same as Name,
	// or with .js for migrations applied by sequelize-cli.
	Recorded  string
	Seq       int64 // order of application; 0 when unknown (sequelize-cli)
	AppliedAt time.Time
	Duration  time.Duration
	RanBy     string // host/pid of the process that applied it
	// Checksum is the local checksum; AppliedChecksum the one recorded when
	// it was applied ("" when unknown: sequelize-cli's rows, Go code whose
	// source was not found).
	Checksum, AppliedChecksum string
	// Unchecked says why an edit to this migration cannot be detected, when
	// it cannot: "Go function, source not found: not checked", or that the
	// migration was applied before its checksum was recorded. "" when it
	// is checked.
	Unchecked string
	// For a failed or unfinished migration: the direction it was running,
	// the statements done out of Total, and the error.
	Direction   Direction
	Done, Total int
	Error       string
	// RecordedStatus is the state table's status text of a StateUnknown row.
	RecordedStatus string
	// Skipped is true for a pending migration that sorts before applied
	// ones but was left pending on purpose: those were applied by name
	// (Only) or after From while it was pending, or it was undone by name.
	// It is not out of order: Up applies it.
	Skipped bool
	// Warnings are, for a pending imported migration, the constructs
	// strata allows it (ddl.Warnings), as Plan finds them against the live
	// schema; empty when Plan cannot tell (the history has a problem, or
	// an operation does not render: Plan and Up say why).
	Warnings []ddl.Warning
	Problems []Problem
	// unchecked is Unchecked when it names a remedy.
	unchecked text
}

// ExplainUnchecked is Unchecked with each remedy in the words words gives
// for it (a command's flags, say); Unchecked itself when words is nil.
func (s MigrationStatus) ExplainUnchecked(words RemedyText) string {
	if s.unchecked == nil || words == nil {
		return s.Unchecked
	}
	return s.unchecked.explain(words)
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
		e := &MigrationStatus{Name: mig.name, Kind: mig.kind, Source: mig.source, Imported: mig.imported, State: StatePending, Checksum: mig.checksum, Unchecked: mig.unchecked}
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
		if e.Kind != "" && e.Checksum != "" && r.Checksum == "" {
			why := text{}.f("applied without a recorded checksum: not checked (").remedy(RemedyAcceptChecksum, e.Name, "").f(" records this one)")
			if e.Unchecked != "" {
				why = why.f("; once recorded, %s", e.Unchecked) // what the checksum leaves out stays true
			}
			e.Unchecked, e.unchecked = why.String(), why
		}
		switch r.Status {
		case statusApplied:
			e.State = StateApplied
		case statusFailed:
			e.State = StateFailed
		case statusInProgress:
			e.State = StateInProgress
		default:
			e.State, e.RecordedStatus = StateUnknown, r.Status
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
	for _, e := range h.entries {
		switch e.State {
		case StatePending:
			if later := h.unaware(e.Name); later != "" {
				e.add(ProblemOutOfOrder, text{}.f("%s is pending but sorts before %s, which is already applied; "+
					"rename it so that it sorts last, or apply it anyway with ", e.Name, later).remedy(RemedyAllowOutOfOrder, e.Name, "").
					f(" (it will then be undone first)"))
			} else {
				e.Skipped = slices.ContainsFunc(h.applied, func(a *MigrationStatus) bool { return comesBefore(e.Name, a.Name) })
			}
			continue
		case StateFailed, StateInProgress:
			e.add(stuckKind(e.State), stuckMessage(e))
			continue
		case StateUnknown:
			e.add(ProblemUnknownStatus, text{}.f("%s is recorded%s with status %q, which strata never writes (it writes %q, %q or %q), "+
				"so whether it is applied cannot be told and it is neither skipped nor run; check the database, then record it as applied (",
				e.Recorded, appliedWhen(e), e.RecordedStatus, statusApplied, statusFailed, statusInProgress).
				remedy(RemedyMarkApplied, e.Name, "").f(") or forget it so that it runs again (").remedy(RemedyForget, e.Name, "").f(")"))
			continue
		}
		if e.Kind == "" {
			e.add(ProblemMissing, text{}.f("%s is recorded as applied%s but is not defined here: the database is ahead of this code, "+
				"or the migration was deleted; run the code that has it, allow it with ", e.Recorded, appliedWhen(e)).
				remedy(RemedyAllowMissing, e.Name, "").f(", or drop the record with ").remedy(RemedyForget, e.Name, "Repair and Forget"))
			continue
		}
		if e.AppliedChecksum != "" && e.Checksum != "" && e.AppliedChecksum != e.Checksum {
			e.add(ProblemChecksum, text{}.f("%s (%s) was edited after it was applied: applied checksum %s, local checksum %s; "+
				"restore what was applied and put the change in a new migration, or, if the edit changes nothing in the database, "+
				"accept it with ", e.Name, e.Source, e.AppliedChecksum, e.Checksum).remedy(RemedyAcceptChecksum, e.Name, "Repair and AcceptChecksum"))
		}
	}
}

// unaware returns the highest applied migration that sorts after the
// pending migration name, with a name of the same shape (comesBefore),
// and was applied without leaving it pending on purpose (its row does not
// list it as skipped), or "" when there is none.
// Such a migration was applied while name did not exist here yet: name
// came later, out of order (merged from a branch, say). A migration left
// pending on purpose (Only, From, or undone by name) is not out of order.
func (h *history) unaware(name string) string {
	var out string
	for _, a := range h.applied {
		if !comesBefore(name, a.Name) || a.Name <= out {
			continue
		}
		if r := h.recs[a.Name]; r == nil || !slices.Contains(r.Skipped, name) {
			out = a.Name
		}
	}
	return out
}

// skippedBy lists, for a run applying todo (in order), the pending
// migrations it leaves behind that sort before each one: what the row of
// each records as skipped on purpose.
func (h *history) skippedBy(todo []*migration) map[string][]string {
	out := map[string][]string{}
	running := map[string]bool{}
	for _, mig := range todo {
		running[mig.name] = true
	}
	for _, mig := range todo {
		for _, e := range h.entries {
			if e.State == StatePending && comesBefore(e.Name, mig.name) && !running[e.Name] {
				out[mig.name] = append(out[mig.name], e.Name)
			}
		}
	}
	return out
}

// unskip returns, for undoing the migration name by name, the recorded
// name of each applied migration that sorts after it with its skipped list
// grown by name: name is then pending on purpose, not out of order.
func (h *history) unskip(name string) map[string][]string {
	out := map[string][]string{}
	for _, a := range h.applied {
		if comesBefore(name, a.Name) {
			var had []string
			if r := h.recs[a.Name]; r != nil {
				had = r.Skipped
			}
			out[a.Recorded] = append(slices.Clone(had), name)
		}
	}
	return out
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

func stuckMessage(e *MigrationStatus) text {
	verb := "applying"
	if e.Direction == Down {
		verb = "undoing"
	}
	total := ""
	if e.Total > 0 {
		total = fmt.Sprintf(" of %d", e.Total)
	}
	fix := repairHint(e.Name, e.Direction)
	if e.State == StateFailed {
		return text{}.f("%s failed while %s it%s, at statement %d%s: %s; it ran outside a transaction, so %s; ",
			e.Name, verb, appliedWhen(e), e.Done+1, total, e.Error, tookEffect(e.Done, "were")).then(fix)
	}
	if e.Total > 0 && e.Done >= e.Total {
		likely := text{}.f("it is most likely applied: check the database, then record it as applied (").remedy(RemedyMarkApplied, e.Name, "").f(")")
		if e.Direction == Down {
			likely = text{}.f("it is most likely undone: check the database, then record it as undone (").remedy(RemedyForget, e.Name, "").f(")")
		}
		all := fmt.Sprintf("all %d statements", e.Total)
		if e.Total == 1 {
			all = "its one statement"
		}
		return text{}.f("%s never finished: %s it started%s and %s took effect, but the process stopped "+
			"before recording the end (it was killed or lost its connection); ", e.Name, verb, appliedWhen(e), all).then(likely)
	}
	stopped := fmt.Sprintf("stopped after statement %d%s", e.Done, total)
	effect := fmt.Sprintf("%s and statement %d may have too", tookEffect(e.Done, ""), e.Done+1)
	if e.Done == 0 {
		stopped = fmt.Sprintf("stopped before statement 1%s finished", total)
		effect = "statement 1 may have taken effect"
	}
	return text{}.f("%s never finished: %s it started%s and %s (the process was killed or lost its "+
		"connection); it ran outside a transaction, so %s; ",
		e.Name, verb, appliedWhen(e), stopped, effect).then(fix)
}

// tookEffect says which statements of a migration that ran outside a
// transaction took effect: none, statement 1, or statements 1 to done.
// Given a verb ("are" or "were"), it adds that they are not undone, the
// verb agreeing with the count.
func tookEffect(done int, verb string) string {
	var s string
	switch done {
	case 0:
		return "no statement took effect"
	case 1:
		s = "statement 1 took effect"
		verb = map[string]string{"are": "is", "were": "was"}[verb]
	default:
		s = fmt.Sprintf("statements 1 to %d took effect", done)
	}
	if verb != "" {
		s += " and " + verb + " not undone"
	}
	return s
}

func (e *MigrationStatus) add(kind ProblemKind, msg text) {
	e.Problems = append(e.Problems, Problem{Kind: kind, Name: e.Name, Message: msg.String(), Remedies: msg.remedies(), msg: msg})
}

// problems lists the problems that stop a run in direction dir. The
// migration a run applies by name (only) is applied on purpose, so its
// own place in the order is no problem.
func (m *Migrator) problems(h *history, dir Direction, only string) []Problem {
	var out []Problem
	for _, e := range h.entries {
		for _, p := range e.Problems {
			switch {
			case p.Kind == ProblemMissing && m.allowMissing:
			case p.Kind == ProblemChecksum && m.ignoreChecksums:
			case p.Kind == ProblemOutOfOrder && (m.allowOutOfOrder || dir == Down || p.Name == only):
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
