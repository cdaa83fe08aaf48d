package migrate

import (
	"fmt"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// Roundtrip is one migration of a history replayed offline up, then down:
// whether its Down returns the schema to what it was before its Up. See
// ReplayDowns.
type Roundtrip struct {
	Name   string
	Source string
	// Before is the schema before the migration's Up (the history before
	// it replayed); Undone is Before after the Up and then the Down. Undone
	// is nil when the round trip was not made (Skipped, Err).
	Before, Undone *schema.Database
	// Skipped says why the round trip cannot be made offline: the
	// migration has no down, or a direction is Go code or SQL whose effect
	// on the schema strata does not know. "" when it was made.
	Skipped string
	// Err is the Down failing to apply after the Up: it undoes something
	// the Up did not do (a *ddl.Error).
	Err error
}

// ReplayDowns loads the migrations the options give (WithGo, WithFS; the
// other options are ignored) as Replay does and, for each one in name
// order, replays its Up on the schema the migrations before it build and
// then its Down, without a database: the Roundtrips say, for each, the
// schema before the Up and the schema the Down left. A Down that undoes
// its Up gives back Before (compare the two with package schemadiff, as
// drift.CheckDowns does). sequelize-cli never checks this, and imported
// histories hold many downs that do not.
//
// It fails as Replay does when an Up does not apply (the history does not
// build from an empty database), unless a migration before it is opaque
// (Go code, schema SQL): that one is then Skipped, and the rest replayed
// against the schema as strata knows it.
func ReplayDowns(d dialect.Dialect, opts ...Option) ([]Roundtrip, error) {
	ms, err := loadOffline(d, "ReplayDowns", opts)
	if err != nil {
		return nil, err
	}
	cur := &schema.Database{}
	if d != nil {
		cur = d.Canonical(cur)
	}
	var out []Roundtrip
	after := "" // the last migration whose up strata does not replay
	for _, m := range ms {
		rt := Roundtrip{Name: m.name, Source: m.source, Before: cur.Clone()}
		switch {
		case m.down == nil:
			rt.Skipped = "it has no down"
		case opaque(&m.up):
			rt.Skipped = "its up is Go code or SQL whose effect on the schema strata does not replay"
		case opaque(m.down):
			rt.Skipped = "its down is Go code or SQL whose effect on the schema strata does not replay"
		}
		for _, op := range m.up.ops {
			if err := op.Apply(cur); err != nil {
				if after == "" {
					return nil, fmt.Errorf("migrate: replay %s: %w", m.name, err)
				}
				// What the opaque migration did is not in cur: go on
				// with the schema as strata knows it.
				rt.Skipped = fmt.Sprintf("its up does not apply offline after %s, which strata does not replay: %v", after, err)
			}
		}
		if opaque(&m.up) {
			after = m.name
		}
		if rt.Skipped == "" {
			undone := cur.Clone()
			if err := ddl.Replay(undone, m.down.ops...); err != nil {
				rt.Err = fmt.Errorf("migrate: %s: its down does not apply after its up: %w", m.name, err)
			} else {
				rt.Undone = undone
			}
		}
		out = append(out, rt)
	}
	return out, nil
}
