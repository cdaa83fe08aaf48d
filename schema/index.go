package schema

import (
	"slices"
	"strings"
)

// Index is a named index. Where, when set, makes it a partial index
// (PostgreSQL and SQLite).
type Index struct {
	Name string `json:"name"`
	// Columns are the index's keys in order. A key that is exactly the
	// name of a column of the table is that column, unquoted ("email"),
	// and is quoted when the index is made. Any other key is held as the
	// text the database prints for it in CREATE INDEX, options and all,
	// and is written back verbatim: an expression ("lower(email)",
	// "(a + b)"), or a column with its ordering, operator class or
	// collation ("title text_pattern_ops DESC NULLS LAST",
	// `name COLLATE "C"`, "code COLLATE NOCASE"). Such a key must not hold
	// a ';', a comment or a top-level ',' outside quotes, and its
	// parentheses and quotes must balance; ddl refuses it otherwise.
	// MySQL holds no expression keys.
	Columns []string `json:"columns"`
	Unique  bool     `json:"unique,omitempty"`
	Where   string   `json:"where,omitempty"`
	// Method is the index's access method where it is not the default
	// B-tree: "gin", "gist", "hash", "brin", "spgist" on PostgreSQL;
	// "FULLTEXT" or "SPATIAL" on MySQL, in either case (InnoDB builds a
	// B-tree for USING HASH, so the MySQL dialect refuses "HASH").
	Method string `json:"method,omitempty"`
	// Include lists the non-key columns a covering index carries
	// (PostgreSQL's INCLUDE).
	Include []string `json:"include,omitempty"`
	// NullsNotDistinct makes a unique index treat NULLs as equal
	// (PostgreSQL 15).
	NullsNotDistinct bool `json:"nullsNotDistinct,omitempty"`
	// Lengths are the keys' prefix lengths, in the order of Columns
	// (MySQL's KEY (title(50))): a key whose length is above 0 indexes
	// that many leading characters of its column (bytes of a blob), a key
	// whose length is 0 or missing the whole column. Only MySQL and
	// MariaDB have prefix indexes, on string, text and blob columns; nil
	// when no key has one.
	Lengths []int `json:"lengths,omitempty"`
}

// Length is the prefix length of the i'th key, 0 for the whole column.
func (x Index) Length(i int) int {
	if i < len(x.Lengths) {
		return x.Lengths[i]
	}
	return 0
}

// SameLengths reports whether x and y index the same prefix of each key,
// a missing length being 0 (the whole column).
func (x Index) SameLengths(y Index) bool {
	for i := range max(len(x.Lengths), len(y.Lengths)) {
		if x.Length(i) != y.Length(i) {
			return false
		}
	}
	return true
}

// CanonicalLengths is x's Lengths as Normalize leaves them: nil when no
// key has a prefix length, else one length for each key of Columns.
func (x Index) CanonicalLengths() []int {
	if !slices.ContainsFunc(x.Lengths, func(n int) bool { return n != 0 }) {
		return nil
	}
	out := make([]int, len(x.Columns))
	for i := range out {
		out[i] = x.Length(i)
	}
	return out
}

// IsColumnKey reports whether key, a key of an index on t, is a plain
// column, to be quoted, rather than an expression or a column with
// options, to be written as it is. On a nil t (a table not known) it
// guesses from the text: a key with no parenthesis, space, quote or
// colon is a column.
func (t *Table) IsColumnKey(key string) bool {
	if t != nil {
		return t.Column(key) != nil
	}
	return !strings.ContainsAny(key, "() \"'`:")
}

// Indexed reports whether t's primary key, a unique constraint or an
// index that is not partial starts with cols, in order, whole (not a
// prefix of one of them): an index the
// database can search by cols (MySQL makes one of its own for a foreign
// key over columns no such index serves).
func (t *Table) Indexed(cols []string) bool {
	starts := func(keys []string) bool { return len(keys) >= len(cols) && slices.Equal(keys[:len(cols)], cols) }
	if starts(t.PrimaryKey) {
		return true
	}
	for _, u := range t.Uniques {
		if starts(u.Columns) {
			return true
		}
	}
	for _, x := range t.Indexes {
		if x.Where == "" && starts(x.Columns) && !slices.ContainsFunc(x.Lengths[:min(len(cols), len(x.Lengths))], func(n int) bool { return n > 0 }) {
			return true
		}
	}
	return false
}
