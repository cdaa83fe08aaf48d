package migrate

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/strata-orm/strata/dialect"
)

// DefaultLockTimeout is how long a run waits for another run's lock.
const DefaultLockTimeout = 60 * time.Second

// Migrator runs one project's migrations against one database. Build it
// with New. It is safe for concurrent use: runs, in this process or in
// others, wait for each other on the migration lock (the observer may then
// be called from several goroutines).
type Migrator struct {
	db              *sql.DB
	d               dialect.Dialect
	table           string
	lockTimeout     time.Duration
	allowOutOfOrder bool
	allowMissing    bool
	ignoreChecksums bool
	observer        func(Event)
	migrations      []*migration // ordered by name
	byName          map[string]*migration
	ranBy           string
}

// Option configures a Migrator.
type Option func(*config) error

type config struct {
	table           string
	lockTimeout     time.Duration
	allowOutOfOrder bool
	allowMissing    bool
	ignoreChecksums bool
	observer        func(Event)
	regs            []Registry
	dirs            []fsSource
}

// WithGo adds the Go migrations of r.
func WithGo(r Registry) Option {
	return func(c *config) error {
		c.regs = append(c.regs, r)
		return nil
	}
}

// WithFS adds the .sql migrations in directory dir of fsys: an os.DirFS or
// an embed.FS. Files directly in dir whose names end in .sql are
// migrations; other files and subdirectories are ignored.
func WithFS(fsys fs.FS, dir string) Option {
	return func(c *config) error {
		if fsys == nil {
			return errors.New("WithFS: the file system is nil; pass os.DirFS(path) or an embed.FS")
		}
		c.dirs = append(c.dirs, fsSource{fsys: fsys, dir: dir})
		return nil
	}
}

// WithTable sets the state table's name (default SequelizeMeta). The
// migration lock is named after it, so two histories in one database, each
// with its own table, do not wait for each other.
func WithTable(name string) Option {
	return func(c *config) error {
		if strings.TrimSpace(name) == "" {
			return errors.New("WithTable: the table name is empty")
		}
		c.table = name
		return nil
	}
}

// WithLockTimeout sets how long a run waits for the migration lock while
// another run holds it (default 60s).
func WithLockTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("WithLockTimeout: %s is not a positive duration", d)
		}
		c.lockTimeout = d
		return nil
	}
}

// WithAllowOutOfOrder lets Up apply a pending migration that sorts before
// an applied one that was applied without it (one merged from a branch
// late), instead of refusing. Its order of application is recorded, so
// Undo reverts it first. Migrations left pending on purpose (see Only)
// need no such option.
func WithAllowOutOfOrder() Option {
	return func(c *config) error {
		c.allowOutOfOrder = true
		return nil
	}
}

// WithAllowMissing lets runs go on when the state table records migrations
// that are not defined here (the database is ahead of this code, or a file
// was deleted), instead of refusing.
func WithAllowMissing() Option {
	return func(c *config) error {
		c.allowMissing = true
		return nil
	}
}

// WithIgnoreChecksums lets runs go on when an applied migration was edited
// since, instead of refusing. Seeders want it: their rows often hold
// time.Now(), so their checksum changes from one run to the next. Status
// still reports the edit.
func WithIgnoreChecksums() Option {
	return func(c *config) error {
		c.ignoreChecksums = true
		return nil
	}
}

// WithObserver calls f with every Event of every run, synchronously, in the
// goroutine that runs the migrations.
func WithObserver(f func(Event)) Option {
	return func(c *config) error {
		if f == nil {
			return errors.New("WithObserver: the function is nil")
		}
		c.observer = f
		return nil
	}
}

