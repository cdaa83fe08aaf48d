// Package schemadiff compares two schemas and returns the ddl operations
// that take the first to the second, and those that undo them: the engine
// of `migration:generate --auto`, `db:check` and `migration:baseline`.
//
// Diff(from, to, opts) takes `from`, e.g. the schema a migration history
// replays to offline or a live database as a dialect's Inspect reads it,
// and `to`, e.g. the schema the registered models want. Each difference is
// a Change of a Kind, with the operations that resolve it; Result.Up holds
// every change's operations in an order that applies, Result.Down their
// undo.
//
// # What is compared
//
// Tables by name; columns by name, on what models declare of them: type
// (schema.Type's own equality: no dialect normalisation, pass the
// dialect's Canonical form of both sides when one is a live database),
// NOT NULL, default and auto increment. An explicit NULL default equals
// no default. A changed column becomes a ddl.ChangeColumn carrying the
// whole column as `to` has it, keeping from `from` the comment,
// collation, identity, ON UPDATE and generation `to` says nothing of.
// Column order is not compared: an added column goes at the end.
//
// Primary keys by their columns in order. Unique keys by their columns in
// any order: a unique key of `to` is satisfied by a unique constraint, a
// unique index or the primary key of `from`; a unique constraint of
// `from` that `to` has no key for is dropped. Foreign keys by their
// columns and the table and columns they point at; a key whose ON
// DELETE, ON UPDATE or deferral differs is dropped and added again under
// its name. Indexes (Options.Indexes) by definition, and checks
// (Options.Checks) by name and expression, only when asked: models
// declare neither, and with Indexes false an index of `from` is never
// dropped (but a dropped column takes its indexes with it, as every
// database does). Objects (views, functions, enum types …) and table
// options (comment, STRICT, WITHOUT ROWID, inheritance, partitioning) are
// not compared; a created table carries them as `to` has them.
//
// A changed primary key is dropped and added again. While a foreign key
// points at the old key and nothing else keeps those columns unique, ddl
// refuses to drop it: Diff then returns an *OpError naming that key.
//
// # Names
//
// A constraint `to` leaves unnamed gets the name ddl derives for it:
// <table>_<columns>_fkey for a foreign key (schema.ForeignKeyName),
// <table>_<columns>_key for a unique constraint (schema.UniqueName),
// <table>_<columns> for an index (schema.IndexName). Keys are matched by
// what they are, not by name, so a schema made by a Result's Up compares
// Empty with `to` whatever names either side used.
//
// # Enums
//
// An ENUM column whose values change is a ChangeEnum: a ddl.ChangeColumn
// with the new values, which every dialect runs (PostgreSQL makes the
// column's own enum type anew and converts through text, MySQL modifies
// the ENUM, SQLite rebuilds its check). It is Destructive only when a
// value goes. ddl.AddEnumValue is for a PostgreSQL enum type that is an
// object of its own (shared by columns); objects are not compared, so
// Diff never emits it.
//
// # Order
//
// Up runs: confirmed renames; dropped foreign keys, checks, indexes,
// unique keys and primary keys; dropped columns; dropped tables (each
// before the tables it points at; a key in a cycle among them removed
// first); added columns; changed columns; added primary keys and unique
// keys; created tables (each after the tables it points at; a key in a
// cycle added at the end); added indexes, checks and foreign keys. Diff
// replays Up on a clone of `from` and takes each operation's Reverse on
// the schema before it, in reverse order, as Down; an operation that does
// not apply or has no reverse is an *OpError.
//
// # Renames
//
// A dropped and an added column of one type in one table (or the one
// dropped and the one added column a table has left, when their types
// are of one family, text, numbers or dates: a field renamed and resized
// at once), or a dropped
// and an added table with the same columns, are listed in
// Result.Suggested and left as a drop and an add. Passed back in
// Options.Renames, they become ddl.RenameColumn and ddl.RenameTable.
package schemadiff
