package sequelizejs

import (
	"fmt"
	"strings"

	"github.com/strata-orm/strata/internal/sqllex"
)

// lexFlags are the lexical rules of d's SQL for sqllex.
func lexFlags(d Dialect) sqllex.Flags {
	switch d {
	case Postgres:
		return sqllex.Flags{EscapeStrings: true, DollarQuotes: true, NestedComments: true, DollarParams: true}
	case MySQL:
		return sqllex.Flags{BackslashEscapes: true, HashComments: true, DashCommentNeedsSpace: true, ExecutableComments: true,
			MariaDBComments: true, ServerVersion: sqllex.AnyVersion, DoubleQuoteStrings: true, BacktickIdents: true}
	}
	return sqllex.Flags{BracketIdents: true, BacktickIdents: true, UnterminatedComments: true, NamedParams: true}
}

// sqlWord is one word of a statement: a name (quoted or not), a piece of
// punctuation, a literal or a parameter.
type sqlWord struct {
	text   string // a quoted name without its quotes
	kind   wordKind
	quoted bool
}

type wordKind int

const (
	wordName wordKind = iota
	wordPunct
	wordLiteral
	wordParam
)

// isKeyword reports whether w is the unquoted word kw.
func (w sqlWord) isKeyword(kw string) bool {
	return w.kind == wordName && !w.quoted && strings.EqualFold(w.text, kw)
}

// sqlWords splits one statement into words, with strata's SQL lexer:
// comments go, a second statement, an executable comment or text the
// lexer cannot read is an error.
func sqlWords(d Dialect, sql string) ([]sqlWord, error) {
	toks, err := sqllex.Lex(sql, lexFlags(d))
	if err != nil {
		return nil, err
	}
	var out []sqlWord
	ended := false
	for _, t := range toks {
		s := sql[t.Pos:t.End]
		if ended && t.Kind != sqllex.Comment && strings.TrimSpace(s) != "" {
			return nil, fmt.Errorf("it holds more than one statement")
		}
		switch t.Kind {
		case sqllex.Comment:
		case sqllex.Semicolon:
			ended = true
		case sqllex.String, sqllex.Dollar:
			out = append(out, sqlWord{text: s, kind: wordLiteral})
		case sqllex.Placeholder, sqllex.Param:
			out = append(out, sqlWord{text: s, kind: wordParam})
		case sqllex.Ident:
			out = append(out, sqlWord{text: unquoteIdent(s), kind: wordName, quoted: true})
		case sqllex.Text:
			out = append(out, textWords(s)...)
		default:
			return nil, fmt.Errorf("it holds %s", t.Kind)
		}
	}
	return out, nil
}

// unquoteIdent is a quoted name's text: "a""b", `a“b` or [a].
func unquoteIdent(s string) string {
	if len(s) < 2 {
		return s
	}
	q, inner := s[0], s[1:len(s)-1]
	switch q {
	case '"', '`':
		return strings.ReplaceAll(inner, string([]byte{q, q}), string(q))
	}
	return inner
}

// textWords splits text outside literals and quoted names into names
// (and numbers) and single characters of punctuation.
func textWords(s string) []sqlWord {
	var out []sqlWord
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case sqllex.IdentByte(c):
			j := i
			for j < len(s) && sqllex.IdentByte(s[j]) {
				j++
			}
			out = append(out, sqlWord{text: s[i:j], kind: wordName})
			i = j
		default:
			out = append(out, sqlWord{text: s[i : i+1], kind: wordPunct})
			i++
		}
	}
	return out
}

// openers are the words a parenthesis may follow without making a
// function call: IN (…), EXISTS (…), AND (…), a subquery after = ANY …
var openers = map[string]bool{"IN": true, "EXISTS": true, "ANY": true, "ALL": true, "SOME": true, "AND": true, "OR": true,
	"NOT": true, "ON": true, "WHERE": true, "SELECT": true, "USING": true, "BY": true, "WHEN": true, "THEN": true,
	"ELSE": true, "IS": true, "LIKE": true, "BETWEEN": true, "DISTINCT": true}

// clauseWords end a table reference of a FROM list: after them comes no
// alias.
var clauseWords = map[string]bool{"WHERE": true, "JOIN": true, "INNER": true, "LEFT": true, "RIGHT": true, "FULL": true,
	"CROSS": true, "NATURAL": true, "OUTER": true, "ON": true, "USING": true, "GROUP": true, "ORDER": true, "LIMIT": true,
	"OFFSET": true, "HAVING": true, "UNION": true, "INTERSECT": true, "EXCEPT": true, "FOR": true, "WINDOW": true,
	"FETCH": true, "LOCK": true, "STRAIGHT_JOIN": true}

