// Package pgdialect is strata's PostgreSQL dialect, on pgx v5 through
// database/sql (driver name "pgx").
//
// It renders every ddl operation as the SQL a PostgreSQL DBA would write,
// reads a live schema back from the system catalogs (Inspect), maps it to the
// form PostgreSQL stores (Canonical), and classifies server errors by
// SQLSTATE (Classify). It also creates and drops whole databases (Admin).
//
// Conventions (the first three are Sequelize's):
//
//   - An auto-increment column is SERIAL, BIGSERIAL or SMALLSERIAL.
//   - An ENUM column gets its own type, named enum_<table>_<column>. The type
//     is created with the column, renamed with its table or column, and
//     dropped with either.
//   - Sequelize's DATE is TIMESTAMP(6) WITH TIME ZONE; Open sets the session
//     time zone to UTC, so instants read back in UTC.
//   - A primary key is left for PostgreSQL to name (<table>_pkey); removing
//     the constraint "<table>_pkey" finds the key's real name in the catalog,
//     so it also works after the table was renamed. A key given a name of
//     its own (WithPrimaryKeyName, AddPrimaryKey(…).Named) is made with it
//     and Inspect reads it back; names PostgreSQL made up (<table>_pkey,
//     <table>_pkey1 …) are not kept, since they stay when a table is
//     renamed.
//   - ChangeColumn converts the data with USING column::newtype (to
//     VARCHAR(n) or CHAR(n), USING column::text, so that PostgreSQL refuses
//     a value too long instead of cutting it); changing an enum's values
//     builds the new type beside the old one and converts through text.
//     Widening a SERIAL column widens its sequence too. A change to a
//     definition that holds fewer values first counts the rows it would
//     lose (dialect.Losses), in the migration's transaction.
//   - A bulk insert that gives values for a SERIAL column moves the
//     sequence past the largest one, so later inserts do not collide.
//   - Check constraints and partial-index predicates come back from the
//     server rewritten (parenthesised, with casts); Canonical compares them
//     after NormalizeExpr.
//   - Indexes are read and written with their access method (USING gin,
//     gist, hash, brin, spgist …; Method is empty for a B-tree), INCLUDE
//     columns and NULLS NOT DISTINCT (PostgreSQL 15; earlier servers read
//     it as false); foreign keys with DEFERRABLE [INITIALLY DEFERRED]. An
//     index key that is an expression, or a column with a non-default
//     operator class (jsonb_path_ops), DESC/NULLS FIRST or a collation of
//     its own, is read as pg_get_indexdef prints it ("lower(email)",
//     "title text_pattern_ops DESC NULLS LAST") and written back as it is;
//     Canonical compares such keys after NormalizeExpr. What Index and
//     Unique cannot hold is read as a Database.Warnings entry rather than
//     lost: a unique constraint's NULLS NOT DISTINCT, a deferrable primary
//     key or unique constraint.
//
// It needs PostgreSQL 13 or later (gen_random_uuid, DROP DATABASE … WITH
// (FORCE)).
package pgdialect
