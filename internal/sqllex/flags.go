package sqllex

import "math"

// Flags are the lexical rules of one database's SQL text. The zero value
// is standard SQL: '…' strings with ” for a quote, "…" identifiers,
// -- and /* … */ comments that do not nest.
type Flags struct {
	// BackslashEscapes: a backslash escapes the next character inside '…'
	// (and "…" where DoubleQuoteStrings) literals (MySQL).
	BackslashEscapes bool
	// EscapeStrings: E'…' literals take backslash escapes (PostgreSQL).
	EscapeStrings bool
	// DollarQuotes: $$…$$ and $tag$…$tag$ are string literals (PostgreSQL).
	DollarQuotes bool
	// NestedComments: /* /* */ */ nests (PostgreSQL).
	NestedComments bool
	// HashComments: # starts a comment to the end of the line (MySQL).
	HashComments bool
	// DashCommentNeedsSpace: -- starts a comment only before the end of
	// the text, a space or a control character (0x01–0x20 or DEL) (MySQL).
	DashCommentNeedsSpace bool
	// ExecutableComments: the text of /*! … */ is SQL (MySQL, MariaDB):
	// its opener and closer are ExecOpen and ExecClose tokens and the text
	// between is lexed as SQL. A version after the ! (5 or 6 digits) makes
	// it SQL only when ServerVersion is that version or later; elsewhere
	// the whole comment is a Comment.
	ExecutableComments bool
	// MariaDBComments: MariaDB's rules: /*M! … */ is executable too, a /*!
	// version from 50700 to 99999 (MySQL 5.7 and later) makes a comment,
	// and a comment so skipped may hold one /* … */ inside.
	MariaDBComments bool
	// ServerVersion is the server's version as major*10000 + minor*100 +
	// patch, for versioned executable comments; AnyVersion runs them all.
	ServerVersion int
	// BracketIdents: [ … ] quotes an identifier (SQLite).
	BracketIdents bool
	// UnterminatedComments: a /* comment may run to the end of the text
	// without an error (SQLite).
	UnterminatedComments bool
	// NamedParams: the $, :, @ and # before a name are Param tokens
	// (SQLite's :name, @name, $name, #name).
	NamedParams bool
	// DollarParams: the $ of $1, $2 … is a Param token (PostgreSQL).
	DollarParams bool
	// DoubleQuoteStrings: "…" is a string literal, not an identifier
	// (MySQL without ANSI_QUOTES).
	DoubleQuoteStrings bool
	// BacktickIdents: `…` quotes an identifier (MySQL, SQLite).
	BacktickIdents bool
}

// AnyVersion as Flags.ServerVersion makes every versioned executable
// comment SQL: for text read before the server's version is known, which
// the server then runs or skips by its own version.
const AnyVersion = math.MaxInt
