// Package archtest holds the test that keeps strata's imports pointing one
// way: schema ← ddl ← dialect ← query ← model ← strata, with migrate on
// ddl, schema, dialect and internal/sqllex (the SQL lexer, standard
// library only) only, and no library package importing a concrete
// dialect or a database driver.
package archtest
