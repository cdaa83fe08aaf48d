package migrate

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// allRemedies lists every Remedy: the values from 1 that String names.
func allRemedies() []Remedy {
	var out []Remedy
	for r := Remedy(1); r.String() != fmt.Sprintf("Remedy(%d)", int(r)); r++ {
		out = append(out, r)
	}
	return out
}

// marked renders a remedy as <remedy:migration>, so a test sees where
// Explain put each one.
func marked(r Remedy, migration string) string { return "<" + r.String() + ":" + migration + ">" }

// TestRemedies: every problem and every error that names a way out says
// which (Remedies), and Explain renders its message with other words for
// each remedy in the place the Go API's words stand in Message, so no Go
// identifier is left.
func TestRemedies(t *testing.T) {
	if got := allRemedies(); len(got) != int(RemedyStatus) {
		t.Fatalf("remedies %v: String does not name every constant up to RemedyStatus", got)
	}
	var reg Registry
	for _, n := range []string{"20260101000000-a", "20260102000000-b", "20260103000000-c", "20260104000000-d", "20260105000000-e", "20260106000000-f"} {
		reg.Add(Migration{Name: n, Up: []ddl.Op{ddl.CreateTable(n[15:], ddl.Column("id", schema.Integer()).PrimaryKey())}})
	}
	ms, err := collect([]Registry{reg}, nil, flavorFor("sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	m := &Migrator{migrations: ms, byName: map[string]*migration{}}
	for _, mig := range ms {
		m.byName[mig.name] = mig
	}
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	rec := func(name, checksum, status string) *record {
		if checksum == "same" {
			checksum = m.byName[name].checksum
		}
		return &record{Name: name, Checksum: checksum, Status: status, AppliedAt: at, Direction: Up, Total: 2}
	}
	h := m.history([]*record{
		rec("20260101000000-a", "v1:edited", statusApplied),
		// b is pending and sorts before c: out of order.
		rec("20260103000000-c", "", statusApplied), // applied without a checksum: unchecked
		rec("20260104000000-d", "same", statusFailed),
		rec("20260105000000-e", "same", statusInProgress),
		rec("20260106000000-f", "same", "weird"),
		rec("20260107000000-gone", "", statusApplied),
	})
	want := map[ProblemKind][]Remedy{
		ProblemChecksum:      {RemedyAcceptChecksum},
		ProblemOutOfOrder:    {RemedyAllowOutOfOrder},
		ProblemFailed:        {RemedyMarkApplied, RemedyForget},
		ProblemInProgress:    {RemedyMarkApplied, RemedyForget},
		ProblemUnknownStatus: {RemedyMarkApplied, RemedyForget},
		ProblemMissing:       {RemedyAllowMissing, RemedyForget},
	}
	var problems []Problem
	for _, e := range h.entries {
		problems = append(problems, e.Problems...)
	}
	if len(problems) != len(want) {
		t.Fatalf("%d problems, want %d: %+v", len(problems), len(want), problems)
	}
	for _, p := range problems {
		if !slices.Equal(p.Remedies, want[p.Kind]) {
			t.Errorf("%s: remedies %v, want %v", p.Kind, p.Remedies, want[p.Kind])
		}
		checkExplain(t, string(p.Kind), p.Message, p.Explain(marked), p.Name, p.Remedies)
		if p.Explain(nil) != p.Message {
			t.Errorf("%s: Explain(nil) is not Message", p.Kind)
		}
	}
	he := &HistoryError{Problems: problems}
	if got := he.Remedies(); len(got) != 5 {
		t.Errorf("HistoryError remedies %v, want the 5 its problems name", got)
	}
	c := h.byName["20260103000000-c"]
	checkExplain(t, "unchecked", c.Unchecked, c.ExplainUnchecked(marked), c.Name, []Remedy{RemedyAcceptChecksum})

	me := &MigrationError{Name: "20260104000000-d", Direction: Down, Statement: 2, Err: errors.New("boom"), Recorded: true, Done: 1}
	if !slices.Equal(me.Remedies(), []Remedy{RemedyMarkApplied, RemedyForget}) {
		t.Errorf("recorded MigrationError: remedies %v", me.Remedies())
	}
	checkExplain(t, "MigrationError", me.Error(), me.Explain(marked), me.Name, me.Remedies())
	if me.Unchanged, me.Recorded = true, false; len(me.Remedies()) != 0 || me.Explain(marked) != me.Error() {
		t.Errorf("unchanged MigrationError: remedies %v", me.Remedies())
	}
	cause := errors.New("connection reset")
	commit := &MigrationError{Name: "20260101000000-a", Direction: Up, Err: &remedyError{msg: text{}.f("commit: %v (", cause).
		remedy(RemedyStatus, "20260101000000-a", "").f(" tells)"), err: cause}}
	if !slices.Equal(commit.Remedies(), []Remedy{RemedyStatus}) || !errors.Is(commit, cause) ||
		!strings.HasSuffix(commit.Error(), ": commit: connection reset (Status tells)") {
		t.Errorf("MigrationError of a commit: %v, remedies %v", commit, commit.Remedies())
	}
	checkExplain(t, "commit", commit.Error(), commit.Explain(marked), commit.Name, commit.Remedies())
	le := &LockError{Table: "SequelizeMeta", Waited: time.Second, Timeout: true, Err: errors.New("deadline")}
	if !slices.Equal(le.Remedies(), []Remedy{RemedyLockTimeout}) {
		t.Errorf("LockError: remedies %v", le.Remedies())
	}
	checkExplain(t, "LockError", le.Error(), le.Explain(marked), "", le.Remedies())
	var re *remedyError
	if err := notStateTable("users"); !errors.As(err, &re) || !slices.Equal(re.Remedies(), []Remedy{RemedyOtherTable}) {
		t.Fatalf("state table error: %v", err)
	}
	checkExplain(t, "state table", re.Error(), re.Explain(marked), "", re.Remedies())
}

// checkExplain checks that explained is msg with each remedy of the
// migration name marked, and no Go API words left.
func checkExplain(t *testing.T, what, msg, explained, name string, remedies []Remedy) {
	t.Helper()
	for _, r := range remedies {
		if !strings.Contains(explained, marked(r, name)) {
			t.Errorf("%s: Explain lacks %s:\n%s", what, marked(r, name), explained)
		}
	}
	rest := explained
	for _, r := range allRemedies() {
		rest = strings.ReplaceAll(rest, marked(r, name), "")
	}
	for _, w := range []string{"Repair", "MarkApplied", "Forget", "AcceptChecksum", "WithAllow", "WithLockTimeout", "WithTable", "Status"} {
		if strings.Contains(rest, w) {
			t.Errorf("%s: Explain leaves %q:\n%s", what, w, explained)
		}
	}
	if len(remedies) > 0 && explained == msg {
		t.Errorf("%s: Explain is the message unchanged", what)
	}
}
