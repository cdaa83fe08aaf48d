// Package sqlitedialect is strata's SQLite dialect, the embedded default. It
// uses modernc.org/sqlite, a pure-Go SQLite, so building strata needs no C
// compiler.
//
// # URLs
//
// Open, CreateDatabase and DropDatabase take a URL naming a file:
//
//	sqlite:data/app.db         relative path
//	sqlite://data/app.db       relative path
//	sqlite:///var/lib/app.db   absolute path
//	file:data/app.db           relative path
//	sqlite::memory:            a private in-memory database
//
// Every connection runs with foreign keys on, a busy timeout of five
// seconds, WAL journaling (for files), and write transactions that start
// with BEGIN IMMEDIATE, so that concurrent writers wait for each other
// instead of failing with SQLITE_BUSY; opening a connection that meets
// SQLITE_BUSY (processes turning a new file to WAL mode at the same moment)
// tries again for as long as the busy timeout. Double-quoted strings are off
// (_dqs=0; pass _dqs=1 in the URL for a legacy schema that needs them): a
// quoted name that matches no column is an error, not a string constant.
// time.Time arguments are stored in UTC, cut to the microsecond (the
// precision strata keeps on every database), and DATETIME and DATE columns
// are read back as time.Time in UTC. An in-memory database is private to
// the *sql.DB that Open returned, shared by its connections, and lives
// until that *sql.DB is closed.
//
// # Types
//
// Column types are written so that SQLite keeps them and Inspect reads them
// back exactly: VARCHAR(n), CHAR(n), TEXT, INTEGER, BIGINT, SMALLINT,
// FLOAT, DOUBLE, DECIMAL(p,s), BOOLEAN, DATETIME (schema DATE), DATE
// (schema DATEONLY), TIME, UUID, JSON, JSONB, BLOB. An ENUM is a TEXT
// column with a column CHECK constraint named <table>_<column>_enum that
// lists its values; Inspect reads it back as ENUM. ARRAY is refused.
//
// An explicit DEFAULT NULL in a schema strata did not write is read as the
// expression NULL and written again as DEFAULT NULL; Canonical takes it as
// no default.
//
// An auto-increment primary key is INTEGER PRIMARY KEY AUTOINCREMENT, the
// only form SQLite numbers rows with; a BIGINT or SMALLINT auto-increment
// column is therefore stored, read back and canonicalised as INTEGER
// (SQLite integers are 64-bit whatever the declared type).
//
// # Table options, collations, generated columns
//
// STRICT and WITHOUT ROWID tables (schema.Table Strict, WithoutRowID),
// column collations (COLLATE NOCASE, RTRIM, BINARY or a registered one,
// compared upper case) and generated columns (GENERATED ALWAYS AS (expr)
// STORED or VIRTUAL) are written and read back: the options from
// pragma_table_list, generated columns from pragma_table_xinfo's hidden
// column, collations and expressions from the CREATE TABLE text. A STRICT
// table takes only INT, INTEGER, REAL, TEXT, BLOB and ANY columns (INTEGER,
// TEXT, BLOB, ENUM or schema.Native("sqlite", "REAL") …); another type is
// refused before anything runs. A rebuild keeps all of them and does not
// copy generated columns, which SQLite computes; addColumn of a STORED
// generated column, which ALTER TABLE cannot add, rebuilds the table.
//
// # Schema changes
//
// SQLite's ALTER TABLE only renames tables and columns, adds simple
// columns and drops simple columns. Every other change (changeColumn,
// removeColumn of an indexed, unique, checked or foreign-key column,
// addConstraint, removeConstraint, addColumn of a column ALTER cannot add,
// and dropTable with cascade for the tables that point at the dropped one)
// rebuilds the table as SQLite's documentation prescribes: create
// "<table>__strata_new" with the new definition, copy the kept columns,
// drop the old table, rename the new one, and create the table's indexes
// again. The rebuild runs inside one transaction with foreign keys off (the
// Dialect is a dialect.DDLSession), and PRAGMA foreign_key_check must pass
// before the commit, so rows, indexes and the foreign keys pointing in and
// out of the table all survive, and a change that would break a foreign
// key rolls back. The table's triggers, which DROP TABLE takes with it,
// are made again from the schema the change is rendered against (migrate
// renders against what Inspect read). Views that read the table are left
// as they are: the rename runs with legacy_alter_table on, so SQLite
// neither rejects it ("error in view …: no such table") nor rewrites the
// views, whose SQL still names the table.
//
// A rebuild copies every value as it is, whatever the new type says:
// VARCHAR(50) keeps a longer text, SMALLINT a larger number. So a
// changeColumn to a definition that holds fewer values first counts the
// rows it would lose (dialect.Losses) and is refused with a
// *dialect.DataLossError if there are any, as on the other databases.
//
// # Views and triggers
//
// Inspect reads views and triggers as schema.Objects from sqlite_master,
// in the order they were made (rowid), each with its sql column verbatim
// as its Definition and a trigger's tbl_name as its Table; SQLite's own
// (sqlite_%) objects and triggers on tables Inspect leaves out (skipped,
// virtual) or on views are not read. CreateObject runs the Definition;
// DropObject is DROP VIEW or DROP TRIGGER.
//
// Comments are not stored.
//
// # The migration lock
//
// Lock (dialect.Locker) is an exclusive file lock on "<database
// file>.lock", which holds the holder's host and process id while it is
// held and is removed when the lock is released.
package sqlitedialect
