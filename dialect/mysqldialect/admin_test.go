package mysqldialect_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/dialecttest"
)

// TestAdmin creates and drops a database twice over.
func TestAdmin(t *testing.T) {
	d := mysqldialect.New()
	serverURL := os.Getenv(dialecttest.EnvMySQL)
	if serverURL == "" {
		t.Skipf("mysql tests skipped: set %s to a server URL to run them", dialecttest.EnvMySQL)
	}
	url, err := d.DatabaseURL(serverURL, "strata_admin_test")
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	if err := d.DropDatabase(ctx, url); err != nil {
		t.Fatal(err)
	}
	if err := d.CreateDatabase(ctx, url); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.DropDatabase(ctx, url) })
	err = d.CreateDatabase(ctx, url)
	var de *dialect.Error
	if !errors.As(err, &de) || de.Kind != dialect.ErrExists || !strings.Contains(err.Error(), "strata_admin_test") {
		t.Errorf("creating it again = %v, want an already-exists error naming it", err)
	}
	db, err := d.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var cs string
	if err := db.QueryRowContext(ctx, "SELECT @@character_set_database").Scan(&cs); err != nil || cs != "utf8mb4" {
		t.Errorf("character set = %q, %v; want utf8mb4", cs, err)
	}
	if err := d.DropDatabase(ctx, url); err != nil {
		t.Fatal(err)
	}
	if err := d.DropDatabase(ctx, url); err != nil {
		t.Errorf("dropping a missing database: %v", err)
	}
	if err := d.CreateDatabase(ctx, serverURL); err == nil || !strings.Contains(err.Error(), "names no database") {
		t.Errorf("CreateDatabase(server URL) = %v, want an error asking for a database", err)
	}
	if _, err := d.Inspect(ctx, db); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("Inspect of a dropped database = %v, want an error saying it does not exist", err)
	}
	server, err := d.Open(serverURL)
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	if _, err := d.Inspect(ctx, server); err == nil || !strings.Contains(err.Error(), "no database selected") {
		t.Errorf("Inspect without a database = %v, want an error saying none is selected", err)
	}
}
