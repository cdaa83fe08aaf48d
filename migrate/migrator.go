package migrate

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/lint"
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
	lint            bool // lint each pending migration before Up runs it
	lintConfig      lint.Config
	migrations      []*migration // ordered by name
	byName          map[string]*migration
	ranBy           string
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
	for i, o := range opts {
		if o == nil {
			return nil, fmt.Errorf("migrate: %w", optionError("New", "option %d is nil; leave it out", i+1))
		}
		if err := o.apply(&c); err != nil {
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
		allowOutOfOrder: c.allowOutOfOrder, allowMissing: c.allowMissing, ignoreChecksums: c.ignoreChecksums, observer: c.observer, lint: !c.noLint, lintConfig: c.lintConfig,
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
