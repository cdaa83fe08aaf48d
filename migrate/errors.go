package migrate

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/strata-orm/strata/dialect"
)

// Sentinel errors, for errors.Is.
var (
	// ErrLockTimeout: another process held the migration lock for longer
	// than the lock timeout. The error is a *LockError.
	ErrLockTimeout = errors.New("migration lock not acquired in time")
	// ErrIrreversible: a migration to undo has no down.
	ErrIrreversible = errors.New("migration cannot be undone")
	// ErrUnknown: a migration named in an option or a repair does not exist.
	ErrUnknown = errors.New("no such migration")
	// ErrHistory: the recorded history has problems that stop a run; the
	// error is a *HistoryError listing them.
	ErrHistory = errors.New("migration history needs attention")
)

// MigrationError is a migration that failed. Its message names the
// migration, the statement (number, SQL, and line in a SQL file), the
// database's message, and what state the failure left.
type MigrationError struct {
	Name      string
	Direction Direction
	Source    string // the file (SQL) or file:line (Go)
	Statement int    // 1-based number of the failing statement; 0 before any statement
	Total     int    // statements in the migration, when known
	SQL       string // the failing statement
	Line      int    // its line in a SQL file
	Op        string // the ddl operation being run, for Go migrations
	// Unchanged is true when nothing of the migration took effect: the
	// schema and the state table are as before it (its transaction was
	// rolled back, or it failed before its first statement took effect).
	Unchanged bool
	// RolledBack is true when the migration ran in a transaction that was
	// rolled back (Unchanged is true then too).
	RolledBack bool
	// Recorded is true when the failure is recorded in the state table
	// (a migration that ran outside a transaction); the next run refuses
	// until Repair.
	Recorded bool
	// Done is how many statements took effect before the failure, when it
	// is Recorded.
	Done int
	Err  error // the database's (or the Go code's) error
}

// Error describes the failure: the migration, the statement, the cause and
// what state it left.
func (e *MigrationError) Error() string { return e.text().String() }

// Remedies lists the remedies the message names: for a failure that is
// Recorded, RemedyMarkApplied and RemedyForget.
func (e *MigrationError) Remedies() []Remedy { return e.text().remedies() }

// Explain is Error with each remedy in the words words gives for it.
func (e *MigrationError) Explain(words RemedyText) string { return e.text().explain(words) }

func (e *MigrationError) text() text {
	var b strings.Builder
	fmt.Fprintf(&b, "migrate: %s (%s) failed", e.Name, e.Direction)
	if e.Statement > 0 {
		fmt.Fprintf(&b, " at statement %d", e.Statement)
		if e.Total > 0 {
			fmt.Fprintf(&b, " of %d", e.Total)
		}
		if e.Line > 0 {
			fmt.Fprintf(&b, " (%s line %d)", e.Source, e.Line)
		}
	}
	if e.Op != "" && (e.Err == nil || !strings.HasPrefix(e.Err.Error(), e.Op)) {
		fmt.Fprintf(&b, " in %s", e.Op)
	}
	if e.SQL != "" {
		fmt.Fprintf(&b, ": %s", abbreviate(e.SQL))
	}
	b.WriteString(": ")
	cause := text{}.f("%s", b.String()).then(causeText(e.Err))
	b.Reset()
	switch {
	case e.RolledBack:
		b.WriteString("; the transaction was rolled back: the schema and the migration state are as before it")
	case e.Unchanged:
		b.WriteString("; nothing of it took effect: the schema and the migration state are as before it")
	case e.Recorded:
		fmt.Fprintf(&b, "; it ran outside a transaction, so %s; "+
			"the failure is recorded and later runs refuse until it is repaired: ", tookEffect(e.Done, "are"))
		return cause.f("%s", b.String()).then(repairHint(e.Name, e.Direction))
	}
	return cause.f("%s", b.String())
}

// causeText is err's message, with the remedies of a *remedyError in it.
func causeText(err error) text {
	s := fmt.Sprint(err)
	var re *remedyError
	if !errors.As(err, &re) {
		return text{}.f("%s", s)
	}
	before, after, ok := strings.Cut(s, re.Error())
	if !ok {
		return text{}.f("%s", s)
	}
	return text{}.f("%s", before).then(re.msg).f("%s", after)
}

// Unwrap returns the cause.
func (e *MigrationError) Unwrap() error { return e.Err }

// repairHint says how to resolve the migration name that failed half-way.
func repairHint(name string, d Direction) text {
	if d == Down {
		return text{}.f("fix the database by hand, then record the migration as still applied (").remedy(RemedyMarkApplied, name, "").
			f(") or as undone (").remedy(RemedyForget, name, "").f(")")
	}
	return text{}.f("fix the database by hand, then record the migration as applied (").remedy(RemedyMarkApplied, name, "").
		f(") or forget it so that it runs again from the start (").remedy(RemedyForget, name, "").f(")")
}

