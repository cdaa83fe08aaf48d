package sqlitedialect

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	sqlite "modernc.org/sqlite"
)

// Location is what a SQLite URL names: a file, or a private in-memory
// database.
type Location struct {
	// Path is the database file, as given (relative paths are relative to
	// the working directory). It is empty for an in-memory database.
	Path string
	// Memory reports an in-memory database (sqlite::memory:).
	Memory bool
	// Params are the URL's query parameters, passed on to the driver
	// (modernc.org/sqlite), e.g. mode=ro or _pragma=synchronous(NORMAL).
	Params url.Values
}

// ParseURL reads a SQLite URL: sqlite:path, sqlite://relative/path,
// sqlite:///absolute/path, file:path, or sqlite::memory: for an in-memory
// database. A query string is passed on to the driver, except for the
// settings strata makes itself (foreign keys, busy timeout, journal mode,
// transaction locking, time format and zone), which it refuses.
func ParseURL(raw string) (Location, error) {
	s := strings.TrimSpace(raw)
	var rest string
	switch {
	case strings.HasPrefix(s, "sqlite3:"):
		rest = strings.TrimPrefix(s, "sqlite3:")
	case strings.HasPrefix(s, "sqlite:"):
		rest = strings.TrimPrefix(s, "sqlite:")
	case strings.HasPrefix(s, "file:"):
		rest = strings.TrimPrefix(s, "file:")
	default:
		return Location{}, fmt.Errorf("sqlite: URL %q does not start with sqlite: or file: (use sqlite:path/to/app.db, sqlite:///abs/path.db or sqlite::memory:)", raw)
	}
	var query string
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		rest, query = rest[:i], rest[i+1:]
	}
	// sqlite://relative/path and sqlite:///absolute/path: what follows the
	// two slashes is the path.
	rest = strings.TrimPrefix(rest, "//")
	params, err := url.ParseQuery(query)
	if err != nil {
		return Location{}, fmt.Errorf("sqlite: URL %q: bad query string: %w", raw, err)
	}
	if err := checkParams(params); err != nil {
		return Location{}, fmt.Errorf("sqlite: URL %q: %w", raw, err)
	}
	if len(params) == 0 {
		params = nil
	}
	if rest == ":memory:" {
		return Location{Memory: true, Params: params}, nil
	}
	if rest == "" {
		return Location{}, fmt.Errorf("sqlite: URL %q names no file (use sqlite:path/to/app.db or sqlite::memory:)", raw)
	}
	path, err := url.PathUnescape(rest)
	if err != nil {
		return Location{}, fmt.Errorf("sqlite: URL %q: bad escape in path: %w", raw, err)
	}
	if strings.ContainsRune(path, 0) {
		return Location{}, fmt.Errorf("sqlite: URL %q: the path contains a NUL byte", raw)
	}
	return Location{Path: path, Params: params}, nil
}

// ownParams are the driver parameters strata sets on every connection.
var ownParams = []string{"_txlock", "_time_format", "_timezone", "_foreign_keys", "_fk",
	"_journal_mode", "_journal", "_busy_timeout", "_timeout"}

// ownPragmas are the pragmas strata sets on every connection.
var ownPragmas = []string{"foreign_keys", "journal_mode", "busy_timeout", "legacy_alter_table"}

func checkParams(q url.Values) error {
	for _, k := range ownParams {
		if _, ok := q[k]; ok {
			return fmt.Errorf("parameter %s is set by strata itself (foreign keys on, busy timeout 5s, WAL, BEGIN IMMEDIATE, UTC times); remove it", k)
		}
	}
	for _, p := range q["_pragma"] {
		name := strings.ToLower(strings.TrimSpace(p))
		if i := strings.IndexAny(name, "(= "); i >= 0 {
			name = name[:i]
		}
		for _, own := range ownPragmas {
			if name == own {
				return fmt.Errorf("_pragma=%s is set by strata itself; remove it", p)
			}
		}
	}
	return nil
}

