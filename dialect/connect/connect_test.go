package connect

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func TestDialect(t *testing.T) {
	for url, want := range map[string]string{
		"postgres://u@h/db": "postgres", "postgresql://u@h/db": "postgres", "mysql://root@h/db": "mysql",
		"mariadb://root@h/db": "mysql", "sqlite:db/dev.sqlite3": "sqlite", "SQLITE:x.db": "sqlite", "file:x.db": "sqlite",
	} {
		d, err := Dialect(url)
		if err != nil || d.Name() != want {
			t.Errorf("Dialect(%q) = %v, %v; want %s", url, d, err, want)
		}
	}
	for url, want := range map[string]string{
		"db.sqlite3":              "has no scheme",
		"oracle://u:secret@h/db":  `scheme "oracle" is not supported`,
		"postgres//u:secret@h/db": "is not supported",
	} {
		_, err := Dialect(url)
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "secret") {
			t.Errorf("Dialect(%q) error = %v, want %q without the password", url, err, want)
		}
	}
}

func TestOpenSQLite(t *testing.T) {
	db, d, err := Open("sqlite:" + filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if d.Name() != "sqlite" {
		t.Errorf("dialect %s", d.Name())
	}
	if err := db.PingContext(context.Background()); err != nil {
		t.Fatal(err)
	}
}
