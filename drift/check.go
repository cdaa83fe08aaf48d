package drift

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/strata-orm/strata/migrate"
	"github.com/strata-orm/strata/schema"
	"github.com/strata-orm/strata/schemadiff"
)

// Check compares the models with the migration history replayed offline
// and, when p.DB is set, the history with the live database: pending
// migrations, and the database against what its applied migrations build
// (or, when those hold Go functions or SQL an offline replay cannot see,
// the models against the database). Associations are compared too: an
// association whose foreign key is missing, a foreign key no association
// uses, a join table no belongsToMany goes through.
func Check(ctx context.Context, p Project) (*Report, error) {
	ms, err := loadModels(p.Models)
	if err != nil {
		return nil, err
	}
	skip := p.skip()
	rep := &Report{}
	full, err := migrate.Replay(p.Dialect, nil, p.Migrations...)
	if err != nil {
		return nil, fmt.Errorf("drift: %w", err)
	}
	rep.Opaque = full.Opaque
	// Both are built offline from portable operations: they are compared
	// as they are, so the operations of a fix are portable too.
	want, notes := acceptOnUpdate(full.Schema, ms.schema)
	hist := full.Schema
	rep.Notes = append(rep.Notes, notes...)

	if len(p.Models) == 0 {
		rep.Notes = append(rep.Notes, "no models: the migration history was compared with the database only")
		if p.DB == nil {
			return rep, nil
		}
		return rep, p.checkDatabase(ctx, rep, ms, nil)
	}
	// The models against the whole history: what --auto would write.
	mh := [2]Side{SideModels, SideHistory}
	res, err := schemadiff.Diff(hist, want, schemadiff.Options{KeepForeignKeys: true, Skip: skip})
	if err != nil {
		return nil, fmt.Errorf("drift: compare the models with the history: %w", err)
	}
	for _, c := range res.Changes {
		d := changeDiff(mh, c, ms)
		d.Behind, d.Fix = modelsHistoryFix(c, ms, SideHistory, len(full.Opaque) > 0)
		rep.Differences = append(rep.Differences, d)
	}
	for _, d := range ms.unmapped(hist, res.Unmatched) {
		d.Between = mh
		rep.Differences = append(rep.Differences, d)
	}
	for _, d := range ms.unknownForeignKeys(hist, skip) {
		d.Between = mh
		rep.Differences = append(rep.Differences, d)
	}
	if len(full.Opaque) > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%d migrations are Go functions or SQL (%s): what they change is not in the offline replay of the history", len(full.Opaque), list(full.Opaque)))
	}
	if p.DB == nil {
		rep.Notes = append(rep.Notes, "no database: the models were compared with the migration history only")
		return rep, nil
	}
	if err := p.checkDatabase(ctx, rep, ms, want); err != nil {
		return nil, err
	}
	return rep, nil
}

// checkDatabase adds the history ↔ database differences to rep.
// want is nil without models.
func (p Project) checkDatabase(ctx context.Context, rep *Report, ms *models, want *schema.Database) error {
	if p.Dialect == nil {
		return fmt.Errorf("drift: a database needs its dialect: set Project.Dialect")
	}
	live, err := p.Dialect.Inspect(ctx, p.DB, p.stateTables()...)
	if err != nil {
		return fmt.Errorf("drift: inspect the database: %w", err)
	}
	live = p.Dialect.Canonical(live)
	skip := p.skip()
	mig, err := migrate.New(p.DB, p.Dialect, append(slices.Clone(p.Migrations), migrate.WithTable(p.stateTables()[0]))...)
	if err != nil {
		return fmt.Errorf("drift: %w", err)
	}
	st, err := mig.Status(ctx)
	if err != nil {
		return fmt.Errorf("drift: read the migration history of the database: %w", err)
	}
	hd := [2]Side{SideHistory, SideDatabase}
	applied := map[string]bool{}
	for _, m := range st.Migrations {
		if m.State == migrate.StateApplied {
			applied[m.Name] = true
		}
	}
	rep.Pending = st.Pending()
	for _, name := range rep.Pending {
		rep.Differences = append(rep.Differences, Difference{Between: hd, Behind: SideDatabase, Kind: KindPending, Name: name,
			Message: "migration " + name + " has not run on the database", Fix: "run strata db:migrate"})
	}
	for _, pr := range st.Problems {
		rep.Differences = append(rep.Differences, problemDiff(hd, pr))
	}
	done, err := migrate.Replay(p.Dialect, func(n string) bool { return applied[n] }, p.Migrations...)
	if err != nil {
		return fmt.Errorf("drift: %w", err)
	}
	if len(done.Opaque) > 0 && want == nil {
		rep.Notes = append(rep.Notes, "the applied migrations hold Go functions or SQL an offline replay cannot follow, and there are no models: the database was not compared")
		return nil
	}
	if len(done.Opaque) > 0 {
		// The applied history cannot say what the database should be:
		// compare the models with it instead.
		rep.Notes = append(rep.Notes, "the applied migrations hold Go functions or SQL, so the database was compared with the models instead of with the replayed history")
		md := [2]Side{SideModels, SideDatabase}
		want, _ := acceptOnUpdate(live, p.Dialect.Canonical(want))
		res, err := schemadiff.Diff(live, want, schemadiff.Options{KeepForeignKeys: true, Skip: skip})
		if err != nil {
			return fmt.Errorf("drift: compare the models with the database: %w", err)
		}
		for _, c := range res.Changes {
			d := changeDiff(md, c, ms)
			d.Behind, d.Fix = modelsHistoryFix(c, ms, SideDatabase, true)
			rep.Differences = append(rep.Differences, d)
		}
		for _, d := range ms.unknownForeignKeys(live, skip) {
			d.Between = md
			rep.Differences = append(rep.Differences, d)
		}
		return nil
	}
	res, err := schemadiff.Diff(live, p.Dialect.Canonical(done.Schema), schemadiff.Options{Indexes: true, Checks: true, DropTables: true, Skip: skip})
	if err != nil {
		return fmt.Errorf("drift: compare the database with its applied migrations: %w", err)
	}
	for _, c := range res.Changes {
		d := changeDiff(hd, c, ms)
		d.Kind = KindOutsideHistory
		d.Behind = SideDatabase
		d.Message = "the database differs from what its applied migrations build: " + d.Message + " would bring it back"
		d.Fix = "the database was changed outside the migrations (by hand, by sync(), or a migration was edited after it ran): if the change is wanted, write a migration that makes it and record it with strata db:migrate:repair --mark-applied; if not, undo it by hand"
		rep.Differences = append(rep.Differences, d)
	}
	return nil
}

