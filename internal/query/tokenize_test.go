package query_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/strata-orm/strata/internal/query"
)

func dialectNamed(name string) fakeDialect {
	for _, d := range dialects {
		if d.name == name {
			return d
		}
	}
	panic(name)
}

// Cases after Sequelize's packages/core/test/unit/utils/sql.test.ts and
// pgx's dollar-quote advisory (GHSA-j88v-2chj-qfwx): a ? inside a string,
// a quoted name, a comment or a dollar quote is not a placeholder.
func TestRebind(t *testing.T) {
	tests := []struct {
		dialect, in, want string
		n                 int
	}{
		{"postgres", "SELECT ?, ?", "SELECT $1, $2", 2},
		{"postgres", "SELECT '?', ?", "SELECT '?', $1", 1},
		{"postgres", "SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1},
		{"postgres", `SELECT E'\'?', ?`, `SELECT E'\'?', $1`, 1},
		{"postgres", `SELECT e'\\', ?`, `SELECT e'\\', $1`, 1},
		{"postgres", `SELECT '\', ?`, `SELECT '\', $1`, 1},
		{"postgres", `SELECT fe'x', ?`, `SELECT fe'x', $1`, 1},
		{"postgres", "SELECT $$?$$, ?", "SELECT $$?$$, $1", 1},
		{"postgres", "SELECT $a$ $b$ ? $b$ ? $a$, ?", "SELECT $a$ $b$ ? $b$ ? $a$, $1", 1},
		{"postgres", "SELECT $tag$ it's ? $tag$ || ?", "SELECT $tag$ it's ? $tag$ || $1", 1},
		{"postgres", `SELECT "col?", "a""?", ?`, `SELECT "col?", "a""?", $1`, 1},
		{"postgres", "SELECT ? -- ?\n, ?", "SELECT $1 -- ?\n, $2", 2},
		{"postgres", "SELECT /* ? /* ? */ ? */ ?", "SELECT /* ? /* ? */ ? */ $1", 1},
		{"postgres", "SELECT ?::int, '1'::text", "SELECT $1::int, '1'::text", 1},
		{"postgres", "SELECT ?-?", "SELECT $1-$2", 2},
		{"postgres", "SELECT * FROM t WHERE a=-? OR b=?", "SELECT * FROM t WHERE a=-$1 OR b=$2", 2},
		{"postgres", "SELECT data ?? 'k', ?", "SELECT data ? 'k', $1", 1},
		{"postgres", "SELECT a$b$c, ?", "SELECT a$b$c, $1", 1},
		{"postgres", "SELECT 1", "SELECT 1", 0},
		{"mysql", `SELECT '\'?', ?`, `SELECT '\'?', ?`, 1},
		{"mysql", `SELECT "?", "\"?", ?`, `SELECT "?", "\"?", ?`, 1},
		{"mysql", "SELECT `?`, `a``?`, ?", "SELECT `?`, `a``?`, ?", 1},
		{"mysql", "SELECT ? # ?\n, ?", "SELECT ? # ?\n, ?", 2},
		{"mysql", "SELECT 1--?", "SELECT 1--?", 1},
		{"mysql", "SELECT 1 -- ?", "SELECT 1 -- ?", 0},
		{"mysql", "SELECT $$?$$", "SELECT $$? $$", 1},
		{"mysql", "SELECT /* ? */ ?", "SELECT /* ? */ ?", 1},
		{"sqlite", `SELECT '\', ?`, `SELECT '\', ?`, 1},
		{"sqlite", "SELECT `?`, \"?\", ?", "SELECT `?`, \"?\", ?", 1},
		{"sqlite", "SELECT ? # ?", "SELECT ? # ?", 2},
	}
	for _, tt := range tests {
		d := dialectNamed(tt.dialect)
		got, n, err := query.Rebind(d, &d.feat, tt.in, 0)
		if err != nil {
			t.Errorf("%s %q: %v", tt.dialect, tt.in, err)
			continue
		}
		if got != tt.want || n != tt.n {
			t.Errorf("%s %q: got %q with %d placeholders, want %q with %d", tt.dialect, tt.in, got, n, tt.want, tt.n)
		}
	}
}

func TestRebindUnterminated(t *testing.T) {
	tests := []struct{ dialect, in, want string }{
		{"postgres", "SELECT 'abc", "sql at byte 7: unterminated string literal"},
		{"postgres", "SELECT ? /* x", "sql at byte 9: unterminated /* comment"},
		{"postgres", "SELECT $a$ x", "sql at byte 7: unterminated dollar-quoted string $a$"},
		{"postgres", `SELECT "a`, "sql at byte 7: unterminated quoted name"},
		{"postgres", "SELECT /* /* */ ?", "sql at byte 7: unterminated /* comment"},
		{"mysql", `SELECT 'a\'`, "sql at byte 7: unterminated string literal"},
		{"sqlite", "SELECT `a", "sql at byte 7: unterminated quoted name"},
	}
	for _, tt := range tests {
		d := dialectNamed(tt.dialect)
		_, _, err := query.Rebind(d, &d.feat, tt.in, 0)
		var se *query.SyntaxError
		if !errors.As(err, &se) || err.Error() != tt.want {
			t.Errorf("%s %q: error %v, want %q", tt.dialect, tt.in, err, tt.want)
		}
	}
}

// FuzzTokenizer (RELIABILITY 53): tokenizing never panics, the tokens
// join back into the input, and no placeholder lies inside a string,
// quoted name or comment token.
func FuzzTokenizer(f *testing.F) {
	for _, s := range []string{
		"SELECT ?, '?', \"?\", `?`, $$?$$, $a$?$a$, /* ? */ -- ?\n ?",
		`SELECT E'\'?' || '\' ?`, "SELECT ?::int ?? ? #?\n", "/* /* ? */ */ ?", "$1 $$ $", "'", "\"", "/*", "$a$",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		for _, d := range dialects {
			toks, _ := query.Tokenize(sql, &d.feat)
			var b strings.Builder
			pos := 0
			for _, tok := range toks {
				if tok.Pos != pos {
					t.Fatalf("%s: token at %d, expected %d", d.name, tok.Pos, pos)
				}
				pos += len(tok.Text)
				b.WriteString(tok.Text)
				switch tok.Kind {
				case query.TokPlaceholder:
					if tok.Text != "?" {
						t.Fatalf("%s: placeholder token %q", d.name, tok.Text)
					}
				case query.TokText:
					if strings.Contains(tok.Text, "?") {
						t.Fatalf("%s: text token %q holds a ?", d.name, tok.Text)
					}
				}
			}
			if b.String() != sql {
				t.Fatalf("%s: tokens join to %q, not %q", d.name, b.String(), sql)
			}
		}
	})
}
