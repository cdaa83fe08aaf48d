package query

import (
	"strings"

	"github.com/strata-orm/strata/dialect"
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

// lexer is the state of one Tokenize.
type lexer struct {
	sql       string
	f         *dialect.QueryFeatures
	toks      []Token
	err       error
	textStart int
	wordStart int // start of the word ending where the last one ended, or -1
	wordEnd   int
	execStart int // start of the open /*! … */ whose text is SQL, or -1
}

func (l *lexer) flush(end int) {
	if end > l.textStart {
		l.toks = append(l.toks, Token{Kind: TokText, Text: l.sql[l.textStart:end], Pos: l.textStart})
	}
}

func (l *lexer) emit(kind TokenKind, start, end int) {
	l.flush(start)
	l.toks = append(l.toks, Token{Kind: kind, Text: l.sql[start:end], Pos: start})
	l.textStart = end
}

func (l *lexer) fail(pos int, msg, fix string) {
	if l.err == nil {
		l.err = &SyntaxError{Pos: pos, Msg: msg, Fix: fix}
	}
}

// Tokenize splits sql into tokens under the lexical rules of f, so that
// a TokPlaceholder is exactly a ? the database reads as a parameter. It
// never panics; on text it cannot bind as the database reads it (see
// SyntaxError) it returns the tokens (joining back into sql) and the first
// *SyntaxError.
func Tokenize(sql string, f *dialect.QueryFeatures) ([]Token, error) {
	l := &lexer{sql: sql, f: f, wordStart: -1, wordEnd: -1, execStart: -1}
	if z := strings.IndexByte(sql, 0); z >= 0 {
		// PostgreSQL refuses a NUL anywhere in the text, MariaDB outside a
		// string, and SQLite stops reading there.
		l.fail(z, "NUL byte in the text", "bind the value with ? instead")
	}
	n := len(sql)
	i := 0
	for i < n {
		c := sql[i]
		switch {
		case c == '\'':
			backslash := f.BackslashEscapes
			if f.EscapeStrings && l.wordEnd == i && l.wordStart == i-1 && (sql[i-1] == 'E' || sql[i-1] == 'e') {
				backslash = true
			}
			i = l.quoted(i, '\'', backslash, TokString, "unterminated string literal")
		case c == '"':
			kind := TokIdent
			if f.DoubleQuoteStrings {
				kind = TokString
			}
			i = l.quoted(i, '"', f.DoubleQuoteStrings && f.BackslashEscapes, kind, "unterminated quoted name")
		case c == '`' && f.BacktickIdents:
			i = l.quoted(i, '`', false, TokIdent, "unterminated quoted name")
		case c == '[' && f.BracketIdents:
			end := strings.IndexByte(sql[i:], ']')
			if end < 0 {
				l.fail(i, "unterminated [quoted name]", "")
				end = n
			} else {
				end += i + 1
			}
			l.emit(TokIdent, i, end)
			i = end
		case c == '-' && i+1 < n && sql[i+1] == '-' && (!f.DashCommentNeedsSpace || i+2 == n || dashCommentByte(sql[i+2])):
			end := lineEnd(sql, i)
			l.emit(TokComment, i, end)
			i = end
		case c == '#' && f.HashComments:
			end := lineEnd(sql, i)
			l.emit(TokComment, i, end)
			i = end
		case c == '/' && i+1 < n && sql[i+1] == '*':
			i = l.comment(i)
		case c == '*' && l.execStart >= 0 && i+1 < n && sql[i+1] == '/':
			l.emit(TokComment, i, i+2)
			l.execStart = -1
			i += 2
		case c == '$' && f.DollarParams && i+1 < n && isDigit(sql[i+1]):
			l.fail(i, "$"+digitsAt(sql, i+1)+" is a parameter to PostgreSQL that strata does not number", "write ? (strata writes $1, $2 … in order)")
			i++
		case c == '$' && f.DollarQuotes:
			i = l.dollarQuote(i)
		case (c == '$' || c == ':' || c == '@' || c == '#') && f.NamedParams && i+1 < n && identCont(sql[i+1]):
			l.fail(i, "SQLite reads "+sql[i:wordEndAt(sql, i+1)]+" as a named parameter", "write ? and pass the value in order")
			i++
		case c == '?':
			switch {
			case i+1 < n && sql[i+1] == '?' && f.QuestionOperator:
				l.emit(TokQuestion, i, i+2)
				i += 2
			case i+1 < n && sql[i+1] == '?':
				l.fail(i, "?? (a literal ?) outside a string, where the database reads every ? as a parameter", "write ? ? for two parameters, or '?' for the character")
				l.emit(TokPlaceholder, i, i+1)
				i++
			case i+1 < n && isDigit(sql[i+1]) && f.NamedParams:
				l.fail(i, "SQLite reads ?"+digitsAt(sql, i+1)+" as a numbered parameter", "write ? and pass the values in order, or put a space after the ?")
				l.emit(TokPlaceholder, i, i+1)
				i++
			default:
				l.emit(TokPlaceholder, i, i+1)
				i++
			}
		case identStart(c):
			j := i + 1
			for j < n && identCont(sql[j]) {
				j++
			}
			l.wordStart, l.wordEnd = i, j
			i = j
		case isDigit(c):
			// A number (1, 1.5e3, 0x1f): its letters are no name, and a $
			// after it starts a new token.
			j := i + 1
			for j < n && (identCont(sql[j]) && sql[j] != '$' || sql[j] == '.') {
				j++
			}
			i = j
		default:
			i++
		}
	}
	if l.execStart >= 0 {
		l.fail(l.execStart, "unterminated /*! comment (its text is SQL to the database)", "end it with */")
	}
	l.flush(n)
	return l.toks, l.err
}

// dashCommentByte is a byte after -- that makes it a comment on MySQL
// and MariaDB: a space or a control character (checked against MariaDB
// 10.11 for every byte).
func dashCommentByte(c byte) bool { return c <= ' ' || c == 0x7f }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// identStart is a byte that starts a name: a letter, _ or a byte of a
// multi-byte character.
func identStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// identCont is a byte that continues a name on every database: those
// that start one, digits and $.
func identCont(c byte) bool { return identStart(c) || isDigit(c) || c == '$' }

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

// quoted emits the literal starting at i with quote q (a doubled quote
// standing for itself) and returns its end.
func (l *lexer) quoted(i int, q byte, backslash bool, kind TokenKind, unterminated string) int {
	s := l.sql
	for j := i + 1; j < len(s); j++ {
		if s[j] == '\\' && backslash {
			j++
			continue
		}
		if s[j] == q {
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			l.emit(kind, i, j+1)
			return j + 1
		}
	}
	l.fail(i, unterminated, "")
	l.emit(kind, i, len(s))
	return len(s)
}

func lineEnd(s string, i int) int {
	if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
		return i + j + 1
	}
	return len(s)
}

// dollarQuote lexes a $ at i: $$…$$ or $tag$…$tag$ (tag a name not
// starting with a digit), or a lone $.
func (l *lexer) dollarQuote(i int) int {
	s := l.sql
	tag, ok := dollarTag(s, i)
	if !ok {
		return i + 1
	}
	end := len(s)
	if rest := strings.Index(s[i+len(tag):], tag); rest < 0 {
		l.fail(i, "unterminated dollar-quoted string "+tag, "")
	} else {
		end = i + len(tag) + rest + len(tag)
	}
	l.emit(TokString, i, end)
	return end
}

// dollarTag reads a dollar-quote opener at i: $$ or $tag$ where tag is a
// name not starting with a digit.
func dollarTag(s string, i int) (string, bool) {
	j := i + 1
	if j < len(s) && isDigit(s[j]) {
		return "", false
	}
	for j < len(s) && s[j] != '$' {
		if !identCont(s[j]) {
			return "", false
		}
		j++
	}
	if j >= len(s) {
		return "", false
	}
	return s[i : j+1], true
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
