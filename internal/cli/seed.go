package cli

import (
	"context"
	"fmt"

	"github.com/strata-orm/strata/migrate"
)

// Seeders run on the migration engine with their own state table
// (SequelizeData), so db:seed:all runs each seeder once: sequelize-cli
// re-runs them all by default and then fails on unique keys.

func runSeedAll(ctx context.Context, r *run) error {
	s, err := r.session(ctx, seeders)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.refuseSkeletons(ctx, migrate.Up); err != nil {
		return err
	}
	res, err := s.m.Up(ctx)
	if err != nil {
		return r.explain(err)
	}
	if len(res) == 0 {
		r.printf("No seeders were executed: every seeder has run already.\n")
	}
	return nil
}

func runSeed(ctx context.Context, r *run) error {
	s, err := r.session(ctx, seeders)
	if err != nil {
		return err
	}
	defer s.Close()
	for _, name := range r.flags.seeds {
		if err := s.refuseSkeletons(ctx, migrate.Up, migrate.Only(stem(name))); err != nil {
			return err
		}
	}
	for _, name := range r.flags.seeds {
		if _, err := s.m.Up(ctx, migrate.Only(stem(name))); err != nil {
			return r.explain(err)
		}
	}
	return nil
}

func runSeedUndo(ctx context.Context, r *run) error {
	s, err := r.session(ctx, seeders)
	if err != nil {
		return err
	}
	defer s.Close()
	if len(r.flags.seeds) == 0 {
		if err := s.refuseSkeletons(ctx, migrate.Down); err != nil {
			return err
		}
		res, err := s.m.Undo(ctx)
		if err != nil {
			return r.explain(err)
		}
		if len(res) == 0 {
			r.printf("No executed seeders found.\n")
		}
		return nil
	}
	for _, name := range r.flags.seeds {
		if err := s.refuseSkeletons(ctx, migrate.Down, migrate.Only(stem(name))); err != nil {
			return err
		}
	}
	for _, name := range r.flags.seeds {
		if _, err := s.m.Undo(ctx, migrate.Only(stem(name))); err != nil {
			return r.explain(err)
		}
	}
	return nil
}

func runSeedUndoAll(ctx context.Context, r *run) error {
	if err := r.refuseInProduction("delete every seeder's data"); err != nil {
		return err
	}
	s, err := r.session(ctx, seeders)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.refuseSkeletons(ctx, migrate.Down, migrate.All()); err != nil {
		return err
	}
	res, err := s.m.UndoAll(ctx)
	if err != nil {
		return r.explain(err)
	}
	if len(res) == 0 {
		r.printf("No executed seeders found.\n")
	}
	return nil
}

func runMigrateRepair(ctx context.Context, r *run) error {
	actions := map[string]migrate.RepairAction{
		"mark-applied": migrate.MarkApplied, "forget": migrate.Forget, "accept-checksum": migrate.AcceptChecksum,
	}
	var chosen []string
	for flag := range actions {
		if r.flags.bool(flag) {
			chosen = append(chosen, flag)
		}
	}
	if len(chosen) != 1 {
		return fmt.Errorf("give exactly one of --mark-applied, --forget and --accept-checksum")
	}
	s, err := r.session(ctx, migrations)
	if err != nil {
		return err
	}
	defer s.Close()
	name := stem(r.flags.str("name"))
	if err := s.m.Repair(ctx, name, actions[chosen[0]]); err != nil {
		return r.explain(err)
	}
	r.printf("Recorded %s: %s.\n", name, chosen[0])
	return nil
}
