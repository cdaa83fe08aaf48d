package schema

// ObjectKind is the kind of a schema object other than a table.
type ObjectKind string

// The kinds of objects Inspect reads besides tables, in the order a
// database is built: the types and sequences tables use, then the tables,
// then functions, views and the triggers that call functions on tables.
const (
	ObjectSequence ObjectKind = "sequence" // PostgreSQL, a sequence no column owns
	ObjectDomain   ObjectKind = "domain"   // PostgreSQL
	ObjectType     ObjectKind = "type"     // PostgreSQL, an enum type strata did not name
	ObjectFunction ObjectKind = "function" // a function or procedure
	ObjectView     ObjectKind = "view"
	// ObjectMaterializedView is a PostgreSQL materialized view, made with
	// its data.
	ObjectMaterializedView ObjectKind = "materialized view"
	ObjectTrigger          ObjectKind = "trigger"
	// ObjectPartition is a partition of a partitioned table (PostgreSQL's
	// CREATE TABLE … PARTITION OF …), its Table the partitioned one.
	ObjectPartition ObjectKind = "partition"
	// ObjectRule is a PostgreSQL rule on a table (CREATE RULE), its Table
	// the table.
	ObjectRule ObjectKind = "rule"
)

// ObjectKinds lists every kind, in the order a database is built.
var ObjectKinds = []ObjectKind{ObjectSequence, ObjectDomain, ObjectType, ObjectFunction, ObjectView,
	ObjectMaterializedView, ObjectTrigger, ObjectPartition, ObjectRule}

// OnTable reports whether objects of kind k belong to a table (Object.Table):
// triggers and rules on it, partitions of it. They go with their table
// when it is dropped and follow it when it is renamed.
func (k ObjectKind) OnTable() bool {
	return k == ObjectTrigger || k == ObjectRule || k == ObjectPartition
}

// BeforeTables reports whether objects of kind k are made before the
// tables (a column's type or default needs them).
func (k ObjectKind) BeforeTables() bool {
	return k == ObjectSequence || k == ObjectDomain || k == ObjectType
}

// Object is a view, trigger, function, sequence, domain or type, kept as
// its database's own definition: strata does not model what is inside,
// it reads it, carries it, and makes it again, exactly.
type Object struct {
	Kind ObjectKind `json:"kind"`
	// Name is the object's name; a function's carries its argument types
	// ("film_in_stock(integer, integer)"), as DROP FUNCTION needs them.
	Name string `json:"name"`
	// Table is the table a trigger or rule is on, or a partition's
	// partitioned table.
	Table string `json:"table,omitempty"`
	// Dialect names the database whose SQL Definition is.
	Dialect string `json:"dialect"`
	// Definition is the one statement that makes the object, as the
	// database prints it (pg_get_viewdef, SHOW CREATE TRIGGER,
	// sqlite_schema.sql …).
	Definition string `json:"definition"`
	// Stale says that an operation replayed since the object was read
	// renamed or removed something it may name (a column or table of its
	// table): Definition is no longer the database's text, so it must not
	// be run again (SQLite's table rebuild refuses to) until the schema is
	// read afresh.
	Stale bool `json:"-"`
}

// Object returns the object of kind k called name, or nil. table is a
// trigger's table (PostgreSQL names triggers per table: Sakila has a
// last_updated on each); for other kinds it is "".
func (db *Database) Object(k ObjectKind, table, name string) *Object {
	for i := range db.Objects {
		if b := &db.Objects[i]; b.Kind == k && b.Name == name && b.Table == table {
			return b
		}
	}
	return nil
}
