package query_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/strata-orm/strata/internal/query"
)

// TestPlaceholderLexers is issue 13's defect 3 as unit cases: each ? is a
// placeholder exactly when the server's lexer reads a parameter there
// (checked against MariaDB 10.11, PostgreSQL 15 and SQLite by
// TestReliabilityPlaceholderLexers), the rewritten text parses as meant,
// and what cannot be bound as the server reads it is a *SyntaxError
// naming the byte and the fix.
func TestPlaceholderLexers(t *testing.T) {
	tests := []struct {
		dialect, in string
		want        string // the rewritten text, or the error's text after "sql at byte "
		n           int    // placeholders; -1: an error
	}{
		// MySQL / MariaDB: executable comments are SQL.
		{"mysql", "SELECT ?/*!50000 , ? */", "SELECT ?/*!50000 , ? */", 2},
		{"mysql", "SELECT ?/*! , ? */", "SELECT ?/*! , ? */", 2},
		{"mysql", "SELECT ?/*M! , ? */", "SELECT ?/*M! , ? */", 2},
		{"mysql", "SELECT ?/*M!100000 , ? */", "SELECT ?/*M!100000 , ? */", 2},
		{"mysql", "SELECT ?/*!101106 , ? */", "SELECT ?/*!101106 , ? */", 2},
		{"mysql", "SELECT ?/*!101107 , ? */", "SELECT ?/*!101107 , ? */", 1},
		{"mysql", "SELECT ?/*!999999 , ? */", "SELECT ?/*!999999 , ? */", 1},
		{"mysql", "SELECT ?/*!50700 , ? */", "SELECT ?/*!50700 , ? */", 1},
		{"mysql", "SELECT ?/*!50699 , ? */", "SELECT ?/*!50699 , ? */", 2},
		{"mysql", "SELECT ?/*M!50700 , ? */", "SELECT ?/*M!50700 , ? */", 2},
		{"mysql", "SELECT ?/*m! , ? */", "SELECT ?/*m! , ? */", 1},
		{"mysql", "SELECT ?/*+ , ? */", "SELECT ?/*+ , ? */", 1},
		{"mysql", "SELECT ?/*!50000 , ? /* , ? */ , ? */", "SELECT ?/*!50000 , ? /* , ? */ , ? */", 3},
		{"mysql", "SELECT ?/*!50000 , '*/' , ? */", "SELECT ?/*!50000 , '*/' , ? */", 2},
		{"mysql", "SELECT ?/*! , ? -- */\n , ? */", "SELECT ?/*! , ? -- */\n , ? */", 3},
		{"mysql", "SELECT ?/*!50000 , ? /*!50000 , ? */", "SELECT ?/*!50000 , ? /*!50000 , ? */", 3},
		{"mysql", "SELECT ?/*!999999 , ? /* , ? */ , ? */ , ?", "SELECT ?/*!999999 , ? /* , ? */ , ? */ , ?", 2},
		{"mysql", "SELECT ?/*!5000a , ? */", "SELECT ?/*!5000a , ? */", 2},
		{"mysql", "SELECT ? /*! , ?", "9: unterminated /*! comment (its text is SQL to the database); end it with */", -1},
		{"mysql", "SELECT ? /*!999999 , ?", "9: unterminated /*! comment", -1},
		{"mysql", "SELECT ? /* x", "9: unterminated /* comment", -1},
		// -- is a comment before a space or a control character, DEL too.
		{"mysql", "SELECT ? --\x7f, ?", "SELECT ? --\x7f, ?", 1},
		{"mysql", "SELECT ? --\x01, ?", "SELECT ? --\x01, ?", 1},
		{"mysql", "SELECT ? --\t?\n, ?", "SELECT ? --\t?\n, ?", 2},
		{"mysql", "SELECT 1--?", "SELECT 1--?", 1},
		{"mysql", "SELECT ?--", "SELECT ?--", 1},
		{"mysql", "SELECT ? -- x\r, ?", "SELECT ? -- x\r, ?", 1},
		{"mysql", "SELECT ? #x\r, ?", "SELECT ? #x\r, ?", 1},
		{"mysql", `SELECT '\'?', "\"?", N'?', _utf8mb4'?', ?`, `SELECT '\'?', "\"?", N'?', _utf8mb4'?', ?`, 1},
		{"mysql", "SELECT a$b, ?`a`", "SELECT a$b, ?`a`", 1},
		{"mysql", "SELECT ??", "7: ?? (a literal ?) outside a string, where the database reads every ? as a parameter; write ? ? for two parameters, or '?' for the character", -1},
		{"mysql", "SELECT ?\x00", "8: NUL byte in the text; bind the value with ? instead", -1},
		// PostgreSQL: a ? next to a name or number is set off.
		{"postgres", "SELECT a?", "SELECT a $1", 1},
		{"postgres", "SELECT 1 WHERE 2=?AND ?=2", "SELECT 1 WHERE 2=$1 AND $2=2", 2},
		{"postgres", "SELECT ?1", "SELECT $1 1", 1},
		{"postgres", "SELECT x?y", "SELECT x $1 y", 1},
		{"postgres", "SELECT é?", "SELECT é $1", 1},
		{"postgres", "SELECT ?::int, (?)", "SELECT $1::int, ($2)", 2},
		{"postgres", "SELECT a$1b, ?", "SELECT a$1b, $1", 1},
		{"postgres", "SELECT $1", "7: $1 is a parameter to PostgreSQL that strata does not number; write ? (strata writes $1, $2 … in order)", -1},
		{"postgres", "SELECT ?, $2", "10: $2 is a parameter", -1},
		{"postgres", "SELECT 1$1", "8: $1 is a parameter", -1},
		{"postgres", "SELECT $q$ ? $q$, ?$x$?$x$", "SELECT $q$ ? $q$, $1 $x$?$x$", 1},
		{"postgres", "SELECT $_1$ ? $_1$, ?", "SELECT $_1$ ? $_1$, $1", 1},
		{"postgres", `SELECT E'\'?', e'\\', ?`, `SELECT E'\'?', e'\\', $1`, 1},
		{"postgres", `SELECT xe'?', ?`, `SELECT xe'?', $1`, 1},
		{"postgres", `SELECT U&'\?', U&"?", ?`, `SELECT U&'\?', U&"?", $1`, 1},
		{"postgres", "SELECT /* /* ? */ ? */ ?", "SELECT /* /* ? */ ? */ $1", 1},
		{"postgres", "SELECT ? --?\n", "SELECT $1 --?\n", 1},
		{"postgres", "SELECT '{\"a\":1}'::jsonb ?? 'a', '{}'::jsonb ??| array['a'], '{}'::jsonb ??& array[?]", "SELECT '{\"a\":1}'::jsonb ? 'a', '{}'::jsonb ?| array['a'], '{}'::jsonb ?& array[$1]", 1},
		{"postgres", "SELECT ???", "SELECT ?$1", 1},
		{"postgres", "SELECT /* ?", "7: unterminated /* comment", -1},
		// SQLite: [names], comments to the end, named parameters.
		{"sqlite", "SELECT [?], `?`, \"?\", ?", "SELECT [?], `?`, \"?\", ?", 1},
		{"sqlite", "SELECT ? /* ?", "SELECT ? /* ?", 1},
		{"sqlite", `SELECT '\', ?`, `SELECT '\', ?`, 1},
		{"sqlite", "SELECT a$b, ?--?", "SELECT a$b, ?--?", 1},
		{"sqlite", "SELECT ?1", "7: SQLite reads ?1 as a numbered parameter; write ? and pass the values in order, or put a space after the ?", -1},
		{"sqlite", "SELECT :a", "7: SQLite reads :a as a named parameter; write ? and pass the value in order", -1},
		{"sqlite", "SELECT a:b", "8: SQLite reads :b as a named parameter", -1},
		{"sqlite", "SELECT @a, ?", "7: SQLite reads @a as a named parameter", -1},
		{"sqlite", "SELECT $a", "7: SQLite reads $a as a named parameter", -1},
		{"sqlite", "SELECT #a", "7: SQLite reads #a as a named parameter", -1},
		{"sqlite", "SELECT ??", "7: ?? (a literal ?)", -1},
		{"sqlite", "SELECT [a", "7: unterminated [quoted name]", -1},
		{"sqlite", "SELECT '\x00'", "8: NUL byte", -1},
		// A ? in a second statement: SQLite would bind it from the first
		// argument.
		{"sqlite", "UPDATE a SET x = ?; UPDATE b SET y = ?", "18: a placeholder after ; (a second statement), whose ? the databases do not bind in order; run each statement by itself", -1},
		{"postgres", "SELECT ?; SELECT 2", "SELECT $1; SELECT 2", 1},
		{"mysql", "SELECT ?, ';' -- ;\n ; SELECT ?", "20: a placeholder after ;", -1},
		{"mysql", "SELECT ?;", "SELECT ?;", 1},
	}
	for _, tt := range tests {
		d := dialectNamed(tt.dialect)
		got, n, err := query.Rebind(d, &d.feat, tt.in, 0)
		if tt.n < 0 {
			var se *query.SyntaxError
			if !errors.As(err, &se) || !errors.Is(err, query.ErrRawSQL) || !strings.HasPrefix(err.Error(), "sql at byte "+tt.want) {
				t.Errorf("%s %q: error %v, want a *SyntaxError %q", tt.dialect, tt.in, err, "sql at byte "+tt.want)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s %q: %v", tt.dialect, tt.in, err)
			continue
		}
		if got != tt.want || n != tt.n {
			t.Errorf("%s %q: got %q with %d placeholders, want %q with %d", tt.dialect, tt.in, got, n, tt.want, tt.n)
		}
	}
}

// TestWriteRawSeparates: a list or an empty list bound next to a name is
// set off too, and a count that differs is a *BindCountError.
func TestWriteRawSeparates(t *testing.T) {
	d := dialectNamed("postgres")
	b := query.NewBuilder(d, &d.feat)
	if err := query.WriteRaw(b, "x IN(?)AND y=?AND z IN (?)OR?", []any{[]int{1, 2}, 3, []int{}, 4}); err != nil {
		t.Fatal(err)
	}
	if got, want := b.SQL(), "x IN($1, $2)AND y=$3 AND z IN (NULL)OR $4"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	err := query.WriteRaw(query.NewBuilder(d, &d.feat), "a = ?", nil)
	var be *query.BindCountError
	if !errors.As(err, &be) || be.Placeholders != 1 || be.Args != 0 || !errors.Is(err, query.ErrRawSQL) {
		t.Errorf("count mismatch: %v", err)
	}
}
