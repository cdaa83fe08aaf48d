// Package strata is the runtime of strata, Sequelize for Go: models are
// plain structs, queries are typed and take a context, and every value is
// bound, never spliced into SQL.
//
// Open a database (or wrap a *sql.DB with New) with its dialect and the
// models it uses:
//
//	db, err := strata.Open(sqlitedialect.New(), "sqlite:shop.db", strata.WithModels(User{}, Order{}))
//
// A model is a struct; conventions follow Sequelize and model:generate
// (see Models below): User is table users, FirstName is column
// firstName, ID is an auto-increment primary key, CreatedAt and UpdatedAt
// are kept by strata, DeletedAt makes soft deletes, pointers are nullable.
//
//	type User struct {
//		ID        int
//		Email     string  `strata:",unique" validate:"required,email"`
//		FirstName *string `validate:"len=1..100"`
//		CreatedAt time.Time
//		UpdatedAt time.Time
//	}
//
// Queries start with Find and end with a finisher:
//
//	u, err := strata.Find[User](db).Where(strata.Eq("email", email)).One(ctx)
//	page, total, err := strata.Find[User](db).Order("lastName DESC").Limit(20).FindAndCountAll(ctx)
//	n, err := strata.Find[User](db).Where(strata.Lt("age", 18)).Destroy(ctx)
//
// Column names in conditions, orders and selections are checked against
// the model (an unknown name is an error naming the closest column); a
// Fields map decoded from JSON can only ever mean equality, IN or IS NULL.
//
// Counts from user input cannot widen a query either: a negative Limit or
// Offset (and a LimitPer below 1) is a *LimitError before any SQL, never
// "no limit"; Limit(0) reads no row, and NoLimit removes a limit set
// before.
//
// Writes: Create, BulkCreate, Save, Update (the named fields, zero values
// included), Upsert, Increment, Decrement, Destroy (soft for paranoid
// models), Restore; hand-written SQL: RawAll, RawOne, Exec with ?
// placeholders.
//
// Hand-written SQL is lexed as its database lexes it (MySQL executable
// comments, -- rules, PostgreSQL dollar quotes and nested comments,
// SQLite's [names]), so strata binds exactly the ? the server reads as
// parameters; ?? is PostgreSQL's ? operator; anything it cannot bind as
// the server reads it matches ErrRawSQL before any SQL (see RawAll).
//
// Not set. One rule decides what an INSERT writes, the same for Create,
// BulkCreate, Save, Upsert, FindOrCreate, the association helpers' Create
// and Add, and Create WithAssociations: a field that holds NULL in Go (a
// nil pointer or slice, an sql.Null* that is not Valid) is not set, so it
// is left out of the INSERT, the database applies the column's default
// (or NULL), and the value stored is read back into the struct; a zero
// auto-increment key is left out the same way and numbered by the
// database. Every other value is written exactly as it is, zero included:
// a field Active bool tagged default=true created as false is stored
// false. A column with a default that a caller may leave unset is
// therefore a pointer field (Stock *int tagged default=10), which is what
// model:generate writes for every nullable or defaulted column. For the
// values of a map (Through, Fields), a key that is absent is not set and
// a key present is written, nil as NULL (a NOT NULL column refuses it:
// leave the key out for its default). Update and the query-level Update
// write what they are given: nil is NULL. Upsert inserts by this rule, so
// on a collision a field that is not set keeps the stored value; a field
// named in UpdateOnly is written whatever it holds, nil as NULL.
//
// Associations are declared by the models, the Go form of Sequelize's
// model.associate: a field holds the associated rows and a method names
// the association's kind (see Associations):
//
//	type Order struct {
//		ID       int
//		UserID   *int
//		User     *User
//		Products []Product
//	}
//
//	func (Order) Associate(a *strata.Associations) {
//		a.BelongsTo(User{})
//		a.BelongsToMany(Product{}, strata.Through(ProductOrder{}))
//	}
//
// New resolves and checks every model's associations, so a broken graph
// fails at start-up. Include loads them, one query per level (never one
// per row), with Where, Required, Attributes, Order, LimitPer, Paranoid,
// ThroughWhere and Join options; Limit and Offset always count the query's
// own rows:
//
//	users, err := strata.Find[User](db).Include("Orders.Products").Limit(10).All(ctx)
//
// Typed handles are Sequelize's association mixins (getX, setX, addX,
// removeX, hasX, countX, createX):
//
//	var orderProducts = strata.BelongsToMany[Order, Product]("Products")
//	err := orderProducts.Through(strata.Fields{"quantity": 3}).AddKeys(ctx, db, &order, productID)
//
// An Add never duplicates a join row, however many callers add the same
// target at once: on the unique key a join table has on its two foreign
// keys (Sync creates it; New derives it) it is one INSERT … ON
// CONFLICT / ON DUPLICATE KEY UPDATE, and on a join table without that
// key (CheckSchema names the migration to add it) strata's own writers
// still never duplicate. Every association writer locks the rows it
// touches first, parents before the rows pointing at them and by key, so
// concurrent Adds, Removes and Sets do not deadlock and Sets of one row
// run one after the other.
//
// Create with WithAssociations creates a row and the rows its association
// fields hold in one transaction. DB.CheckSchema compares the models and
// their associations with the live database and names the migration each
// difference needs.
//
// Every function takes a Conn: a *DB, or the *Tx of a Transaction, which
// commits when its function returns nil and rolls back on an error or a
// panic; a Transaction inside a Transaction is a savepoint.
// db.Transaction(ctx, fn, strata.Retry(3)) runs fn again when the
// transaction lost a deadlock or serialization race (errors.Is
// ErrDeadlock or ErrSerialization), after a short random wait; fn must be
// safe to run again.
//
// Errors are typed as Sequelize names them and are the same on every
// database: *ValidationError, *UniqueConstraintError,
// *ForeignKeyConstraintError, *NotNullError, *EmptyResultError (matching
// ErrNotFound), *OptimisticLockError and *DatabaseError, which wraps the
// driver's error and carries the SQL.
//
// A call whose context ends (while connecting, running a statement,
// between the statements of a transaction, at COMMIT) returns an error
// that errors.Is matches with the context's error (context.Canceled or
// context.DeadlineExceeded) on every database, whatever the driver said
// (a *dialect.ContextError holding both; before COMMIT it says the
// transaction was rolled back, while COMMIT was on its way it matches
// ErrCommitOutcomeUnknown). The statement stops on the server too:
// pgx cancels it on PostgreSQL, strata kills it on MySQL and MariaDB
// (KILL CONNECTION), SQLite is interrupted.
//
// Every write checks each value against its column type before any SQL:
// one that does not fit (an integer beyond its column's range, more
// digits than a DECIMAL's precision or scale, NaN, a string longer than
// its column, a value an ENUM does not list …) is a *ValidationError
// whose FieldError names the field, the rule and what fits, the same on
// every database; nothing is rounded, truncated or wrapped. Conditions
// never select more rows than the database would: an integer within 64
// bits is compared by the database even beyond the model's type (the
// live column may be a BIGINT), and a value that cannot be compared, or
// one the model's UUID or ENUM column cannot hold where leaving it out
// would select rows (<>, NOT IN), is an error. "Values that do not
// fit their column" below lists the rules.
//
// Speed: on PostgreSQL the statements strata builds run on pgx's own
// connection (with pgx's statement cache), read without database/sql's
// per-row work; on MySQL and SQLite strata keeps the last 64 of them
// prepared (WithStatementCache). BENCHMARKS.md at the repository root
// compares strata with hand-written SQL, sqlx, GORM, Bun and ent.
//
// # Models
//
// Conventions, as Sequelize and model:generate have them:
//
//   - the table is the plural of the lowerCamel type name (User → users,
//     UserProfile → userProfiles), but a join model's is snake_case
//     (ProductOrder → product_orders, JoinTableName), as the seed's
//     migration and Sequelize users name join tables; a TableName() string
//     method overrides either, and a ModelOptions() strata.ModelOptions method sets
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
// default= takes NOW, UUIDV4, a quoted string, a number or boolean, or an
// SQL expression in parentheses (default=(CURRENT_DATE)); onupdate=now is
// MySQL's ON UPDATE CURRENT_TIMESTAMP, collate=utf8mb4_bin the column's
// collation (what model:import writes for a schema strata did not make).
//
// and the validate tag declares validations (required, len=1..100, min=…, max=…, email, url, oneof=a b c; a Validator adds custom ones). Fields whose type
// is another struct (or a pointer or slice of them) are relations, not
// columns: the fields that hold associated rows.
//
// A model declares its associations in an Associate method (see Associations),
// the Go form of Sequelize's model.associate; New (strata's
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
// # Values that do not fit their column
//
// strata knows each field's column type, so it checks every value it
// writes against that type before any SQL runs,
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
// database (one that is not set: NULL, or a zero
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
// and never select more rows than the database would: an
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
// 3339 text for a DATE) and is otherwise a *ValueError naming the
// column and what to compare it with: a number with a text column (MySQL
// reads 'abc' = 0 as true), a bool with anything but a BOOLEAN, anything
// but a []byte with a BLOB, anything but nil with a JSON column. LIKE
// takes a text pattern on a STRING, CHAR or TEXT column only.
package strata
