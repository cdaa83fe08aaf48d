package strata

import (
	"github.com/strata-orm/strata/internal/query"
)

// Cond is a condition of Where or Having. Column names in conditions are
// a model's Go field names or column names, checked against the model;
// values are always bound, never spliced into SQL.
type Cond = query.Cond

// Fields is a condition from a map of column (or field) to value, all of
// which must hold: a scalar means =, nil IS NULL, a slice IN. A nested map,
// a struct or any other value is an error (never a broader query), and so
// is an empty Fields, so a where decoded from JSON is safe. Fields is also
// the set of columns to write in Query.Update and Increment.
type Fields = query.Fields

// Eq is col = v (col IS NULL for a nil v).
func Eq(col string, v any) Cond { return query.Eq(col, v) }

// Ne is col <> v (col IS NOT NULL for a nil v).
func Ne(col string, v any) Cond { return query.Ne(col, v) }

// Gt is col > v.
func Gt(col string, v any) Cond { return query.Gt(col, v) }

// Gte is col >= v.
func Gte(col string, v any) Cond { return query.Gte(col, v) }

// Lt is col < v.
func Lt(col string, v any) Cond { return query.Lt(col, v) }

// Lte is col <= v.
func Lte(col string, v any) Cond { return query.Lte(col, v) }

// In is col IN (values…) for a slice of values; an empty slice matches nothing.
func In(col string, values any) Cond { return query.In(col, values) }

// NotIn is col NOT IN (values…); an empty slice matches everything.
func NotIn(col string, values any) Cond { return query.NotIn(col, values) }

// Like is col LIKE pattern.
func Like(col string, pattern any) Cond { return query.Like(col, pattern) }

// NotLike is col NOT LIKE pattern.
func NotLike(col string, pattern any) Cond { return query.NotLike(col, pattern) }

// ILike is a case-insensitive LIKE (ILIKE on PostgreSQL, LOWER(col) LIKE
// LOWER(pattern) elsewhere).
func ILike(col string, pattern any) Cond { return query.ILike(col, pattern) }

// NotILike negates ILike.
func NotILike(col string, pattern any) Cond { return query.NotILike(col, pattern) }

// Between is col BETWEEN lo AND hi.
func Between(col string, lo, hi any) Cond { return query.Between(col, lo, hi) }

// NotBetween is col NOT BETWEEN lo AND hi.
func NotBetween(col string, lo, hi any) Cond { return query.NotBetween(col, lo, hi) }

// IsNull is col IS NULL.
func IsNull(col string) Cond { return query.IsNull(col) }

// NotNull is col IS NOT NULL.
func NotNull(col string) Cond { return query.NotNull(col) }

// And holds when every condition holds (an empty And is an error).
func And(conds ...Cond) Cond { return query.And(conds...) }

// Or holds when any condition holds (an empty Or is an error).
func Or(conds ...Cond) Cond { return query.Or(conds...) }

// Not negates a condition.
func Not(cond Cond) Cond { return query.Not(cond) }

// Raw is hand-written SQL with ? placeholders, e.g. Raw("lower(email) = ?",
// x). The text is used as written (never build it from user input); the
// args are bound, a slice expanding to a list for IN (?). ?? is a literal
// question mark.
func Raw(sql string, args ...any) Cond { return query.Raw(sql, args...) }