// New returns a Migrator for the database db speaks through dialect d. It
// loads and checks every migration now: invalid names, malformed SQL files,
// Change forms that cannot be reversed and names defined twice are errors
// here, before any database work. Nothing touches the database until a
// method is called.
func New(db *sql.DB, d dialect.Dialect, opts ...Option) (*Migrator, error) {
	if db == nil {
		return nil, errors.New("migrate: New: db is nil")
	}
	if d == nil {
		return nil, errors.New("migrate: New: dialect is nil; pass the dialect of db (pgdialect, mysqldialect or sqlitedialect)")
	}
	c := config{table: DefaultTable, lockTimeout: DefaultLockTimeout}
	for _, o := range opts {
		if err := o(&c); err != nil {
			return nil, fmt.Errorf("migrate: %w", err)
		}
	}
	ms, err := collect(c.regs, c.dirs, flavorOf(d))
	if err != nil {
		return nil, err
	}
	host, _ := os.Hostname()
	m := &Migrator{
		db: db, d: d, table: c.table, lockTimeout: c.lockTimeout,
		allowOutOfOrder: c.allowOutOfOrder, allowMissing: c.allowMissing, ignoreChecksums: c.ignoreChecksums, observer: c.observer,
		migrations: ms, byName: map[string]*migration{},
		ranBy: fmt.Sprintf("%s/%d", host, os.Getpid()),
	}
	for _, mig := range ms {
		m.byName[mig.name] = mig
	}
	return m, nil
}

func (m *Migrator) emit(e Event) {
	if m.observer != nil {
		m.observer(e)
	}
}

// RunOption narrows what Up, Undo and Plan do.
type RunOption func(*runConfig)

type runConfig struct {
	to, only, from string
	all            bool
}

// To stops at the named migration, inclusive: Up applies the pending
// migrations up to it; UndoAll reverts, last applied first, down to it.
func To(name string) RunOption { return func(c *runConfig) { c.to = name } }

// From starts after the named migration, exclusive: Up applies only the
// pending migrations whose names sort after it (sequelize-cli's --from).
func From(name string) RunOption { return func(c *runConfig) { c.from = name } }

// Only runs the named migration alone: Up applies it (it must be pending),
// Undo reverts it (it must be applied), whatever its place in the history.
// That is on purpose, so it is not out of order: Up records the older
// pending migrations it leaves behind in the applied row (so does From),
// Undo records the undone one in the rows of those applied after it, and a
// later Up applies them without WithAllowOutOfOrder. A migration that
// appears only later and sorts before an applied one is still out of order.
func Only(name string) RunOption { return func(c *runConfig) { c.only = name } }

// All makes Undo revert every applied migration (as UndoAll does).
func All() RunOption { return func(c *runConfig) { c.all = true } }

func (m *Migrator) runOptions(opts []RunOption) (runConfig, error) {
	var c runConfig
	for _, o := range opts {
		o(&c)
	}
	if c.to != "" && c.only != "" {
		return c, errors.New("migrate: To and Only together; give one")
	}
	if c.only != "" && c.all {
		return c, errors.New("migrate: Only and All together; give one")
	}
	if c.only != "" && c.from != "" {
		return c, errors.New("migrate: From and Only together; give one")
	}
	if c.from != "" && c.to != "" && c.to <= c.from {
		return c, fmt.Errorf("migrate: To %s is not after From %s, so nothing would run", c.to, c.from)
	}
	for _, name := range []string{c.to, c.only, c.from} {
		if name != "" && m.byName[name] == nil {
			return c, m.unknown(name)
		}
	}
	return c, nil
}

func (m *Migrator) unknown(name string) error {
	var near []string
	for _, mig := range m.migrations {
		if strings.Contains(mig.name, name) || (len(name) >= len(nameLayout) && strings.HasPrefix(mig.name, name[:len(nameLayout)])) {
			near = append(near, mig.name)
		}
	}
	msg := fmt.Sprintf("migrate: %s: %v", name, ErrUnknown)
	if len(near) > 0 {
		msg += "; did you mean " + strings.Join(near, " or ") + "?"
	} else {
		msg += fmt.Sprintf(" (%d migrations are defined)", len(m.migrations))
	}
	return &unknownError{msg: msg}
}

type unknownError struct{ msg string }

func (e *unknownError) Error() string { return e.msg }
func (e *unknownError) Unwrap() error { return ErrUnknown }
