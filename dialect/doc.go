// Package dialect is the contract between strata and a database: quoting,
// placeholders, type mapping, rendering ddl operations to SQL, reading a live
// schema back into a *schema.Database, and classifying database errors.
//
// The concrete dialects live in pgdialect, mysqldialect and sqlitedialect.
// Library packages depend on this package only, never on a concrete dialect
// or driver; an application picks one (or lets the connect package pick by
// URL).
//
// Losses says, the same for every database, which values a new column
// definition cannot hold; each dialect renders ChangeColumn with a guard
// (a Stmt marked Guard, see GuardChange) that counts the rows holding such
// values, and ExecAll stops with a *DataLossError when there are any.
//
// Optional abilities are separate interfaces found by type assertion, as
// database/sql/driver does: Admin creates and drops databases.
package dialect
