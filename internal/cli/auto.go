package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/strata-orm/strata/drift"
	"github.com/strata-orm/strata/gen"
	"github.com/strata-orm/strata/schemadiff"
)

// migration:generate --auto writes the next migration from the models and
// the history replayed offline (drift.Generate); a likely rename is shown
// and taken only with --rename, and nothing is written when the history
// already builds what the models want.

func runMigrationAuto(ctx context.Context, r *run) error {
	renames, err := parseRenames(r.flags.list("rename"))
	if err != nil {
		return err
	}
	p, db, err := r.project(ctx, true, true)
	if err != nil {
		return err
	}
	if db != nil {
		db.Close()
	}
	res, err := drift.Generate(p, drift.GenerateOptions{Renames: renames, DropTables: r.flags.bool("drop-tables")})
	if err != nil {
		return r.explain(err)
	}
	for _, t := range res.Unmatched {
		r.printf("Table %s has no model: left as it is (pass --drop-tables to drop it, or add a model: strata model:import --tables %s).\n", t, t)
	}
	var refused []string
	notRenamed := r.flags.list("not-renamed")
	for _, s := range res.Suggested {
		flag := renameFlag(s)
		if slices.Contains(notRenamed, strings.SplitN(flag, ":", 2)[0]) {
			continue
		}
		refused = append(refused, fmt.Sprintf("  %s looks renamed to %s: pass --rename %s to rename it, or --not-renamed %s to drop it and add the new one", renameFrom(s), renameTo(s), flag, strings.SplitN(flag, ":", 2)[0]))
	}
	if len(refused) > 0 {
		return fmt.Errorf("no migration written: a rename is never guessed, and dropping would lose the data:\n%s", strings.Join(refused, "\n"))
	}
	if res.Empty() {
		r.printf("No changes: the migration history already builds what the models want. No migration was written.\n")
		return nil
	}
	for _, c := range res.Changes {
		what := c.Table
		if c.Name != "" && c.Name != c.Table { // a change of the whole table is named for it alone
			what += "." + c.Name
		}
		r.printf("  %s %s\n", c.Kind, what)
	}
	path, err := r.writeMigration(r.flags.str("name"), r.flags.bool("force"), func(name string) ([]byte, error) {
		return gen.OpsMigration(name, "Written by strata migration:generate --auto from the models: review it before running it.", res.Up, res.Down)
	})
	if err != nil {
		return err
	}
	r.printf("New migration was created at %s (%d change%s).\n", r.rel(path), len(res.Changes), plural(len(res.Changes)))
	return nil
}

// parseRenames reads --rename values: old:new renames a table,
// table.old:new a column.
func parseRenames(vals []string) ([]schemadiff.Rename, error) {
	var out []schemadiff.Rename
	for _, v := range vals {
		from, to, ok := strings.Cut(v, ":")
		if !ok || from == "" || to == "" {
			return nil, fmt.Errorf("--rename %q is not old:new (a table) or table.old:new (a column)", v)
		}
		if table, col, ok := strings.Cut(from, "."); ok {
			// table.old:table.new names the table twice; it is one rename.
			out = append(out, schemadiff.Rename{Table: table, From: col, To: strings.TrimPrefix(to, table+".")})
			continue
		}
		out = append(out, schemadiff.Rename{From: from, To: to})
	}
	return out, nil
}

// renameFlag is the --rename value that takes a suggested rename.
func renameFlag(s schemadiff.Rename) string {
	if s.Table == "" {
		return s.From + ":" + s.To
	}
	return s.Table + "." + s.From + ":" + s.To
}

func renameFrom(s schemadiff.Rename) string {
	if s.Table == "" {
		return "table " + s.From
	}
	return "column " + s.Table + "." + s.From
}

func renameTo(s schemadiff.Rename) string {
	if s.Table == "" {
		return s.To
	}
	return s.Table + "." + s.To
}
