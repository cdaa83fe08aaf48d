package strata

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/model"
	"github.com/strata-orm/strata/internal/query"
)

// DB is a database handle: a *sql.DB, its dialect, the models used with it
// (their metadata computed once per type) and the hooks registered on it.
// It is safe for concurrent use; create one per database and share it.
type DB struct {
	sql    *sql.DB
	d      dialect.Dialect
	owned  bool // Close closes sql
	reg    *model.Registry
	hooks  map[Event][]HookFunc
	qhooks []QueryHook

	feat   atomic.Pointer[dialect.QueryFeatures]
	featMu sync.Mutex
	fixed  *dialect.QueryFeatures // WithFeatures

	metas     sync.Map // *model.Model → *meta
	tableKeys sync.Map // table → [][]string: its live primary and unique keys (liveKeys)
	bufs      sync.Pool

	direct   dialect.Direct // the dialect's direct path; nil when it has none
	noDirect atomic.Bool    // the pool's driver is not the one direct reaches
	stmts    *stmtCache     // prepared statements (WithStatementCache)

	inChunk int // tests: keys per IN list of an include (0: from MaxParams)
}

// Conn is what every strata function runs on: a *DB, or a *Tx inside a
// transaction. Only those two implement it.
type Conn interface {
	// DB returns the database handle.
	DB() *DB
	// Transaction runs fn in a transaction: on a *DB a new one, on a *Tx a
	// savepoint inside it. See DB.Transaction.
	Transaction(ctx context.Context, fn func(tx *Tx) error, opts ...TxOption) error
	runner() runner
	inTx() bool
	txConn() *txConn // the transaction's connection for the direct path; nil on a *DB
}

// runner is *sql.DB or *sql.Tx.
type runner interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// ModelOptions are a model's naming options (Underscored, Freeze), given
// by a method on the model:
//
//	func (ProductOrder) ModelOptions() strata.ModelOptions { return strata.ModelOptions{Underscored: true} }
type ModelOptions = model.Options

// Option configures a DB, given to New or Open: WithModels, WithHook,
// WithQueryHook, WithStatementCache. An option whose argument is wrong
// makes New fail with the option's error.
type Option interface {
	applyDB(db *DB) error
}

// dbOption is an Option given as a function.
type dbOption func(*DB) error

func (f dbOption) applyDB(db *DB) error { return f(db) }

// WithModels registers models (struct values such as User{}): their
// metadata is computed and checked now, so a bad tag fails at start-up,
// and Sync creates their tables. Once every option is applied, New calls
// each registered model's Associate method and checks the association
// graph (see Associations); a broken graph makes New fail.
func WithModels(models ...any) Option {
	return dbOption(func(db *DB) error { return db.reg.Register(models...) })
}

// WithHook registers fn to run at event for every model, after the
// model's own hook method. See Event.
func WithHook(event Event, fn HookFunc) Option {
	return dbOption(func(db *DB) error {
		if fn == nil {
			return fmt.Errorf("strata: WithHook(%s, nil): give a function", event)
		}
		db.hooks[event] = append(db.hooks[event], fn)
		return nil
	})
}

// WithQueryHook registers h to observe every SQL statement strata runs
// (for logging, tracing, counting queries in tests). See SlogHook.
func WithQueryHook(h QueryHook) Option {
	return dbOption(func(db *DB) error {
		if h == nil {
			return fmt.Errorf("strata: WithQueryHook(nil): give a hook")
		}
		db.qhooks = append(db.qhooks, h)
		return nil
	})
}

// New wraps an open *sql.DB for dialect d. Close does not close db.
func New(db *sql.DB, d dialect.Dialect, opts ...Option) (*DB, error) {
	if db == nil || d == nil {
		return nil, errors.New("strata.New: needs an open *sql.DB and its dialect")
	}
	out := &DB{sql: db, d: d, reg: model.NewRegistry(), hooks: map[Event][]HookFunc{}, stmts: newStmtCache(DefaultStatementCache)}
	out.direct, _ = d.(dialect.Direct)
	for i, o := range opts {
		if o == nil {
			return nil, nilOption("New", i)
		}
		if err := o.applyDB(out); err != nil {
			return nil, err
		}
	}
	if err := out.reg.Resolve(); err != nil {
		return nil, fmt.Errorf("strata.New: the models' associations: %w", err)
	}
	if out.fixed != nil {
		out.feat.Store(out.fixed)
	}
	return out, nil
}

