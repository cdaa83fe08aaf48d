package sqllex_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/strata-orm/strata/internal/sqllex"
)

// show writes the tokens of sql as kind:text, one per token.
func show(sql string, toks []sqllex.Token) []string {
	var out []string
	for _, t := range toks {
		out = append(out, t.Kind.String()+":"+sql[t.Pos:t.End])
	}
	return out
}

func flagsOf(name string, split bool) sqllex.Flags {
	for _, d := range dialects {
		if d.name == name {
			if split {
				return d.split
			}
			return d.query
		}
	}
	panic(name)
}

func TestLex(t *testing.T) {
	tests := []struct {
		dialect, in string
		want        []string
	}{
		{"postgres", "SELECT 'a?', \"b\", $t$;$t$, ?;", []string{"text:SELECT ", "string:'a?'", "text:, ", "identifier:\"b\"", "text:, ", "dollar quote:$t$;$t$", "text:, ", "placeholder:?", "semicolon:;"}},
		{"postgres", "/* a /* b */ c */ E'\\'' $1", []string{"comment:/* a /* b */ c */", "text: E", "string:'\\''", "text: ", "parameter:$", "text:1"}},
		{"mysql", "SELECT \"a\\\"\" # x\n`b` -- y", []string{"text:SELECT ", "string:\"a\\\"\"", "text: ", "comment:# x\n", "identifier:`b`", "text: ", "comment:-- y"}},
		{"mysql", "SELECT 1--1 /*!50000 ? */ /*!999999 ? */", []string{"text:SELECT 1--1 ", "executable comment:/*!50000", "text: ", "placeholder:?", "text: ", "end of executable comment:*/", "text: ", "comment:/*!999999 ? */"}},
		{"sqlite", "[a;b] :x /* open", []string{"identifier:[a;b]", "text: ", "parameter::", "text:x ", "comment:/* open"}},
	}
	for _, tt := range tests {
		toks, err := sqllex.Lex(tt.in, flagsOf(tt.dialect, false))
		if err != nil {
			t.Errorf("%s %q: %v", tt.dialect, tt.in, err)
		}
		if diff := cmp.Diff(show(tt.in, toks), tt.want); diff != "" {
			t.Errorf("%s %q (-got +want):\n%s", tt.dialect, tt.in, diff)
		}
	}
}

func TestLexErrors(t *testing.T) {
	tests := []struct {
		dialect, in string
		pos         int
		kind        sqllex.Kind
		open        string
	}{
		{"postgres", "SELECT 'a", 7, sqllex.String, "'"},
		{"postgres", "SELECT \"a", 7, sqllex.Ident, "\""},
		{"postgres", "SELECT $x$ a $$", 7, sqllex.Dollar, "$x$"},
		{"postgres", "SELECT /* /* */", 7, sqllex.Comment, "/*"},
		{"mysql", "SELECT ? /*!999999 x", 9, sqllex.Comment, "/*!999999"},
		{"mysql", "SELECT /*!50000 x /*! y", 7, sqllex.ExecOpen, "/*!50000"},
		{"mysql", "SELECT /*! 'x */", 11, sqllex.String, "'"},
		{"sqlite", "SELECT [a", 7, sqllex.Ident, "["},
	}
	for _, tt := range tests {
		toks, err := sqllex.Lex(tt.in, flagsOf(tt.dialect, false))
		var le *sqllex.Error
		if !errors.As(err, &le) || le.Pos != tt.pos || le.Kind != tt.kind || le.Open != tt.open {
			t.Errorf("%s %q: error %#v, want at %d a %v %q", tt.dialect, tt.in, err, tt.pos, tt.kind, tt.open)
			continue
		}
		if last := toks[len(toks)-1]; last.End != len(tt.in) {
			t.Errorf("%s %q: the last token ends at %d", tt.dialect, tt.in, last.End)
		}
		if !strings.Contains(le.Error(), "unterminated") {
			t.Errorf("%s %q: message %q", tt.dialect, tt.in, le.Error())
		}
	}
}

func TestStatements(t *testing.T) {
	in := "-- a\n SELECT 1 ;; /* b */ SELECT 'x;y' -- c\n; \n SELECT 2"
	spans, err := sqllex.Statements(in, flagsOf("postgres", true))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range spans {
		got = append(got, in[s.Pos:s.End])
	}
	if diff := cmp.Diff(got, []string{"SELECT 1", "SELECT 'x;y'", "SELECT 2"}); diff != "" {
		t.Error(diff)
	}
}
