package ddl

import (
	"slices"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// renameNumberedKeys does to table t, renamed from from to to in a MySQL
// schema (Database.TableScopedIndexNames), what MySQL and MariaDB do on
// RENAME TABLE: a foreign key named <from>_ibfk_<rest>, the names the
// server numbers (and sequelize-cli's unnamed keys have), becomes
// <to>_ibfk_<rest>; other names stay. The index the server made for such
// a key keeps the old name, so where no index of t serves the key's
// columns (as their first columns), t gains a plain index of that name,
// as Inspect then reads it.
func renameNumberedKeys(t *schema.Table, from, to string) {
	for i := range t.ForeignKeys {
		fk := &t.ForeignKeys[i]
		rest, ok := strings.CutPrefix(fk.Name, from+"_ibfk_")
		if !ok {
			continue
		}
		if !t.Indexed(fk.Columns) && t.Index(fk.Name) == nil && t.Unique(fk.Name) == nil {
			t.Indexes = append(t.Indexes, schema.Index{Name: fk.Name, Columns: slices.Clone(fk.Columns)})
		}
		fk.Name = to + "_ibfk_" + rest
	}
}
