// Package lint finds the operations of a migration that are dangerous to
// run against a production database: those that lose data (a dropped
// table or column, a narrowed type), that fail or lock on the data the
// table holds (NOT NULL without a default, a unique key over duplicates,
// an index built without CONCURRENTLY on a large PostgreSQL table, a
// MySQL ALTER that copies the table), and those a running version of the
// application would trip over (a rename).
//
// Check reads the operations against the schema before them and, where a
// rule depends on the data, asks a Probe (DBProbe asks the live database).
// Each Finding names its rule (L001 … L008), a severity, the table and
// column, and a fix. A migration silences a rule it means with an Allow,
// which carries the reason.
//
// Without a probe (nil), the rules that need data decide as follows:
// L004 (NOT NULL without a default) assumes the table has rows, as a
// production table does, and reports a warning saying it could not tell;
// L005 (duplicates) and L007 (large table) are not reported, since most
// unique keys and indexes are safe and a guess would bury the real
// findings. L008 without a server version assumes the oldest server of
// the dialect (no instant ADD COLUMN), which reports more, never less.
package lint
