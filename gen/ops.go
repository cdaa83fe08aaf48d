package gen

import (
	"strings"

	"github.com/strata-orm/strata/ddl"
)

// OpsMigration returns the Go source of a migration named name whose Up
// and Down are the given operations, each written as ddl's printer writes
// it (the Go a person would write by hand), with a comment line above the
// migration when comment is set (what generated it). migration:generate
// --auto and migration:baseline write it.
func OpsMigration(name, comment string, up, down []ddl.Op) ([]byte, error) {
	list := func(ops []ddl.Op) string {
		var b strings.Builder
		for _, op := range ops {
			b.WriteString(op.GoString())
			b.WriteString(",\n")
		}
		return b.String()
	}
	u, d := list(up), list(down)
	src, err := migrationFile(name, u, d, strings.Contains(u+d, "schema."))
	if err != nil || comment == "" {
		return src, err
	}
	var c strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(comment), "\n") {
		c.WriteString("// " + l + "\n")
	}
	return []byte(strings.Replace(string(src), "func init() {", strings.TrimSuffix(c.String(), "\n")+"\nfunc init() {", 1)), nil
}
