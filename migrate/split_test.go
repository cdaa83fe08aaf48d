package migrate

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/dialect/mysqldialect"
	"github.com/strata-orm/strata/dialect/pgdialect"
	"github.com/strata-orm/strata/dialect/sqlitedialect"
)

// flavorFor returns the splitting rules of the dialect called name
// ("postgres", "mysql", "sqlite"); any other name gets standard SQL's.
func flavorFor(name string) flavor {
	var d dialect.Dialect
	switch name {
	case "postgres":
		d = pgdialect.New()
	case "mysql":
		d = mysqldialect.New()
	case "sqlite":
		d = sqlitedialect.New()
	}
	return flavorOf(d)
}

func sqls(stmts []sqlStmt) []string {
	var out []string
	for _, s := range stmts {
		out = append(out, s.SQL)
	}
	return out
}

func TestSplitStatements(t *testing.T) {
	tests := []struct {
		name    string
		dialect string
		in      string
		want    []string
	}{
		{"two statements", "postgres", "CREATE TABLE a (x int);\nCREATE TABLE b (y int);\n", []string{"CREATE TABLE a (x int)", "CREATE TABLE b (y int)"}},
		{"last without semicolon", "sqlite", "SELECT 1;\nSELECT 2", []string{"SELECT 1", "SELECT 2"}},
		{"empty statements dropped", "postgres", ";;  ;\n-- only a comment\n;", nil},
		{"leading comments trimmed", "postgres", "-- users\n/* table */ CREATE TABLE u (id int);", []string{"CREATE TABLE u (id int)"}},
		{"comment inside kept", "postgres", "SELECT /* ; */ 1;", []string{"SELECT /* ; */ 1"}},
		{"trailing comment before semicolon dropped", "postgres", "SELECT 1 -- one;\n;", []string{"SELECT 1"}},
		{"semicolon in string", "postgres", "INSERT INTO t VALUES ('a;b');SELECT 2;", []string{"INSERT INTO t VALUES ('a;b')", "SELECT 2"}},
		{"doubled quote", "postgres", "SELECT 'it''s;';SELECT 2;", []string{"SELECT 'it''s;'", "SELECT 2"}},
		{"quoted identifier", "postgres", `SELECT 1 AS "a;""b";SELECT 2`, []string{`SELECT 1 AS "a;""b"`, "SELECT 2"}},
		{"pg backslash is literal", "postgres", `SELECT 'C:\';SELECT 2;`, []string{`SELECT 'C:\'`, "SELECT 2"}},
		{"pg E string escapes", "postgres", `SELECT E'it\'s;';SELECT 2;`, []string{`SELECT E'it\'s;'`, "SELECT 2"}},
		{"pg dollar quote", "postgres", "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;SELECT 2;",
			[]string{"CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", "SELECT 2"}},
		{"pg tagged dollar quote with nested $$", "postgres", "DO $body$ BEGIN PERFORM $$x;$$; END $body$;SELECT 2",
			[]string{"DO $body$ BEGIN PERFORM $$x;$$; END $body$", "SELECT 2"}},
		{"pg parameter is not a dollar quote", "postgres", "SELECT $1;SELECT $2", []string{"SELECT $1", "SELECT $2"}},
		{"pg identifier with dollar", "postgres", "SELECT a$b$c FROM t;SELECT 2", []string{"SELECT a$b$c FROM t", "SELECT 2"}},
		{"pg nested comments", "postgres", "SELECT 1 /* a /* b; */ c; */;SELECT 2", []string{"SELECT 1", "SELECT 2"}},
		{"pg nested comment inside", "postgres", "SELECT /* a /* b; */ c; */ 1;SELECT 2", []string{"SELECT /* a /* b; */ c; */ 1", "SELECT 2"}},
		{"mysql backslash escape", "mysql", `SELECT 'it\'s;';SELECT 2;`, []string{`SELECT 'it\'s;'`, "SELECT 2"}},
		{"mysql double-quoted string", "mysql", `SELECT "a\";b";SELECT 2`, []string{`SELECT "a\";b"`, "SELECT 2"}},
		{"mysql backticks", "mysql", "SELECT 1 AS `a;``b`;SELECT 2", []string{"SELECT 1 AS `a;``b`", "SELECT 2"}},
		{"mysql hash comment", "mysql", "# c;\nSELECT 1;", []string{"SELECT 1"}},
		{"mysql double dash needs a space", "mysql", "SELECT 1--1;SELECT 2", []string{"SELECT 1--1", "SELECT 2"}},
		{"mysql double dash comment", "mysql", "SELECT 1 -- x;\n;SELECT 2", []string{"SELECT 1", "SELECT 2"}},
		{"mysql no dollar quotes", "mysql", "SELECT $$;SELECT 2", []string{"SELECT $$", "SELECT 2"}},
		{"sqlite brackets", "sqlite", "SELECT 1 AS [a;b];SELECT 2", []string{"SELECT 1 AS [a;b]", "SELECT 2"}},
		{"sqlite backticks", "sqlite", "SELECT 1 AS `a;b`;SELECT 2", []string{"SELECT 1 AS `a;b`", "SELECT 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := splitStatements(tt.in, 1, flavorFor(tt.dialect))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(sqls(got), tt.want); diff != "" {
				t.Errorf("split %q (-got +want):\n%s", tt.in, diff)
			}
		})
	}
}

