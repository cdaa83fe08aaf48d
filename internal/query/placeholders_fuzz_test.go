package query_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/strata-orm/strata/internal/query"
)

// placeholderSeeds are the cases of issue 13's defect 3 and their
// neighbours, for FuzzPlaceholders.
var placeholderSeeds = []string{
	"SELECT ?/*!50000 , ? */", "SELECT ?/*M! , ? */ /*!999999 ? /* ? */ ? */", "SELECT ? --\x7f?\n, ?",
	"SELECT a?", "SELECT 2=?AND ?", "SELECT $1, ?", "SELECT $a$ ? $a$ ?$b$?$b$", "SELECT E'\\'?' ?",
	"SELECT '{}'::jsonb ??| array[?] ?? ???", "SELECT /* /* ? */ ? */ ?", "SELECT '\\'?' \"?\" `?` [?] ?",
	"SELECT ?1 :a @a $a #a", "SELECT ? /* ?", "SELECT ?é?_?$?1?",
}

// FuzzPlaceholders: for every dialect's lexer, rewriting changes nothing
// but the placeholders (each ? becomes the dialect's placeholder, set off
// by at most a space on each side; ?? becomes ?), the placeholders
// written are exactly as many as counted and numbered $1, $2 … in order
// on PostgreSQL, and rewriting the output again changes nothing where
// placeholders are ? (MySQL, SQLite).
func FuzzPlaceholders(f *testing.F) {
	for _, s := range placeholderSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		for _, d := range dialects {
			toks, lexErr := query.Tokenize(sql, &d.feat)
			out, n, err := query.Rebind(d, &d.feat, sql, 0)
			if err != nil {
				if lexErr == nil && !strings.Contains(err.Error(), "second statement") {
					t.Fatalf("%s %q: Rebind fails (%v) where Tokenize does not", d.name, sql, err)
				}
				continue
			}
			// Walk the output along the tokens.
			pos, k := 0, 0
			for _, tok := range toks {
				switch tok.Kind {
				case query.TokPlaceholder:
					k++
					if strings.HasPrefix(out[pos:], " ") && !strings.HasPrefix(out[pos:], " "+d.Placeholder(k)) {
						t.Fatalf("%s %q: output %q at %d: a space not before placeholder %d", d.name, sql, out, pos, k)
					}
					if strings.HasPrefix(out[pos:], " "+d.Placeholder(k)) {
						pos++
					}
					ph := d.Placeholder(k)
					if !strings.HasPrefix(out[pos:], ph) {
						t.Fatalf("%s %q: output %q at %d lacks placeholder %s", d.name, sql, out, pos, ph)
					}
					pos += len(ph)
					if strings.HasPrefix(out[pos:], " ") && !strings.HasPrefix(sql[tok.Pos+1:], " ") {
						pos++
					}
				case query.TokQuestion:
					if !strings.HasPrefix(out[pos:], "?") {
						t.Fatalf("%s %q: output %q at %d lacks the literal ?", d.name, sql, out, pos)
					}
					pos++
				default:
					if !strings.HasPrefix(out[pos:], tok.Text) {
						t.Fatalf("%s %q: output %q changes %q at %d", d.name, sql, out, tok.Text, pos)
					}
					pos += len(tok.Text)
				}
			}
			if pos != len(out) || k != n {
				t.Fatalf("%s %q: output %q: %d of %d bytes walked, %d of %d placeholders", d.name, sql, out, pos, len(out), k, n)
			}
			if d.Placeholder(1) == "?" {
				again, n2, err := query.Rebind(d, &d.feat, out, 0)
				if err != nil || again != out || n2 != n {
					t.Fatalf("%s %q: rewriting %q again gives %q, %d, %v", d.name, sql, out, again, n2, err)
				}
				continue
			}
			// PostgreSQL: lexed without $n refusal, the output holds
			// exactly $1 … $n outside literals, in order.
			feat := d.feat
			feat.DollarParams = false
			otoks, err := query.Tokenize(out, &feat)
			if err != nil {
				t.Fatalf("%s %q: output %q does not lex: %v", d.name, sql, out, err)
			}
			want := 1
			for _, tok := range otoks {
				if tok.Kind != query.TokText {
					continue
				}
				for i := 0; i < len(tok.Text); i++ {
					if tok.Text[i] != '$' || i+1 >= len(tok.Text) || tok.Text[i+1] < '0' || tok.Text[i+1] > '9' {
						continue
					}
					if i > 0 && isNameByte(tok.Text[i-1]) {
						continue // inside a name (a$1 is a name)
					}
					j := i + 1
					for j < len(tok.Text) && tok.Text[j] >= '0' && tok.Text[j] <= '9' {
						j++
					}
					if tok.Text[i+1:j] != strconv.Itoa(want) {
						t.Fatalf("%s %q: output %q has $%s where $%d belongs", d.name, sql, out, tok.Text[i+1:j], want)
					}
					if j < len(tok.Text) && isNameByte(tok.Text[j]) {
						t.Fatalf("%s %q: output %q: $%d runs into %q", d.name, sql, out, want, tok.Text[j:])
					}
					want++
					i = j - 1
				}
			}
			if want-1 != n {
				t.Fatalf("%s %q: output %q holds %d parameters, counted %d", d.name, sql, out, want-1, n)
			}
		}
	})
}

func isNameByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}
