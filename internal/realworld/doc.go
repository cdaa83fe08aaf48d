// Package realworld measures strata's introspection on public sample
// schemas nobody here wrote (Sakila, Chinook), loaded with the vendors'
// own scripts by the databases' own clients. Its test runs only when
// STRATA_REALWORLD_DIR names a directory holding those scripts (none of
// them is committed; see realworld_test.go for the layout), and prints,
// per schema and dialect, what Inspect read and what survives a rebuild
// of the inspected schema into an empty database, compared in the
// databases' own catalogs.
package realworld
