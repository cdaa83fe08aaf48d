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
//
// TestSequelizeProjects does the same for real sequelize-cli projects'
// JavaScript migration histories (STRATA_SEQUELIZE_PROJECTS lists their
// folders, none committed; see sequelize_test.go): it records each with
// package sequelizejs, prints the files converted fully, partly, as
// skeletons or not at all with the reasons counted, applies the history
// from an empty database as imported migrations, and compares the catalog
// with the one sequelize-cli built from the originals when one is given.
package realworld
