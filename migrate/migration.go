package migrate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/strata-orm/strata/ddl"
	"github.com/strata-orm/strata/lint"
	"github.com/strata-orm/strata/schema"
)

// Migration is one step of a history written in Go. It takes one of three
// forms:
//
//   - Up and Down: operations of the ddl package, rendered for the database
//     at run time. A nil Down means the migration cannot be undone; an
//     empty non-nil Down undoes nothing.
//   - Change: operations whose reverse strata derives (createTable,
//     addColumn, renameColumn, renameTable, addIndex, addConstraint, and raw
//     SQL given a reverse with WithReverse). Operations whose reverse needs
//     the schema as it was before them are refused when the migrations are
//     loaded; write Up and Down for those.
//   - UpFunc and DownFunc: Go code, for what operations cannot say (moving
//     data with a query, a computed backfill). A nil DownFunc means the
//     migration cannot be undone.
type Migration struct {
	// Name is YYYYMMDDHHMMSS-name, e.g. 20261126184503-create-user. When
	// empty, Registry.Add takes it from the name of the file that calls it,
	// so a migration in 20261126184503-create-user.go needs no Name.
	Name string
	// Up and Down are the operations that apply and undo the migration.
	Up, Down []ddl.Op
	// Change is the reversible form: Down is derived from it.
	Change []ddl.Op
	// UpFunc and DownFunc apply and undo the migration with Go code. Their
	// own source text is checksummed, when the source files are where the
	// build found them (not what they call; see Version).
	UpFunc, DownFunc func(ctx context.Context, ex Executor) error
	// Version, for a migration written as UpFunc and DownFunc, replaces
	// their source text in the checksum: change it whenever what they do
	// changes (also through what they call). Use it when the migrations run
	// from a binary built elsewhere or with -trimpath, where the source is
	// not found and the functions could not be checked otherwise.
	Version string
	// NoTx runs the migration outside a transaction even where DDL is
	// transactional (for PostgreSQL's CREATE INDEX CONCURRENTLY). Its
	// progress is then recorded statement by statement, as on MySQL.
	NoTx bool
	// Lint silences rules of package lint for this migration, each with
	// the reason the operation is safe here: lint.Allow{Rule: "L002",
	// Reason: "nothing reads legacy_flag since v3.2"}. An Allow without a
	// reason, or naming an unknown rule, is an error when the migration is
	// loaded. It is not part of the checksum: it changes nothing in the
	// database.
	Lint []lint.Allow
	// Source says where the migration is defined; Registry.Add sets it to
	// the file and line of the call.
	Source string
	// Imported marks a migration converted from (or recorded from) a
	// sequelize-cli history, whose database accepted what strata refuses
	// in its own migrations. Its name is any file name sequelize-cli runs
	// (CheckImportedName), not only YYYYMMDDHHMMSS-name; its operations
	// are imported (ddl.Import): a foreign key to a table not created yet,
	// removeIndex of an index that is not there, SET NULL on a NOT NULL
	// column and an auto-increment column without the primary key are
	// Warning events and Result.Warnings instead of errors (ddl.Warnings
	// says each). Everything else is as for any migration: the lock, a
	// transaction per migration, the checksum (which Imported is not part
	// of), failure records. Operations an UpFunc gives Executor.Apply are
	// imported too.
	Imported bool
}

// Registry is the list of Go migrations a project defines. A project's
// migrations package declares one and fills it from init functions, one
// file per migration:
//
//	// migrations/migrations.go
//	var All migrate.Registry
//
//	// migrations/20261126184503-create-user.go
//	func init() {
//		All.Add(migrate.Migration{
//			Up:   []ddl.Op{ddl.CreateTable("users", …)},
//			Down: []ddl.Op{ddl.DropTable("users")},
//		})
//	}
//
// Migrations are checked when a Migrator is built with WithGo, not when
// they are added.
type Registry []Migration

// Add appends m, recording the file and line of the call as its Source and,
// when m has no Name, taking the name from that file's name.
func (r *Registry) Add(m Migration) {
	if _, file, line, ok := runtime.Caller(1); ok {
		if m.Source == "" {
			m.Source = fmt.Sprintf("%s:%d", file, line)
		}
		if m.Name == "" {
			m.Name = strings.TrimSuffix(filepath.Base(file), ".go")
		}
	}
	*r = append(*r, m)
}

// Kind says where a migration comes from.
type Kind string

// Kinds of migration.
const (
	KindGo  Kind = "go"  // a Migration in a Registry
	KindSQL Kind = "sql" // a .sql file
)

