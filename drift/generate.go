package drift

import (
	"context"
	"fmt"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
	"github.com/strata-orm/strata/schemadiff"
)

// GenerateOptions steer Generate.
type GenerateOptions struct {
	// Renames the user confirmed ("--rename"), taken instead of a drop
	// and an add.
	Renames []schemadiff.Rename
	// DropTables drops the tables of the history no model maps; without
	// it they are left and listed in the result's Unmatched.
	DropTables bool
}

// Generate compares the models with the whole migration history,
// replayed offline, and returns the changes the next migration makes (its
// Up and Down), the likely renames it did not take (Suggested) and the
// tables it left (Unmatched). An empty result means the history builds
// what the models want. A history whose migrations are Go functions or
// SQL is an error: what they change is unknown offline, so a generated
// migration could repeat or miss it; so is a column whose type the
// database must have first (a PostgreSQL enum type or domain) and that no
// migration makes (*MissingTypeError, one for each column, joined).
func Generate(p Project, o GenerateOptions) (*schemadiff.Result, error) {
	ms, err := loadModels(p.Models)
	if err != nil {
		return nil, err
	}
	full, err := migrate.Replay(p.Dialect, nil, p.Migrations...)
	if err != nil {
		return nil, fmt.Errorf("drift: %w", err)
	}
	if len(full.Opaque) > 0 {
		return nil, &OpaqueError{Migrations: full.Opaque}
	}
	if err := missingTypes(append([]dialect.Dialect{p.Dialect}, p.Dialects...), full.Schema, ms.schema, ms); err != nil {
		return nil, err
	}
	want, _ := acceptOnUpdate(full.Schema, ms.schema)
	res, err := schemadiff.Diff(full.Schema, want, schemadiff.Options{
		KeepForeignKeys: true, DropTables: o.DropTables, Renames: o.Renames, Skip: p.skip(),
	})
	if err != nil {
		return nil, fmt.Errorf("drift: %w", err)
	}
	return res, nil
}

// OpaqueError is Generate's answer for a history an offline replay cannot
// follow.
type OpaqueError struct{ Migrations []string }

func (e *OpaqueError) Error() string {
	return fmt.Sprintf("drift: %d migrations are Go functions, .sql files or raw SQL (%s): what they change is unknown without running them, so a generated migration could repeat or miss it; write their changes as ddl operations (Up and Down), or write the next migration by hand", len(e.Migrations), list(e.Migrations))
}

// Baseline reads the live database and returns the operations that create
// its schema from empty (tables in foreign-key order, with their keys,
// indexes and checks, and the objects Inspect reads: sequences, types,
// views, functions, triggers), leaving out strata's state tables, and
// their undo. Recorded as applied on that database, they are the first
// migration of a history that did not start from empty.
func Baseline(ctx context.Context, p Project) (up, down []ddl.Op, err error) {
	if p.DB == nil || p.Dialect == nil {
		return nil, nil, fmt.Errorf("drift: Baseline reads a live database: set Project.DB and Project.Dialect")
	}
	live, err := p.Dialect.Inspect(ctx, p.DB, p.stateTables()...)
	if err != nil {
		return nil, nil, fmt.Errorf("drift: inspect the database: %w", err)
	}
	if len(live.Tables) == 0 && len(live.Objects) == 0 {
		return nil, nil, fmt.Errorf("drift: the database has no tables (other than %s): there is nothing to baseline; write migrations from the start", strings.Join(p.stateTables(), " and "))
	}
	up = ddl.CreateDatabaseFrom(live)
	down, err = undo(&schema.Database{TableScopedIndexNames: live.TableScopedIndexNames}, up)
	if err != nil {
		return nil, nil, err
	}
	return up, down, nil
}

// undo is the operations that undo ops applied to from, in order.
func undo(from *schema.Database, ops []ddl.Op) ([]ddl.Op, error) {
	cur := from.Clone()
	var down []ddl.Op
	for _, op := range ops {
		rev, err := op.Reverse(cur)
		if err != nil {
			return nil, fmt.Errorf("drift: %s cannot be undone: %w", op, err)
		}
		if err := op.Apply(cur); err != nil {
			return nil, fmt.Errorf("drift: %s: %w", op, err)
		}
		down = append(rev, down...)
	}
	return down, nil
}
