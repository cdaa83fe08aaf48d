package sqllex_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/strata-orm/strata/internal/sqllex"
)

// lexSeeds are FuzzLex's seed corpus: the inputs of internal/query's
// tokenizer and placeholder tests and of migrate's splitter tests, and
// their neighbours.
var lexSeeds = []string{
	// internal/query FuzzTokenizer and FuzzPlaceholders.
	"SELECT ?, '?', \"?\", `?`, $$?$$, $a$?$a$, /* ? */ -- ?\n ?",
	`SELECT E'\'?' || '\' ?`, "SELECT ?::int ?? ? #?\n", "/* /* ? */ */ ?", "$1 $$ $", "'", "\"", "/*", "$a$",
	"SELECT ?/*!50000 , ? */", "SELECT ?/*M! , ? */ /*!999999 ? /* ? */ ? */", "SELECT ? --\x01?\n, ?",
	"SELECT a?", "SELECT 2=?AND ?", "SELECT $1, ?", "SELECT $a$ ? $a$ ?$b$?$b$", "SELECT E'\\'?' ?",
	"SELECT '{}'::jsonb ??| array[?] ?? ???", "SELECT /* /* ? */ ? */ ?", "SELECT '\\'?' \"?\" `?` [?] ?",
	"SELECT ?1 :a @a $a #a", "SELECT ? /* ?", "SELECT ?é?_?$?1?",
	// internal/query TestPlaceholderLexers and TestRebind.
	"SELECT ?/*!50000 , ? /* , ? */ , ? */", "SELECT ?/*!50000 , '*/' , ? */", "SELECT ?/*! , ? -- */\n , ? */",
	"SELECT ?/*!50000 , ? /*!50000 , ? */", "SELECT ?/*!999999 , ? /* , ? */ , ? */ , ?", "SELECT ?/*!5000a , ? */",
	"SELECT ? /*! , ?", "SELECT ? /*!999999 , ?", "SELECT ?/*!50700 , ? */", "SELECT ?/*m! , ? */",
	`SELECT '\'?', "\"?", N'?', _utf8mb4'?', ?`, "SELECT a$1b, ?", "SELECT 1$1", "SELECT $_1$ ? $_1$, ?",
	`SELECT U&'\?', U&"?", ?`, "SELECT ? #x\r, ?", "UPDATE a SET x = ?; UPDATE b SET y = ?", "SELECT ?, ';' -- ;\n ; SELECT ?",
	"SELECT $tag$ it's ? $tag$ || ?", `SELECT "col?", "a""?", ?`, "SELECT 1--?", "SELECT $$?$$", "SELECT [a",
	// migrate TestSplitStatements, TestSplitErrors and FuzzMigrationParser.
	"CREATE TABLE a (x int);\nCREATE TABLE b (y int);\n", ";;  ;\n-- only a comment\n;", "-- users\n/* table */ CREATE TABLE u (id int);",
	"SELECT /* ; */ 1;", "SELECT 1 -- one;\n;", "INSERT INTO t VALUES ('a;b');SELECT 2;", "SELECT 'it''s;';SELECT 2;",
	`SELECT 1 AS "a;""b";SELECT 2`, `SELECT 'C:\';SELECT 2;`, `SELECT E'it\'s;';SELECT 2;`,
	"CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;SELECT 2;", "DO $body$ BEGIN PERFORM $$x;$$; END $body$;SELECT 2",
	"SELECT $1;SELECT $2", "SELECT a$b$c FROM t;SELECT 2", "SELECT 1 /* a /* b; */ c; */;SELECT 2", `SELECT "a\";b";SELECT 2`,
	"SELECT 1 AS `a;``b`;SELECT 2", "# c;\nSELECT 1;", "SELECT 1--1;SELECT 2", "SELECT 1 -- x;\n;SELECT 2", "SELECT $$;SELECT 2",
	"SELECT 1 AS [a;b];SELECT 2", "SELECT 1;\nSELECT 'abc", "SELECT $x$abc$$", "SELECT 1 /* a /* b */", `SELECT 'abc\'`,
	"DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END //",
	"SELECT 'a;b', \"c;d\", `e;f`, [g;h], E'\\';', $t$;$t$; /* ; /* ; */ ; */ SELECT 1 -- ;\n# ;\n;",
	"INSERT INTO t VALUES ('it''s', 'C:\\');\nBEGIN; END;\n", "SELECT $1, a$b$c, $$",
	"/*!40101 SET NAMES utf8mb4 */;\n/*!40103 SET TIME_ZONE='+00:00' */;\nCREATE TABLE t (a int);",
	"", ";", "?", "\x00?;", "é;'é", "\t\v\f\r\n",
}