// body is one direction of a migration: operations, SQL statements or Go
// code, exactly one of them set (or none, for an empty Down).
type body struct {
	ops   []ddl.Op
	stmts []sqlStmt
	fn    func(ctx context.Context, ex Executor) error
}

// migration is a loaded, checked migration of either kind.
type migration struct {
	name     string
	kind     Kind
	source   string
	up       body
	down     *body // nil: cannot be undone
	noTx     bool
	imported bool         // Migration.Imported: its operations are imported
	allow    []lint.Allow // rules of package lint this migration silences
	checksum string       // "" when it cannot be computed (Go code; see unchecked)
	// unchecked says why checksum is "" for a Go function migration.
	unchecked string
}

// nameLayout is the timestamp at the start of every migration name.
const nameLayout = "20060102150405"

// CheckName reports whether name is a valid migration name:
// YYYYMMDDHHMMSS, a dash, then letters, digits, dashes or underscores.
func CheckName(name string) error {
	const example = "20261126184503-create-user"
	if len(name) < len(nameLayout)+2 || name[len(nameLayout)] != '-' {
		return fmt.Errorf("name %q is not YYYYMMDDHHMMSS-name (a 14-digit UTC timestamp, a dash, then a name), e.g. %s", name, example)
	}
	if _, err := time.Parse(nameLayout, name[:len(nameLayout)]); err != nil {
		return fmt.Errorf("name %q starts with %q, which is not a valid YYYYMMDDHHMMSS timestamp, e.g. %s", name, name[:len(nameLayout)], example)
	}
	for _, c := range name[len(nameLayout)+1:] {
		if !(c == '-' || c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return fmt.Errorf("name %q contains %q; after the timestamp use letters, digits, - and _ only, e.g. %s", name, c, example)
		}
	}
	return nil
}

