package migrate

import (
	"fmt"
	"slices"
	"strings"
)

// Remedy is a way out that a Problem or an error names: a Repair action
// or an option of the Migrator. Messages (Problem.Message, Error) name
// each in the Go API's words (String); a program with words of its own
// for them, such as the strata command's flags, renders the same message
// with them through Explain, so rewording a message never leaves a Go
// identifier in its output.
type Remedy int

// Remedies.
const (
	// RemedyMarkApplied records the migration as applied without running
	// it: Repair with MarkApplied.
	RemedyMarkApplied Remedy = iota + 1
	// RemedyForget deletes the migration's record: Repair with Forget.
	RemedyForget
	// RemedyAcceptChecksum records the local checksum of an applied
	// migration: Repair with AcceptChecksum.
	RemedyAcceptChecksum
	// RemedyAllowMissing lets runs go on despite applied migrations that
	// are not defined here: WithAllowMissing.
	RemedyAllowMissing
	// RemedyAllowOutOfOrder lets Up apply a migration that sorts before
	// applied ones: WithAllowOutOfOrder.
	RemedyAllowOutOfOrder
	// RemedyLockTimeout waits longer for the migration lock:
	// WithLockTimeout.
	RemedyLockTimeout
	// RemedyOtherTable keeps the history in a table of another name, when
	// the name is taken by a table that is not a state table: WithTable.
	RemedyOtherTable
	// RemedyStatus reads the history to find out what a run left, when it
	// could not tell (a COMMIT whose outcome is unknown): Status.
	RemedyStatus
)

// String is the remedy in the Go API's words, e.g. "Repair with
// MarkApplied" or "WithAllowMissing".
func (r Remedy) String() string {
	switch r {
	case RemedyMarkApplied:
		return "Repair with MarkApplied"
	case RemedyForget:
		return "Repair with Forget"
	case RemedyAcceptChecksum:
		return "Repair with AcceptChecksum"
	case RemedyAllowMissing:
		return "WithAllowMissing"
	case RemedyAllowOutOfOrder:
		return "WithAllowOutOfOrder"
	case RemedyLockTimeout:
		return "WithLockTimeout"
	case RemedyOtherTable:
		return "WithTable"
	case RemedyStatus:
		return "Status"
	}
	return fmt.Sprintf("Remedy(%d)", int(r))
}

// RemedyText gives a program's words for a remedy of the named migration
// ("" for a remedy that concerns no migration, such as RemedyLockTimeout);
// the Explain methods call it for each remedy a message names.
type RemedyText func(r Remedy, migration string) string

// text is a message that names remedies: literal chunks and remedy chunks,
// each remedy chunk with the Go API's words for it in that place.
type text []chunk

type chunk struct {
	s    string // literal text, or the Go API's words for r
	r    Remedy // 0 for literal text
	name string // the migration r concerns
}

// f appends literal text, formatted.
func (t text) f(format string, args ...any) text {
	return append(t, chunk{s: fmt.Sprintf(format, args...)})
}

// remedy appends remedy r of the migration name in the Go API's words for
// it here: words, or r.String() when words is "".
func (t text) remedy(r Remedy, name, words string) text {
	if words == "" {
		words = r.String()
	}
	return append(t, chunk{s: words, r: r, name: name})
}

// then appends the chunks of u.
func (t text) then(u text) text { return append(t, u...) }

// String renders the message in the Go API's words.
func (t text) String() string { return t.explain(nil) }

// explain renders the message with words's words for the remedies (the Go
// API's when words is nil).
func (t text) explain(words RemedyText) string {
	var b strings.Builder
	for _, c := range t {
		if c.r != 0 && words != nil {
			b.WriteString(words(c.r, c.name))
		} else {
			b.WriteString(c.s)
		}
	}
	return b.String()
}

// remedies lists the remedies the message names, each once, in order.
func (t text) remedies() []Remedy {
	var out []Remedy
	for _, c := range t {
		if c.r != 0 && !slices.Contains(out, c.r) {
			out = append(out, c.r)
		}
	}
	return out
}

// remedyError is an error whose message names a remedy; err, when set, is
// its cause.
type remedyError struct {
	msg text
	err error
}

// Unwrap returns the cause.
func (e *remedyError) Unwrap() error { return e.err }

func (e *remedyError) Error() string { return e.msg.String() }

// Remedies lists the remedies the message names.
func (e *remedyError) Remedies() []Remedy { return e.msg.remedies() }

// Explain is the message with words's words for its remedies.
func (e *remedyError) Explain(words RemedyText) string { return e.msg.explain(words) }