// refused are words that make a SELECT more than a read of rows that
// exist: INTO makes a table (or variables), UNION and the others join in
// rows of a SELECT that may read no table, HAVING without GROUP BY makes
// one row of nothing, VALUES and LATERAL are rows of their own.
var refused = map[string]bool{"INTO": true, "UNION": true, "INTERSECT": true, "EXCEPT": true, "HAVING": true,
	"VALUES": true, "LATERAL": true, "WITH": true, "TABLESAMPLE": true}

// tableRef is a table a SELECT reads, as written.
type tableRef struct {
	name   string
	quoted bool
}

// readTables lists the tables a SELECT reads, or says why it cannot tell
// for certain that the SELECT gives no rows when those tables are empty:
// it is not one plain SELECT, calls a function (COUNT(*) gives a row of
// an empty table), reads a derived table or a qualified name, or has no
// FROM of its own.
func readTables(d Dialect, sql string) ([]tableRef, error) {
	words, err := sqlWords(d, sql)
	if err != nil {
		return nil, err
	}
	if len(words) == 0 || !words[0].isKeyword("SELECT") {
		return nil, fmt.Errorf("it is not a plain SELECT")
	}
	var out []tableRef
	depth, topFrom := 0, false
	inFrom := map[int]bool{} // a FROM clause is open at that depth: a comma there starts a table reference
	for i := 0; i < len(words); i++ {
		w := words[i]
		list := false
		switch {
		case w.kind == wordPunct && w.text == "(":
			depth++
			if i > 0 && words[i-1].kind == wordName && (words[i-1].quoted || !openers[strings.ToUpper(words[i-1].text)]) {
				return nil, fmt.Errorf("it calls %s(…), which may give a row of empty tables or read what the replay does not know", words[i-1].text)
			}
			continue
		case w.kind == wordPunct && w.text == ")":
			inFrom[depth] = false
			depth--
			continue
		case w.kind == wordPunct && w.text == "," && inFrom[depth]:
			list = true
		case w.kind != wordName || w.quoted:
			continue
		}
		kw := strings.ToUpper(w.text)
		if refused[kw] {
			return nil, fmt.Errorf("it uses %s", kw)
		}
		switch {
		case list, kw == "JOIN", kw == "STRAIGHT_JOIN":
		case kw == "FROM":
			inFrom[depth] = true
			topFrom = topFrom || depth == 0
			list = true
		default:
			if clauseWords[kw] && kw != "JOIN" && kw != "ON" && kw != "USING" && kw != "INNER" && kw != "LEFT" && kw != "RIGHT" &&
				kw != "FULL" && kw != "CROSS" && kw != "NATURAL" && kw != "OUTER" && kw != "STRAIGHT_JOIN" {
				inFrom[depth] = false
			}
			continue
		}
		refs, next, err := tableList(words, i+1, list)
		if err != nil {
			return nil, err
		}
		out = append(out, refs...)
		i = next - 1
	}
	if !topFrom {
		return nil, fmt.Errorf("its SELECT has no FROM, so it gives a row whatever the tables hold")
	}
	return out, nil
}

// tableList reads the table references from words[i] on (a FROM's list
// when list, else the one table of a JOIN) and returns them with the
// index after them.
func tableList(words []sqlWord, i int, list bool) ([]tableRef, int, error) {
	var out []tableRef
	for {
		if i >= len(words) || words[i].kind != wordName || (!words[i].quoted && (clauseWords[strings.ToUpper(words[i].text)] || refused[strings.ToUpper(words[i].text)])) {
			return nil, 0, fmt.Errorf("a FROM or JOIN does not name a table there (a subquery, a function or nothing)")
		}
		ref := tableRef{name: words[i].text, quoted: words[i].quoted}
		i++
		if i < len(words) && words[i].kind == wordPunct && (words[i].text == "." || words[i].text == "(") {
			return nil, 0, fmt.Errorf("it reads %s%s…, a qualified name or a function, not a table of the replayed schema", ref.name, words[i].text)
		}
		out = append(out, ref)
		if i < len(words) && words[i].isKeyword("AS") {
			i++
		}
		if i < len(words) && words[i].kind == wordName && (words[i].quoted || !clauseWords[strings.ToUpper(words[i].text)] && !refused[strings.ToUpper(words[i].text)]) {
			i++ // the alias
		}
		if list && i < len(words) && words[i].kind == wordPunct && words[i].text == "," {
			i++
			continue
		}
		return out, i, nil
	}
}
