package dialect

import (
	"context"
	"database/sql"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/schema"
)

// Stmt is one SQL statement and its bind arguments.
type Stmt struct {
	SQL  string
	Args []any
	// NoTx marks a statement that cannot run inside a transaction (such as
	// PostgreSQL's CREATE INDEX CONCURRENTLY or SQLite's PRAGMA foreign_keys).
	NoTx bool
	// Session marks a statement that must run inside the dialect's
	// DDLSession (SQLite: a step of a table rebuild, which needs foreign
	// keys off). ExecAll opens the session only when a statement asks for
	// it, so other statements keep the database's usual behaviour (SQLite:
	// ON DELETE CASCADE when a bulk delete removes a parent row).
	Session bool
	// Guard, when set, makes the statement a check of the data that runs
	// as a query (CheckGuard): it counts the rows the statements after it
	// would lose, and any stops them. It changes nothing.
	Guard *Guard
}

// Querier reads rows: *sql.DB, *sql.Tx and *sql.Conn all are.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Execer runs statements: *sql.DB, *sql.Tx and *sql.Conn all are.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Dialect is one database's SQL.
type Dialect interface {
	// Name is "postgres", "mysql" or "sqlite": the key of RawOp variants.
	Name() string
	// Open connects to a database given by URL (postgres://…, mysql://…,
	// sqlite:path), with the session settings strata relies on.
	Open(url string) (*sql.DB, error)

	// Quote quotes an identifier, doubling any quote character inside it.
	Quote(ident string) string
	// Placeholder is the n-th (1-based) bind placeholder: $1 or ?.
	Placeholder(n int) string
	// MaxIdentLen is the longest identifier allowed; 0 means no limit.
	MaxIdentLen() int
	// MaxParams is the most bind parameters one statement may carry.
	MaxParams() int
	// TransactionalDDL reports whether DDL runs inside transactions
	// (PostgreSQL, SQLite) rather than committing itself (MySQL).
	TransactionalDDL() bool

	// ColumnType is the SQL type for t, or an error naming what this
	// database lacks (ARRAY on MySQL).
	ColumnType(t schema.Type) (string, error)
	// Render returns the statements that perform op, given the schema as it
	// is before op. It checks the op against that schema first (Apply on a
	// copy), so bad input is an error before any SQL exists.
	Render(op ddl.Op, before *schema.Database) ([]Stmt, error)
	// Inspect reads the live schema: every table of the current database or
	// schema, with columns, keys, indexes, foreign keys and checks. Tables
	// whose names are in skip are left out.
	Inspect(ctx context.Context, q Querier, skip ...string) (*schema.Database, error)
	// Canonical returns a copy of db in the form this database stores and
	// reads back (UUID as CHAR(36) on MySQL, no comments on SQLite …),
	// normalized, so that Canonical(offline) equals Canonical(Inspect(live)).
	Canonical(db *schema.Database) *schema.Database

	// Classify recognises a database error; it returns nil for errors that
	// are not from the database (or not recognised).
	Classify(err error) *Error
}

// Admin creates and drops whole databases (db:create, db:drop, tests).
type Admin interface {
	// CreateDatabase creates the database url names. For SQLite it creates
	// the file.
	CreateDatabase(ctx context.Context, url string) error
	// DropDatabase drops the database url names, if it exists. For SQLite it
	// removes the file.
	DropDatabase(ctx context.Context, url string) error
	// DatabaseURL returns a URL for the database called name on the server
	// that serverURL points at. For SQLite, name is a file path.
	DatabaseURL(serverURL, name string) (string, error)
}

// DDLSession is implemented by dialects that must prepare the connection
// around a transaction that changes the schema. SQLite turns foreign keys
// off for it, so that rebuilding a table neither cascades deletes nor loses
// rows, and checks every foreign key before the commit. ExecAll uses it for
// a list of statements of which at least one is marked Session.
type DDLSession interface {
	// BeginDDL runs on the connection before the transaction begins.
	BeginDDL(ctx context.Context, conn *sql.Conn) error
	// CheckDDL runs inside the transaction before it commits; an error
	// rolls the transaction back.
	CheckDDL(ctx context.Context, tx *sql.Tx) error
	// EndDDL runs on the connection after the commit or rollback.
	EndDDL(ctx context.Context, conn *sql.Conn) error
}
