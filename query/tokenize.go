package query

import (
	"fmt"
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
	TokIdent                        // "…" (where an identifier), `…`
	TokComment                      // -- …, # …, /* … */
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

// SyntaxError is hand-written SQL the tokenizer cannot read to its end.
type SyntaxError struct {
	Pos int
	Msg string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("sql at byte %d: %s", e.Pos, e.Msg) }

// Tokenize splits sql into tokens under the lexical rules of f. It never
// panics; on an unterminated literal or comment it returns the tokens (the
// last one running to the end) and a *SyntaxError.
func Tokenize(sql string, f *dialect.QueryFeatures) ([]Token, error) {
	var toks []Token
	var err error
	textStart := 0
	flush := func(end int) {
		if end > textStart {
			toks = append(toks, Token{Kind: TokText, Text: sql[textStart:end], Pos: textStart})
		}
	}
	emit := func(kind TokenKind, start, end int) {
		flush(start)
		toks = append(toks, Token{Kind: kind, Text: sql[start:end], Pos: start})
		textStart = end
	}
	fail := func(pos int, msg string) {
		if err == nil {
			err = &SyntaxError{Pos: pos, Msg: msg}
		}
	}
	n := len(sql)
	i := 0
	for i < n {
		c := sql[i]
		switch {
		case c == '\'':
			backslash := f.BackslashEscapes
			if f.EscapeStrings && i > 0 && (sql[i-1] == 'E' || sql[i-1] == 'e') && (i == 1 || !identByte(sql[i-2])) {
				backslash = true
			}
			end, ok := quoted(sql, i, '\'', backslash)
			if !ok {
				fail(i, "unterminated string literal")
			}
			emit(TokString, i, end)
			i = end
		case c == '"':
			end, ok := quoted(sql, i, '"', f.DoubleQuoteStrings && f.BackslashEscapes)
			if !ok {
				fail(i, "unterminated quoted name")
			}
			kind := TokIdent
			if f.DoubleQuoteStrings {
				kind = TokString
			}
			emit(kind, i, end)
			i = end
		case c == '`' && f.BacktickIdents:
			end, ok := quoted(sql, i, '`', false)
			if !ok {
				fail(i, "unterminated quoted name")
			}
			emit(TokIdent, i, end)
			i = end
		case c == '-' && i+1 < n && sql[i+1] == '-' && (!f.DashCommentNeedsSpace || i+2 == n || sql[i+2] <= ' '):
			end := lineEnd(sql, i)
			emit(TokComment, i, end)
			i = end
		case c == '#' && f.HashComments:
			end := lineEnd(sql, i)
			emit(TokComment, i, end)
			i = end
		case c == '/' && i+1 < n && sql[i+1] == '*':
			end, ok := blockComment(sql, i, f.NestedComments)
			if !ok {
				fail(i, "unterminated /* comment")
			}
			emit(TokComment, i, end)
			i = end
		case c == '$' && f.DollarQuotes && (i == 0 || !identByte(sql[i-1])):
			tag, ok := dollarTag(sql, i)
			if !ok {
				i++
				continue
			}
			rest := strings.Index(sql[i+len(tag):], tag)
			end := n
			if rest < 0 {
				fail(i, "unterminated dollar-quoted string "+tag)
			} else {
				end = i + len(tag) + rest + len(tag)
			}
			emit(TokString, i, end)
			i = end
		case c == '?':
			if i+1 < n && sql[i+1] == '?' {
				emit(TokQuestion, i, i+2)
				i += 2
				continue
			}
			emit(TokPlaceholder, i, i+1)
			i++
		default:
			i++
		}
	}
	flush(n)
	return toks, err
}

func identByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// quoted returns the end (exclusive) of the literal starting at i with
// quote q, a doubled quote standing for itself.
func quoted(s string, i int, q byte, backslash bool) (int, bool) {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if backslash {
				j++
			}
		case q:
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j + 1, true
		}
	}
	return len(s), false
}

func lineEnd(s string, i int) int {
	if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
		return i + j + 1
	}
	return len(s)
}

func blockComment(s string, i int, nested bool) (int, bool) {
	depth := 0
	for j := i; j+1 < len(s); j++ {
		switch {
		case s[j] == '/' && s[j+1] == '*':
			if depth == 0 || nested {
				depth++
			}
			j++
		case s[j] == '*' && s[j+1] == '/':
			depth--
			j++
			if depth == 0 {
				return j + 1, true
			}
		}
	}
	return len(s), false
}

// dollarTag reads a dollar-quote opener at i: $$ or $tag$ where tag is an
// identifier not starting with a digit ($1 is a parameter, not a quote).
func dollarTag(s string, i int) (string, bool) {
	j := i + 1
	if j < len(s) && s[j] >= '0' && s[j] <= '9' {
		return "", false
	}
	for j < len(s) && s[j] != '$' {
		if !identByte(s[j]) || s[j] == '$' {
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
// comments and dollar-quoted text untouched; ?? stands for a literal ?. It
// returns the new text and the number of placeholders.
func Rebind(d dialect.Dialect, f *dialect.QueryFeatures, sql string, start int) (string, int, error) {
	if !strings.Contains(sql, "?") {
		// Still lex, so that an unterminated literal is reported.
		if _, err := Tokenize(sql, f); err != nil {
			return "", 0, err
		}
		return sql, 0, nil
	}
	toks, err := Tokenize(sql, f)
	if err != nil {
		return "", 0, err
	}
	var b strings.Builder
	b.Grow(len(sql) + 8)
	n := 0
	for _, t := range toks {
		switch t.Kind {
		case TokPlaceholder:
			n++
			b.WriteString(d.Placeholder(start + n))
		case TokQuestion:
			b.WriteByte('?')
		default:
			b.WriteString(t.Text)
		}
	}
	return b.String(), n, nil
}
