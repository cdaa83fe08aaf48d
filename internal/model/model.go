package model

import (
	"fmt"
	"reflect"
	"unsafe"

	"github.com/strata-orm/strata/internal/spell"
	"github.com/strata-orm/strata/schema"
)

// Model is what strata knows about one Go struct type: its table, its
// persisted fields in declaration order, and the fields with a meaning
// (primary key, timestamps, soft delete, version). It is computed once per
// type and then only read, so it is safe for concurrent use.
type Model struct {
	Type   reflect.Type // the struct type
	Name   string       // the Go type name, e.g. "User"
	Table  string       // the table name, e.g. "users"
	Fields []*Field     // persisted fields, in declaration order
	// PrimaryKey is the primary key's fields (one, unless composite).
	PrimaryKey []*Field
	// CreatedAt and UpdatedAt, when not nil, are set by strata on insert
	// and update. DeletedAt makes the model paranoid: Destroy sets it and
	// queries skip rows where it is set. Version, when not nil, is an
	// integer checked and incremented by every update (optimistic locking).
	CreatedAt, UpdatedAt, DeletedAt, Version *Field
	// Uniques are the unique keys the fields declare (tag unique or
	// unique=name), in the order first declared, then, for a join model,
	// the one its registry adds on the two foreign keys of a belongsToMany.
	Uniques []Unique
	// Relations are struct-typed fields (another model, a pointer to one,
	// or a slice of them): candidates for associations, never columns.
	Relations []Relation
	// Options are the naming options the model asked for.
	Options Options
	// ForeignKeys are the foreign keys of the model's table that its
	// registry derived from associations (with their ON DELETE and ON
	// UPDATE actions); CreateTable includes them.
	ForeignKeys []schema.ForeignKey
	// Implicit marks a join model the registry made for a belongsToMany
	// through a table name.
	Implicit bool

	ownTable bool // the table came from a TableName method (or the registry)
	byName   map[string]*Field
	names    []string // column names, for suggestions
	assocs   []*Association
	assocBy  map[string]*Association
	// tracks: the struct embeds Tracked, at trackOff.
	tracks   bool
	trackOff uintptr
}

// Associations returns the model's associations, in declaration order;
// none until its Registry is resolved.
func (m *Model) Associations() []*Association { return m.assocs }

// Association returns the association called name (its field name), or nil.
func (m *Model) Association(name string) *Association { return m.assocBy[name] }

// Relation returns the relation field called name.
func (m *Model) Relation(name string) (Relation, bool) {
	for _, r := range m.Relations {
		if r.Name == name {
			return r, true
		}
	}
	return Relation{}, false
}

// Unique is a unique key over one or more fields.
type Unique struct {
	Name   string // the constraint name strata derives (<table>_<cols>_key)
	Fields []*Field
}

// Columns returns the key's column names.
func (u Unique) Columns() []string {
	out := make([]string, len(u.Fields))
	for i, f := range u.Fields {
		out[i] = f.Column
	}
	return out
}

// Relation is a field that holds other models.
type Relation struct {
	Name   string       // the Go field name, e.g. "Orders"
	Index  []int        // reflect index path
	Offset uintptr      // byte offset from the start of the struct
	Type   reflect.Type // the field's type
	Elem   reflect.Type // the struct type it holds
	Many   bool         // a slice
	Ptr    bool         // holds pointers: *T, or []*T when Many
}

// Options are a model's naming options, given by a ModelOptions method
// (see Optioner).
type Options struct {
	// Underscored names columns and the table in snake_case (first_name,
	// product_orders) instead of lowerCamelCase (firstName, productOrders).
	Underscored bool
	// Freeze keeps the table name singular (no pluralization).
	Freeze bool
}

// Optioner is implemented by models that set naming options:
//
//	func (ProductOrder) ModelOptions() model.Options { return model.Options{Underscored: true} }
type Optioner interface {
	ModelOptions() Options
}

// Tabler is implemented by models that name their table themselves.
type Tabler interface {
	TableName() string
}

