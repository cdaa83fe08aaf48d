package migrate

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/strata-orm/strata/lint"
)

// Option configures a Migrator: pass options to New. An option that
// cannot be applied (WithTable(""), say) makes New fail with an
// *OptionError before anything else happens.
type Option interface {
	apply(*config) error
}

// optionFunc is an Option made of a function.
type optionFunc func(*config) error

func (f optionFunc) apply(c *config) error { return f(c) }

// OptionError is an option New could not apply: which one, and why.
type OptionError struct {
	Option string // the function that made it, e.g. "WithTable"
	Err    error
}

// Error is the option's name and the reason, e.g. "WithTable: the table
// name is empty".
func (e *OptionError) Error() string { return e.Option + ": " + e.Err.Error() }

// Unwrap returns the reason.
func (e *OptionError) Unwrap() error { return e.Err }

// optionError makes an *OptionError.
func optionError(option, format string, args ...any) error {
	return &OptionError{Option: option, Err: fmt.Errorf(format, args...)}
}

type config struct {
	table           string
	lockTimeout     time.Duration
	allowOutOfOrder bool
	allowMissing    bool
	ignoreChecksums bool
	observer        func(Event)
	noLint          bool
	lintConfig      lint.Config
	regs            []Registry
	dirs            []fsSource
}

// WithGo adds the Go migrations of r.
func WithGo(r Registry) Option {
	return optionFunc(func(c *config) error {
		c.regs = append(c.regs, r)
		return nil
	})
}

// WithFS adds the .sql migrations in directory dir of fsys: an os.DirFS or
// an embed.FS. Files directly in dir whose names end in .sql are
// migrations; other files and subdirectories are ignored.
func WithFS(fsys fs.FS, dir string) Option {
	return optionFunc(func(c *config) error {
		if fsys == nil {
			return optionError("WithFS", "the file system is nil; pass os.DirFS(path) or an embed.FS")
		}
		c.dirs = append(c.dirs, fsSource{fsys: fsys, dir: dir})
		return nil
	})
}

// WithTable sets the state table's name (default SequelizeMeta). The
// migration lock is named after it, so two histories in one database, each
// with its own table, do not wait for each other.
func WithTable(name string) Option {
	return optionFunc(func(c *config) error {
		if strings.TrimSpace(name) == "" {
			return optionError("WithTable", "the table name is empty")
		}
		c.table = name
		return nil
	})
}

// WithLockTimeout sets how long a run waits for the migration lock while
// another run holds it (default 60s).
func WithLockTimeout(d time.Duration) Option {
	return optionFunc(func(c *config) error {
		if d <= 0 {
			return optionError("WithLockTimeout", "%s is not a positive duration", d)
		}
		c.lockTimeout = d
		return nil
	})
}

// WithAllowOutOfOrder lets Up apply a pending migration that sorts before
// an applied one that was applied without it (one merged from a branch
// late), instead of refusing. Its order of application is recorded, so
// Undo reverts it first. Migrations left pending on purpose (see Only),
// and ones whose names have another shape than the applied one's (a
// strata timestamp before an imported v2.15.0-x: see the package doc's
// Imported histories), need no such option.
func WithAllowOutOfOrder() Option {
	return optionFunc(func(c *config) error {
		c.allowOutOfOrder = true
		return nil
	})
}

// WithAllowMissing lets runs go on when the state table records migrations
// that are not defined here (the database is ahead of this code, or a file
// was deleted), instead of refusing.
func WithAllowMissing() Option {
	return optionFunc(func(c *config) error {
		c.allowMissing = true
		return nil
	})
}

// WithIgnoreChecksums lets runs go on when an applied migration was edited
// since, instead of refusing. Seeders want it: their rows often hold
// time.Now(), so their checksum changes from one run to the next. Status
// still reports the edit.
func WithIgnoreChecksums() Option {
	return optionFunc(func(c *config) error {
		c.ignoreChecksums = true
		return nil
	})
}

// WithObserver calls f with every Event of every run, synchronously, in the
// goroutine that runs the migrations.
func WithObserver(f func(Event)) Option {
	return optionFunc(func(c *config) error {
		if f == nil {
			return optionError("WithObserver", "the function is nil")
		}
		c.observer = f
		return nil
	})
}

// WithoutLint turns off the lint Up runs before each pending migration
// (package lint's rules, reported as Lint events). The lint asks the
// database for row counts and duplicates of the tables a migration
// changes; turn it off where those queries cost too much.
func WithoutLint() Option {
	return optionFunc(func(c *config) error {
		c.noLint = true
		return nil
	})
}

// WithLintConfig tunes the lint rules Up and Lint apply (the row count
// above which a PostgreSQL index must be built CONCURRENTLY).
func WithLintConfig(lc lint.Config) Option {
	return optionFunc(func(c *config) error {
		if lc.LargeTable < 0 {
			return optionError("WithLintConfig", "LargeTable %d is negative; give a row count, or 0 for lint.DefaultLargeTable", lc.LargeTable)
		}
		c.lintConfig = lc
		return nil
	})
}

// RunOption narrows what Up, Undo, UndoAll and Plan do. Options that
// contradict each other (To with Only, say) are an error of the run,
// before anything happens.
type RunOption interface {
	apply(*runConfig) error
}

// runOptionFunc is a RunOption made of a function that cannot fail.
type runOptionFunc func(*runConfig)

func (f runOptionFunc) apply(c *runConfig) error {
	f(c)
	return nil
}

type runConfig struct {
	to, only, from string
	all            bool
}

// To stops at the named migration, inclusive: Up applies the pending
// migrations up to it; UndoAll reverts, last applied first, down to it.
func To(name string) RunOption { return runOptionFunc(func(c *runConfig) { c.to = name }) }

// From starts after the named migration, exclusive: Up applies only the
// pending migrations whose names sort after it (sequelize-cli's --from).
func From(name string) RunOption { return runOptionFunc(func(c *runConfig) { c.from = name }) }

// Only runs the named migration alone: Up applies it (it must be pending),
// Undo reverts it (it must be applied), whatever its place in the history.
// That is on purpose, so it is not out of order: Up records the older
// pending migrations it leaves behind in the applied row (so does From),
// Undo records the undone one in the rows of those applied after it, and a
// later Up applies them without WithAllowOutOfOrder. A migration that
// appears only later and sorts before an applied one is still out of order.
func Only(name string) RunOption { return runOptionFunc(func(c *runConfig) { c.only = name }) }

// All makes Undo revert every applied migration (as UndoAll does).
func All() RunOption { return runOptionFunc(func(c *runConfig) { c.all = true }) }

func (m *Migrator) runOptions(opts []RunOption) (runConfig, error) {
	var c runConfig
	for i, o := range opts {
		if o == nil {
			return c, fmt.Errorf("migrate: %w", optionError("RunOption", "option %d is nil; leave it out", i+1))
		}
		if err := o.apply(&c); err != nil {
			return c, fmt.Errorf("migrate: %w", err)
		}
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
