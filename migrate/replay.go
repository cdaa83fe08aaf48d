package migrate

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/schema"
)

// Replayed is a migration history replayed offline: the schema its
// operations build from an empty database, with no database involved.
type Replayed struct {
	// Schema is what the replayed migrations' operations build.
	Schema *schema.Database
	// Migrations are the names replayed, in order.
	Migrations []string
	// Opaque are the replayed migrations whose Up is a Go function, or SQL
	// (a .sql file, raw operations) other than statements on rows (INSERT,
	// UPDATE, DELETE, SELECT …): what they change is not in Schema. A
	// comparison with Schema is exact only when it is empty.
	Opaque []string
	// Warnings are, by migration name, the constructs of imported
	// migrations (Migration.Imported) that strata refuses in its own and
	// replayed all the same; nil when there are none.
	Warnings map[string][]ddl.Warning
}

// Replay loads the migrations the options give (WithGo, WithFS; the other
// options are ignored) as New does, and replays the Up of each one, in name
// order, on an empty schema: the schema the history builds, computed
// without a database. include picks the migrations to replay (nil: all of
// them; the applied ones, to compare with a live database). d is the
// dialect whose .sql files are read; it may be nil when there are none.
//
// A replay that fails names the migration and the operation: the history
// does not build from an empty database as it is (a table created by
// something else than a migration, a Go function migration left out).
func Replay(d dialect.Dialect, include func(name string) bool, opts ...Option) (*Replayed, error) {
	ms, err := loadOffline(d, "Replay", opts)
	if err != nil {
		return nil, err
	}
	r := &Replayed{Schema: &schema.Database{}}
	if d != nil {
		// The empty database as the dialect has it (MySQL names indexes
		// per table).
		r.Schema = d.Canonical(r.Schema)
	}
	for _, m := range ms {
		if include != nil && !include(m.name) {
			continue
		}
		r.Migrations = append(r.Migrations, m.name)
		if opaque(&m.up) {
			r.Opaque = append(r.Opaque, m.name)
		}
		if m.up.ops == nil {
			continue
		}
		for _, op := range m.up.ops {
			if ws := ddl.Warnings(op, r.Schema); ws != nil {
				if r.Warnings == nil {
					r.Warnings = map[string][]ddl.Warning{}
				}
				r.Warnings[m.name] = append(r.Warnings[m.name], ws...)
			}
			if err := op.Apply(r.Schema); err != nil {
				return nil, fmt.Errorf("migrate: replay %s: %w", m.name, err)
			}
		}
	}
	return r, nil
}

// opaque reports whether what b changes in the schema is unknown offline:
// Go code, or SQL (a .sql file's statements, raw operations) other than
// statements on rows.
func opaque(b *body) bool {
	if b.fn != nil {
		return true
	}
	for _, st := range b.stmts {
		if !rowsOnly(st.SQL) {
			return true
		}
	}
	for _, op := range b.ops {
		if o, ok := op.(*ddl.RawOp); ok && !rawRowsOnly(o) {
			return true
		}
	}
	return false
}

// loadOffline loads the migrations opts give (WithGo, WithFS; the other
// options are ignored) as New does, for a function (what) that reads them
// without a database.
func loadOffline(d dialect.Dialect, what string, opts []Option) ([]*migration, error) {
	var c config
	for i, o := range opts {
		if o == nil {
			return nil, fmt.Errorf("migrate: %w", optionError(what, "option %d is nil; leave it out", i+1))
		}
		if err := o.apply(&c); err != nil {
			return nil, fmt.Errorf("migrate: %w", err)
		}
	}
	var fl flavor
	if d != nil {
		fl = flavorOf(d)
	} else {
		// A folder without .sql files needs no dialect (a project of Go
		// migrations, or none yet).
		for _, s := range c.dirs {
			if s.hasSQL() {
				return nil, fmt.Errorf("migrate: %s: .sql migrations are read in a dialect's syntax; pass the dialect", what)
			}
		}
		c.dirs = nil
	}
	return collect(c.regs, c.dirs, fl)
}

// rawRowsOnly reports whether every spelling of a raw operation only reads
// or writes rows, leaving the schema as it is.
func rawRowsOnly(o *ddl.RawOp) bool {
	if !rowsOnly(o.SQL) {
		return false
	}
	for _, s := range o.Dialects {
		if !rowsOnly(s) {
			return false
		}
	}
	return true
}

// rowsOnly reports whether a statement is one that changes rows, not the
// schema: its first word (after comments) is INSERT, UPDATE, DELETE,
// SELECT, REPLACE or MERGE. Anything else may change the schema.
func rowsOnly(stmt string) bool {
	s := stmt
	for {
		s = strings.TrimLeft(s, " \t\r\n(")
		switch {
		case strings.HasPrefix(s, "--"), strings.HasPrefix(s, "#"):
			_, rest, ok := strings.Cut(s, "\n")
			if !ok {
				return false
			}
			s = rest
			continue
		case strings.HasPrefix(s, "/*"):
			_, rest, ok := strings.Cut(s[2:], "*/")
			if !ok {
				return false
			}
			s = rest
			continue
		}
		break
	}
	end := strings.IndexFunc(s, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') })
	if end < 0 {
		end = len(s)
	}
	switch strings.ToUpper(s[:end]) {
	case "INSERT", "UPDATE", "DELETE", "SELECT", "REPLACE", "MERGE":
		return true
	}
	return false
}

// hasSQL reports whether the directory holds a .sql file (or cannot be
// read, which loading it then reports).
func (s fsSource) hasSQL() bool {
	dir := s.dir
	if dir == "" {
		dir = "."
	}
	entries, err := fs.ReadDir(s.fsys, dir)
	if err != nil {
		return true
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".sql") {
			return true
		}
	}
	return false
}
