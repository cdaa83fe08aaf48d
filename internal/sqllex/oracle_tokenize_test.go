package sqllex_test

// The lexers strata had before sqllex (internal/query's placeholder
// tokenizer and migrate's statement splitter, as of commit a70cf3c),
// kept as the oracle of FuzzLex's differential: on the seed corpus, the
// ? they read as placeholders and the statements they split are sqllex's.
// Only their names and inputs are changed (Flags for the tokenizer's
// dialect.QueryFeatures, whose QuestionOperator is taken as set: ?? then
// is a token of two ?, each outside any literal).

import (
	"fmt"
	"strings"

	"github.com/strata-orm/strata/internal/sqllex"
)

type oldKind int

const (
	oldText oldKind = iota
	oldString
	oldIdent
	oldComment
	oldPlaceholder
	oldQuestion
)

type oldToken struct {
	Kind oldKind
	Text string
	Pos  int
}

type oldSyntaxError struct {
	Pos      int
	Msg, Fix string
}

func (e *oldSyntaxError) Error() string { return fmt.Sprintf("sql at byte %d: %s", e.Pos, e.Msg) }

// lexer is the state of one Tokenize.
type lexer struct {
	sql       string
	f         *sqllex.Flags
	toks      []oldToken
	err       error
	open      error // the first unterminated construct (the oracle's addition)
	textStart int
	wordStart int // start of the word ending where the last one ended, or -1
	wordEnd   int
	execStart int // start of the open /*! … */ whose text is SQL, or -1
}

func (l *lexer) flush(end int) {
	if end > l.textStart {
		l.toks = append(l.toks, oldToken{Kind: oldText, Text: l.sql[l.textStart:end], Pos: l.textStart})
	}
}

func (l *lexer) emit(kind oldKind, start, end int) {
	l.flush(start)
	l.toks = append(l.toks, oldToken{Kind: kind, Text: l.sql[start:end], Pos: start})
	l.textStart = end
}

func (l *lexer) fail(pos int, msg, fix string) {
	if l.open == nil && strings.HasPrefix(msg, "unterminated") {
		l.open = &oldSyntaxError{Pos: pos, Msg: msg, Fix: fix}
	}
	if l.err == nil {
		l.err = &oldSyntaxError{Pos: pos, Msg: msg, Fix: fix}
	}
}