// CheckImportedName reports whether name is a valid name for an imported
// migration (Migration.Imported): the file name, without its extension,
// of any migration sequelize-cli runs, e.g. 20190118-x, v2.15.0-add-thing,
// 20200101120000-add.users.email or 1_initial. sequelize-cli runs every
// file of its folder in name order, so only what no file name can be, or
// what the state table cannot record, is refused:
//
//   - an empty name, or only spaces;
//   - "/" or "\": a name is one file, not a path;
//   - "." or "..", which name folders;
//   - control characters (NUL, newlines, tabs) and invalid UTF-8, which the
//     state table would not hold as written;
//   - more than 255 characters as the state table records it (below),
//     the width of SequelizeMeta's name column.
//
// A name may end in .js, .cjs, .mjs, .ts or .cts: it is the migration of a
// file with a second extension, such as 20220328194326-x.js.js, for which
// sequelize-cli records the row 20220328194326-x.js.js. strata reads a
// row without its last extension, so it records such a migration with
// .js as well (20220328194326-x.js.js for 20220328194326-x.js), where it
// records other names as they are. strata's own names (CheckName) hold
// no dot.
//
// Imported migrations sort with the others by name, as sequelize-cli
// sorts its files (it compares the names with their extension, so where
// one name is the other plus a suffix starting with a character below
// '.', such as x and x-y, sequelize-cli runs x-y.js first and strata x).
func CheckImportedName(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return fmt.Errorf("imported migration name %q is empty; give it the file name sequelize-cli ran, without .js", name)
	case strings.ContainsAny(name, `/\`):
		return fmt.Errorf("imported migration name %q contains a path separator; give the file name alone, without its folder", name)
	case name == "." || name == "..":
		return fmt.Errorf("imported migration name %q names a folder, not a file", name)
	case !utf8.ValidString(name):
		return fmt.Errorf("imported migration name %q is not valid UTF-8; rename the file", name)
	case utf8.RuneCountInString(rowName(name)) > 255:
		return fmt.Errorf("imported migration name %q is %d characters long as the state table records it; it holds 255 at most", name, utf8.RuneCountInString(rowName(name)))
	}
	for _, c := range name {
		if unicode.IsControl(c) {
			return fmt.Errorf("imported migration name %q contains the control character %q; rename the file", name, c)
		}
	}
	return nil
}

// loadGo checks a Go migration and turns it into a migration.
func loadGo(m Migration) (*migration, error) {
	fail := func(err error) error {
		where := m.Source
		if where == "" {
			where = "Go registry"
		}
		if m.Name != "" {
			return fmt.Errorf("migrate: %s (%s): %w", m.Name, where, err)
		}
		return fmt.Errorf("migrate: migration at %s: %w", where, err)
	}
	check := CheckName
	if m.Imported {
		check = CheckImportedName
	}
	if err := check(m.Name); err != nil {
		return nil, fail(err)
	}
	hasOps := m.Up != nil || m.Down != nil
	hasFn := m.UpFunc != nil || m.DownFunc != nil
	switch {
	case m.Change != nil && hasOps:
		return nil, fail(errors.New("has both Change and Up/Down; use Change alone (its Down is derived) or Up and Down"))
	case (m.Change != nil || hasOps) && hasFn:
		return nil, fail(errors.New("has both operations and Go functions; split it into two migrations, or do the operations from UpFunc with Executor.Apply"))
	case m.Change == nil && m.Up == nil && m.UpFunc == nil:
		if m.Down != nil || m.DownFunc != nil {
			return nil, fail(errors.New("has a Down but no Up; give it Up (or Change, or UpFunc)"))
		}
		return nil, fail(errors.New("is empty: give it Up and Down, Change, or UpFunc and DownFunc"))
	}
	if err := lint.CheckAllows(m.Lint); err != nil {
		return nil, fail(fmt.Errorf("Lint: %w", err))
	}
	mig := &migration{name: m.Name, kind: KindGo, source: m.Source, noTx: m.NoTx, imported: m.Imported, allow: m.Lint}
	for _, list := range []struct {
		what string
		ops  []ddl.Op
	}{{"Up", m.Up}, {"Down", m.Down}, {"Change", m.Change}} {
		for i, op := range list.ops {
			if op == nil {
				return nil, fail(fmt.Errorf("%s[%d] is a nil operation", list.what, i))
			}
		}
	}
	switch {
	case m.Change != nil:
		down, err := deriveDown(m.Change)
		if err != nil {
			return nil, fail(err)
		}
		mig.up, mig.down = body{ops: m.Change}, &body{ops: down}
	case hasOps:
		mig.up = body{ops: m.Up}
		if m.Down != nil {
			mig.down = &body{ops: m.Down}
		}
	default:
		mig.up = body{fn: m.UpFunc}
		if m.DownFunc != nil {
			mig.down = &body{fn: m.DownFunc}
		}
	}
	if m.Imported {
		mig.up.ops = ddl.ImportAll(mig.up.ops)
		if mig.down != nil {
			mig.down.ops = ddl.ImportAll(mig.down.ops)
		}
	}
	if !hasFn {
		if m.Version != "" {
			return nil, fail(errors.New("has a Version, which is for a migration written as UpFunc and DownFunc; its operations are checksummed themselves, so remove it"))
		}
		sum, err := goChecksum(m)
		if err != nil {
			return nil, fail(err)
		}
		mig.checksum = sum
	} else {
		mig.checksum, mig.unchecked = funcChecksum(m)
	}
	return mig, nil
}

// deriveDown returns the operations that undo change, in the order to run
// them. Only operations whose reverse does not depend on the schema before
// them are accepted, so the down is known when the migration is loaded.
func deriveDown(change []ddl.Op) ([]ddl.Op, error) {
	var down []ddl.Op
	for i := len(change) - 1; i >= 0; i-- {
		op := change[i]
		switch o := op.(type) {
		case *ddl.CreateTableOp, *ddl.RenameTableOp, *ddl.AddColumnOp, *ddl.RenameColumnOp,
			*ddl.AddIndexOp, *ddl.AddConstraintOp, *ddl.RequireEmptyOp:
		case *ddl.RawOp:
			if o.Down == nil {
				return nil, fmt.Errorf("the down of %s cannot be derived for Change: raw SQL has no reverse; give it one with WithReverse, or write Up and Down", op)
			}
		default:
			return nil, fmt.Errorf("the down of %s cannot be derived for Change: its reverse needs the schema as it was before it; write Up and Down", op)
		}
		rev, err := op.Reverse(&schema.Database{})
		if err != nil {
			return nil, fmt.Errorf("the down of %s cannot be derived for Change: %w; write Up and Down", op, err)
		}
		down = append(down, rev...)
	}
	if down == nil {
		down = []ddl.Op{}
	}
	return down, nil
}

// goChecksum hashes a Go migration's operations (both directions, and the
// no-transaction flag), so editing any of them shows as a changed checksum.
func goChecksum(m Migration) (string, error) {
	h := sha256.New()
	for _, part := range []struct {
		label string
		ops   []ddl.Op
	}{{"up", m.Up}, {"down", m.Down}, {"change", m.Change}} {
		if part.ops == nil {
			continue
		}
		b, err := ddl.Encode(part.ops)
		if err != nil {
			return "", fmt.Errorf("cannot checksum its %s operations: %w", part.label, err)
		}
		fmt.Fprintf(h, "%s %d\n", part.label, len(b))
		h.Write(b)
	}
	if m.NoTx {
		h.Write([]byte("notx\n"))
	}
	return ChecksumVersion + ":sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}