// problemDiff words a problem of the migration history as a difference:
// the side behind is the history for a migration it lacks or holds edited,
// the database for one that did not run through.
func problemDiff(between [2]Side, pr migrate.Problem) Difference {
	d := Difference{Between: between, Behind: SideDatabase, Kind: KindHistoryProblem, Name: pr.Name, Fix: pr.Message, Problem: &pr}
	switch pr.Kind {
	case migrate.ProblemMissing:
		d.Behind = SideHistory
		d.Message = "migration " + pr.Name + " is recorded as applied on the database and is not in the history"
	case migrate.ProblemChecksum:
		d.Behind = SideHistory
		d.Message = "migration " + pr.Name + " was edited after it ran on the database"
	case migrate.ProblemOutOfOrder:
		d.Message = "migration " + pr.Name + " sorts before migrations the database ran without it"
	case migrate.ProblemFailed:
		d.Message = "migration " + pr.Name + " failed half-way on the database"
	case migrate.ProblemInProgress:
		d.Message = "migration " + pr.Name + " never finished on the database"
	default:
		d.Message = "the record of migration " + pr.Name + " has a status strata does not write"
	}
	return d
}

// modelsHistoryFix says which side is behind for a change that takes
// other (the history, or the database) to the models, and how to fix it.
// opaque: the history holds Go functions or SQL, which Generate refuses,
// so the migration is written by hand.
func modelsHistoryFix(c schemadiff.Change, ms *models, other Side, opaque bool) (Side, string) {
	auto := "write the migration: strata migration:generate --auto --name <name>"
	drop := auto + " --drop-tables"
	if opaque {
		auto = "write the migration by hand (strata migration:generate --name <name>): --auto cannot, as the history holds Go functions or SQL"
		drop = auto
	}
	switch c.Kind {
	case schemadiff.DropColumn:
		return SideModels, fmt.Sprintf("add a field for column %s to model %s, or remove the column from the %s (%s)", c.Name, orTable(ms.modelOf(c.Table), c.Table), other, auto)
	case schemadiff.DropTable:
		return SideModels, fmt.Sprintf("add a model for table %s, or drop it (%s)", c.Table, drop)
	}
	// other lacks what the models want: a migration brings it in step.
	return other, auto
}

func (p Project) stateTables() []string {
	if len(p.StateTables) > 0 {
		return p.StateTables
	}
	return []string{"SequelizeMeta", "SequelizeData"}
}

// skip leaves strata's own tables out of every comparison.
func (p Project) skip() func(string) bool {
	tables := p.stateTables()
	return func(t string) bool {
		for _, s := range tables {
			if strings.EqualFold(t, s) {
				return true
			}
		}
		return false
	}
}

func list(names []string) string {
	if len(names) > 5 {
		return strings.Join(names[:5], ", ") + fmt.Sprintf(" and %d more", len(names)-5)
	}
	return strings.Join(names, ", ")
}
