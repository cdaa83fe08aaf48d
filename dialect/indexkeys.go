package dialect

import (
	"fmt"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// IndexKeys writes the key list of index x on table t (nil when not
// known) for CREATE INDEX, without its parentheses: a key that is a column
// of t quoted with quote, any other key as it is (an expression, or a
// column with its options; see schema.Index.Columns) once
// ddl.CheckIndexKey accepts it.
func IndexKeys(quote func(string) string, t *schema.Table, x schema.Index) (string, error) {
	out := make([]string, len(x.Columns))
	for i, k := range x.Columns {
		if t.IsColumnKey(k) {
			out[i] = quote(k)
			continue
		}
		if strings.TrimSpace(k) == "" {
			return "", fmt.Errorf("index %q has an empty key", x.Name)
		}
		if err := ddl.CheckIndexKey(k); err != nil {
			return "", fmt.Errorf("index %q: key %q %v; a key that is not a column is written as it is", x.Name, k, err)
		}
		out[i] = k
	}
	return strings.Join(out, ", "), nil
}
