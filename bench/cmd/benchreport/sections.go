package main

// The two measurements issue 8 asks for beside the benchmarks. Each
// section says what it measures and what it is compared with; the numbers
// come when strata's migration engine and CLI are on main (see
// bench/README.md, "What is still to come").

// migrationSection is the migration-throughput section: 200 createTable
// migrations applied, then all undone, on PostgreSQL.
func migrationSection() string {
	return `200 migrations, each one createTable, applied (` + "`db:migrate`" + `) and then all undone
(` + "`db:migrate:undo:all`" + `) on PostgreSQL.

| tool | up | undo all |
|---|--:|--:|
| sequelize-cli 6.6.5 (issue 8, measured on this machine kind) | ~5.7 s | ~5.1 s |
| strata | not measured yet | not measured yet |

_Not measured yet: this needs strata's migration engine and CLI, which are not on main._`
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
