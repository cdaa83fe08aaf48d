package dialect

import (
	"context"
	"database/sql"
)

// QueryFeatures says how a database writes the SQL of runtime queries where
// databases differ: how hand-written SQL is lexed (to rewrite ? placeholders
// without touching strings, identifiers and comments), RETURNING, upsert,
// row locks, ILIKE and LIMIT/OFFSET.
type QueryFeatures struct {
	// Lexing of hand-written SQL.

	// BackslashEscapes: a backslash escapes the next character inside '…'
	// (and "…" where DoubleQuoteStrings) literals, as MySQL does by default.
	BackslashEscapes bool
	// EscapeStrings: E'…' literals take backslash escapes (PostgreSQL).
	EscapeStrings bool
	// DollarQuotes: $$…$$ and $tag$…$tag$ are string literals (PostgreSQL).
	DollarQuotes bool
	// NestedComments: /* /* */ */ nests (PostgreSQL).
	NestedComments bool
	// HashComments: # starts a comment to the end of the line (MySQL).
	HashComments bool
	// DashCommentNeedsSpace: -- starts a comment only when the end of the
	// text, a space or a control character (0x01–0x20 or DEL, 0x7f)
	// follows (MySQL, MariaDB).
	DashCommentNeedsSpace bool
	// ExecutableComments: the text of /*! … */ is SQL, not a comment, so
	// a ? inside is a parameter (MySQL, MariaDB). A version after the !
	// (5 or 6 digits: /*!50000 … */) makes the text SQL only on a server
	// of that version or later (ServerVersion), a comment elsewhere.
	ExecutableComments bool
	// MariaDBComments: MariaDB's executable comments: /*M! … */ is one
	// too, a /*! version from 50700 to 99999 (MySQL 5.7 and later) makes a
	// comment, and a comment so skipped may hold one /* … */ inside.
	MariaDBComments bool
	// ServerVersion is the server's version as major*10000 + minor*100 +
	// patch (MariaDB 10.11.6: 101106), for versioned executable comments.
	ServerVersion int
	// BracketIdents: [ … ] quotes an identifier (SQLite).
	BracketIdents bool
	// UnterminatedComments: a /* comment may run to the end of the text
	// (SQLite).
	UnterminatedComments bool
	// NamedParams: ?NNN, :name, @name, $name and #name are parameters to
	// the database (SQLite). strata binds ? in order, so hand-written SQL
	// holding one is refused.
	NamedParams bool
	// DollarParams: $1, $2 … are parameters to the database
	// (PostgreSQL); hand-written SQL holding one is refused (write ?).
	DollarParams bool
	// QuestionOperator: a ? outside a literal may be an operator
	// (PostgreSQL's jsonb ?, ?| and ?&), written ?? in hand-written SQL.
	// Elsewhere a ? outside a literal is always a parameter to the
	// database, and ?? is refused.
	QuestionOperator bool
	// DoubleQuoteStrings: "…" is a string literal, not an identifier (MySQL
	// without ANSI_QUOTES).
	DoubleQuoteStrings bool
	// BacktickIdents: `…` quotes an identifier (MySQL, SQLite).
	BacktickIdents bool

	// Statements.

	// InsertReturning: INSERT … RETURNING cols (PostgreSQL, SQLite ≥ 3.35,
	// MariaDB ≥ 10.5).
	InsertReturning bool
	// UpdateReturning: UPDATE … RETURNING cols (PostgreSQL, SQLite).
	UpdateReturning bool
	// DeleteReturning: DELETE … RETURNING cols (PostgreSQL, SQLite ≥ 3.35,
	// MariaDB ≥ 10.0.5; not MySQL).
	DeleteReturning bool
	// Upsert is the syntax of an insert that updates on conflict.
	Upsert UpsertSyntax
	// ForUpdate and ForShare are the row-lock clauses; empty when the
	// database has no row locks (SQLite, whose write transactions lock the
	// whole database), where they are left out.
	ForUpdate string
	ForShare  string
	// LockNoWait and LockSkipLocked: a row lock may be followed by NOWAIT
	// (fail at once on a row another transaction holds) or SKIP LOCKED
	// (leave such rows out): PostgreSQL, MySQL 8, MariaDB (NOWAIT from
	// 10.3, SKIP LOCKED from 10.6).
	LockNoWait, LockSkipLocked bool
	// LockOf: a row lock may name the tables whose rows it locks (FOR
	// UPDATE OF t): PostgreSQL and MySQL 8, not MariaDB.
	LockOf bool
	// ForShareOptions is the shared-lock clause to write when the lock has
	// options, where ForShare cannot take them (MySQL 8's LOCK IN SHARE
	// MODE takes no NOWAIT, SKIP LOCKED or OF; FOR SHARE does); empty when
	// ForShare takes them.
	ForShareOptions string
	// ILike: the ILIKE operator exists (PostgreSQL). Elsewhere a
	// case-insensitive match is LOWER(col) LIKE LOWER(pattern).
	ILike bool
	// AnyArray: col = ANY(?) matches col against the elements of one
	// array parameter, bound as a Go slice ([]int64) (PostgreSQL). One
	// statement text then serves any number of keys (so a statement cache
	// keeps one entry), where IN (?, ?, …) has a text per count.
	AnyArray bool
	// WideIntCast is written after the placeholder of an integer beyond 32
	// bits compared with a column, where the database types a placeholder
	// from that column and the driver would refuse to send a value beyond
	// an INTEGER's range: "::int8" on PostgreSQL; empty elsewhere.
	WideIntCast string
	// NoLimit is the LIMIT to write before an OFFSET that has no limit:
	// "-1" on SQLite, "18446744073709551615" on MySQL; empty when OFFSET
	// may stand alone (PostgreSQL).
	NoLimit string
	// DefaultValues is the tail of an INSERT that sets no column:
	// "DEFAULT VALUES" (PostgreSQL, SQLite) or "() VALUES ()" (MySQL).
	DefaultValues string
	// ConsecutiveIDs: without RETURNING, a multi-row INSERT gets ids
	// LastInsertId, LastInsertId+IDStep, …, LastInsertId being the first
	// row's (MySQL with innodb_autoinc_lock_mode 0 or 1). When false and there is no
	// RETURNING, rows are inserted one at a time to learn their ids.
	ConsecutiveIDs bool
	// IDStep is auto_increment_increment (1 when zero).
	IDStep int64

	// PrepareEach: the driver prepares a statement with arguments anew each
	// time it runs (go-sql-driver/mysql: prepare, execute and close, a
	// round trip more; modernc.org/sqlite: a parse), so the root package
	// keeps the statements it builds prepared (strata.WithStatementCache).
	PrepareEach bool
	// PrepareReads: a statement that returns rows runs prepared even when
	// it has no arguments, because the driver reads a prepared
	// statement's rows in the server's binary form and others in text
	// whose form loses precision (go-sql-driver/mysql: MySQL and MariaDB
	// print a FLOAT in text with 6 significant digits, so 16777215 reads
	// back as 16777200; the binary form is the stored float32).
	PrepareReads bool

	// Values a type holds less of here than its definition says (see
	// "Values that do not fit their column" in package model); 0: as
	// defined.

	// DecimalDigits is how many significant digits a DECIMAL keeps
	// exactly (SQLite: 15, as it keeps a DECIMAL written as text with a
	// fraction as a double).
	DecimalDigits int
	// TextBytes and BlobBytes are the most bytes a TEXT and a BLOB hold
	// (MySQL: 65,535 each).
	TextBytes, BlobBytes int
	// NullsByIsNull says the database has no NULLS FIRST/LAST: an order
	// term that asks for one is written "col IS NULL DESC, col" (FIRST) or
	// "col IS NULL ASC, col" (LAST), which orders rows as the others do
	// (MySQL/MariaDB).
	NullsByIsNull bool
	// WriterIsolation, when not the default (0), is the isolation level
	// the transactions of strata's association writers run at: READ
	// COMMITTED on MySQL/MariaDB, whose REPEATABLE READ gap locks deadlock
	// the writers of neighbouring rows in a way no lock order prevents.
	WriterIsolation sql.IsolationLevel
	// ZeroTime, when set, is the text the zero time.Time (0001-01-01
	// 00:00:00 UTC) is bound as, where the driver would send something
	// the server refuses: go-sql-driver/mysql sends 0000-00-00, which
	// MySQL's strict mode refuses, so "0001-01-01 00:00:00" there.
	ZeroTime string
	// IntOverflow, when set, says every integer column holds any 64-bit
	// integer (SQLite, whose INTEGER and SMALLINT are as wide as BIGINT),
	// and is an expression that fails with an error Classify reads as
	// ErrOutOfRange: col = col + n then checks the column's range in SQL
	// and evaluates it past the range, as the other databases refuse the
	// sum. SQLite: abs(-9223372036854775807 - 1), "integer overflow".
	IntOverflow string
}