// mysqldumpHead is how a mysqldump file starts: executable comments that
// are statements on MySQL and MariaDB, and comments elsewhere.
const mysqldumpHead = "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n" +
	"/*!40101 SET NAMES utf8mb4 */;\n/*!50503 SET NAMES utf8mb4 */;\n" +
	"/*M!100616 SET @OLD_NOTE_VERBOSITY=@@NOTE_VERBOSITY, NOTE_VERBOSITY=0 */;\n" +
	"-- Table structure\nCREATE TABLE t (a int) /*!50100 COMMENT 'x;y' */;\n"

func TestSplitExecutableComments(t *testing.T) {
	for _, tt := range []struct {
		dialect string
		want    []string
	}{
		{"mysql", []string{"/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */", "/*!40101 SET NAMES utf8mb4 */",
			"/*!50503 SET NAMES utf8mb4 */", "CREATE TABLE t (a int) /*!50100 COMMENT 'x;y' */"}},
		{"postgres", []string{"CREATE TABLE t (a int)"}},
		{"sqlite", []string{"CREATE TABLE t (a int)"}},
	} {
		got, err := splitStatements(mysqldumpHead, 1, flavorFor(tt.dialect))
		if err != nil {
			t.Fatalf("%s: %v", tt.dialect, err)
		}
		if diff := cmp.Diff(sqls(got), tt.want); diff != "" {
			t.Errorf("%s (-got +want):\n%s", tt.dialect, diff)
		}
	}
	_, err := splitStatements("SELECT 1;\n/*!40101 SET NAMES utf8mb4;", 1, flavorFor("mysql"))
	if err == nil || err.Error() != "line 2: unterminated executable comment /*!40101 … */ (add the closing delimiter, or check the quotes before it)" {
		t.Errorf("unterminated /*!: %v", err)
	}
}

func TestSplitLines(t *testing.T) {
	got, err := splitStatements("\n-- c\nSELECT 1;\n\n  SELECT\n2;", 10, flavorFor("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got, []sqlStmt{{"SELECT 1", 12}, {"SELECT\n2", 14}}); diff != "" {
		t.Error(diff)
	}
}

func TestSplitErrors(t *testing.T) {
	tests := []struct {
		dialect, in, want string
	}{
		{"postgres", "SELECT 1;\nSELECT 'abc", "line 2: unterminated string"},
		{"postgres", "SELECT \"abc", "line 1: unterminated quoted identifier"},
		{"postgres", "SELECT 1;\n\nSELECT $$abc", "line 3: unterminated dollar-quoted string $$"},
		{"postgres", "SELECT $x$abc$$", "unterminated dollar-quoted string $x$"},
		{"postgres", "SELECT 1 /* a /* b */", "unterminated block comment"},
		{"mysql", `SELECT 'abc\'`, "unterminated string"},
		{"sqlite", "SELECT [abc", "unterminated bracketed identifier"},
		{"mysql", "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END //", "DELIMITER is a command of the mysql client"},
	}
	for _, tt := range tests {
		_, err := splitStatements(tt.in, 1, flavorFor(tt.dialect))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("split %q on %s: error %v, want one containing %q", tt.in, tt.dialect, err, tt.want)
		}
	}
}