// Open connects to the database at url with dialect d (see
// dialect.Dialect.Open) and wraps it; Close closes the connection pool.
// Settings that would let a value become SQL (MySQL's multiStatements and
// interpolateParams) are refused.
func Open(d dialect.Dialect, dsn string, opts ...Option) (*DB, error) {
	if d == nil {
		return nil, errors.New("strata.Open: needs a dialect")
	}
	if err := checkURL(dsn); err != nil {
		return nil, err
	}
	sqlDB, err := d.Open(dsn)
	if err != nil {
		return nil, err
	}
	db, err := New(sqlDB, d, opts...)
	if err != nil {
		sqlDB.Close()
		return nil, err
	}
	db.owned = true
	return db, nil
}

func checkURL(dsn string) error {
	i := strings.IndexByte(dsn, '?')
	if i < 0 {
		return nil
	}
	q, err := url.ParseQuery(dsn[i+1:])
	if err != nil {
		return nil // the dialect reports a malformed URL
	}
	for _, k := range []string{"multiStatements", "interpolateParams"} {
		if v := q.Get(k); v != "" && v != "false" && v != "0" {
			return fmt.Errorf("strata.Open: %s=%s is refused: it lets bound values be spliced into SQL text; remove it from the URL", k, v)
		}
	}
	return nil
}

// Close closes the statements db keeps prepared (WithStatementCache), and
// the connection pool if Open created it.
func (db *DB) Close() error {
	err := db.stmts.close()
	if db.owned {
		return errors.Join(err, db.sql.Close())
	}
	return err
}

// SQL returns the underlying *sql.DB.
func (db *DB) SQL() *sql.DB { return db.sql }

// Dialect returns the database's dialect.
func (db *DB) Dialect() dialect.Dialect { return db.d }

// DB returns db itself, making *DB a Conn.
func (db *DB) DB() *DB { return db }

func (db *DB) runner() runner { return db.sql }

func (db *DB) inTx() bool { return false }

func (db *DB) txConn() *txConn { return nil }

func modelOf[T any](db *DB) (*model.Model, error) {
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("strata: %v is not a model; models are structs: use Find[User], not Find[*User]", t)
	}
	return db.reg.Of(t)
}

// readModelOf is modelOf for reading rows into T, which needs no primary
// key; anonymous accepts an anonymous struct (for hand-written SQL, whose
// rows name no table).
func readModelOf[T any](db *DB, anonymous bool) (*model.Model, error) {
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct || (t.Name() == "" && !anonymous) {
		return modelOf[T](db)
	}
	return db.reg.ForRead(t)
}

// features returns the dialect's query features, asking the dialect once.
func (db *DB) features(ctx context.Context, r runner) (*dialect.QueryFeatures, error) {
	if f := db.feat.Load(); f != nil {
		return f, nil
	}
	db.featMu.Lock()
	defer db.featMu.Unlock()
	if f := db.feat.Load(); f != nil {
		return f, nil
	}
	f := dialect.StandardQueryFeatures()
	if qd, ok := db.d.(dialect.QueryDialect); ok {
		var err error
		if f, err = qd.QueryFeatures(ctx, r); err != nil {
			return nil, dialect.WithContext(ctx, fmt.Errorf("strata: read %s query features: %w", db.d.Name(), err))
		}
	}
	if f.IDStep == 0 {
		f.IDStep = 1
	}
	db.feat.Store(&f)
	return &f, nil
}

// builder returns a pooled statement builder.
func (db *DB) builder(f *dialect.QueryFeatures) *query.Builder {
	if b, ok := db.bufs.Get().(*query.Builder); ok {
		b.F = f
		return b
	}
	return query.NewBuilder(db.d, f)
}
