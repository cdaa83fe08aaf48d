// Package dialect is the contract between strata and a database: quoting,
// placeholders, type mapping, rendering ddl operations to SQL, reading a live
// schema back into a *schema.Database, and classifying database errors.
//
// The concrete dialects live in pgdialect, mysqldialect and sqlitedialect.
// Library packages depend on this package only, never on a concrete dialect
// or driver; an application picks one (or lets the connect package pick by
// URL).
//
// Optional abilities are separate interfaces found by type assertion, as
// database/sql/driver does: Admin creates and drops databases.
package dialect