func TestParseSQL(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want sqlFile
	}{
		{"up and down", "-- strata:up\nCREATE TABLE a (x int);\nCREATE INDEX a_x ON a (x);\n-- strata:down\nDROP TABLE a;\n",
			sqlFile{Up: []sqlStmt{{"CREATE TABLE a (x int)", 2}, {"CREATE INDEX a_x ON a (x)", 3}}, Down: []sqlStmt{{"DROP TABLE a", 5}}, HasDown: true}},
		{"up only", "-- header comment\n\n-- strata:up\nSELECT 1;",
			sqlFile{Up: []sqlStmt{{"SELECT 1", 4}}}},
		{"empty down", "-- strata:up\nSELECT 1;\n-- strata:down\n-- nothing to undo\n",
			sqlFile{Up: []sqlStmt{{"SELECT 1", 2}}, HasDown: true}},
		{"down first", "-- strata:down\nDROP TABLE a;\n-- strata:up\nCREATE TABLE a (x int);",
			sqlFile{Up: []sqlStmt{{"CREATE TABLE a (x int)", 4}}, Down: []sqlStmt{{"DROP TABLE a", 2}}, HasDown: true}},
		{"section ends a statement", "-- strata:up\nCREATE TABLE a (x int)\n-- strata:down\nDROP TABLE a",
			sqlFile{Up: []sqlStmt{{"CREATE TABLE a (x int)", 2}}, Down: []sqlStmt{{"DROP TABLE a", 4}}, HasDown: true}},
		{"no transaction", "-- strata:no-transaction\n-- strata:up\nCREATE INDEX CONCURRENTLY i ON t (x);",
			sqlFile{Up: []sqlStmt{{"CREATE INDEX CONCURRENTLY i ON t (x)", 3}}, NoTx: true}},
		{"statement block", "-- strata:up\nSELECT 1;\n-- strata:statement-begin\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE b SET n = n + 1;\nEND;\n-- strata:statement-end\nSELECT 2;",
			sqlFile{Up: []sqlStmt{{"SELECT 1", 2}, {"CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE b SET n = n + 1;\nEND", 4}, {"SELECT 2", 8}}}},
		{"goose", "-- +goose NO TRANSACTION\n-- +goose Up\n-- +goose StatementBegin\nSELECT 1; SELECT 2;\n-- +goose StatementEnd\n-- +goose Down\nSELECT 3;",
			sqlFile{Up: []sqlStmt{{"SELECT 1; SELECT 2", 4}}, Down: []sqlStmt{{"SELECT 3", 7}}, HasDown: true, NoTx: true}},
		{"markers are case-insensitive", "--STRATA:UP\nSELECT 1;\n--  strata:Down\nSELECT 2;",
			sqlFile{Up: []sqlStmt{{"SELECT 1", 2}}, Down: []sqlStmt{{"SELECT 2", 4}}, HasDown: true}},
		{"CRLF and BOM", "\ufeff-- strata:up\r\nSELECT 1;\r\nSELECT 2;\r\n",
			sqlFile{Up: []sqlStmt{{"SELECT 1", 2}, {"SELECT 2", 3}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseSQL([]byte(tt.in), flavorFor("sqlite"))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(*got, tt.want); diff != "" {
				t.Errorf("(-got +want):\n%s", diff)
			}
		})
	}
}

func TestParseSQLErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"no up", "SELECT 1;", "line 1: SQL before the first section"},
		{"no sections", "-- just a comment\n", "no up section"},
		{"two ups", "-- strata:up\nSELECT 1;\n-- strata:up\nSELECT 2;", "line 3: a second up section"},
		{"two downs", "-- strata:up\n-- strata:down\n-- strata:down\n", "line 3: a second down section"},
		{"typo", "-- strata:upp\nSELECT 1;", `line 1: unknown directive "-- strata:upp"`},
		{"goose envsub", "-- +goose ENVSUB ON\n-- +goose Up\nSELECT 1;", `line 1: goose directive "-- +goose ENVSUB ON" is not supported`},
		{"unclosed block", "-- strata:up\n-- strata:statement-begin\nSELECT 1;", "line 2: statement block is not closed"},
		{"end without begin", "-- strata:up\n-- strata:statement-end\n", "line 2: -- strata:statement-end without"},
		{"marker in block", "-- strata:up\n-- strata:statement-begin\nSELECT 1;\n-- strata:down\n", "line 4: -- strata:down inside a statement block (opened at line 2)"},
		{"block before section", "-- strata:statement-begin\nSELECT 1;\n-- strata:statement-end\n-- strata:up\n", "line 1: statement block before the first section"},
		{"unterminated string", "-- strata:up\nSELECT 1;\nSELECT 'x;\n-- strata:down\nSELECT 2;", "line 3: unterminated string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseSQL([]byte(tt.in), flavorFor("postgres"))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestChecksumIgnoresLineEndingsAndBOM(t *testing.T) {
	lf := []byte("-- strata:up\nSELECT 1;\n-- strata:down\nSELECT 2;\n")
	crlf := bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))
	bom := append([]byte("\xef\xbb\xbf"), crlf...)
	want := sqlChecksum(lf)
	if !strings.HasPrefix(want, "v1:sha256:") || len(want) != len("v1:sha256:")+64 {
		t.Fatalf("checksum %q is not v1:sha256:<64 hex digits>", want)
	}
	for _, v := range [][]byte{crlf, bom} {
		if got := sqlChecksum(v); got != want {
			t.Errorf("checksum of %q = %s, want %s", v, got, want)
		}
	}
	if got := sqlChecksum([]byte("-- strata:up\nSELECT 1;\n-- strata:down\nSELECT 3;\n")); got == want {
		t.Error("an edited down section kept the checksum")
	}
}

// FuzzMigrationParser checks the SQL migration parser (RELIABILITY scenario
// 55): it never panics, gives the same result twice, gives the same result
// and checksum whatever the line endings and byte-order mark, and every
// statement it returns is a trimmed, non-empty part of the file.
func FuzzMigrationParser(f *testing.F) {
	seeds := []string{
		"-- strata:up\nCREATE TABLE a (x int);\n-- strata:down\nDROP TABLE a;\n",
		"-- +goose Up\n-- +goose StatementBegin\nCREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RETURN NEW; END; $$ LANGUAGE plpgsql;\n-- +goose StatementEnd\n-- +goose Down\nDROP FUNCTION f;\n",
		"-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON t (x);\n",
		"-- strata:up\nSELECT 'a;b', \"c;d\", `e;f`, [g;h], E'\\';', $t$;$t$; /* ; /* ; */ ; */ SELECT 1 -- ;\n# ;\n;",
		"-- strata:up\nINSERT INTO t VALUES ('it''s', 'C:\\');\n-- strata:statement-begin\nBEGIN; END;\n-- strata:statement-end\n",
		"\ufeff-- strata:up\r\nSELECT 1;\r\n",
		"-- strata:up\nSELECT $1, a$b$c, $$", "-- strata:up\nSELECT '", "/*", "-- strata:down\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, d := range []string{"postgres", "mysql", "sqlite"} {
			fl := flavorFor(d)
			a, errA := parseSQL([]byte(in), fl)
			b, errB := parseSQL([]byte(in), fl)
			if (errA == nil) != (errB == nil) || (errA != nil && errA.Error() != errB.Error()) || !cmp.Equal(a, b) {
				t.Fatalf("%s: parsing twice differs: %v / %v", d, errA, errB)
			}
			lf := string(normalize([]byte(in)))
			crlf := "\xef\xbb\xbf" + strings.ReplaceAll(lf, "\n", "\r\n")
			c, errC := parseSQL([]byte(crlf), fl)
			if (errA == nil) != (errC == nil) || !cmp.Equal(a, c) {
				t.Fatalf("%s: CRLF and BOM change the parse: %v / %v", d, errA, errC)
			}
			if errA != nil {
				continue
			}
			for _, st := range append(append([]sqlStmt{}, a.Up...), a.Down...) {
				if st.SQL == "" || st.SQL != strings.TrimSpace(st.SQL) || st.Line < 1 {
					t.Fatalf("%s: bad statement %+v", d, st)
				}
				if !strings.Contains(string(normalize([]byte(in))), st.SQL) {
					t.Fatalf("%s: statement %q is not part of the file", d, st.SQL)
				}
			}
		}
		lf := normalize([]byte(in))
		if sqlChecksum([]byte(in)) != sqlChecksum(lf) || sqlChecksum(lf) != sqlChecksum([]byte("\xef\xbb\xbf"+strings.ReplaceAll(string(lf), "\n", "\r\n"))) {
			t.Fatal("checksum changes with CRLF and BOM")
		}
	})
}
