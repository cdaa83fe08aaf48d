package ddl

import (
	"slices"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// checkLengths checks the prefix lengths of x, an index on t (see
// AddIndexOp.Prefix): one at most per key, none below 0, and each above 0
// on a key that is a column (with ASC or DESC) whose type MySQL indexes
// by prefix (string, char, text, blob) and shorter than the column's
// declared length, which would be the whole column.
func checkLengths(op Op, t *schema.Table, x schema.Index) error {
	if len(x.Lengths) > len(x.Columns) {
		return fail(op, ErrInvalid, "index %q has %d prefix lengths for its %d keys; give one per key, 0 for a whole column", x.Name, len(x.Lengths), len(x.Columns))
	}
	for i, n := range x.Lengths {
		key := x.Columns[i]
		switch {
		case n < 0:
			return fail(op, ErrInvalid, "index %q: key %q has prefix length %d; a prefix length is above 0, or 0 for the whole column", x.Name, key, n)
		case n == 0:
			continue
		case x.Method != "":
			return fail(op, ErrInvalid, "index %q: a %s index takes whole columns; leave out the prefix length of key %q", x.Name, x.Method, key)
		}
		c := t.Column(prefixColumn(key))
		if c == nil {
			return fail(op, ErrInvalid, "index %q: key %q has a prefix length, which only a column takes (optionally with ASC or DESC), not an expression", x.Name, key)
		}
		if !prefixable(c.Type) {
			return fail(op, ErrInvalid, "index %q: column %q is %s, which has no prefix to index; a prefix length is for string, text and blob columns (leave it out)", x.Name, c.Name, c.Type)
		}
		if (c.Type.Kind == schema.KindString || c.Type.Kind == schema.KindChar) && c.Type.Size > 0 && n >= c.Type.Size {
			return fail(op, ErrInvalid, "index %q: prefix length %d of column %q is not shorter than its type %s, so it is the whole column; leave the length out", x.Name, n, c.Name, c.Type)
		}
	}
	return nil
}

// checkPrefixesOn checks again the prefix lengths of t's indexes on col,
// whose type changed: a column indexed by a prefix stays a string, text
// or blob, longer than the prefix.
func checkPrefixesOn(op Op, t *schema.Table, col string) error {
	for _, x := range t.Indexes {
		if x.Lengths != nil && slices.ContainsFunc(x.Columns, func(k string) bool { return prefixColumn(k) == col }) {
			if err := checkLengths(op, t, x); err != nil {
				return err
			}
		}
	}
	return nil
}

// prefixColumn is the column of an index key written as a column with its
// order ("title DESC"), or the key itself.
func prefixColumn(key string) string {
	for _, order := range []string{" ASC", " DESC"} {
		if n := len(key) - len(order); n > 0 && strings.EqualFold(key[n:], order) {
			return strings.TrimSpace(key[:n])
		}
	}
	return key
}

// prefixable reports whether MySQL indexes a column of type typ by a
// prefix: its string, text and blob types, in strata's kinds or in its
// own spelling.
func prefixable(typ schema.Type) bool {
	switch typ.Kind {
	case schema.KindString, schema.KindChar, schema.KindText, schema.KindBlob:
		return true
	case schema.KindNative:
		n := strings.ToLower(typ.Native)
		return strings.Contains(n, "char") || strings.Contains(n, "text") || strings.Contains(n, "blob") || strings.Contains(n, "binary")
	}
	return false
}
