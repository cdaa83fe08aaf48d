package dialecttest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strata-orm/strata/dialect"
)

// Environment variables naming the servers integration tests use. When one
// is empty the dialect's tests skip (and say so); CI sets both.
const (
	EnvPostgres = "STRATA_TEST_POSTGRES" // e.g. postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable
	EnvMySQL    = "STRATA_TEST_MYSQL"    // e.g. mysql://root@127.0.0.1:3306/
)

// Target is one fresh, empty database for one test.
type Target struct {
	Dialect dialect.Dialect
	DB      *sql.DB
	URL     string // this database's own URL
	Name    string // the database name (a file path for SQLite)
}

// Fresh creates a new empty database on the server serverURL points at
// (ignored for SQLite, which gets a file in t.TempDir()), opens it, and
// drops it when the test ends. It skips the test when serverURL is empty
// for a server dialect.
func Fresh(t testing.TB, d dialect.Dialect, serverURL string) *Target {
	t.Helper()
	admin, ok := d.(dialect.Admin)
	if !ok {
		t.Fatalf("dialect %s does not implement dialect.Admin", d.Name())
	}
	var name string
	if d.Name() == "sqlite" {
		name = filepath.Join(t.TempDir(), "test.db")
	} else {
		if serverURL == "" {
			t.Skipf("%s tests skipped: set %s to a server URL to run them", d.Name(), envFor(d.Name()))
		}
		var b [6]byte
		_, _ = rand.Read(b[:])
		name = "strata_t_" + hex.EncodeToString(b[:])
	}
	url, err := admin.DatabaseURL(serverURL, name)
	if err != nil {
		t.Fatalf("database URL for %s: %v", d.Name(), err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := admin.CreateDatabase(ctx, url); err != nil {
		t.Fatalf("create %s database %s: %v", d.Name(), name, err)
	}
	db, err := d.Open(url)
	if err != nil {
		t.Fatalf("open %s: %v", redact(url), err)
	}
	t.Cleanup(func() {
		db.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := admin.DropDatabase(ctx, url); err != nil {
			t.Errorf("drop %s database %s: %v", d.Name(), name, err)
		}
	})
	return &Target{Dialect: d, DB: db, URL: url, Name: name}
}

func envFor(name string) string {
	switch name {
	case "postgres":
		return EnvPostgres
	case "mysql":
		return EnvMySQL
	}
	return "(none)"
}

// redact hides a password in a URL.
func redact(url string) string {
	at := strings.LastIndexByte(url, '@')
	scheme := strings.Index(url, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return url
	}
	userinfo := url[scheme+3 : at]
	if i := strings.IndexByte(userinfo, ':'); i >= 0 {
		return url[:scheme+3] + userinfo[:i] + ":***" + url[at:]
	}
	return url
}