// Field is one persisted field of a model.
type Field struct {
	Name   string       // the Go field name, e.g. "FirstName"
	Column string       // the column name, e.g. "firstName"
	Index  []int        // reflect index path (through embedded structs)
	Offset uintptr      // byte offset from the start of the struct
	Type   reflect.Type // the Go type

	// Nullable: the column accepts NULL, as Sequelize's allowNull defaults
	// to true; false for the primary key, CreatedAt/UpdatedAt of type
	// time.Time, and fields tagged notnull.
	Nullable bool
	// PrimaryKey, AutoIncrement and Unique are the column's key roles.
	PrimaryKey    bool
	AutoIncrement bool
	Unique        bool
	// Default is the column's default (tag default=…), written into the
	// table's DDL. An INSERT leaves out a field that is not set (Unset: a
	// nil pointer, a NULL sql.Null*), so the database's default applies;
	// any other value, zero included, is written as it is.
	Default *schema.Default
	// OnUpdate is the value the database writes on every update of the
	// row (tag onupdate=now: MySQL's ON UPDATE CURRENT_TIMESTAMP), or nil.
	OnUpdate *schema.Default
	// Collation is the column's collation (tag collate=utf8mb4_bin), or
	// "" for the table's default.
	Collation string
	// Rules are the validations run before insert and update.
	Rules []Rule

	sqlType schema.Type
	typeErr error
	acc     accessor
}

// SQLType returns the field's column type, from its Go type or its
// type=… / size=… tag; an error names a Go type strata cannot map.
func (f *Field) SQLType() (schema.Type, error) { return f.sqlType, f.typeErr }

// Ptr returns a pointer to the field inside the struct at base.
func (f *Field) Ptr(base unsafe.Pointer) unsafe.Pointer { return unsafe.Add(base, f.Offset) }

// Column resolves a field name or column name to the column name; the
// error for an unknown name names the model and the closest column. It
// makes a *Model a query.Columns.
func (m *Model) Column(name string) (string, error) {
	f, err := m.Field(name)
	if err != nil {
		return "", err
	}
	return f.Column, nil
}

// Field returns the field with the given Go field name or column name.
func (m *Model) Field(name string) (*Field, error) {
	if f, ok := m.byName[name]; ok {
		return f, nil
	}
	return nil, &UnknownColumnError{Model: m.Name, Column: name, Suggest: closest(name, m.names)}
}

// Paranoid reports whether the model soft-deletes (has a DeletedAt field).
func (m *Model) Paranoid() bool { return m.DeletedAt != nil }

// ColumnNames returns every column name in field order.
func (m *Model) ColumnNames() []string {
	out := make([]string, len(m.Fields))
	for i, f := range m.Fields {
		out[i] = f.Column
	}
	return out
}

// UniqueKeyIn returns a unique key (or the primary key) whose columns are
// all among cols, or false.
func (m *Model) UniqueKeyIn(cols map[string]bool) ([]string, bool) {
	keys := [][]*Field{m.PrimaryKey}
	for _, u := range m.Uniques {
		keys = append(keys, u.Fields)
	}
outer:
	for _, k := range keys {
		if len(k) == 0 {
			continue
		}
		for _, f := range k {
			if !cols[f.Column] {
				continue outer
			}
		}
		out := make([]string, len(k))
		for i, f := range k {
			out[i] = f.Column
		}
		return out, true
	}
	return nil, false
}

// UnknownColumnError is a name that is neither a field nor a column of a model.
type UnknownColumnError struct {
	Model   string
	Column  string
	Suggest string // the closest column, if any is close
	// Hint, when set, says what the name should look like (an order term
	// with more than a column and its direction).
	Hint string
}

func (e *UnknownColumnError) Error() string {
	s := fmt.Sprintf("unknown column %q for model %s", e.Column, e.Model)
	if e.Column == "" {
		s = "no column named for model " + e.Model // an empty order term, Select()
	}
	if e.Suggest != "" {
		s += fmt.Sprintf(" (did you mean %q?)", e.Suggest)
	}
	if e.Hint != "" {
		s += ": " + e.Hint
	}
	return s
}

// closest returns the name in names nearest to name, if it is close.
func closest(name string, names []string) string { return spell.Suggest(name, names) }
