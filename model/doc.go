// Package model turns Go structs into strata models: the table, the
// columns, the keys and the special fields of a struct type, computed once
// per type and cached in a Registry.
//
// Conventions, as Sequelize and model:generate have them:
//
//   - the table is the plural of the lowerCamel type name (User → users,
//     UserProfile → userProfiles), but a join model's is snake_case
//     (ProductOrder → product_orders, JoinTableName), as the seed's
//     migration and Sequelize users name join tables; a TableName() string
//     method overrides either, and a ModelOptions() Options method sets
//     Underscored (user_profiles, first_name) and Freeze (no
//     pluralization);
//   - columns are the lowerCamel field names (FirstName → firstName,
//     UserID → userId), or snake_case when underscored;
//   - ID is the primary key, auto-incremented when an integer;
//   - CreatedAt and UpdatedAt (time.Time) are kept by strata; DeletedAt
//     (*time.Time or sql.NullTime) makes the model paranoid (soft delete);
//     a field tagged version is an optimistic lock;
//   - columns accept NULL unless tagged notnull (Sequelize's allowNull
//     defaults to true), except the primary key and time.Time timestamps;
//     a pointer or sql.Null* field reads and writes NULL as nil / invalid,
//     any other field reads NULL as its zero value and writes its value
//     (a zero value is written as zero, never as NULL).
//
// The strata tag refines a field:
//
//	strata:"column_name,pk,autoincrement,unique,unique=group,notnull,null,default=…,size=100,type=DECIMAL(10,2),version"
//	strata:"-"   (not a column)
//
// and the validate tag declares validations (see Rule). Fields whose type
// is another struct (or a pointer or slice of them) are relations, not
// columns: the fields that hold associated rows.
//
// A model declares its associations in an Associate method (Associator),
// the Go form of Sequelize's model.associate; the Registry (strata's
// models/index.js) calls it for every registered model when it is
// resolved, fills in Sequelize's defaults (names, foreign keys, ON DELETE
// and ON UPDATE actions) and checks the whole graph, so a broken graph is
// an *AssociationError naming the model, the association and the fix.
// The resolved graph also gives each table its foreign keys, and each
// join model a unique key on its two foreign keys (one join row per pair,
// as Sequelize's through tables have; the implicit join model's primary
// key is that pair). Through takes a join model (ProductOrder{}) or a
// string: the name of a registered join model, as Go or Sequelize writes
// it ("ProductOrder", "product_order"), or its table ("product_orders");
// for a string no registered model answers to, the registry makes a join
// model whose table is that string, as Sequelize does.
//
// The package does no I/O and writes no SQL: CreateTable and Schema give
// the model's table as ddl and schema values.
package model
