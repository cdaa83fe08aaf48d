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
// (see package model): User is table users, FirstName is column
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
// keys (Sync creates it; model.Registry derives it) it is one INSERT … ON
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
// would select rows (<>, NOT IN), is an error. Package model's "Values
// that do not fit their column" lists the rules.
//
// Speed: on PostgreSQL the statements strata builds run on pgx's own
// connection (with pgx's statement cache), read without database/sql's
// per-row work; on MySQL and SQLite strata keeps the last 64 of them
// prepared (WithStatementCache). BENCHMARKS.md at the repository root
// compares strata with hand-written SQL, sqlx, GORM, Bun and ent.
package strata
