package strata

import (
	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/schema"
)

// Associations is what a model's Associate method declares its
// associations on, the Go form of Sequelize's
// model.associate = function (models) {…}:
//
//	type Order struct {
//		ID       int
//		UserID   *int
//		User     *User     // belongsTo: loaded by Include("User")
//		Products []Product // belongsToMany: loaded by Include("Products")
//	}
//
//	func (Order) Associate(a *strata.Associations) {
//		a.BelongsTo(User{})
//		a.BelongsToMany(Product{}, strata.Through(ProductOrder{}))
//	}
//
// An association's name is the field that holds its rows (User, Orders,
// Products); by default the field named after the target (plural for
// hasMany and belongsToMany), or the one field of the target's type.
// Foreign keys default as in Sequelize v7: an order belongsTo a user
// through Order.UserID (column userId, user_id when underscored); a user
// hasMany orders through the same field; an order belongsToMany products
// through product_orders.orderId and product_orders.productId. Each key is
// a field of the model that holds it, so the compiler knows it.
//
// strata.New calls Associate on every model given to WithModels and checks
// the whole graph: targets and join models registered, key fields present
// with types that match, names unique, inverse pairs (Order.User and
// User.Orders) agreeing on keys and actions. A broken graph fails there,
// with an *AssociationError naming the model, the association and
// the fix.
//
// Its methods, each taking a target model value and AssocOptions:
// BelongsTo (the model holds the foreign key: Order.UserID → User.ID),
// HasOne and HasMany (the target holds it: Order.UserID → User.ID, loaded
// into User.Profile or User.Orders) and BelongsToMany (through a join
// table, Through required).
type Associations = model.Associations

// AssocOption refines an association: As, ForeignKey, SourceKey,
// TargetKey, OtherKey, Through, ThroughField, OnDelete, OnUpdate,
// Constraints, ConstraintName, Scope.
type AssocOption = model.AssocOption

// AssociationError is an association strata cannot use, reported by New:
// an unregistered target, a missing field or foreign key, keys of
// different types, two associations with one name. Its fields are Model
// (the model that declares it), Association (its name) and Msg.
type AssociationError = model.AssociationError

// As names the association: the field of the model that holds the loaded
// rows, when the default is ambiguous (two associations to User:
// As("Buyer"), As("Seller")) or for a self-association (As("Manager")).
func As(field string) AssocOption { return model.As(field) }

// ForeignKey names the foreign-key field (Go name or column): on the model
// for belongsTo, on the target for hasOne and hasMany, on the join model
// for belongsToMany (the key pointing at the model).
func ForeignKey(field string) AssocOption { return model.ForeignKey(field) }

// SourceKey names the model's field that the foreign key points at
// (hasOne, hasMany, belongsToMany); the default is the primary key.
func SourceKey(field string) AssocOption { return model.SourceKey(field) }

// TargetKey names the target's field that the foreign key points at
// (belongsTo, belongsToMany); the default is the primary key.
func TargetKey(field string) AssocOption { return model.TargetKey(field) }

// OtherKey names the join model's field that points at the target of a
// belongsToMany (default: the target's name and key, productId).
func OtherKey(field string) AssocOption { return model.OtherKey(field) }

// Through gives the join table of a belongsToMany: a registered join model
// (ProductOrder{}), which may carry extra columns such as a quantity, or a
// table name ("product_orders"), for which strata makes a join model with
// the two keys (together the primary key) and timestamps.
//
// When the target has a field of the join model's type (Product.ProductOrder
// *ProductOrder), each target row loaded through the association gets its
// join row there: order.Products[i].ProductOrder.Quantity.
func Through(joinModelOrTable any) AssocOption { return model.Through(joinModelOrTable) }

// ThroughField names the target's field that receives the join row, when
// it has several of the join model's type.
func ThroughField(field string) AssocOption { return model.ThroughField(field) }

// OnDelete sets the foreign key's ON DELETE action, one of schema's
// actions (the ones a migration's ddl.Column(…).References(…).OnDelete
// takes): schema.Cascade, schema.SetNull, schema.Restrict,
// schema.NoAction or schema.SetDefault, as in
// a.HasMany(Order{}, strata.OnDelete(schema.Cascade)). Defaults as
// Sequelize: SET NULL when the key can be NULL; otherwise CASCADE for
// hasOne and hasMany and NO ACTION for belongsTo; CASCADE for the keys of
// a join table. Any other action makes New fail.
func OnDelete(action schema.Action) AssocOption { return model.OnDelete(action) }

// OnUpdate sets the foreign key's ON UPDATE action, as OnDelete (default
// CASCADE).
func OnUpdate(action schema.Action) AssocOption { return model.OnUpdate(action) }

// Constraints(false) declares no foreign-key constraint for the
// association: Sync creates none and CheckSchema expects none (to break a
// cycle of foreign keys).
func Constraints(on bool) AssocOption { return model.Constraints(on) }

// ConstraintName names the foreign-key constraint of the association's
// key where it is not strata's <table>_<column>_fkey (a schema strata did
// not create: a.BelongsTo(City{}, strata.ConstraintName("fk_address_city"))).
// A belongsToMany's two keys are named on the join model's belongsTo.
func ConstraintName(name string) AssocOption { return model.ConstraintName(name) }

// Scope fixes a condition on the association's target rows: Include, Get
// and Count see only rows that match, and rows created through the
// association get its equalities (Scope(Eq("status", "open"))).
func Scope(conds ...Cond) AssocOption { return model.Scope(conds...) }
