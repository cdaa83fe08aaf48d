package sqlitedialect_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/strata-orm/strata/dialect/sqlitedialect"
)

// openFile opens a fresh database file in a temporary directory.
func openFile(t *testing.T) *sql.DB {
	t.Helper()
	d := sqlitedialect.New()
	u, err := d.DatabaseURL("", filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.CreateDatabase(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	db, err := d.Open(u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
