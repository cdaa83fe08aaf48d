package cli

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/strata-orm/strata/migrate"
)

// Linked carries a project's Go migrations and seeders into a build of the
// command made for that project (see package github.com/strata-orm/strata/cli).
type Linked struct {
	Migrations migrate.Registry
	Seeders    migrate.Registry
	// Models are the project's models (its models package's All), for
	// the commands that compare or draw them.
	Models []any
}

// history is migrations or seeders: the same engine, its own folder and state table.
type history struct {
	flag, folder string // the path flag and the folder's name
	table        string // default state table
	cfgTable     func(EnvConfig) string
	noun         string // "migration", "seed"
	linked       func(*Linked) migrate.Registry
}

var (
	migrations = history{
		flag: "migrations-path", folder: "migrations", table: "SequelizeMeta", noun: "migration",
		cfgTable: func(e EnvConfig) string { return e.MigrationStorageTableName },
		linked:   func(l *Linked) migrate.Registry { return l.Migrations },
	}
	seeders = history{
		flag: "seeders-path", folder: "seeders", table: "SequelizeData", noun: "seed",
		cfgTable: func(e EnvConfig) string { return e.SeederStorageTableName },
		linked:   func(l *Linked) migrate.Registry { return l.Seeders },
	}
)

// session is an open database with a migrator for one history.
type session struct {
	db *sql.DB
	t  *target
	m  *migrate.Migrator
	js *jsHistory // the folder's JavaScript as recorded
}

func (s *session) Close() { s.db.Close() }

// open resolves the database, connects and loads the history.
func (r *run) session(ctx context.Context, h history) (*session, error) {
	t, err := r.resolve()
	if err != nil {
		return nil, err
	}
	if err := h.storageError(t.env); err != nil {
		return nil, fmt.Errorf("the %q environment of %s: %w", r.flags.str("env"), r.configName(), err)
	}
	dir := r.path(h.flag)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s folder %q does not exist; run \"strata init\" or pass --%s", h.folder, r.flags.str(h.flag), h.flag)
	}
	db, err := r.open(ctx, t)
	if err != nil {
		return nil, err
	}
	src, err := r.sources(h, t.dialect.Name())
	if err != nil {
		db.Close()
		return nil, err
	}
	opts := append(src, migrate.WithTable(h.tableIn(t.env)), migrate.WithObserver(r.observe))
	if r.flags.lock > 0 {
		opts = append(opts, migrate.WithLockTimeout(r.flags.lock))
	}
	if h.noun == "seed" {
		opts = append(opts, migrate.WithoutLint()) // seeders write rows, which is what they are for
	} else if o, err := r.lintOption(); err != nil {
		db.Close()
		return nil, err
	} else if o != nil {
		opts = append(opts, o)
	}
	if r.flags.bool("allow-missing") {
		opts = append(opts, migrate.WithAllowMissing())
	}
	if r.flags.bool("allow-out-of-order") {
		opts = append(opts, migrate.WithAllowOutOfOrder())
	}
	if h.noun == "seed" {
		opts = append(opts, migrate.WithIgnoreChecksums())
	}
	m, err := migrate.New(db, t.dialect, opts...)
	if err != nil {
		db.Close()
		return nil, r.explain(err)
	}
	return &session{db: db, t: t, m: m, js: r.recorded[jsKey(dir, t.dialect.Name())]}, nil
}

// sources are the options that give a history's migrations: its folder's
// .sql files, its JavaScript files as recorded for the dialect (jshistory.go)
// and, in the project's build, its Go registry.
func (r *run) sources(h history, dialectName string) ([]migrate.Option, error) {
	opts := []migrate.Option{migrate.WithFS(os.DirFS(r.path(h.flag)), ".")}
	js, err := r.jsSource(h, dialectName)
	if err != nil {
		return nil, err
	}
	opts = append(opts, js...)
	if r.opts.Linked != nil {
		if reg := h.linked(r.opts.Linked); len(reg) > 0 {
			opts = append(opts, migrate.WithGo(reg))
		}
	}
	return opts, nil
}

// tableIn is the history's state table in an environment's configuration.
func (h history) tableIn(ec EnvConfig) string {
	if ct := h.cfgTable(ec); ct != "" {
		return ct
	}
	return h.table
}

