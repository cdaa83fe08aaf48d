package query_test

import (
	"strconv"
	"strings"

	"github.com/strata-orm/strata/dialect"
)

// fakeDialect renders like one database, for tests of SQL text; it has no
// connection and no other abilities.
type fakeDialect struct {
	dialect.Dialect
	name string
	feat dialect.QueryFeatures
}

func (d fakeDialect) Name() string { return d.name }

func (d fakeDialect) Quote(s string) string {
	if d.name == "mysql" {
		return "`" + strings.ReplaceAll(s, "`", "``") + "`"
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

func (d fakeDialect) Placeholder(n int) string {
	if d.name == "postgres" {
		return "$" + strconv.Itoa(n)
	}
	return "?"
}

// The three dialects' lexing and statement features, as their query.go
// files declare them.
var dialects = []fakeDialect{
	{name: "postgres", feat: dialect.QueryFeatures{
		EscapeStrings: true, DollarQuotes: true, NestedComments: true, DollarParams: true, QuestionOperator: true,
		InsertReturning: true, UpdateReturning: true, Upsert: dialect.UpsertOnConflict,
		ForUpdate: "FOR UPDATE", ForShare: "FOR SHARE", LockNoWait: true, LockSkipLocked: true, LockOf: true, ILike: true, DefaultValues: "DEFAULT VALUES", IDStep: 1,
	}},
	{name: "mysql", feat: dialect.QueryFeatures{
		BackslashEscapes: true, HashComments: true, DashCommentNeedsSpace: true, DoubleQuoteStrings: true, BacktickIdents: true,
		ExecutableComments: true, MariaDBComments: true, ServerVersion: 101106,
		InsertReturning: true, Upsert: dialect.UpsertOnDuplicateKey,
		ForUpdate: "FOR UPDATE", ForShare: "LOCK IN SHARE MODE", LockNoWait: true, LockSkipLocked: true, NoLimit: "18446744073709551615", DefaultValues: "() VALUES ()",
		ConsecutiveIDs: true, IDStep: 1, NullsByIsNull: true,
	}},
	{name: "sqlite", feat: dialect.QueryFeatures{
		BacktickIdents: true, BracketIdents: true, UnterminatedComments: true, NamedParams: true, InsertReturning: true, UpdateReturning: true, Upsert: dialect.UpsertOnConflict,
		NoLimit: "-1", DefaultValues: "DEFAULT VALUES", IDStep: 1,
	}},
}
