package sqlitedialect_test

import (
	"context"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/dialect/sqlitedialect"
)

func TestParseURL(t *testing.T) {
	tests := []struct {
		url  string
		want sqlitedialect.Location
	}{
		{"sqlite:app.db", sqlitedialect.Location{Path: "app.db"}},
		{"sqlite:data/app.db", sqlitedialect.Location{Path: "data/app.db"}},
		{"sqlite:/var/lib/app.db", sqlitedialect.Location{Path: "/var/lib/app.db"}},
		{"sqlite://data/app.db", sqlitedialect.Location{Path: "data/app.db"}},
		{"sqlite:///var/lib/app.db", sqlitedialect.Location{Path: "/var/lib/app.db"}},
		{"file:data/app.db", sqlitedialect.Location{Path: "data/app.db"}},
		{"file:///tmp/x.db", sqlitedialect.Location{Path: "/tmp/x.db"}},
		{"sqlite3:app.db", sqlitedialect.Location{Path: "app.db"}},
		{"sqlite::memory:", sqlitedialect.Location{Memory: true}},
		{"sqlite://:memory:", sqlitedialect.Location{Memory: true}},
		{"file::memory:", sqlitedialect.Location{Memory: true}},
		{"  sqlite:app.db  ", sqlitedialect.Location{Path: "app.db"}},
		{"sqlite:my%20dir/a%3Fb.db", sqlitedialect.Location{Path: "my dir/a?b.db"}},
		{"sqlite:app.db?mode=ro&_pragma=synchronous(NORMAL)", sqlitedialect.Location{Path: "app.db",
			Params: url.Values{"mode": {"ro"}, "_pragma": {"synchronous(NORMAL)"}}}},
	}
	for _, tt := range tests {
		got, err := sqlitedialect.ParseURL(tt.url)
		if err != nil {
			t.Errorf("ParseURL(%q): %v", tt.url, err)
			continue
		}
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("ParseURL(%q) (-got +want):\n%s", tt.url, diff)
		}
	}
}

func TestParseURLErrors(t *testing.T) {
	tests := []struct{ url, want string }{
		{"postgres://localhost/db", "does not start with sqlite: or file:"},
		{"app.db", "does not start with sqlite: or file:"},
		{"sqlite:", "names no file"},
		{"sqlite://", "names no file"},
		{"sqlite:app.db?_txlock=deferred", "_txlock is set by strata itself"},
		{"sqlite:app.db?_pragma=foreign_keys(0)", "_pragma=foreign_keys(0) is set by strata itself"},
		{"sqlite:app.db?_pragma=journal_mode%3DDELETE", "set by strata itself"},
		{"sqlite:app.db?_time_format=datetime", "set by strata itself"},
		{"sqlite:app.db?a=%zz", "bad query string"},
		{"sqlite:a%zzb.db", "bad escape in path"},
		{"sqlite:a%00b.db", "NUL byte"},
	}
	for _, tt := range tests {
		_, err := sqlitedialect.ParseURL(tt.url)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseURL(%q) error = %v, want one containing %q", tt.url, err, tt.want)
		}
	}
}

func TestDSN(t *testing.T) {
	loc, err := sqlitedialect.ParseURL("sqlite:dir/a#b.db?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	dsn := loc.DSN()
	for _, want := range []string{"file:dir/a%23b.db?", "_txlock=immediate", "_time_format=sqlite", "_timezone=UTC",
		"_pragma=foreign_keys%281%29", "_pragma=busy_timeout%285000%29", "_pragma=journal_mode%28WAL%29", "mode=ro", "_dqs=0"} {
		if !strings.Contains(dsn, want) {
			t.Errorf("DSN %q lacks %q", dsn, want)
		}
	}
	mem, _ := sqlitedialect.ParseURL("sqlite::memory:")
	a, b := mem.DSN(), mem.DSN()
	if a == b || !strings.Contains(a, "vfs=memdb") || strings.Contains(a, "journal_mode") {
		t.Errorf("memory DSNs %q and %q: want distinct memdb names without WAL", a, b)
	}
}

func TestDatabaseURLRoundTrip(t *testing.T) {
	d := sqlitedialect.New()
	for _, name := range []string{"app.db", "/tmp/x/test.db", "dir with space/a?b#c%d.db"} {
		u, err := d.DatabaseURL("ignored", name)
		if err != nil {
			t.Fatal(err)
		}
		loc, err := sqlitedialect.ParseURL(u)
		if err != nil {
			t.Fatalf("ParseURL(DatabaseURL(%q) = %q): %v", name, u, err)
		}
		if loc.Path != name {
			t.Errorf("DatabaseURL(%q) = %q, which names %q", name, u, loc.Path)
		}
	}
	if _, err := d.DatabaseURL("", " "); err == nil {
		t.Error("DatabaseURL with an empty name: no error")
	}
}

func TestCreateAndDropDatabase(t *testing.T) {
	ctx := context.Background()
	d := sqlitedialect.New()
	path := filepath.Join(t.TempDir(), "nested", "dir", "app.db")
	u, _ := d.DatabaseURL("", path)
	if err := d.CreateDatabase(ctx, u); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file not created: %v", err)
	}
	err := d.CreateDatabase(ctx, u)
	if !errors.Is(err, fs.ErrExist) || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("creating it again: error = %v, want one wrapping fs.ErrExist", err)
	}
	db, err := d.Open(u)
	if err != nil {
		t.Fatal(err)
	}
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	if _, err := db.ExecContext(ctx, "CREATE TABLE t (a INTEGER)"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Errorf("no -wal file while open: %v", err)
	}
	db.Close()
	// A -shm left behind (as after a crash) goes too.
	if err := os.WriteFile(path+"-shm", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := d.DropDatabase(ctx, u); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s still there after DropDatabase (%v)", path+suffix, err)
		}
	}
	if err := d.DropDatabase(ctx, u); err != nil {
		t.Errorf("dropping a database that is not there: %v", err)
	}
	if err := d.CreateDatabase(ctx, "sqlite::memory:"); err != nil {
		t.Errorf("CreateDatabase(memory) = %v", err)
	}
	if err := d.DropDatabase(ctx, "sqlite::memory:"); err != nil {
		t.Errorf("DropDatabase(memory) = %v", err)
	}
}

