package sequelizejs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/migrate"
)

// Registry turns recorded files into Imported migrations strata's engine
// runs directly (lock, a transaction per migration, checksums, failure
// records), in the order given. A complete file is its Up and Down as
// recorded, so its checksum is the one the Go file migration:import
// writes for it gets. A file with problems is a migration whose UpFunc
// and DownFunc return its NotPorted error; its checksum is its source's
// (Version), so an edit to it is noticed. Callers refuse a run that would
// reach one before anything runs (Skeletons).
func Registry(recs []*Recorded) migrate.Registry {
	reg := make(migrate.Registry, 0, len(recs))
	for _, rec := range recs {
		m := migrate.Migration{Name: rec.Name, Source: rec.File, NoTx: rec.NoTx, Imported: true}
		if rec.Complete() {
			m.Up, m.Down = rec.Up, rec.Down
			if m.Up == nil {
				m.Up = []ddl.Op{}
			}
		} else {
			m.UpFunc = func(context.Context, migrate.Executor) error { return NotPorted(rec, "up") }
			m.DownFunc = func(context.Context, migrate.Executor) error { return NotPorted(rec, "down") }
			sum := sha256.Sum256(rec.Source)
			m.Version = "sequelize-cli source sha256:" + hex.EncodeToString(sum[:])
		}
		reg = append(reg, m)
	}
	return reg
}

// Skeletons are the names of the recorded files that have problems.
func Skeletons(recs []*Recorded) map[string]*Recorded {
	out := map[string]*Recorded{}
	for _, rec := range recs {
		if !rec.Complete() {
			out[rec.Name] = rec
		}
	}
	return out
}

// NotPorted is the *migrate.NotPortedError of a file with problems when
// direction ("up" or "down") is asked to run; nil for a complete file.
func NotPorted(rec *Recorded, direction string) error {
	if rec.Complete() {
		return nil
	}
	e := &migrate.NotPortedError{Migration: rec.Name, File: rec.File, Direction: direction}
	for _, p := range rec.Problems {
		e.Problems = append(e.Problems, migrate.NotPorted{Direction: p.Direction, Line: p.Line, Construct: p.Construct, Reason: p.Reason})
	}
	return e
}

// NotPortedAll joins the NotPorted errors of the named skeletons, in the
// order of names, for a run that would reach them.
func NotPortedAll(skeletons map[string]*Recorded, direction string, names []string) error {
	var errs []error
	for _, n := range names {
		if rec := skeletons[n]; rec != nil {
			errs = append(errs, NotPorted(rec, direction))
		}
	}
	return errors.Join(errs...)
}