// UpsertSyntax is the form of INSERT that updates the row it collides with.
type UpsertSyntax int

// Upsert syntaxes.
const (
	// UpsertOnConflict is INSERT … ON CONFLICT (cols) DO UPDATE SET c =
	// EXCLUDED.c (PostgreSQL, SQLite).
	UpsertOnConflict UpsertSyntax = iota
	// UpsertOnDuplicateKey is INSERT … ON DUPLICATE KEY UPDATE c = VALUES(c)
	// (MySQL, MariaDB).
	UpsertOnDuplicateKey
)

// QueryDialect is implemented by dialects to describe their runtime SQL.
// QueryFeatures may ask the server (for its version or settings) through
// q; the result holds for every connection of that database.
type QueryDialect interface {
	QueryFeatures(ctx context.Context, q Querier) (QueryFeatures, error)
}

// LexDialect is implemented by dialects that say how their SQL text is
// lexed without asking the server, for text read before connecting (the
// .sql files of migrate): LexFeatures returns the lexing fields of
// QueryFeatures (BackslashEscapes … BacktickIdents) as every server of
// the dialect has them by default, the other fields zero; ServerVersion
// and MariaDBComments, which only the server tells, are unset. A dialect
// without LexDialect lexes as standard SQL.
type LexDialect interface {
	LexFeatures() QueryFeatures
}

// StandardQueryFeatures is what a dialect without QueryDialect is assumed
// to support: standard SQL with no RETURNING, ON CONFLICT upsert, FOR
// UPDATE / FOR SHARE, and no ILIKE.
func StandardQueryFeatures() QueryFeatures {
	return QueryFeatures{
		Upsert:        UpsertOnConflict,
		ForUpdate:     "FOR UPDATE",
		ForShare:      "FOR SHARE",
		DefaultValues: "DEFAULT VALUES",
		IDStep:        1,
	}
}
