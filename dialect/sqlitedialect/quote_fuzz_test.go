package sqlitedialect_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/strata-orm/strata/dialect/sqlitedialect"
)

// FuzzQuoteIdent (RELIABILITY 52): any name, quoted by the dialect and
// used as a column alias, runs as one statement on an in-process SQLite
// database and reads back as exactly that name; a canary table is never
// touched. Only a name holding NUL, which SQLite ends its text at, may be
// refused, and then with an error, never another statement.
func FuzzQuoteIdent(f *testing.F) {
	for _, s := range []string{
		"id", "", " ", `"`, `""`, `a"b`, `x" FROM canary --`, `"; DROP TABLE canary; --`, "`x`", "[x]", "'x'",
		"a\x00b", "\xff\xfe", "ʼ", "😀", "--", "/*", "*/", "?", "$1", ":x", "@x", "a\nb", strings.Repeat(`"`, 300),
	} {
		f.Add(s)
	}
	d := sqlitedialect.New()
	db, err := d.Open("sqlite:" + filepath.Join(f.TempDir(), "quote.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE TABLE canary (v TEXT); INSERT INTO canary VALUES ('one')`); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := d.Quote(s)
		rows, err := db.QueryContext(ctx, "SELECT 1 AS "+q)
		if err != nil {
			if !strings.ContainsRune(s, 0) {
				t.Fatalf("SELECT 1 AS %s: %v", q, err)
			}
		} else {
			cols, err := rows.Columns()
			rows.Close()
			if err != nil || len(cols) != 1 || cols[0] != s {
				t.Fatalf("SELECT 1 AS %s: columns %q, %v; want [%q]", q, cols, err, s)
			}
		}
		var n int
		var v string
		if err := db.QueryRowContext(ctx, "SELECT count(*), max(v) FROM canary").Scan(&n, &v); err != nil || n != 1 || v != "one" {
			t.Fatalf("canary changed after %q: %d rows, %q, %v", s, n, v, err)
		}
	})
}