// abbreviate shortens SQL for a message: whitespace collapsed, at most 200
// characters.
func abbreviate(sql string) string {
	s := strings.Join(strings.Fields(sql), " ")
	if r := []rune(s); len(r) > 200 {
		return string(r[:197]) + "..."
	}
	return s
}

// LockError is a migration lock that could not be acquired.
type LockError struct {
	Table   string        // the state table the lock guards
	Waited  time.Duration // how long the run waited
	Holder  string        // who holds the lock, when the database can tell
	Timeout bool          // the lock timeout ran out (rather than another error)
	Err     error
}

// Error names the lock, how long the run waited and who holds it.
func (e *LockError) Error() string { return e.text().String() }

// Remedies lists the remedies the message names: RemedyLockTimeout when
// the lock timeout ran out.
func (e *LockError) Remedies() []Remedy { return e.text().remedies() }

// Explain is Error with each remedy in the words words gives for it.
func (e *LockError) Explain(words RemedyText) string { return e.text().explain(words) }

func (e *LockError) text() text {
	var b strings.Builder
	fmt.Fprintf(&b, "migrate: could not acquire the migration lock for %s", e.Table)
	if e.Timeout {
		fmt.Fprintf(&b, " after %s", e.Waited.Round(time.Millisecond))
	}
	if e.Holder != "" {
		fmt.Fprintf(&b, " (held by %s)", e.Holder)
	}
	if e.Timeout {
		b.WriteString(": another migration run is in progress; wait for it to finish, or raise the lock timeout (")
		return text{}.f("%s", b.String()).remedy(RemedyLockTimeout, "", "").f(")")
	}
	if e.Err != nil {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	return text{}.f("%s", b.String())
}

// Unwrap returns the cause.
func (e *LockError) Unwrap() []error {
	if e.Timeout {
		return []error{ErrLockTimeout, e.Err}
	}
	return []error{e.Err}
}

// HistoryError is a run refused before anything executed because the
// recorded history has problems (a changed checksum, a migration applied
// but missing locally, one out of order, one that failed half-way).
type HistoryError struct {
	Problems []Problem
}

// Error lists every problem, one a line, each with its fix.
func (e *HistoryError) Error() string { return e.Explain(nil) }

// Remedies lists the remedies the problems name, each once.
func (e *HistoryError) Remedies() []Remedy {
	var out []Remedy
	for _, p := range e.Problems {
		for _, r := range p.Remedies {
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	return out
}

// Explain is Error with each remedy in the words words gives for it (the
// Go API's when words is nil).
func (e *HistoryError) Explain(words RemedyText) string {
	var b strings.Builder
	b.WriteString("migrate: nothing was run; the migration history needs attention:")
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p.Explain(words))
	}
	return b.String()
}

// Is makes errors.Is(err, ErrHistory) true.
func (e *HistoryError) Is(target error) bool { return target == ErrHistory }

// ProblemKind classifies a Problem.
type ProblemKind string

// Kinds of problem.
const (
	// ProblemChecksum: an applied migration was edited since.
	ProblemChecksum ProblemKind = "checksum-changed"
	// ProblemMissing: a migration is recorded as applied but not defined
	// here (deleted, or the database is ahead of this code).
	ProblemMissing ProblemKind = "missing"
	// ProblemOutOfOrder: a pending migration sorts before one that was
	// applied without it (not left pending on purpose; see Only).
	ProblemOutOfOrder ProblemKind = "out-of-order"
	// ProblemFailed: a migration that ran outside a transaction failed
	// half-way and must be repaired.
	ProblemFailed ProblemKind = "failed"
	// ProblemInProgress: a migration that ran outside a transaction never
	// finished (its process stopped) and must be repaired.
	ProblemInProgress ProblemKind = "in-progress"
	// ProblemUnknownStatus: a state row's status is not one strata writes
	// (StateUnknown); it must be repaired.
	ProblemUnknownStatus ProblemKind = "unknown-status"
)

// Problem is one thing wrong with the history; Message says what and how
// to fix it, in the Go API's words.
type Problem struct {
	Kind    ProblemKind
	Name    string
	Message string
	// Remedies lists the ways out that Message names, in order.
	Remedies []Remedy
	msg      text
}

// Explain is Message with each remedy in the words words gives for it (a
// command's flags, say); Message itself when words is nil.
func (p Problem) Explain(words RemedyText) string {
	if p.msg == nil || words == nil {
		return p.Message
	}
	return p.msg.explain(words)
}

// notStateTable is the error of a state table's name taken by another table.
func notStateTable(table string) error {
	return &remedyError{msg: text{}.f("migrate: table %s exists but has no name column, so it is not a migration state table; ", table).
		remedy(RemedyOtherTable, "", "choose another name with WithTable")}
}

// withContext makes err match ctx.Err() with errors.Is once ctx has
// ended (dialect.WithContext), keeping a *MigrationError outermost.
func withContext(ctx context.Context, err error) error {
	var me *MigrationError
	if errors.As(err, &me) {
		me.Err = dialect.WithContext(ctx, me.Err)
		return err
	}
	return dialect.WithContext(ctx, err)
}