// exitCode is the exit status of a delegated run.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// observe prints sequelize-cli's progress lines.
func (r *run) observe(e migrate.Event) {
	verb := map[migrate.Direction][2]string{migrate.Up: {"migrating", "migrated"}, migrate.Down: {"reverting", "reverted"}}[e.Direction]
	switch e.Kind {
	case migrate.LockWait:
		holder := e.Holder
		if holder == "" {
			holder = "another run"
		}
		r.printf("Waiting for the migration lock (held by %s)...\n", holder)
	case migrate.MigrationStart:
		r.printf("== %s: %s =======\n", e.Name, verb[0])
	case migrate.Statement:
		if r.flags.bool("debug") {
			r.printf("   %s (%.3fs)\n", oneLine(e.SQL), e.Duration.Seconds())
		}
	case migrate.MigrationDone:
		r.printf("== %s: %s (%.3fs)\n\n", e.Name, verb[1], e.Duration.Seconds())
	case migrate.Lint:
		r.observeLint(e)
	case migrate.Warning:
		// An imported migration's construct its database accepted.
		r.printf("   WARNING: imported: %s\n", oneLine(e.Warning.String()))
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func (r *run) runOpts() []migrate.RunOption {
	var opts []migrate.RunOption
	if n := r.flags.str("to"); n != "" {
		opts = append(opts, migrate.To(stem(n)))
	}
	if n := r.flags.str("from"); n != "" {
		opts = append(opts, migrate.From(stem(n)))
	}
	if n := r.flags.str("name"); n != "" {
		opts = append(opts, migrate.Only(stem(n)))
	}
	return opts
}

// stem drops a file extension, so --name accepts "x.go", "x.sql", "x.js" or "x.ts".
func stem(name string) string {
	for _, ext := range append([]string{".go", ".sql"}, jsExts...) {
		name = strings.TrimSuffix(name, ext)
	}
	return name
}

func runMigrate(ctx context.Context, r *run) error {
	if r.flags.str("name") != "" && (r.flags.str("to") != "" || r.flags.str("from") != "") {
		return fmt.Errorf("--name is mutually exclusive with --to and --from")
	}
	s, err := r.session(ctx, migrations)
	if err != nil {
		return err
	}
	defer s.Close()
	if r.flags.bool("dry-run") {
		return r.dryRun(ctx, s, migrate.Up)
	}
	if err := s.refuseSkeletons(ctx, migrate.Up, r.runOpts()...); err != nil {
		return err
	}
	res, err := s.m.Up(ctx, r.runOpts()...)
	if err != nil {
		return r.explain(err)
	}
	if len(res) == 0 {
		r.printf("No migrations were executed, database schema was already up to date.\n")
	}
	return nil
}

func (r *run) dryRun(ctx context.Context, s *session, dir migrate.Direction, opts ...migrate.RunOption) error {
	plan, err := s.m.Plan(ctx, dir, append(r.runOpts(), opts...)...)
	if err != nil {
		return r.explain(err)
	}
	if len(plan) == 0 {
		r.printf("Nothing to run.\n")
		return nil
	}
	verb := map[migrate.Direction]string{migrate.Up: "would migrate", migrate.Down: "would revert"}[dir]
	for _, p := range plan {
		r.printf("== %s: %s (dry run, nothing executed) =======\n", p.Name, verb)
		if p.NoTx {
			r.printf("-- runs outside a transaction\n")
		}
		for _, st := range p.Statements {
			if g := st.Guard; g != nil {
				if g.Empty != nil {
					r.printf("-- check: the migration stops here, changing nothing, if %q holds any row (it was recorded assuming the table empty: %s, line %d)\n", g.Table, g.Empty.File, g.Empty.Line)
				} else {
					r.printf("-- check: the migration stops here, changing nothing, if a row of %q.%q holds a value that %s\n", g.Table, g.Column, g.Lost)
				}
				if g.Lock != "" && !p.NoTx {
					r.printf("%s;\n", g.Lock)
				}
			}
			r.printf("%s;\n", st.SQL)
			if len(st.Args) > 0 {
				r.printf("-- args: %v\n", st.Args)
			}
		}
		if p.Note != "" {
			r.printf("-- %s\n", p.Note)
		}
		r.printf("\n")
	}
	return nil
}

func runMigrateUndo(ctx context.Context, r *run) error {
	s, err := r.session(ctx, migrations)
	if err != nil {
		return err
	}
	defer s.Close()
	var opts []migrate.RunOption
	if n := r.flags.str("name"); n != "" {
		opts = append(opts, migrate.Only(stem(n)))
	}
	if r.flags.bool("dry-run") {
		return r.dryRun(ctx, s, migrate.Down)
	}
	if err := s.refuseSkeletons(ctx, migrate.Down, opts...); err != nil {
		return err
	}
	res, err := s.m.Undo(ctx, opts...)
	if err != nil {
		return r.explain(err)
	}
	if len(res) == 0 {
		r.printf("No executed migrations found.\n")
	}
	return nil
}

func runMigrateUndoAll(ctx context.Context, r *run) error {
	if err := r.refuseInProduction("revert every migration"); err != nil {
		return err
	}
	s, err := r.session(ctx, migrations)
	if err != nil {
		return err
	}
	defer s.Close()
	var opts []migrate.RunOption
	if n := r.flags.str("to"); n != "" {
		opts = append(opts, migrate.To(stem(n)))
	}
	if r.flags.bool("dry-run") {
		return r.dryRun(ctx, s, migrate.Down, migrate.All())
	}
	if err := s.refuseSkeletons(ctx, migrate.Down, append(opts, migrate.All())...); err != nil {
		return err
	}
	res, err := s.m.UndoAll(ctx, opts...)
	if err != nil {
		return r.explain(err)
	}
	if len(res) == 0 {
		r.printf("No executed migrations found.\n")
	}
	return nil
}

// statusJSON is one migration in db:migrate:status --json.
type statusJSON struct {
	Name      string     `json:"name"`
	State     string     `json:"state"`
	Source    string     `json:"source,omitempty"`
	AppliedAt *time.Time `json:"appliedAt,omitempty"`
	Duration  float64    `json:"durationSeconds,omitempty"`
	RanBy     string     `json:"ranBy,omitempty"`
	Checksum  string     `json:"checksum,omitempty"`
	Done      int        `json:"statementsDone,omitempty"`
	Total     int        `json:"statementsTotal,omitempty"`
	Error     string     `json:"error,omitempty"`
	Skipped   bool       `json:"skipped,omitempty"`
	Unchecked string     `json:"unchecked,omitempty"`
	Problems  []string   `json:"problems,omitempty"`
	Warnings  []string   `json:"warnings,omitempty"`
}

// runMigrateStatus prints the history: a line per migration ("up" or
// "down" and its name, as sequelize-cli does, marked when something is
// wrong with it), then the problems, each with the command that resolves
// it. It is a report, so it exits 0 whenever it could read the history,
// problems or not (--json lists them under "problems"); it fails only when
// it cannot read it.
func runMigrateStatus(ctx context.Context, r *run) error {
	s, err := r.session(ctx, migrations)
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.m.Status(ctx)
	if err != nil {
		return r.explain(err)
	}
	if r.flags.bool("json") {
		out := struct {
			Migrations []statusJSON `json:"migrations"`
			Problems   []string     `json:"problems"`
		}{Migrations: []statusJSON{}, Problems: []string{}}
		for _, m := range st.Migrations {
			j := statusJSON{Name: m.Name, State: string(m.State), Source: m.Source, RanBy: m.RanBy,
				Checksum: m.Checksum, Done: m.Done, Total: m.Total, Error: m.Error, Duration: m.Duration.Seconds(), Skipped: m.Skipped,
				Unchecked: m.ExplainUnchecked(remedyText)}
			if !m.AppliedAt.IsZero() {
				at := m.AppliedAt
				j.AppliedAt = &at
			}
			for _, p := range m.Problems {
				j.Problems = append(j.Problems, p.Explain(remedyText))
			}
			for _, w := range m.Warnings {
				j.Warnings = append(j.Warnings, w.String())
			}
			out.Migrations = append(out.Migrations, j)
		}
		for _, p := range st.Problems {
			out.Problems = append(out.Problems, p.Explain(remedyText))
		}
		enc := json.NewEncoder(r.jsonOut)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	for _, m := range st.Migrations {
		word := map[migrate.State]string{migrate.StateApplied: "up", migrate.StatePending: "down"}[m.State]
		if word == "" {
			word = string(m.State)
		}
		var marks []string
		if m.Skipped {
			// Older than one applied by name (or after --from), on purpose.
			marks = append(marks, "skipped; db:migrate applies it")
		}
		for _, p := range m.Problems {
			marks = append(marks, problemMark[p.Kind])
		}
		if rec := s.js.skeleton(m.Name); rec != nil && m.State == migrate.StatePending {
			marks = append(marks, notPortedMark(rec))
		}
		if m.Unchecked != "" {
			// An edit to it would go unnoticed: say so.
			marks = append(marks, m.ExplainUnchecked(remedyText))
		}
		if len(marks) > 0 {
			r.printf("%s %s (%s)\n", word, m.Name, strings.Join(marks, "; "))
		} else {
			r.printf("%s %s\n", word, m.Name)
		}
		// A pending imported migration's constructs its database accepted,
		// as db:migrate will print them.
		for _, w := range m.Warnings {
			r.printf("   WARNING: imported: %s\n", w)
		}
	}
	if len(st.Problems) > 0 {
		r.printf("\nProblems:\n")
		for _, p := range st.Problems {
			r.printf("  - %s\n", p.Explain(remedyText))
		}
	}
	return nil
}

// problemMark is what a status line says of a migration with a problem.
var problemMark = map[migrate.ProblemKind]string{
	migrate.ProblemChecksum:      "edited after it was applied",
	migrate.ProblemMissing:       "applied, but not in the migrations folder",
	migrate.ProblemOutOfOrder:    "pending, but older than the last applied",
	migrate.ProblemFailed:        "failed part-way: repair it",
	migrate.ProblemInProgress:    "never finished: repair it",
	migrate.ProblemUnknownStatus: "status unknown to strata: repair it",
}
