// Package dialecttest is the conformance suite every dialect runs against a
// live database. Run is its schema half: each ddl operation is rendered and
// executed, the database is introspected, and the result must equal the
// schema the same operation produced offline (both in the dialect's
// canonical form). Its reverse, rendered against the schema read back from
// the database (as a migration's down is), must then give back the schema
// from before. Rendered SQL is pinned by golden files in the calling
// package's testdata/golden directory; refresh them with `go test -update`
// (package internal/golden's flag).
//
// RunORM is the ORM half: package strata's core paths on the dialect (a
// round trip of each kind of value; create, find, update and destroy; an
// Include of each association kind; an upsert; a transaction rolled back;
// the typed unique, foreign key and not null errors), each case on a fresh
// database whose tables Sync creates.
//
// A dialect's own tests call both:
//
//	func TestConformance(t *testing.T) {
//		dialecttest.Run(t, pgdialect.New(), os.Getenv(dialecttest.EnvPostgres))
//	}
//
//	func TestORM(t *testing.T) {
//		dialecttest.RunORM(t, pgdialect.New(), os.Getenv(dialecttest.EnvPostgres))
//	}
package dialecttest
