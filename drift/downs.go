package drift

import (
	"fmt"
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schemadiff"
)

// DownProblem is a migration whose Down does not return the schema to
// what it was before its Up.
type DownProblem struct {
	Name   string
	Source string
	// Differences say what the Down leaves different, in words: "down
	// leaves column users.age", "down removes index users_email, which was
	// there before the up", "down leaves column users.name as VARCHAR(40)
	// NULL (before the up: VARCHAR(40) NOT NULL)".
	Differences []string
	// Changes are the same differences as schemadiff found them: what
	// takes the schema the Down leaves back to the one before the Up.
	Changes []schemadiff.Change
	// Err is set instead when the Down does not even apply after the Up,
	// or when the schema it leaves cannot be compared with the one before
	// the Up (schemadiff fails to build the way back); the other
	// migrations are checked all the same.
	Err error
}

// String is the migration and what its Down leaves different.
func (p DownProblem) String() string {
	if p.Err != nil {
		return p.Err.Error()
	}
	return p.Name + ": " + strings.Join(p.Differences, "; ")
}

// CheckDowns replays each migration of a history offline, up then down
// (migrate.ReplayDowns), and returns those whose Down does not give back
// the schema before their Up, with what differs. Migrations it cannot
// check offline (no down, Go code, SQL that changes the schema) are left
// out: migrate.ReplayDowns lists them with the reason. d is the dialect
// the schemas are compared as (nil: as the operations build them; needed
// for .sql files). A migration whose schemas cannot be compared is
// reported with the error (DownProblem.Err), and the rest checked.
func CheckDowns(d dialect.Dialect, opts ...migrate.Option) ([]DownProblem, error) {
	rts, err := migrate.ReplayDowns(d, opts...)
	if err != nil {
		return nil, err
	}
	var out []DownProblem
	for _, rt := range rts {
		if rt.Err != nil {
			out = append(out, DownProblem{Name: rt.Name, Source: rt.Source, Err: rt.Err})
			continue
		}
		if rt.Undone == nil {
			continue
		}
		before, undone := rt.Before, rt.Undone
		if d != nil {
			before, undone = d.Canonical(before), d.Canonical(undone)
		}
		res, err := schemadiff.Diff(undone, before, schemadiff.Options{Indexes: true, Checks: true, DropTables: true})
		if err != nil {
			// One migration strata cannot compare is reported as such;
			// the others are checked all the same.
			out = append(out, DownProblem{Name: rt.Name, Source: rt.Source,
				Err: fmt.Errorf("drift: %s: cannot compare the schema its down leaves with the one before its up (check this down by hand): %w", rt.Name, err)})
			continue
		}
		if res.Empty() {
			continue
		}
		p := DownProblem{Name: rt.Name, Source: rt.Source, Changes: res.Changes}
		for _, c := range res.Changes {
			p.Differences = append(p.Differences, downWords(c))
		}
		out = append(out, p)
	}
	return out, nil
}

// downWords says what a change that takes the schema a Down left back to
// the one before the Up means for the Down.
func downWords(c schemadiff.Change) string {
	at := c.Table
	if c.Name != "" && c.Name != c.Table { // a table's change names the table twice
		at += "." + c.Name
	}
	kind := string(c.Kind)
	switch verb, thing, _ := strings.Cut(kind, " "); verb {
	case "drop":
		return fmt.Sprintf("down leaves %s %s", thing, at)
	case "add":
		return fmt.Sprintf("down removes %s %s, which was there before the up", thing, at)
	case "change":
		if c.From != "" || c.To != "" {
			return fmt.Sprintf("down leaves %s %s as %s (before the up: %s)", thing, at, c.From, c.To)
		}
		return fmt.Sprintf("down leaves %s %s changed", thing, at)
	}
	return fmt.Sprintf("down leaves %s: %s", at, kind)
}
