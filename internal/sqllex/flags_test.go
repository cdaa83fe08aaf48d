package sqllex_test

import "github.com/strata-orm/strata/internal/sqllex"

// dialect is one database's rules: those internal/query lexes hand-written
// SQL with (as the dialects declare them, MariaDB 10.11.6), and those of
// the statement splitter sqllex replaced (oracle_split_test.go), which
// read every /*! … */ as a comment. migrate's are split's, with
// ExecutableComments as query has it and AnyVersion (see migrate).
type dialect struct {
	name         string
	query, split sqllex.Flags
}

// migrate is the rules migrate splits d's .sql files with.
func (d dialect) migrate() sqllex.Flags {
	f := d.split
	f.ExecutableComments, f.ServerVersion = d.query.ExecutableComments, sqllex.AnyVersion
	return f
}

var dialects = []dialect{
	{"postgres",
		sqllex.Flags{EscapeStrings: true, DollarQuotes: true, NestedComments: true, DollarParams: true},
		sqllex.Flags{EscapeStrings: true, DollarQuotes: true, NestedComments: true}},
	{"mysql",
		sqllex.Flags{BackslashEscapes: true, HashComments: true, DashCommentNeedsSpace: true, DoubleQuoteStrings: true, BacktickIdents: true,
			ExecutableComments: true, MariaDBComments: true, ServerVersion: 101106},
		sqllex.Flags{BackslashEscapes: true, HashComments: true, DashCommentNeedsSpace: true, DoubleQuoteStrings: true, BacktickIdents: true}},
	{"sqlite",
		sqllex.Flags{BacktickIdents: true, BracketIdents: true, UnterminatedComments: true, NamedParams: true},
		sqllex.Flags{BacktickIdents: true, BracketIdents: true}},
}
