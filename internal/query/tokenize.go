package query

import (
	"strings"

	"github.com/strata-orm/strata/dialect"
	"github.com/strata-orm/strata/internal/sqllex"
)

// TokenKind is the kind of a lexical token of hand-written SQL.
type TokenKind int

// Token kinds. Only Placeholder tokens are rewritten; everything else is
// copied as it is.
const (
	TokText        TokenKind = iota // SQL text outside literals and comments
	TokString                       // '…', E'…', "…" (where a string), $tag$…$tag$
	TokIdent                        // "…" (where an identifier), `…`, […]
	TokComment                      // -- …, # …, /* … */, and the /*! and */ around executable text
	TokPlaceholder                  // ? (a bind parameter)
	TokQuestion                     // ?? (a literal question mark, written as ?)
)

// Token is one lexical token; joining the Text of every token gives back
// the input.
type Token struct {
	Kind TokenKind
	Text string
	Pos  int // byte offset in the input
}

// LexFlags are the lexical rules of f for sqllex.
func LexFlags(f *dialect.QueryFeatures) sqllex.Flags {
	return sqllex.Flags{
		BackslashEscapes: f.BackslashEscapes, EscapeStrings: f.EscapeStrings,
		DollarQuotes: f.DollarQuotes, NestedComments: f.NestedComments,
		HashComments: f.HashComments, DashCommentNeedsSpace: f.DashCommentNeedsSpace,
		ExecutableComments: f.ExecutableComments, MariaDBComments: f.MariaDBComments,
		ServerVersion: f.ServerVersion, BracketIdents: f.BracketIdents,
		UnterminatedComments: f.UnterminatedComments, NamedParams: f.NamedParams,
		DollarParams: f.DollarParams, DoubleQuoteStrings: f.DoubleQuoteStrings,
		BacktickIdents: f.BacktickIdents,
	}
}

// tokenizer turns sqllex's tokens into Tokens and the first SyntaxError.
type tokenizer struct {
	sql  string
	f    *dialect.QueryFeatures
	toks []Token
	err  error
}

func (z *tokenizer) fail(pos int, msg, fix string) {
	if z.err == nil {
		z.err = &SyntaxError{Pos: pos, Msg: msg, Fix: fix}
	}
}

// add appends the token [pos, end), joining text to the text before it.
func (z *tokenizer) add(kind TokenKind, pos, end int) {
	if k := len(z.toks) - 1; kind == TokText && k >= 0 && z.toks[k].Kind == TokText {
		z.toks[k].Text = z.sql[z.toks[k].Pos:end]
		return
	}
	z.toks = append(z.toks, Token{Kind: kind, Text: z.sql[pos:end], Pos: pos})
}

// Tokenize splits sql into tokens under the lexical rules of f (lexed by
// sqllex), so that a TokPlaceholder is exactly a ? the database reads as
// a parameter. It never panics; on text it cannot bind as the database
// reads it (see SyntaxError) it returns the tokens (joining back into
// sql) and the first *SyntaxError.
func Tokenize(sql string, f *dialect.QueryFeatures) ([]Token, error) {
	z := &tokenizer{sql: sql, f: f}
	if i := strings.IndexByte(sql, 0); i >= 0 {
		// PostgreSQL refuses a NUL anywhere in the text, MariaDB outside a
		// string, and SQLite stops reading there.
		z.fail(i, "NUL byte in the text", "bind the value with ? instead")
	}
	l := sqllex.New(sql, LexFlags(f))
	skip := false // the ? just read is the second of a ??
	for t, ok := l.Next(); ok; t, ok = l.Next() {
		switch t.Kind {
		case sqllex.String, sqllex.Dollar:
			z.add(TokString, t.Pos, t.End)
		case sqllex.Ident:
			z.add(TokIdent, t.Pos, t.End)
		case sqllex.Comment, sqllex.ExecOpen, sqllex.ExecClose:
			z.add(TokComment, t.Pos, t.End)
		case sqllex.Param:
			z.param(t.Pos)
			z.add(TokText, t.Pos, t.End)
		case sqllex.Placeholder:
			if skip {
				skip = false
				continue
			}
			skip = z.placeholder(t.Pos)
		default:
			z.add(TokText, t.Pos, t.End)
		}
	}
	if err := l.Err(); err != nil {
		le := err.(*sqllex.Error)
		z.fail(le.Pos, unterminated(le), unterminatedFix(le))
	}
	return z.toks, z.err
}

// param refuses the parameter in the database's own syntax at i.
func (z *tokenizer) param(i int) {
	s := z.sql
	if z.f.DollarParams && s[i] == '$' && i+1 < len(s) && isDigit(s[i+1]) {
		z.fail(i, "$"+digitsAt(s, i+1)+" is a parameter to PostgreSQL that strata does not number", "write ? (strata writes $1, $2 … in order)")
		return
	}
	z.fail(i, "SQLite reads "+s[i:wordEndAt(s, i+1)]+" as a named parameter", "write ? and pass the value in order")
}

