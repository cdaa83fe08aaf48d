// Package schema describes a relational database schema as plain data:
// tables, columns, types, defaults, primary keys, unique constraints,
// indexes, foreign keys and check constraints.
//
// A *Database is what the ddl package's operations apply to when a
// migration history is replayed offline, and what each dialect's
// introspection reads back from a live database, so the two can be
// compared with cmp.Diff or reflect.DeepEqual after Normalize.
//
// The package uses the standard library only and does no I/O.
package schema
