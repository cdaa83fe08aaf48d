// Package mysqldialect is strata's dialect for MySQL 8 and MariaDB 10.5+,
// on github.com/go-sql-driver/mysql.
//
// URLs look like mysql://user:password@host:3306/shop?tls=true (mariadb://
// is accepted too). Open turns them into a driver configuration with the
// session strata relies on: parseTime and UTC times (loc=UTC, time_zone
// '+00:00'), the utf8mb4 character set, and a strict sql_mode
// (STRICT_ALL_TABLES, NO_ZERO_DATE, NO_ZERO_IN_DATE,
// ERROR_FOR_DIVISION_BY_ZERO, NO_ENGINE_SUBSTITUTION; never ANSI_QUOTES).
// Options that make bound arguments unsafe (multiStatements,
// interpolateParams) are refused.
//
// Types follow Sequelize's MySQL mapping: UUID is CHAR(36), BOOLEAN is
// TINYINT(1), DATE is DATETIME(6), JSONB is JSON, ENUM is inline, ARRAY is
// an error. Tables are InnoDB with the utf8mb4 character set.
//
// Check expressions are written in standard SQL, as on the other dialects:
// a double-quoted name is an identifier and becomes a backtick-quoted one;
// string literals use single quotes.
//
// MySQL needs an index on the columns of every foreign key. When no other
// index starts with those columns, strata creates one explicitly, named
// after the foreign key (the name MySQL would give it), and drops it again
// when another index takes over or the foreign key goes. Inspect and
// Canonical leave such an index out, so the schema read back is the one
// the operations describe (and an operation rendered against it, such as
// a migration's down, manages the index as it does offline).
//
// MySQL has only unique indexes: a unique constraint and a unique index
// read back the same, as a unique constraint. ddl's RemoveIndex and
// RemoveConstraint each remove a unique key made either way, so a down
// works whatever the up called it.
//
// Inspect reads the current database's stored functions and procedures
// (both of kind schema.ObjectFunction, named without arguments: MySQL has
// no overloading), views and triggers into Database.Objects, each as the
// SHOW CREATE statement without its DEFINER clause and with the
// backquoted qualifier of the database's own name (`sakila`.`film`) left
// out, so that it runs in another database for any user; routines come
// first, then views after the views they read, then triggers in firing
// order. With binary logging on and log_bin_trust_function_creators off,
// the server refuses to make a function not declared DETERMINISTIC, NO
// SQL or READS SQL DATA (error 1418); strata does not change that setting.
//
// DDL on MySQL is not transactional: each statement commits by itself.
// Without a strict sql_mode MODIFY COLUMN cuts, clamps or rounds a value
// that does not fit with only a warning (it rounds DECIMAL scale even in
// strict mode), so a changeColumn to a definition that holds fewer values
// first counts the rows it would lose (dialect.Losses), whatever the
// session's mode.
//
// A statement whose context ends stops on the server, as pgx cancels a
// PostgreSQL one: go-sql-driver/mysql only closes its socket, and the
// server would run the statement on (a SLEEP, an UPDATE holding its
// locks). Each connection Open makes reads its CONNECTION_ID() once; when
// a statement's context ends, KILL CONNECTION <id> is sent from a new
// connection outside the pool (it ends the statement however late it
// reached the server, rolls back the session's transaction and frees its
// locks), the statement's call returns once it is sent, and the
// connection is closed, never reused.
package mysqldialect