// placeholder adds the ? at i: a placeholder, or with the ? after it a
// literal ? (reporting true) where the database has ? operators.
func (z *tokenizer) placeholder(i int) bool {
	s, n := z.sql, len(z.sql)
	switch {
	case i+1 < n && s[i+1] == '?' && z.f.QuestionOperator:
		z.add(TokQuestion, i, i+2)
		return true
	case i+1 < n && s[i+1] == '?':
		z.fail(i, "?? (a literal ?) outside a string, where the database reads every ? as a parameter", "write ? ? for two parameters, or '?' for the character")
	case i+1 < n && isDigit(s[i+1]) && z.f.NamedParams:
		z.fail(i, "SQLite reads ?"+digitsAt(s, i+1)+" as a numbered parameter", "write ? and pass the values in order, or put a space after the ?")
	}
	z.add(TokPlaceholder, i, i+1)
	return false
}

// unterminated is the message of a construct the text leaves open.
func unterminated(e *sqllex.Error) string {
	switch {
	case e.Kind == sqllex.ExecOpen:
		return "unterminated /*! comment (its text is SQL to the database)"
	case e.Kind == sqllex.Dollar:
		return "unterminated dollar-quoted string " + e.Open
	case e.Open == "'":
		return "unterminated string literal"
	case e.Open == "[":
		return "unterminated [quoted name]"
	case e.Kind == sqllex.Comment && e.Open == "/*":
		return "unterminated /* comment"
	case e.Kind == sqllex.Comment:
		return "unterminated /*! comment"
	}
	return "unterminated quoted name"
}

func unterminatedFix(e *sqllex.Error) string {
	if e.Kind == sqllex.ExecOpen {
		return "end it with */"
	}
	return ""
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// identCont is a byte that continues a name on every database.
func identCont(c byte) bool { return sqllex.IdentByte(c) }

func digitsAt(s string, i int) string {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	return s[i:j]
}

func wordEndAt(s string, i int) int {
	for i < len(s) && identCont(s[i]) {
		i++
	}
	return i
}

// Rebind rewrites the ? placeholders of hand-written sql into the
// dialect's (d.Placeholder(start+1), …), leaving strings, quoted names,
// comments and dollar-quoted text untouched; ?? stands for a literal ?
// where the database has ? operators (QuestionOperator). A placeholder
// next to a name or number is set off by a space, so the database reads
// it as one token ("a?" on PostgreSQL is "a $1", not the name a$1; "?AND"
// is "? AND", which MariaDB refuses without the space). It
// returns the new text and the number of placeholders.
func Rebind(d dialect.Dialect, f *dialect.QueryFeatures, sql string, start int) (string, int, error) {
	toks, err := Tokenize(sql, f)
	if err != nil {
		return "", 0, err
	}
	if err := oneStatement(toks); err != nil {
		return "", 0, err
	}
	if !strings.Contains(sql, "?") {
		return sql, 0, nil
	}
	var b []byte
	n := 0
	for k, t := range toks {
		switch t.Kind {
		case TokPlaceholder:
			n++
			b = appendPlaceholder(b, d.Placeholder(start+n), nextByte(toks, k))
		case TokQuestion:
			b = append(b, '?')
		default:
			b = append(b, t.Text...)
		}
	}
	return string(b), n, nil
}

// appendPlaceholder appends ph to b with a space before it when the two
// would join into one name or number, and a space after it when a name
// or number follows (PostgreSQL reads $1AND as an error, MariaDB ?AND).
func appendPlaceholder(b []byte, ph string, next byte) []byte {
	if len(b) > 0 && identCont(b[len(b)-1]) && identCont(ph[0]) {
		b = append(b, ' ')
	}
	b = append(b, ph...)
	if identCont(next) {
		b = append(b, ' ')
	}
	return b
}

// nextByte is the first byte after token k, or 0 at the end.
func nextByte(toks []Token, k int) byte {
	if k+1 < len(toks) && toks[k+1].Text != "" {
		return toks[k+1].Text[0]
	}
	return 0
}

// oneStatement refuses a placeholder after a ; outside literals: a
// second statement. SQLite binds the ? of every statement of a script
// from the first argument (so "…=?; …=?" binds the first value twice),
// PostgreSQL and MySQL refuse arguments for several statements.
func oneStatement(toks []Token) error {
	semi := -1
	for _, t := range toks {
		switch t.Kind {
		case TokText:
			if j := strings.IndexByte(t.Text, ';'); j >= 0 && semi < 0 {
				semi = t.Pos + j
			}
		case TokPlaceholder:
			if semi >= 0 {
				return &SyntaxError{Pos: semi, Msg: "a placeholder after ; (a second statement), whose ? the databases do not bind in order", Fix: "run each statement by itself"}
			}
		}
	}
	return nil
}
