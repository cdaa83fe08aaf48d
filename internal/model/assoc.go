package model

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unsafe"

	"github.com/strata-orm/strata/internal/query"
	"github.com/strata-orm/strata/schema"
)

// Kind is the kind of an association, as Sequelize names them.
type Kind uint8

// The kinds of association.
const (
	// BelongsTo: the source holds the foreign key (an order belongs to a user).
	BelongsTo Kind = iota + 1
	// HasOne: the target holds the foreign key, one row per source (a user has one profile).
	HasOne
	// HasMany: the target holds the foreign key (a user has many orders).
	HasMany
	// BelongsToMany: a join table holds a key to each side (orders and products through product_orders).
	BelongsToMany
)

// String is the kind as Sequelize names it: belongsTo, hasOne, hasMany, belongsToMany.
func (k Kind) String() string {
	switch k {
	case BelongsTo:
		return "belongsTo"
	case HasOne:
		return "hasOne"
	case HasMany:
		return "hasMany"
	case BelongsToMany:
		return "belongsToMany"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Many reports whether the association loads many rows (hasMany,
// belongsToMany) rather than one.
func (k Kind) Many() bool { return k == HasMany || k == BelongsToMany }

// Association is one association of a model, resolved and checked by the
// Registry: both models, the field that holds the loaded rows and the keys
// that join them. It is only read after the registry is resolved.
type Association struct {
	Kind Kind
	// Name is the association's name: the field of Source that holds the
	// loaded rows ("User", "Orders", "Products"). Include and the
	// association helpers use it.
	Name   string
	Source *Model
	Target *Model
	// Field is Source's field that holds the rows: *Target or Target for
	// belongsTo and hasOne, []Target or []*Target for the others.
	Field Relation
	// ForeignKey is the column that points at the other side: a field of
	// Source (belongsTo), of Target (hasOne, hasMany) or of Through
	// (belongsToMany, pointing at Source).
	ForeignKey *Field
	// SourceKey is the field of Source that ForeignKey points at (hasOne,
	// hasMany, belongsToMany); by default Source's primary key.
	SourceKey *Field
	// TargetKey is the field of Target that the foreign key (belongsTo) or
	// OtherKey (belongsToMany) points at; by default Target's primary key.
	TargetKey *Field
	// OtherKey is the field of Through that points at Target (belongsToMany).
	OtherKey *Field
	// Through is the join model of a belongsToMany: a registered model, or
	// one the registry made for a table name (Implicit).
	Through *Model
	// ThroughField is Target's field that receives the join row when
	// Target rows are loaded through this association (Product.ProductOrder
	// *ProductOrder), or nil.
	ThroughField *Relation
	// OnDelete and OnUpdate are the foreign key's actions; Constraints is
	// false when the association asked for no foreign-key constraint.
	OnDelete, OnUpdate schema.Action
	Constraints        bool
	// ConstraintName is the foreign-key constraint's name when the
	// association gives one (ConstraintName); empty means strata's
	// <table>_<column>_fkey.
	ConstraintName string
	// Scope is a fixed condition on Target rows (Sequelize's scope).
	Scope []query.Cond
	// Inverse is the association declared on the other side over the same
	// keys (Order.User and User.Orders), or nil.
	Inverse *Association
}

// ParentKey is the field of Source whose value matches ChildKey's: the
// foreign key for belongsTo, SourceKey otherwise.
func (a *Association) ParentKey() *Field {
	if a.Kind == BelongsTo {
		return a.ForeignKey
	}
	return a.SourceKey
}

// ChildKey is the field matched against ParentKey: TargetKey of Target
// for belongsTo, ForeignKey of Target for hasOne and hasMany, ForeignKey of
// Through for belongsToMany.
func (a *Association) ChildKey() *Field {
	if a.Kind == BelongsTo {
		return a.TargetKey
	}
	return a.ForeignKey
}

// String is "Order.Products (belongsToMany Product through ProductOrder)".
func (a *Association) String() string {
	s := fmt.Sprintf("%s.%s (%s %s", a.Source.Name, a.Name, a.Kind, a.Target.Name)
	if a.Through != nil {
		s += " through " + a.Through.Table
	}
	return s + ")"
}

// FieldPtr returns a pointer to the association's field in the Source
// struct at base.
func (a *Association) FieldPtr(base unsafe.Pointer) unsafe.Pointer {
	return unsafe.Add(base, a.Field.Offset)
}

// Associator is implemented by models that declare associations, the Go
// form of Sequelize's model.associate = function (models) {…}:
//
//	func (Order) Associate(a *model.Associations) {
//		a.BelongsTo(User{})
//		a.BelongsToMany(Product{}, model.Through(ProductOrder{}))
//	}
//
// The Registry calls it once, when it is resolved, for every registered
// model.
type Associator interface {
	Associate(a *Associations)
}

// Associations collects the associations one model declares in its
// Associate method. Targets are given as values of their model type
// (User{}); nothing is checked until the Registry resolves the whole graph.
type Associations struct {
	source *Model
	specs  []*assocSpec
}

// Model returns the model whose associations these are.
func (a *Associations) Model() *Model { return a.source }

// BelongsTo declares that the model holds a foreign key to target: an
// order belongs to a user (Order.UserID → User.ID, loaded into Order.User).
func (a *Associations) BelongsTo(target any, opts ...AssocOption) {
	a.add(BelongsTo, target, opts)
}

// HasOne declares that target holds a foreign key to the model, one row
// per model row: a user has one profile (Profile.UserID → User.ID, loaded
// into User.Profile).
func (a *Associations) HasOne(target any, opts ...AssocOption) { a.add(HasOne, target, opts) }

// HasMany declares that target rows hold a foreign key to the model: a
// user has many orders (Order.UserID → User.ID, loaded into User.Orders).
func (a *Associations) HasMany(target any, opts ...AssocOption) { a.add(HasMany, target, opts) }

// BelongsToMany declares a many-to-many association through a join table
// (Through is required): an order has many products and a product is in
// many orders (product_orders.orderId → Order.ID, product_orders.productId
// → Product.ID, loaded into Order.Products).
func (a *Associations) BelongsToMany(target any, opts ...AssocOption) {
	a.add(BelongsToMany, target, opts)
}

func (a *Associations) add(k Kind, target any, opts []AssocOption) {
	s := &assocSpec{kind: k, target: target}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o.applyAssoc(s); err != nil && s.err == nil {
			s.err = err
		}
	}
	a.specs = append(a.specs, s)
}

// AssocOption refines an association (As, ForeignKey, Through …). An
// option that cannot apply is an AssociationError when the registry is
// resolved.
type AssocOption interface {
	applyAssoc(s *assocSpec) error
}

// assocOption is an AssocOption given as a function.
type assocOption func(*assocSpec) error

func (f assocOption) applyAssoc(s *assocSpec) error { return f(s) }

type assocSpec struct {
	kind                                                   Kind
	target                                                 any
	as, foreignKey, sourceKey, targetKey, otherKey, thrFld string
	through                                                any
	onDelete, onUpdate                                     *schema.Action
	noConstraints                                          bool
	constraintName                                         string
	scope                                                  []query.Cond
	set                                                    []string // the options given, for misuse errors
	err                                                    error    // the first option that could not apply
}

func (s *assocSpec) mark(name string) { s.set = append(s.set, name) }

// As names the association: the field of the model that holds the loaded
// rows. By default it is the target's name (User) for belongsTo and
// hasOne, its plural (Orders) for hasMany and belongsToMany, or the one
// field that holds the target; As picks the field when that is ambiguous
// (two associations to User: As("Buyer"), As("Seller")).
func As(name string) AssocOption {
	return assocOption(func(s *assocSpec) error { s.as = name; s.mark("As"); return nil })
}

// ForeignKey names the foreign key (a Go field name or a column): on the
// model for belongsTo, on the target for hasOne and hasMany, on the join
// model for belongsToMany. The default is the association's name (for
// belongsTo) or the model's name (otherwise) followed by the key: userId,
// or user_id for underscored models.
func ForeignKey(name string) AssocOption {
	return assocOption(func(s *assocSpec) error { s.foreignKey = name; s.mark("ForeignKey"); return nil })
}

// SourceKey names the model's field the foreign key points at (hasOne,
// hasMany, belongsToMany); the default is the primary key.
func SourceKey(name string) AssocOption {
	return assocOption(func(s *assocSpec) error { s.sourceKey = name; s.mark("SourceKey"); return nil })
}

// TargetKey names the target's field the foreign key points at
// (belongsTo, belongsToMany); the default is the primary key.
func TargetKey(name string) AssocOption {
	return assocOption(func(s *assocSpec) error { s.targetKey = name; s.mark("TargetKey"); return nil })
}

// OtherKey names the join model's field that points at the target
// (belongsToMany); the default is the target's name followed by its key
// (productId).
func OtherKey(name string) AssocOption {
	return assocOption(func(s *assocSpec) error { s.otherKey = name; s.mark("OtherKey"); return nil })
}

// Through gives the join table of a belongsToMany: a registered join model
// (ProductOrder{}), which may carry extra columns such as a quantity; or a
// string naming one, by its Go or Sequelize name ("ProductOrder",
// "product_order") or its table ("product_orders"); or, when no registered
// model answers to the string, the join table's name, for which the
// registry makes a join model with the two keys (its primary key) and
// timestamps (Sequelize's implicit through model). A join model without a
// TableName method gets the table JoinTableName gives (product_orders),
// and a unique key on its two foreign keys.
func Through(joinModelOrTable any) AssocOption {
	return assocOption(func(s *assocSpec) error { s.through = joinModelOrTable; s.mark("Through"); return nil })
}

// ThroughField names the target's field that receives the join row (the
// default is the one field whose type is the join model, if any).
func ThroughField(name string) AssocOption {
	return assocOption(func(s *assocSpec) error { s.thrFld = name; s.mark("ThroughField"); return nil })
}

// OnDelete sets the foreign key's ON DELETE action (CASCADE, SET NULL,
// RESTRICT, NO ACTION, SET DEFAULT). Defaults as Sequelize: SET NULL when
// the key accepts NULL; otherwise CASCADE for hasOne and hasMany, NO
// ACTION for belongsTo; CASCADE for the keys of a join table.
func OnDelete(action schema.Action) AssocOption {
	return assocOption(func(s *assocSpec) error { s.onDelete = &action; s.mark("OnDelete"); return nil })
}

// OnUpdate sets the foreign key's ON UPDATE action; the default is CASCADE.
func OnUpdate(action schema.Action) AssocOption {
	return assocOption(func(s *assocSpec) error { s.onUpdate = &action; s.mark("OnUpdate"); return nil })
}

// Constraints(false) declares no foreign-key constraint for the
// association (Sync creates none and the schema check expects none), as
// needed to break a cycle of foreign keys.
func Constraints(on bool) AssocOption {
	return assocOption(func(s *assocSpec) error { s.noConstraints = !on; s.mark("Constraints"); return nil })
}

// ConstraintName names the foreign-key constraint of the association's
// key (belongsTo, hasOne, hasMany), where the database's name is not
// strata's <table>_<column>_fkey: model:import writes it for a schema it
// did not create (Sakila's fk_address_city). A belongsToMany has two keys:
// name each on the join model's belongsTo.
func ConstraintName(name string) AssocOption {
	return assocOption(func(s *assocSpec) error {
		if strings.TrimSpace(name) == "" {
			return fmt.Errorf("ConstraintName needs a name")
		}
		s.constraintName = name
		s.mark("ConstraintName")
		return nil
	})
}

// Scope fixes a condition on the target rows of the association: loading
// and counting see only the rows that match, and rows created through the
// association get the scope's equalities (Scope(Eq("status", "open"))).
func Scope(conds ...query.Cond) AssocOption {
	return assocOption(func(s *assocSpec) error { s.scope = append(s.scope, conds...); s.mark("Scope"); return nil })
}

// AssociationError is a declared association strata cannot use: an
// unregistered target, a missing field or foreign key, keys of different
// types, two associations with one name. It names the model, the
// association and the fix, and is reported when the registry is resolved
// (strata.New), before any query runs.
type AssociationError struct {
	Model       string // the model that declares the association
	Association string // its name, or "belongsTo User" before it has one
	Msg         string
}

// Error names the model, the association and the fix.
func (e *AssociationError) Error() string {
	return fmt.Sprintf("model %s, association %s: %s", e.Model, e.Association, e.Msg)
}

// targetType returns the struct type of a target given as a value.
func targetType(v any) reflect.Type {
	t := reflect.TypeOf(v)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// ForeignKeyUsers names, for each "table.column", the associations of
// models that use the column as a foreign key ("Order.User"), in the
// order declared, constraint or not; "table." (no column) names the
// belongsToMany associations that go through the join table.
func ForeignKeyUsers(models []*Model) map[string][]string {
	out := map[string][]string{}
	add := func(table, col string, a *Association) {
		k := table + "." + col
		name := a.Source.Name + "." + a.Name
		if !slices.Contains(out[k], name) {
			out[k] = append(out[k], name)
		}
	}
	for _, m := range models {
		for _, a := range m.Associations() {
			switch a.Kind {
			case BelongsTo:
				add(m.Table, a.ForeignKey.Column, a)
			case HasOne, HasMany:
				add(a.Target.Table, a.ForeignKey.Column, a)
			case BelongsToMany:
				add(a.Through.Table, a.ForeignKey.Column, a)
				add(a.Through.Table, a.OtherKey.Column, a)
				add(a.Through.Table, "", a)
			}
		}
	}
	return out
}