// dsn is the modernc.org/sqlite data source name for l. Each in-memory
// location gets a fresh name, so every Open of sqlite::memory: is a new
// database shared by the connections of that *sql.DB only.
func (l Location) dsn() string {
	q := url.Values{}
	for k, v := range l.Params {
		q[k] = append([]string(nil), v...)
	}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "legacy_alter_table(0)")
	if _, ok := q["_dqs"]; !ok {
		// A double-quoted name that matches no column is an error, not a
		// string: strata quotes every identifier with "".
		q.Set("_dqs", "0")
	}
	q.Set("_txlock", "immediate")
	q.Set("_time_format", "sqlite")
	q.Set("_timezone", "UTC")
	var name string
	if l.Memory {
		var b [8]byte
		_, _ = rand.Read(b[:])
		// The memdb VFS shares a database whose name starts with "/" among
		// the connections of this process, with proper locking.
		name = "/strata-memory-" + hex.EncodeToString(b[:])
		q.Set("vfs", "memdb")
	} else {
		name = escapeURIPath(l.Path)
		q.Add("_pragma", "journal_mode(WAL)")
	}
	return "file:" + name + "?" + q.Encode()
}

// escapeURIPath escapes the characters that end or alter the path part of
// an SQLite file: URI.
func escapeURIPath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		switch c := p[i]; c {
		case '%', '?', '#':
			fmt.Fprintf(&b, "%%%02X", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Open implements dialect.Dialect. It connects to the SQLite database the
// URL names (see ParseURL), creating the file if it does not exist. An
// in-memory database lives until the returned *sql.DB is closed.
func (*Dialect) Open(rawURL string) (*sql.DB, error) {
	loc, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	base, err := sqlite.NewConnector(loc.dsn())
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %q: %w", rawURL, err)
	}
	return sql.OpenDB(&connector{base: base, memory: loc.Memory}), nil
}

// CreateDatabase implements dialect.Admin: it creates the database file,
// and the directories leading to it. It fails if the file already exists.
// An in-memory database needs no creating.
func (d *Dialect) CreateDatabase(ctx context.Context, rawURL string) error {
	loc, err := ParseURL(rawURL)
	if err != nil {
		return err
	}
	if loc.Memory {
		return nil
	}
	if dir := filepath.Dir(loc.Path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("sqlite: create database %s: %w", loc.Path, err)
		}
	}
	f, err := os.OpenFile(loc.Path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("sqlite: create database %s: the file already exists (drop it first, or use it as it is): %w", loc.Path, err)
		}
		return fmt.Errorf("sqlite: create database %s: %w", loc.Path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("sqlite: create database %s: %w", loc.Path, err)
	}
	// Opening the empty file turns it into a database in WAL mode.
	db, err := d.Open(rawURL)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "PRAGMA user_version"); err != nil {
		return fmt.Errorf("sqlite: create database %s: %w", loc.Path, err)
	}
	return db.Close()
}

// DropDatabase implements dialect.Admin: it removes the database file and
// its -wal, -shm and -journal companions, if they exist. Close every
// connection to the database first.
func (*Dialect) DropDatabase(_ context.Context, rawURL string) error {
	loc, err := ParseURL(rawURL)
	if err != nil {
		return err
	}
	if loc.Memory {
		return nil
	}
	var errs []error
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if err := os.Remove(loc.Path + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sqlite: drop database %s: %w", loc.Path, err)
	}
	return nil
}

// DatabaseURL implements dialect.Admin: the URL of the database file name
// (a path); serverURL is ignored, as SQLite has no server.
func (*Dialect) DatabaseURL(_ string, name string) (string, error) {
	if strings.TrimSpace(name) == "" {
		return "", errors.New("sqlite: database name is empty; give a file path such as data/app.db")
	}
	if name == ":memory:" {
		return "sqlite::memory:", nil
	}
	return "sqlite:" + escapeURIPath(name), nil
}
