package main

import (
	"fmt"
	"strings"

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

// startupSection is the CLI start-up section.
func startupSection() string {
	return `Wall time of the strata CLI from exec to exit for a command that touches no database
(` + "`strata --help`" + `), median of repeated runs.

| command | time |
|---|--:|
| strata --help | not measured yet |

_Not measured yet: this needs strata's CLI, which is not on main._`
}
