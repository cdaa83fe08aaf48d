package ddl

import (
	"fmt"
	"slices"
	"strings"

	"github.com/strata-orm/strata/schema"
)

// CreateObjectOp makes a view, trigger, function, sequence, domain or
// type from its definition, the one statement its database prints for it
// (see schema.Object). It runs on that database only.
type CreateObjectOp struct {
	Object schema.Object `json:"object"`
}

// CreateObject makes obj as its Definition says.
func CreateObject(obj schema.Object) *CreateObjectOp { return &CreateObjectOp{Object: obj} }

// DropObjectOp drops a view, trigger, function, sequence, domain or type.
type DropObjectOp struct {
	Kind  schema.ObjectKind `json:"kind"`
	Name  string            `json:"name"`
	Table string            `json:"table,omitempty"` // a trigger's table
}

// DropObject drops the object of kind k called name. A trigger is named
// with its table: DropObject(schema.ObjectTrigger, "film.last_updated").
func DropObject(k schema.ObjectKind, name string) *DropObjectOp {
	o := &DropObjectOp{Kind: k, Name: name}
	if k == schema.ObjectTrigger || k == schema.ObjectRule || k == schema.ObjectPartition {
		if t, n, ok := strings.Cut(name, "."); ok {
			o.Table, o.Name = t, n
		}
	}
	return o
}

// objectName is how a DropObject names b.
func objectName(b schema.Object) string {
	if b.Table != "" {
		return b.Table + "." + b.Name
	}
	return b.Name
}

func (o *CreateObjectOp) String() string {
	return fmt.Sprintf("createObject %s %q", o.Object.Kind, o.Object.Name)
}
func (o *DropObjectOp) String() string {
	return fmt.Sprintf("dropObject %s %q", o.Kind, objectName(schema.Object{Name: o.Name, Table: o.Table}))
}

func (*CreateObjectOp) opName() string { return "createObject" }
func (*DropObjectOp) opName() string   { return "dropObject" }

// GoString implements Op.
func (o *CreateObjectOp) GoString() string {
	b := o.Object
	return fmt.Sprintf("ddl.CreateObject(schema.Object{Kind: %q, Name: %q, Table: %q, Dialect: %q, Definition: %q})",
		b.Kind, b.Name, b.Table, b.Dialect, b.Definition)
}

// GoString implements Op.
func (o *DropObjectOp) GoString() string {
	return fmt.Sprintf("ddl.DropObject(%q, %q)", o.Kind, objectName(schema.Object{Name: o.Name, Table: o.Table}))
}

var objectKinds = []schema.ObjectKind{schema.ObjectSequence, schema.ObjectDomain, schema.ObjectType,
	schema.ObjectFunction, schema.ObjectView, schema.ObjectMaterializedView, schema.ObjectTrigger, schema.ObjectPartition, schema.ObjectRule}

// Apply implements Op.
func (o *CreateObjectOp) Apply(db *schema.Database) error {
	return transact(db, func(db *schema.Database) error {
		b := o.Object
		if !slices.Contains(objectKinds, b.Kind) {
			return fail(o, ErrInvalid, "object kind %q is none of %v", b.Kind, objectKinds)
		}
		if err := checkName(o, string(b.Kind), b.Name); err != nil {
			return err
		}
		if !slices.Contains(schema.NativeDialects, b.Dialect) {
			return fail(o, ErrInvalid, "%s %q: dialect %q is none of %v; an object is written in one database's SQL", b.Kind, b.Name, b.Dialect, schema.NativeDialects)
		}
		if strings.TrimSpace(b.Definition) == "" {
			return fail(o, ErrInvalid, "%s %q has no definition; give the statement that makes it", b.Kind, b.Name)
		}
		if db.Object(b.Kind, b.Table, b.Name) != nil {
			return fail(o, ErrExists, "%s %q already exists", b.Kind, b.Name)
		}
		if b.Kind == schema.ObjectTrigger || b.Kind == schema.ObjectRule || b.Kind == schema.ObjectPartition {
			if _, err := table(o, db, b.Table); err != nil {
				return err
			}
		}
		db.Objects = append(db.Objects, b)
		return nil
	})
}

// Apply implements Op.
func (o *DropObjectOp) Apply(db *schema.Database) error {
	return transact(db, func(db *schema.Database) error {
		if db.Object(o.Kind, o.Table, o.Name) == nil {
			var names []string
			for _, b := range db.Objects {
				if b.Kind == o.Kind {
					names = append(names, b.Name)
				}
			}
			return fail(o, ErrNotFound, "%s %q does not exist%s", o.Kind, o.Name, suggest(o.Name, names))
		}
		db.Objects = slices.DeleteFunc(db.Objects, func(b schema.Object) bool { return b.Kind == o.Kind && b.Name == o.Name && b.Table == o.Table })
		return nil
	})
}

// Reverse implements Op.
func (o *CreateObjectOp) Reverse(*schema.Database) ([]Op, error) {
	return []Op{&DropObjectOp{Kind: o.Object.Kind, Name: o.Object.Name, Table: o.Object.Table}}, nil
}

// Reverse implements Op: the object as it was made again.
func (o *DropObjectOp) Reverse(before *schema.Database) ([]Op, error) {
	b := before.Object(o.Kind, o.Table, o.Name)
	if b == nil {
		return nil, fail(o, ErrNotFound, "%s %q does not exist", o.Kind, objectName(schema.Object{Name: o.Name, Table: o.Table}))
	}
	return []Op{CreateObject(*b)}, nil
}

// dropObjectsOn removes the triggers, rules and partitions of table, which go with it.
func dropObjectsOn(db *schema.Database, table string) {
	db.Objects = slices.DeleteFunc(db.Objects, func(b schema.Object) bool {
		return (b.Kind == schema.ObjectTrigger || b.Kind == schema.ObjectRule || b.Kind == schema.ObjectPartition) && b.Table == table
	})
}
