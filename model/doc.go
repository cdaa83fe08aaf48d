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
//   - ID (or a field whose column is id, such as Id) is the primary key,
//     auto-incremented when an integer;
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
//
// # Values that do not fit their column
//
// strata knows each field's column type, so it checks every value it
// writes against that type before any SQL runs (Model.Fit, Field.Fits),
// the same way on every database: a value that does not fit is a
// FieldError, which strata returns in a *ValidationError naming the field,
// the rule and what fits, never something one database stores, another
// changes and a third refuses. No number is truncated, wrapped or rounded
// to a DECIMAL's scale, no string cut to its column. Every write path
// checks: Create, BulkCreate, Save, Update, Upsert, a query's Update and
// Increment (the values of its Fields), the join rows of Through and of
// create with associations; the values are checked with the model's
// validations, so what a BeforeCreate, BeforeUpdate or BeforeSave hook
// sets later is the database's to refuse. The rules (the FieldError's Rule
// in quotes):
//
//   - SMALLINT, INTEGER, BIGINT hold -2^15 … 2^15-1, -2^31 … 2^31-1 and
//     -2^63 … 2^63-1, whatever the Go type ("range"; a uint64 above 2^63-1
//     fits no column). The column's type is the model's: a Go int is an
//     INTEGER, so a column that is a BIGINT needs an int64 field (or a
//     type=BIGINT tag) to be written values beyond 32 bits. A float must
//     be whole, a string a whole number ("number").
//   - DECIMAL(p,s) holds at most p-s digits before the point ("range") and
//     s after it ("scale": 1.005 into DECIMAL(10,2) is refused, not rounded
//     to 1.00 on one database and 1.01 on another; trailing zeros are
//     fine). A string must be a number ("number": not "abc", "", "NaN").
//     SQLite keeps a DECIMAL as a double: a value with more than 15
//     significant digits (an integer that fits an int64 aside) is refused
//     there ("precision"), as it would be changed; what it keeps reads
//     back into a string as written, with the column's scale (the double
//     rounded to those 15 digits, not 99999999999999.90625 for
//     99999999999999.9).
//   - FLOAT, DOUBLE and DECIMAL take finite numbers only: NaN and ±Inf are
//     refused ("number"). FLOAT is single precision: a float64 beyond
//     ±3.4e38, or so small it would become 0, is refused ("range"), and
//     any other is written rounded to single precision on every database
//     (SQLite would keep the double). A float -0 is written as 0 into
//     FLOAT and DOUBLE on every database (MySQL and SQLite keep 0 for it,
//     PostgreSQL would keep -0), so it reads back as 0 everywhere.
//   - STRING(n) and CHAR(n) hold n characters (not bytes; "len"); TEXT and
//     BLOB hold what the database does: 65,535 bytes on MySQL, no limit
//     strata checks elsewhere ("len"). Text must be valid UTF-8 without NUL
//     characters, which PostgreSQL refuses and SQLite keeps ("text"). CHAR
//     reads back without trailing spaces on every database.
//   - UUID takes 8-4-4-4-12 hex digits ("uuid"), written in lower case as
//     PostgreSQL keeps it; ENUM one of its values ("oneof"); JSON and
//     JSONB valid JSON, and JSONB no \u0000, which PostgreSQL refuses
//     ("json").
//   - DATE and DATEONLY take the years 1 to 9999 (UTC), the zero
//     time.Time (0001-01-01 00:00:00 UTC) included, which reads back as
//     itself on every database (use a *time.Time for NULL): beyond them
//     is "range"; DATEONLY a time at midnight UTC ("date": the time of day would
//     be dropped by two databases and kept by the third). Text for a
//     DATE or DATEONLY (a string field, a value of a Fields map) must be a
//     time as 2006-01-02, 2006-01-02 15:04:05.999999 (UTC) or RFC 3339,
//     and is written as that instant; anything else is refused ("date":
//     SQLite would keep year 10000 as text no row of the table could be
//     read back with).
//   - TIME takes a time of day in whole seconds, 00:00:00 to 23:59:59 (a
//     string "15:04:05", or a time.Time, whose time of day in UTC is
//     written and which reads back on 0000-01-01, as time.Parse gives;
//     "time").
//
// NULL (a nil pointer, an invalid sql.Null*) fits every column; NOT NULL
// is the database's to check, as is a field an insert leaves to the
// database (one that is not set, Field.Unset: NULL, or a zero
// auto-increment key).
// A value the database computes (col = col + n in Increment) is checked
// when it is computed: a sum past the column's range is a *DatabaseError
// of kind dialect.ErrOutOfRange on every database (SQLite, whose integer
// columns all hold 64 bits, is given the column's range in the statement;
// see dialect.QueryFeatures.IntOverflow). Hand-written SQL is the
// database's: what PostgreSQL and MySQL refuse is ErrOutOfRange or, for a
// text the column's type cannot read, dialect.ErrBadValue.
//
// Conditions compare a column with a value converted the same way
// (Operand), and never select more rows than the database would: an
// integer within 64 bits is compared by the database whatever the model's
// type (the live column may be wider, a BIGINT read into an int; on
// PostgreSQL it is sent as a BIGINT), and one beyond 64 bits, which no
// integer column holds, is settled without it (= matches no row, < every
// row that is not NULL). A string that is not a UUID compared with a UUID
// column, or a value the model's ENUM does not list, matches no row with
// = and IN; where leaving it out would select rows instead (<>, NOT IN,
// under a Not) it is an error, since the live column may hold it. A value
// that cannot be compared (a fraction or "abc" with an integer column,
// NaN) is an error, on every database.
//
// A value of another kind than its column's (what a where map decoded
// from JSON holds: float64, bool, json.Number) is converted only where
// that is exact (1.0 or "42" for an integer, 0 and 1 for a BOOLEAN, RFC
// 3339 text for a DATE) and is otherwise a *query.ValueError naming the
// column and what to compare it with: a number with a text column (MySQL
// reads 'abc' = 0 as true), a bool with anything but a BOOLEAN, anything
// but a []byte with a BLOB, anything but nil with a JSON column. LIKE
// takes a text pattern on a STRING, CHAR or TEXT column only (Pattern).
package model