// FuzzLex: lexing never panics; the tokens cover the input exactly, in
// order, none empty; a string, name, comment or dollar quote without its
// end is the *Error (at its start) and the last token, never a silent
// token; every ; outside literals is a Semicolon. On the seeds, the ?
// and the statements are those of the lexers sqllex replaced (the
// oracle, oracle_*_test.go).
func FuzzLex(f *testing.F) {
	seeds := map[string]bool{}
	for _, s := range lexSeeds {
		f.Add(s)
		seeds[s] = true
	}
	f.Fuzz(func(t *testing.T, sql string) {
		for _, d := range dialects {
			for _, fl := range []sqllex.Flags{d.query, d.split, d.migrate()} {
				checkTokens(t, d.name, sql, fl)
			}
			if seeds[sql] {
				differential(t, d, sql)
			}
		}
	})
}

func checkTokens(t *testing.T, name, sql string, fl sqllex.Flags) {
	t.Helper()
	toks, err := sqllex.Lex(sql, fl)
	var le *sqllex.Error
	if err != nil && !errors.As(err, &le) {
		t.Fatalf("%s %q: error %v is no *sqllex.Error", name, sql, err)
	}
	pos := 0
	for k, tok := range toks {
		if tok.Pos != pos || tok.End <= tok.Pos || tok.End > len(sql) {
			t.Fatalf("%s %q: token %d %v at [%d, %d), expected one from %d", name, sql, k, tok.Kind, tok.Pos, tok.End, pos)
		}
		pos = tok.End
		text := sql[tok.Pos:tok.End]
		switch tok.Kind {
		case sqllex.Text:
			if k > 0 && toks[k-1].Kind == sqllex.Text {
				t.Fatalf("%s %q: two text tokens in a row", name, sql)
			}
			if strings.ContainsAny(text, "?;") {
				t.Fatalf("%s %q: text %q holds a ? or ;", name, sql, text)
			}
		case sqllex.Placeholder, sqllex.Semicolon, sqllex.Param:
			if len(text) != 1 {
				t.Fatalf("%s %q: %v token %q", name, sql, tok.Kind, text)
			}
		case sqllex.String, sqllex.Ident, sqllex.Dollar, sqllex.Comment:
			if !closed(tok.Kind, text, fl) && (le == nil || le.Pos != tok.Pos || k != len(toks)-1) {
				t.Fatalf("%s %q: %v %q has no end and is not the error (%v)", name, sql, tok.Kind, text, err)
			}
		}
	}
	if pos != len(sql) {
		t.Fatalf("%s %q: tokens end at %d of %d", name, sql, pos, len(sql))
	}
	if le != nil && (le.Pos < 0 || le.Pos >= len(sql) || !strings.HasPrefix(sql[le.Pos:], le.Open)) {
		t.Fatalf("%s %q: error %+v is not at its opening", name, sql, le)
	}
}

// closed reports whether the literal or comment text ends as its kind
// does (a comment to the end of the line ends at the end of the text).
func closed(kind sqllex.Kind, text string, fl sqllex.Flags) bool {
	switch {
	case kind == sqllex.Comment && !strings.HasPrefix(text, "/*"):
		return true
	case kind == sqllex.Comment:
		return fl.UnterminatedComments || len(text) >= 4 && strings.HasSuffix(text, "*/")
	case kind == sqllex.Dollar:
		tag := text[:strings.IndexByte(text[1:], '$')+2]
		return len(text) >= 2*len(tag) && strings.HasSuffix(text, tag)
	case text[0] == '[':
		return strings.HasSuffix(text, "]")
	}
	return len(text) >= 2 && text[len(text)-1] == text[0]
}

// differential compares sqllex with the oracle on one seed: the ? outside
// literals, the unterminated constructs and the statements.
func differential(t *testing.T, d dialect, sql string) {
	t.Helper()
	var want []int
	otoks, oerr := oldTokenize(sql, &d.query)
	for _, tok := range otoks {
		for i := range tok.Text {
			if tok.Kind == oldPlaceholder || tok.Kind == oldQuestion {
				want = append(want, tok.Pos+i)
			}
		}
	}
	toks, err := sqllex.Lex(sql, d.query)
	var got []int
	for _, tok := range toks {
		if tok.Kind == sqllex.Placeholder {
			got = append(got, tok.Pos)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s %q: placeholders at %v, the old tokenizer's at %v", d.name, sql, got, want)
	}
	var le *sqllex.Error
	var ole *oldSyntaxError
	if errors.As(err, &le) != errors.As(oerr, &ole) || le != nil && le.Pos != ole.Pos {
		t.Errorf("%s %q: error %v, the old tokenizer's %v", d.name, sql, err, oerr)
	}

	ostmts, oerr := oldSplit(sql, 1, flavorFor(d.name))
	spans, err := sqllex.Statements(sql, d.split)
	if (oerr != nil) != (err != nil) && !strings.Contains(fmtErr(oerr), "DELIMITER") {
		t.Errorf("%s %q: split error %v, the old splitter's %v", d.name, sql, err, oerr)
	}
	if oerr != nil || err != nil {
		return
	}
	var old []sqllex.Span
	for _, s := range ostmts {
		old = append(old, sqllex.Span{Pos: s.Pos, End: s.End})
	}
	if !slices.Equal(spans, old) {
		t.Errorf("%s %q: statements %v, the old splitter's %v", d.name, sql, spans, old)
	}
}

func fmtErr(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
