package dialect

import (
	"fmt"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// RenderObject renders a CreateObjectOp or DropObjectOp for d (and refuses
// an AlterEnumTypeOp where enum types are not objects of their own). An
// object is made by its definition, run as it is, on its own dialect only;
// it is dropped with drop's statement, or DROP <kind> <name> when drop is
// nil or returns "" (a dialect spells its own kinds: a PostgreSQL trigger
// ON its table, a MySQL procedure). before is the schema the operation
// runs on.
func RenderObject(d Dialect, op ddl.Op, before *schema.Database, drop func(schema.Object) string) ([]Stmt, error) {
	switch o := op.(type) {
	case *ddl.CreateObjectOp:
		if o.Object.Dialect != d.Name() {
			return nil, fmt.Errorf("%s: the definition is %s's SQL and does not run on %s; make the object with ddl.Raw(…).For(%q, …) there", op, o.Object.Dialect, d.Name(), d.Name())
		}
		return []Stmt{{SQL: o.Object.Definition}}, nil
	case *ddl.DropObjectOp:
		b := before.Object(o.Kind, o.Table, o.Name)
		if b == nil {
			return nil, fmt.Errorf("%s: no such object", op)
		}
		sql := ""
		if drop != nil {
			sql = drop(*b)
		}
		if sql == "" {
			sql = "DROP " + strings.ToUpper(string(b.Kind)) + " " + d.Quote(b.Name)
		}
		return []Stmt{{SQL: sql}}, nil
	case *ddl.AlterEnumTypeOp:
		return nil, fmt.Errorf("%s: enum types of their own are PostgreSQL's; on %s an ENUM belongs to its column, whose values change with changeColumn", op, d.Name())
	}
	return nil, fmt.Errorf("%s: not an object operation", op)
}
