// Package dialecttest is the conformance suite every dialect runs against a
// live database: each ddl operation is rendered and executed, the database
// is introspected, and the result must equal the schema the same operation
// produced offline (both in the dialect's canonical form). Its reverse,
// rendered against the schema read back from the database (as a
// migration's down is), must then give back the schema from before. Rendered SQL is pinned by golden
// files in the calling package's testdata/golden directory; refresh them
// with `go test -update`.
//
// A dialect's own test calls Run:
//
//	func TestConformance(t *testing.T) {
//		dialecttest.Run(t, pgdialect.New(), os.Getenv(dialecttest.EnvPostgres))
//	}
package dialecttest
