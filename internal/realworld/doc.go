// Package realworld measures strata's introspection on schemas it did not
// make. TestOwnFixtures runs everywhere: a schema of our own per database,
// in the style of Sakila, holding every construct Inspect must read and a
// rebuild must make again (native types, identity, generated columns,
// collations, index methods, inheritance, partitions, rules, domains,
// enum types, sequences, functions, views, triggers …); it fails on any
// difference between the catalogs of the original and the rebuilt
// database. TestRealWorld runs on the public sample schemas nobody here
// wrote (Sakila, Chinook), loaded with the vendors' own scripts by the
// databases' own clients, when STRATA_REALWORLD_DIR names a directory
// holding those scripts (none of them is committed; see realworld_test.go
// for the layout), and prints, per schema and dialect, what Inspect read
// and what survives the rebuild.
package realworld
