package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/strata-orm/strata/bench/target"
)

// The two measurements issue 8 asks for beside the benchmarks: migration
// throughput (from BenchmarkMigrate200) and the CLI's start-up time (to
// come with the CLI; see bench/README.md, "What is still to come").

// migrationSection is the migration-throughput section: 200 createTable
// migrations applied, then all undone (BenchmarkMigrate200).
func migrationSection(res *results) string {
	var b strings.Builder
	b.WriteString(`200 migrations, each creating one table (id, name, timestamps), applied and then all undone:
sequelize-cli's ` + "`db:migrate`" + ` and ` + "`db:migrate:undo:all`" + ` as whole commands, strata's migration engine
(` + "`migrate.New`" + ` loading and checking the 200 migrations, then ` + "`Up`" + `; then ` + "`UndoAll`" + `) inside
the benchmark process, on a database opened as strata opens it. strata's CLI start-up comes on top
(see below).

| database | tool | up | ± | undo all | ± |
|---|---|--:|--:|--:|--:|
| PostgreSQL | sequelize-cli 6.6.5 (issue 8, measured on this machine kind) | ~5.7 s | | ~5.1 s | |
`)
	measured := false
	for _, k := range target.Kinds() {
		m, ok := res.Migrations[string(k)]
		if !ok {
			continue
		}
		measured = true
		fmt.Fprintf(&b, "| %s | strata | %s | %s | %s | %s |\n", k.Title(), fmtTime(m.Up.Center), fmtCI(m.Up), fmtTime(m.Undo.Center), fmtCI(m.Undo))
	}
	if !measured {
		b.WriteString("| PostgreSQL | strata | not measured | | not measured | |\n\n_This run has no BenchmarkMigrate200 results._")
	}
	return b.String()
}

// startup is the CLI's start-up time, measured by running the built
// command many times.
type startup struct {
	help, status, migrate time.Duration // medians
	runs                  int
	err                   error
}

// measureStartup builds the strata command from the repository and times
// it: "strata --help" (no database), and "strata db:migrate:status" and
// "strata db:migrate" (nothing pending) in a SQLite project with Go
// migrations, which run in the project's cached build of strata.
func measureStartup(ctx context.Context) startup {
	const runs = 21
	st := startup{runs: runs}
	dir, err := os.MkdirTemp("", "strata-startup-")
	if err != nil {
		st.err = err
		return st
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "strata")
	root, err := repoRoot()
	if err != nil {
		st.err = err
		return st
	}
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/strata")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		st.err = fmt.Errorf("build strata: %v\n%s", err, out)
		return st
	}
	proj := filepath.Join(dir, "project")
	if err := os.Mkdir(proj, 0o755); err != nil {
		st.err = err
		return st
	}
	strata := func(args ...string) error {
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Dir = proj
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("strata %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return nil
	}
	for _, args := range [][]string{
		{"init"},
		{"model:generate", "--name", "user", "--attributes", "firstName:string,email:string!:unique"},
		{"db:migrate"}, // builds the project's migrations once
	} {
		if err := strata(args...); err != nil {
			st.err = err
			return st
		}
	}
	median := func(args ...string) (time.Duration, error) {
		var ds []time.Duration
		for range runs {
			start := time.Now()
			if err := strata(args...); err != nil {
				return 0, err
			}
			ds = append(ds, time.Since(start))
		}
		slices.Sort(ds)
		return ds[len(ds)/2], nil
	}
	if st.help, err = median("--help"); err != nil {
		st.err = err
		return st
	}
	if st.status, err = median("db:migrate:status"); err != nil {
		st.err = err
		return st
	}
	st.migrate, st.err = median("db:migrate")
	return st
}

// repoRoot is the directory of strata's own go.mod, above the working
// directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for ; ; dir = filepath.Dir(dir) {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.HasPrefix(string(b), "module github.com/strata-orm/strata\n") {
			return dir, nil
		}
		if filepath.Dir(dir) == dir {
			return "", fmt.Errorf("strata's repository is not above %s", dir)
		}
	}
}

// startupSection is the CLI start-up section.
func startupSection(st startup) string {
	head := `Wall time of the strata CLI from exec to exit, median of ` + strconv.Itoa(st.runs) + ` runs. ` +
		"`--help`" + ` touches no database; the other two run in a SQLite project with Go migrations
(already applied), so they include starting the project's cached build of strata (a second process)
and opening the database.

| command | time |
|---|--:|
`
	if st.err != nil {
		return head + "| strata --help | not measured |\n\n_Not measured: " + st.err.Error() + "_"
	}
	return head + fmt.Sprintf("| strata --help | %s |\n| strata db:migrate:status | %s |\n| strata db:migrate (nothing pending) | %s |\n",
		fmtTime(st.help.Seconds()), fmtTime(st.status.Seconds()), fmtTime(st.migrate.Seconds())) +
		"\nFor scale: sequelize-cli starts Node.js and loads its modules on every command, several hundred milliseconds."
}