// oldTokenize is internal/query.Tokenize, returning the first
// unterminated construct as its error.
func oldTokenize(sql string, f *sqllex.Flags) ([]oldToken, error) {
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
			i = l.quoted(i, '\'', backslash, oldString, "unterminated string literal")
		case c == '"':
			kind := oldIdent
			if f.DoubleQuoteStrings {
				kind = oldString
			}
			i = l.quoted(i, '"', f.DoubleQuoteStrings && f.BackslashEscapes, kind, "unterminated quoted name")
		case c == '`' && f.BacktickIdents:
			i = l.quoted(i, '`', false, oldIdent, "unterminated quoted name")
		case c == '[' && f.BracketIdents:
			end := strings.IndexByte(sql[i:], ']')
			if end < 0 {
				l.fail(i, "unterminated [quoted name]", "")
				end = n
			} else {
				end += i + 1
			}
			l.emit(oldIdent, i, end)
			i = end
		case c == '-' && i+1 < n && sql[i+1] == '-' && (!f.DashCommentNeedsSpace || i+2 == n || dashCommentByte(sql[i+2])):
			end := lineEnd(sql, i)
			l.emit(oldComment, i, end)
			i = end
		case c == '#' && f.HashComments:
			end := lineEnd(sql, i)
			l.emit(oldComment, i, end)
			i = end
		case c == '/' && i+1 < n && sql[i+1] == '*':
			i = l.comment(i)
		case c == '*' && l.execStart >= 0 && i+1 < n && sql[i+1] == '/':
			l.emit(oldComment, i, i+2)
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
			case i+1 < n && sql[i+1] == '?' && true:
				l.emit(oldQuestion, i, i+2)
				i += 2
			case i+1 < n && sql[i+1] == '?':
				l.fail(i, "?? (a literal ?) outside a string, where the database reads every ? as a parameter", "write ? ? for two parameters, or '?' for the character")
				l.emit(oldPlaceholder, i, i+1)
				i++
			case i+1 < n && isDigit(sql[i+1]) && f.NamedParams:
				l.fail(i, "SQLite reads ?"+digitsAt(sql, i+1)+" as a numbered parameter", "write ? and pass the values in order, or put a space after the ?")
				l.emit(oldPlaceholder, i, i+1)
				i++
			default:
				l.emit(oldPlaceholder, i, i+1)
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
	return l.toks, l.open
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
func (l *lexer) quoted(i int, q byte, backslash bool, kind oldKind, unterminated string) int {
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
	l.emit(oldString, i, end)
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

// comment lexes the /* at i: a comment, or on MySQL and MariaDB the
// opening of an executable comment whose text is SQL.
func (l *lexer) comment(i int) int {
	s, f := l.sql, l.f
	if f.ExecutableComments {
		if j, mariaOnly, ok := execMarker(s, i, f.MariaDBComments); ok {
			if d := len(digitsAt(s, j)); d >= 5 {
				vlen := min(d, 6)
				ver := 0
				for _, c := range s[j : j+vlen] {
					ver = ver*10 + int(c-'0')
				}
				run := ver <= f.ServerVersion
				if f.MariaDBComments && !mariaOnly && ver >= 50700 && ver <= 99999 {
					run = false // MariaDB skips MySQL 5.7+ only syntax
				}
				if !run {
					nest := 0
					if f.MariaDBComments {
						nest = 1
					}
					return l.blockComment(i, j+vlen, nest, "unterminated /*! comment")
				}
				j += vlen
			}
			l.emit(oldComment, i, j)
			if l.execStart < 0 {
				l.execStart = i
			}
			return j
		}
	}
	nest := 0
	if f.NestedComments {
		nest = -1
	}
	return l.blockComment(i, i+2, nest, "unterminated /* comment")
}

// execMarker reads /*! (or MariaDB's /*M!) at i and returns where its
// text starts.
func execMarker(s string, i int, maria bool) (int, bool, bool) {
	if i+2 < len(s) && s[i+2] == '!' {
		return i + 3, false, true
	}
	if maria && i+3 < len(s) && s[i+2] == 'M' && s[i+3] == '!' {
		return i + 4, true, true
	}
	return 0, false, false
}

// blockComment emits the comment opened at i whose text starts at from,
// which may hold nest levels of /* … */ inside (-1: any number, as
// PostgreSQL nests), and returns its end.
func (l *lexer) blockComment(i, from, nest int, unterminated string) int {
	end := skipComment(l.sql, from, nest)
	if end < 0 {
		if !l.f.UnterminatedComments {
			l.fail(i, unterminated, "")
		}
		end = len(l.sql)
	}
	l.emit(oldComment, i, end)
	return end
}

// skipComment returns the index after the */ that closes a comment whose
// text starts at j, or -1 when none does.
func skipComment(s string, j, nest int) int {
	if nest < 0 {
		depth := 1
		for j+1 < len(s) {
			switch {
			case s[j] == '/' && s[j+1] == '*':
				depth++
				j += 2
			case s[j] == '*' && s[j+1] == '/':
				depth--
				j += 2
				if depth == 0 {
					return j
				}
			default:
				j++
			}
		}
		return -1
	}
	for j+1 < len(s) {
		switch {
		case nest > 0 && s[j] == '/' && s[j+1] == '*':
			k := skipComment(s, j+2, nest-1)
			if k < 0 {
				return -1
			}
			j = k
		case s[j] == '*' && s[j+1] == '/':
			return j + 2
		default:
			j++
		}
	}
	return -1
}
