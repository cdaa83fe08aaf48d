package dialect

import (
	"fmt"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// RenderObject renders a CreateObjectOp or DropObjectOp for d (and refuses
// an AlterEnumTypeOp where enum types are not objects of their own). An object
// is made by its definition, run as it is, on its own dialect only; it is
// dropped by kind and name (a PostgreSQL trigger ON its table, a routine
// with its argument types, a MySQL procedure as a PROCEDURE). before is the
// schema the operation runs on.
func RenderObject(d Dialect, op ddl.Op, before *schema.Database) ([]Stmt, error) {
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
		return []Stmt{{SQL: dropObject(d, *b)}}, nil
	case *ddl.AlterEnumTypeOp:
		return nil, fmt.Errorf("%s: enum types of their own are PostgreSQL's; on %s an ENUM belongs to its column, whose values change with changeColumn", op, d.Name())
	}
	return nil, fmt.Errorf("%s: not an object operation", op)
}

// dropObject is the statement that drops b on d.
func dropObject(d Dialect, b schema.Object) string {
	kind := strings.ToUpper(string(b.Kind))
	name := d.Quote(b.Name)
	switch b.Kind {
	case schema.ObjectFunction:
		if d.Name() == "postgres" {
			// ROUTINE drops a function or a procedure; the name carries
			// its argument types, which stay as the catalog printed them.
			kind = "ROUTINE"
			base, args, _ := strings.Cut(b.Name, "(")
			name = d.Quote(base) + "(" + args
		} else if isProcedure(b.Definition) {
			kind = "PROCEDURE"
		}
	case schema.ObjectTrigger:
		if d.Name() == "postgres" {
			return "DROP TRIGGER " + name + " ON " + d.Quote(b.Table)
		}
	case schema.ObjectRule:
		return "DROP RULE " + name + " ON " + d.Quote(b.Table)
	case schema.ObjectPartition:
		return "DROP TABLE " + name
	}
	return "DROP " + kind + " " + name
}

// isProcedure reports whether a routine's definition makes a procedure
// (CREATE [DEFINER=…] PROCEDURE …) rather than a function.
func isProcedure(def string) bool {
	u := strings.ToUpper(def)
	p, f := strings.Index(u, " PROCEDURE "), strings.Index(u, " FUNCTION ")
	return p >= 0 && (f < 0 || p < f)
}