func TestOpenSettings(t *testing.T) {
	ctx := context.Background()
	db := openFile(t)
	for pragma, want := range map[string]string{"foreign_keys": "1", "busy_timeout": "5000", "journal_mode": "wal", "legacy_alter_table": "0"} {
		var got string
		if err := db.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil || got != want {
			t.Errorf("PRAGMA %s = %q, %v; want %q", pragma, got, err, want)
		}
	}
}

func TestMemoryDatabase(t *testing.T) {
	ctx := context.Background()
	d := sqlitedialect.New()
	db, err := d.Open("sqlite::memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Two connections of one *sql.DB see the same database.
	c1, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c2, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c1.ExecContext(ctx, "CREATE TABLE t (a INTEGER)"); err != nil {
		t.Fatal(err)
	}
	if _, err := c2.ExecContext(ctx, "INSERT INTO t VALUES (1)"); err != nil {
		t.Fatalf("second connection does not see the table: %v", err)
	}
	// The database outlives every pooled connection.
	c1.Close()
	c2.Close()
	db.SetMaxIdleConns(0)
	var n int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 1 {
		t.Errorf("after the pool closed its connections: %d rows, %v", n, err)
	}
	// Another Open is another database.
	other, err := d.Open("sqlite::memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.ExecContext(ctx, "SELECT * FROM t"); err == nil {
		t.Error("a second sqlite::memory: database sees the first one's table")
	}
}

func TestTimeRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openFile(t)
	if _, err := db.ExecContext(ctx, `CREATE TABLE t (id INTEGER PRIMARY KEY, at DATETIME, day DATE, made DATETIME DEFAULT CURRENT_TIMESTAMP)`); err != nil {
		t.Fatal(err)
	}
	in := time.Date(2026, 11, 26, 18, 45, 3, 123456789, time.FixedZone("CET", 3600))
	if _, err := db.ExecContext(ctx, "INSERT INTO t (id, at, day) VALUES (1, ?, ?)", in, time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	var at, day, made time.Time
	if err := db.QueryRowContext(ctx, "SELECT at, day, made FROM t").Scan(&at, &day, &made); err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 11, 26, 17, 45, 3, 123456000, time.UTC)
	if !at.Equal(want) || at.Location() != time.UTC {
		t.Errorf("read back %v (%v), want %v in UTC (cut to the microsecond)", at, at.Location(), want)
	}
	if day.Location() != time.UTC || made.Location() != time.UTC {
		t.Errorf("DATE and CURRENT_TIMESTAMP values come back in %v and %v, want UTC", day.Location(), made.Location())
	}
	if time.Since(made) > time.Hour || time.Since(made) < -time.Minute {
		t.Errorf("CURRENT_TIMESTAMP read back as %v", made)
	}
	// A time.Time in a WHERE finds the row stored with the same instant.
	var n int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM t WHERE at = ?", want.In(time.Local)).Scan(&n); err != nil || n != 1 {
		t.Errorf("lookup by time: %d rows, %v", n, err)
	}
}

// TestConcurrentWriters checks that write transactions wait for each other
// (BEGIN IMMEDIATE and the busy timeout) instead of failing with
// SQLITE_BUSY, which read-then-write transactions on deferred locks do.
func TestConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	db := openFile(t)
	if _, err := db.ExecContext(ctx, "CREATE TABLE counter (n INTEGER NOT NULL)"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO counter VALUES (0)"); err != nil {
		t.Fatal(err)
	}
	const workers, each = 8, 25
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				tx, err := db.BeginTx(ctx, nil)
				if err != nil {
					errs <- err
					return
				}
				var n int
				if err := tx.QueryRowContext(ctx, "SELECT n FROM counter").Scan(&n); err != nil {
					tx.Rollback()
					errs <- err
					return
				}
				if _, err := tx.ExecContext(ctx, "UPDATE counter SET n = ?", n+1); err != nil {
					tx.Rollback()
					errs <- err
					return
				}
				if err := tx.Commit(); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent writer: %v", err)
	}
	var n int
	if err := db.QueryRowContext(ctx, "SELECT n FROM counter").Scan(&n); err != nil || n != workers*each {
		t.Errorf("counter = %d, %v; want %d (lost updates)", n, err, workers*each)
	}
}
