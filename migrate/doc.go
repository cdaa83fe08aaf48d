// Package migrate is strata's migration engine: it applies and undoes a
// project's migrations on PostgreSQL, MySQL/MariaDB and SQLite, records
// them in a state table compatible with sequelize-cli's SequelizeMeta, and
// keeps two deploys, a crash or an edited file from corrupting the
// history.
//
// # Migrations
//
// A history mixes Go migrations and .sql files, ordered by name. Names are
// YYYYMMDDHHMMSS-name, as sequelize-cli writes them (an imported
// migration keeps its file's name: see Imported histories).
//
// A Go migration is a Migration in a Registry that the project's
// migrations package fills from init functions, one file per migration.
// Its operations come from package ddl and are rendered for the database
// at run time; Change derives the down from the up when every operation is
// reversible on its own; UpFunc and DownFunc take Go code:
//
//	// migrations/20261126184503-create-user.go
//	func init() {
//		All.Add(migrate.Migration{
//			Up: []ddl.Op{ddl.CreateTable("users",
//				ddl.Column("id", schema.Integer()).PrimaryKey().AutoIncrement(),
//				ddl.Column("email", schema.String(255)).NotNull().Unique(),
//			)},
//			Down: []ddl.Op{ddl.DropTable("users")},
//		})
//	}
//
// A .sql migration has an up section and, to be reversible, a down
// section. Statements are split at semicolons outside strings, quoted
// identifiers, dollar quotes and comments (on MySQL and MariaDB a
// /*! … */ comment is SQL, so mysqldump's /*!40101 SET NAMES utf8mb4 */;
// is a statement); a body that contains semicolons (a function, a
// trigger) goes between statement-begin and statement-end lines. The no-transaction marker runs the file outside a
// transaction. goose's -- +goose Up / Down / StatementBegin / StatementEnd
// / NO TRANSACTION lines are read too.
//
//	-- strata:up
//	CREATE TABLE tags (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL);
//	-- strata:statement-begin
//	CREATE TRIGGER tags_lower AFTER INSERT ON tags BEGIN
//	  UPDATE tags SET name = lower(name) WHERE id = NEW.id;
//	END;
//	-- strata:statement-end
//
//	-- strata:down
//	DROP TABLE tags;
//
// # Running
//
// New loads and checks every migration; Up, Undo, UndoAll, Status, Plan
// (a dry run that shows the SQL) and Repair work on the database:
//
//	m, err := migrate.New(db, sqlitedialect.New(),
//		migrate.WithGo(migrations.All),
//		migrate.WithFS(migrationFiles, "migrations"))
//	if err != nil {
//		return err
//	}
//	applied, err := m.Up(ctx)
//
// An application can run that at start-up, from its own binary, as the
// Example shows; Events passed to WithObserver report progress (the CLI
// prints sequelize-cli's "== name: migrating =======" lines from them).
//
// # Lint
//
// Before it applies a pending migration, Up checks its operations (and
// the statements of a .sql file that package lint recognises) with
// package lint, against the schema before it and the data in the
// database, and reports each finding as a Lint event: dropped tables and
// columns, narrowed types, NOT NULL without a default on rows, unique
// keys over duplicates, renames, PostgreSQL indexes without CONCURRENTLY
// on large tables, MySQL ALTERs that copy the table. It never stops the
// run; Migrator.Lint reports the same for every pending migration, for a
// check in CI. A migration silences a rule with its reason
// (Migration.Lint, or a line -- strata:lint-allow L002 reason in a .sql
// file); WithoutLint turns the check off.
//
// # Guarantees
//
// A run holds a lock for its whole length (a PostgreSQL advisory lock,
// MySQL GET_LOCK, an exclusive lock on a file beside a SQLite database),
// waiting up to WithLockTimeout and naming the holder when it gives up. It
// reads the state only once it holds the lock, so a second deploy that
// waited applies nothing. The lock and all the work share one connection:
// a pool limited to one connection works.
//
// On PostgreSQL and SQLite each migration and its state row commit in one
// transaction: a failure, a panic in Go code, a cancelled context or a
// killed process leaves the schema and the state as before the migration.
// MySQL commits DDL statement by statement, so there (and for NoTx
// migrations) the state row is written before the first statement, as
// in_progress, and updated after each one; a failure half-way is recorded
// with how far it got, and later runs refuse until Repair records how the
// database was fixed. Nothing is ever re-run or skipped silently.
// A .sql migration or seeder whose statements only change rows (INSERT,
// UPDATE, DELETE, REPLACE) runs in a transaction on MySQL too, unless
// marked no-transaction: a seeder failing at its third table leaves no
// row of the first two.
//
// A changeColumn that would lose data (a value longer than the new
// VARCHAR, a number out of the new range, decimals the new scale would
// round, a NULL into NOT NULL; see dialect.Losses) fails with a
// *dialect.DataLossError before anything changes, on every database. On
// MySQL the checks of a migration run before its first statement where
// nothing before them changes the column, so such a migration is refused
// whole, with no state recorded; clean the data in an earlier migration,
// or in the same one before the changeColumn.
//
// Before anything executes, a run refuses a history with problems: an
// applied migration whose checksum changed (a SQL file is hashed after
// removing a byte-order mark and normalising line endings; a Go
// migration's operations are hashed; for UpFunc and DownFunc, their own
// source text without comments, read from the file the build recorded, or
// Migration.Version when set; where neither is there, MigrationStatus.
// Unchecked says it is not checked), a row whose status strata never
// writes (StateUnknown, until Repair), a migration recorded as applied but
// missing here (unless WithAllowMissing), a pending migration older than
// one applied without it (unless WithAllowOutOfOrder; older as names of one
// shape compare, see Imported histories), a failed one. A
// migration left pending on purpose is not out of order: one older than a
// migration applied by name (Only, sequelize-cli's db:migrate --name) or
// after From while it was pending, or undone by name; the applied rows
// record such names, and a later Up applies them.
// Undo reverts the migration applied last, in order of application.
//
// Each Problem, and each error that says how to get out of it
// (*MigrationError, *LockError, *HistoryError), names its ways out in the
// Go API's words and lists them as Remedy values (Problem.Remedies, the
// errors' Remedies methods); Explain renders the same message with a
// program's own words for each remedy, as the strata command does with
// its flags.
//
// # sequelize-cli
//
// The state table is SequelizeMeta by default, with sequelize-cli's name
// column. A database migrated by sequelize-cli is adopted as it is:
// strata adds its own columns (checksum, applied_at, duration_ms, seq,
// status, direction, stmts_done, stmts_total, error, ran_by, skipped), all
// nullable, which sequelize-cli ignores; on MySQL/MariaDB its name column
// is made utf8mb4_bin, so names differing only in case are distinct; a row
// named 20261126184503-create-user.js (.cjs, .mjs, .ts, .cts) stands for
// strata's migration 20261126184503-create-user (its checksum is unknown,
// so not checked).
//
// # Imported histories
//
// A migration converted from a sequelize-cli history (strata
// migration:import) or recorded from its JavaScript file is marked
// Migration.Imported. Its name is the file's, whatever sequelize-cli ran
// (20190118-x, v2.15.0-add-thing, 20200101120000-add.users.email,
// 1_initial: see CheckImportedName; the file 20220328194326-x.js.js is
// the migration 20220328194326-x.js, recorded as 20220328194326-x.js.js as
// sequelize-cli records it), and it sorts by name among the
// others, as sequelize-cli sorts its files; Registry.Add takes it from a
// file named v2.15.0-add-thing.go. Its operations pass the checks the
// history's database passed, each reported as a Warning event (the
// strata command prints "WARNING: imported: …") and in Result.Warnings,
// Planned.Warnings, Replayed.Warnings and, while it is pending,
// MigrationStatus.Warnings (ddl.WarningKind says which):
//
//   - a foreign key to a table not created yet (SQLite makes it;
//     PostgreSQL and MySQL refuse it when it runs), and a dropTable of a
//     table other keys still reference;
//   - removeIndex of an index that is not there: PostgreSQL and SQLite run
//     Sequelize's DROP INDEX IF EXISTS, MySQL (whose DROP INDEX has no IF
//     EXISTS) runs nothing;
//   - addIndex of an index the table has already, the same one (a
//     history adding again what Sequelize's SQLite table rebuild lost;
//     strata's rebuild keeps it): nothing runs;
//   - SET NULL on a NOT NULL column (PostgreSQL and SQLite; MySQL and
//     MariaDB refuse such a key, so strata refuses it there still);
//   - an auto-increment column that is not the only primary key (a
//     PostgreSQL SERIAL; MySQL wants it to be a key of its own).
//
// Order. Imported migrations sort by name among the others, but a
// pending migration is out of order (WithAllowOutOfOrder) only when it
// sorts before an applied one whose name has the same shape: the part
// before the first - or _, with any digit standing for any digit. strata's
// names, and sequelize-cli's own YYYYMMDDHHMMSS-x, are all 14 digits, so a
// strata migration that sorts before an applied strata one is refused as
// ever; v2.15.0-x is compared with v2.16.0-y but not with v2.9.0-y or with
// 20261204120000-x, 1_initial with 2_x, 20190118-x with 20190119-y. After
// a takeover of a history named v2.15.0-x, the next strata migration
// 20261204120000-add-x sorts before it and applies without
// WithAllowOutOfOrder, as sequelize-cli would run it. The same rule says
// which pending migrations a run leaves skipped.
//
// The rest of strata stays strict: strata's own migrations are refused for
// all of these as before. The lock, the transaction per migration, the
// checksum and the failure records apply to imported migrations as to any.
//
// sequelize-cli never checks that a down undoes its up, and imported
// histories hold many that do not: ReplayDowns replays each migration up
// then down without a database, and drift.CheckDowns reports each down
// that does not give back the schema before its up ("down leaves column
// users.age").
package migrate
