package ddl

import (
	"fmt"
	"regexp"
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
	if k.OnTable() {
		if t, n, ok := strings.Cut(name, "."); ok {
			o.Table, o.Name = t, n
		}
	}
	return o
}

// objectName is how a DropObject names an object: table.name for one on
// a table.
func objectName(table, name string) string {
	if table != "" {
		return table + "." + name
	}
	return name
}

func (o *CreateObjectOp) String() string {
	return fmt.Sprintf("createObject %s %q", o.Object.Kind, o.Object.Name)
}
func (o *DropObjectOp) String() string {
	return fmt.Sprintf("dropObject %s %q", o.Kind, objectName(o.Table, o.Name))
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
	return fmt.Sprintf("ddl.DropObject(%q, %q)", o.Kind, objectName(o.Table, o.Name))
}

// Apply implements Op.
func (o *CreateObjectOp) Apply(db *schema.Database) error {
	return transact(db, func(db *schema.Database) error {
		b := o.Object
		if !slices.Contains(schema.ObjectKinds, b.Kind) {
			return fail(o, ErrInvalid, "object kind %q is none of %v", b.Kind, schema.ObjectKinds)
		}
		if err := checkName(o, string(b.Kind), b.Name); err != nil {
			return err
		}
		if !slices.Contains(schema.NativeDialects, b.Dialect) {
			return fail(o, ErrInvalid, "%s %q: dialect %q is none of %v; an object is written in one database's SQL", b.Kind, b.Name, b.Dialect, schema.NativeDialects)
		}
		if b.Stale {
			return fail(o, ErrInvalid, "%s %q was read before a rename or removal it may name; read the database again (Inspect) and make it from that", b.Kind, b.Name)
		}
		if strings.TrimSpace(b.Definition) == "" {
			return fail(o, ErrInvalid, "%s %q has no definition; give the statement that makes it", b.Kind, b.Name)
		}
		if db.Object(b.Kind, b.Table, b.Name) != nil {
			return fail(o, ErrExists, "%s %q already exists", b.Kind, b.Name)
		}
		if b.Kind.OnTable() {
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
		return nil, fail(o, ErrNotFound, "%s %q does not exist", o.Kind, objectName(o.Table, o.Name))
	}
	return []Op{CreateObject(*b)}, nil
}

// dropObjectsOn removes the triggers, rules and partitions of table, which go with it.
func dropObjectsOn(db *schema.Database, table string) {
	db.Objects = slices.DeleteFunc(db.Objects, func(b schema.Object) bool {
		return b.Kind.OnTable() && b.Table == table
	})
}

// AlterEnumTypeOp adds a value to, or renames a value of, a PostgreSQL
// enum type that is an object of its own (schema.ObjectType: Sakila's
// mpaa_rating, which columns share). An ENUM column's own type changes
// with ChangeColumn instead.
type AlterEnumTypeOp struct {
	Type string `json:"type"`
	// Add is the value to add, at the end or, with Before, before that one.
	Add    string `json:"add,omitempty"`
	Before string `json:"before,omitempty"`
	// Rename is the value to rename, To its new name.
	Rename string `json:"rename,omitempty"`
	To     string `json:"to,omitempty"`
}

// AddEnumValue adds value to the enum type typ (ALTER TYPE … ADD VALUE).
func AddEnumValue(typ, value string) *AlterEnumTypeOp {
	return &AlterEnumTypeOp{Type: typ, Add: value}
}

// RenameEnumValue renames a value of the enum type typ (ALTER TYPE …
// RENAME VALUE).
func RenameEnumValue(typ, from, to string) *AlterEnumTypeOp {
	return &AlterEnumTypeOp{Type: typ, Rename: from, To: to}
}

// BeforeValue places an added value before another.
func (o *AlterEnumTypeOp) BeforeValue(v string) *AlterEnumTypeOp { o.Before = v; return o }

func (o *AlterEnumTypeOp) String() string {
	if o.Rename != "" {
		return fmt.Sprintf("alterEnumType %q rename %q to %q", o.Type, o.Rename, o.To)
	}
	return fmt.Sprintf("alterEnumType %q add %q", o.Type, o.Add)
}

func (*AlterEnumTypeOp) opName() string { return "alterEnumType" }

// GoString implements Op.
func (o *AlterEnumTypeOp) GoString() string {
	if o.Rename != "" {
		return fmt.Sprintf("ddl.RenameEnumValue(%q, %q, %q)", o.Type, o.Rename, o.To)
	}
	if o.Before != "" {
		return fmt.Sprintf("ddl.AddEnumValue(%q, %q).BeforeValue(%q)", o.Type, o.Add, o.Before)
	}
	return fmt.Sprintf("ddl.AddEnumValue(%q, %q)", o.Type, o.Add)
}

// enumTypeDef matches the definition of an enum type as PostgreSQL's
// Inspect writes it: CREATE TYPE name AS ENUM ('a', 'b').
var enumTypeDef = regexp.MustCompile(`(?is)^\s*CREATE\s+TYPE\s+(.+?)\s+AS\s+ENUM\s*\((.*)\)\s*;?\s*$`)

// EnumTypeValues returns the values of an enum type object's definition.
func EnumTypeValues(b schema.Object) ([]string, bool) {
	m := enumTypeDef.FindStringSubmatch(b.Definition)
	if m == nil {
		return nil, false
	}
	var vals []string
	rest := strings.TrimSpace(m[2])
	for rest != "" {
		if rest[0] != '\'' {
			return nil, false
		}
		var v strings.Builder
		i := 1
		for ; i < len(rest); i++ {
			if rest[i] == '\'' {
				if i+1 < len(rest) && rest[i+1] == '\'' {
					v.WriteByte('\'')
					i++
					continue
				}
				break
			}
			v.WriteByte(rest[i])
		}
		if i >= len(rest) {
			return nil, false
		}
		vals = append(vals, v.String())
		rest = strings.TrimSpace(rest[i+1:])
		rest = strings.TrimSpace(strings.TrimPrefix(rest, ","))
	}
	return vals, true
}

// Apply implements Op: the type's definition gets the new list of values.
func (o *AlterEnumTypeOp) Apply(db *schema.Database) error {
	return transact(db, func(db *schema.Database) error {
		b := db.Object(schema.ObjectType, "", o.Type)
		if b == nil {
			return fail(o, ErrNotFound, "enum type %q does not exist (an ENUM column's own type changes with changeColumn)", o.Type)
		}
		vals, ok := EnumTypeValues(*b)
		if !ok {
			return fail(o, ErrInvalid, "type %q is not an enum type written CREATE TYPE … AS ENUM ('…', …)", o.Type)
		}
		switch {
		case o.Rename != "":
			i := slices.Index(vals, o.Rename)
			if i < 0 {
				return fail(o, ErrNotFound, "enum type %q has no value %q (it has %q)", o.Type, o.Rename, vals)
			}
			if o.To == "" || slices.Contains(vals, o.To) {
				return fail(o, ErrExists, "enum type %q: the new name %q is empty or taken", o.Type, o.To)
			}
			vals[i] = o.To
		case o.Add != "":
			if slices.Contains(vals, o.Add) {
				return fail(o, ErrExists, "enum type %q already has the value %q", o.Type, o.Add)
			}
			at := len(vals)
			if o.Before != "" {
				if at = slices.Index(vals, o.Before); at < 0 {
					return fail(o, ErrNotFound, "enum type %q has no value %q to add %q before", o.Type, o.Before, o.Add)
				}
			}
			vals = slices.Insert(vals, at, o.Add)
		default:
			return fail(o, ErrInvalid, "enum type %q: give a value to add or to rename", o.Type)
		}
		m := enumTypeDef.FindStringSubmatch(b.Definition)
		q := make([]string, len(vals))
		for i, v := range vals {
			q[i] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
		}
		b.Definition = "CREATE TYPE " + m[1] + " AS ENUM (" + strings.Join(q, ", ") + ")"
		return nil
	})
}

// Reverse implements Op: a rename is renamed back; PostgreSQL cannot
// remove a value, so an added one has no inverse.
func (o *AlterEnumTypeOp) Reverse(*schema.Database) ([]Op, error) {
	if o.Rename != "" {
		return []Op{RenameEnumValue(o.Type, o.To, o.Rename)}, nil
	}
	return nil, fail(o, ErrIrreversible, "PostgreSQL cannot remove a value of an enum type; write the down migration by hand")
}

// staleObjectsOn marks the objects on table (its triggers and rules, its
// partitions) and every view and function as stale: a rename or removal
// in table may have changed what their definitions name.
func staleObjectsOn(db *schema.Database, table string) {
	for i := range db.Objects {
		b := &db.Objects[i]
		if b.Table == table || b.Kind == schema.ObjectView || b.Kind == schema.ObjectMaterializedView || b.Kind == schema.ObjectFunction {
			b.Stale = true
		}
	}
}
