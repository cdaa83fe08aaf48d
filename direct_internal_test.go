package strata

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
)

// onConn retries a statement that a bad connection kept from being sent,
// as database/sql does, and turns the direct path off for a driver it does
// not reach.
func TestOnConnRetries(t *testing.T) {
	d := sqlitedialect.New()
	sqlDB, err := d.Open("sqlite:" + filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer sqlDB.Close()
	db, err := New(sqlDB, d)
	if err != nil {
		t.Fatal(err)
	}
	bad := fmt.Errorf("%w: write: broken pipe", driver.ErrBadConn)
	tests := []struct {
		name      string
		errs      []error // f's result on each try; nil after the list
		wantTries int
		wantErr   error
		noDirect  bool
	}{
		{"ok", nil, 1, nil, false},
		{"bad twice", []error{bad, bad}, 3, nil, false},
		{"bad always", []error{bad, bad, bad, bad}, directTries, driver.ErrBadConn, false},
		{"other error", []error{sql.ErrNoRows}, 1, sql.ErrNoRows, false},
		{"no direct", []error{dialect.ErrNoDirect}, 1, dialect.ErrNoDirect, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db.noDirect.Store(false)
			tries := 0
			err := db.onConn(context.Background(), nil, func(conn *sql.Conn, _ bool) error {
				tries++
				if conn == nil {
					return errors.New("no connection")
				}
				if tries <= len(tt.errs) {
					return tt.errs[tries-1]
				}
				return nil
			})
			if tries != tt.wantTries || !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Errorf("%d tries, error %v; want %d tries, error %v", tries, err, tt.wantTries, tt.wantErr)
			}
			if got := db.noDirect.Load(); got != tt.noDirect {
				t.Errorf("noDirect = %v, want %v", got, tt.noDirect)
			}
			if n := sqlDB.Stats().InUse; n != 0 {
				t.Errorf("%d connections in use", n)
			}
		})
	}
}
