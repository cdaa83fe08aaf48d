package pgdialect_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/dialecttest"
)

func TestBasics(t *testing.T) {
	d := pgdialect.New()
	got := []any{d.Name(), d.Quote(`users`), d.Quote(`a"b`), d.Placeholder(1), d.Placeholder(12),
		d.MaxIdentLen(), d.MaxParams(), d.TransactionalDDL()}
	want := []any{"postgres", `"users"`, `"a""b"`, "$1", "$12", 63, 65535, true}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("basics (-got +want):\n%s", diff)
	}
}

func TestDatabaseURL(t *testing.T) {
	d := pgdialect.New()
	tests := []struct {
		server, name, want string
	}{
		{"postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "shop", "postgres://postgres@127.0.0.1:5432/shop?sslmode=disable"},
		{"postgresql://u:p@db.example:5433", "shop_test", "postgresql://u:p@db.example:5433/shop_test"},
		{"postgres://u@h/old/", "new db", "postgres://u@h/new%20db"},
	}
	for _, tt := range tests {
		got, err := d.DatabaseURL(tt.server, tt.name)
		if err != nil {
			t.Errorf("DatabaseURL(%q, %q): %v", tt.server, tt.name, err)
			continue
		}
		if diff := cmp.Diff(got, tt.want); diff != "" {
			t.Errorf("DatabaseURL(%q, %q) (-got +want):\n%s", tt.server, tt.name, diff)
		}
	}
	bad := []struct{ server, name, want string }{
		{"mysql://root@127.0.0.1:3306/", "x", "not a PostgreSQL URL; use postgres://"},
		{"host=localhost dbname=x", "x", "not a PostgreSQL URL"},
		{"postgres://u@h:5432/", " ", "database name is empty"},
	}
	for _, tt := range bad {
		if _, err := d.DatabaseURL(tt.server, tt.name); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("DatabaseURL(%q, %q) error = %v, want one containing %q", tt.server, tt.name, err, tt.want)
		}
	}
}

func TestOpenRefusesOtherURLs(t *testing.T) {
	d := pgdialect.New()
	_, err := d.Open("mysql://root:secret@127.0.0.1:3306/shop")
	if err == nil || !strings.Contains(err.Error(), "use postgres://user:password@host:5432/dbname") {
		t.Fatalf("Open(mysql URL) error = %v, want one giving the form of a PostgreSQL URL", err)
	}
	if strings.Contains(err.Error(), "secret") {
		t.Errorf("Open error shows the password: %v", err)
	}
}

// Open sets the session time zone to UTC: a timestamp written without a
// zone is taken as UTC, and reads back in UTC.
func TestOpenUTC(t *testing.T) {
	d := pgdialect.New()
	tg := dialecttest.Fresh(t, d, serverURL(t)+"&timezone=America/New_York")
	var tz string
	if err := tg.DB.QueryRow("SHOW TimeZone").Scan(&tz); err != nil {
		t.Fatal(err)
	}
	if tz != "UTC" {
		t.Errorf("session TimeZone = %q, want UTC", tz)
	}
	var got time.Time
	if err := tg.DB.QueryRow("SELECT '2026-11-26 18:45:03'::timestamptz").Scan(&got); err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 11, 26, 18, 45, 3, 0, time.UTC)
	if !got.Equal(want) {
		t.Errorf("timestamp read back as %v, want %v", got, want)
	}
}

func TestCreateDropDatabase(t *testing.T) {
	d := pgdialect.New()
	ctx := context.Background()
	url, err := d.DatabaseURL(serverURL(t), `strata_t_admin "odd" name`)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.DropDatabase(ctx, url); err != nil {
		t.Fatalf("drop a database that does not exist: %v", err)
	}
	if err := d.CreateDatabase(ctx, url); err != nil {
		t.Fatalf("create: %v", err)
	}
	t.Cleanup(func() { _ = d.DropDatabase(context.Background(), url) })
	err = d.CreateDatabase(ctx, url)
	if c := d.Classify(err); c == nil || c.Kind != dialect.ErrExists {
		t.Errorf("create twice: error %v, want an already-exists error", err)
	}
	// A session still connected does not stop the drop.
	db, err := d.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.PingContext(ctx); err != nil {
		t.Fatalf("connect to the new database: %v", err)
	}
	if err := d.DropDatabase(ctx, url); err != nil {
		t.Fatalf("drop with a session connected: %v", err)
	}
	err = db.PingContext(ctx)
	if c := d.Classify(err); c == nil || (c.Kind != dialect.ErrNoDatabase && c.Kind != dialect.ErrConnection) {
		t.Errorf("ping after drop: %v, want the database gone", err)
	}
	if err := d.CreateDatabase(ctx, "postgres://u@h:5432/"); err == nil || !strings.Contains(err.Error(), "names no database") {
		t.Errorf("create without a name: %v, want an error saying the URL names no database", err)
	}
}
