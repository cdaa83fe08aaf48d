package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/strata-orm/strata/drift"
	"github.com/strata-orm/strata/lint"
	"github.com/strata-orm/strata/migrate"
)

// lintJSON is one finding as migration:lint --json prints it.
type lintJSON struct {
	lint.Finding
	Op string `json:"op,omitempty"`
}

// runMigrationLint lints every pending migration and fails when an error
// no Allow silences is among the findings.
func runMigrationLint(ctx context.Context, r *run) error {
	s, err := r.session(ctx, migrations)
	if err != nil {
		return err
	}
	defer s.Close()
	fs, err := s.m.Lint(ctx)
	if err != nil {
		return r.explain(err)
	}
	blocking := len(lint.Blocking(fs))
	var downs []drift.DownProblem
	if r.flags.bool("downs") {
		src, err := r.sources(migrations, s.t.dialect.Name())
		if err != nil {
			return err
		}
		if downs, err = drift.CheckDowns(s.t.dialect, src...); err != nil {
			return err
		}
	}
	if r.flags.bool("json") {
		out := struct {
			Findings []lintJSON `json:"findings"`
			Blocking int        `json:"blocking"`
			Downs    []string   `json:"downs,omitempty"`
		}{Findings: []lintJSON{}, Blocking: blocking}
		for _, p := range downs {
			out.Downs = append(out.Downs, p.String())
		}
		for _, f := range fs {
			j := lintJSON{Finding: f}
			if f.Op != nil {
				j.Op = f.Op.String()
			}
			out.Findings = append(out.Findings, j)
		}
		enc := json.NewEncoder(r.jsonOut)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return err
		}
	} else {
		last := ""
		for _, f := range fs {
			if f.Migration != last {
				r.printf("%s\n", f.Migration)
				last = f.Migration
			}
			r.printf("  %s %s  %s\n      fix: %s\n", f.Rule, f.Severity, f.Message, f.Fix)
			if f.Allowed != "" {
				r.printf("      allowed: %s\n", f.Allowed)
			}
		}
		if len(fs) == 0 {
			r.printf("No findings in the pending migrations.\n")
		} else {
			r.printf("\n%d findings, %d of them errors no allow silences.\n", len(fs), blocking)
		}
		if r.flags.bool("downs") {
			r.printDowns(downs)
		}
	}
	if blocking > 0 {
		return fmt.Errorf("migration:lint: %d errors; change the migration as each fix says, or silence a rule with its reason: Lint: []lint.Allow{{Rule: \"L002\", Reason: \"…\"}} in a Go migration, a line -- strata:lint-allow L002 reason in a .sql one", blocking)
	}
	return nil
}

// printDowns lists the migrations whose down does not undo their up.
func (r *run) printDowns(downs []drift.DownProblem) {
	if len(downs) == 0 {
		r.printf("Every down that can be replayed offline undoes its up.\n")
		return
	}
	r.printf("\n%d downs do not undo their ups:\n", len(downs))
	for _, p := range downs {
		r.printf("  %s\n", p)
	}
}

// lintOption is the migrate option of --large-table, if given.
func (r *run) lintOption() (migrate.Option, error) {
	v := r.flags.str("large-table")
	if v == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(v, "_", ""), 10, 64)
	if err != nil || n <= 0 {
		return nil, fmt.Errorf("--large-table %q is not a positive row count, e.g. --large-table 100000", v)
	}
	return migrate.WithLintConfig(lint.Config{LargeTable: n}), nil
}

// observeLint prints a finding db:migrate's lint reported: a warning,
// which never stops the run.
func (r *run) observeLint(e migrate.Event) {
	if e.Err != nil {
		r.printf("   WARNING: lint: %s\n", oneLine(e.Err.Error()))
		return
	}
	f := e.Finding
	r.printf("   WARNING: %s %s (fix: %s)\n", f.Rule, f.Message, f.Fix)
}
