package sqlitedialect

import (
	"errors"
	"fmt"
	"strings"
)

// tokKind is the kind of an SQL token.
type tokKind int

const (
	tWord   tokKind = iota // a bare identifier or keyword
	tQuoted                // a quoted identifier: "x", `x` or [x]
	tString                // a string literal: 'x'
	tNumber                // a numeric literal
	tBlob                  // a blob literal: X'00ff'
	tPunct                 // punctuation or an operator
)

// token is one SQL token and where it sits in the source.
type token struct {
	kind     tokKind
	text     string // the source text of the token
	pos, end int    // byte offsets in the source
}

// word reports whether t is the bare keyword kw (upper case).
func (t token) word(kw string) bool { return t.kind == tWord && strings.EqualFold(t.text, kw) }

// punct reports whether t is the punctuation p.
func (t token) punct(p string) bool { return t.kind == tPunct && t.text == p }

// ident returns the identifier t stands for: a bare word as written, a
// quoted identifier (or a string, which SQLite accepts as a name) unquoted.
func (t token) ident() string {
	switch t.kind {
	case tQuoted:
		switch t.text[0] {
		case '"':
			return strings.ReplaceAll(t.text[1:len(t.text)-1], `""`, `"`)
		case '`':
			return strings.ReplaceAll(t.text[1:len(t.text)-1], "``", "`")
		}
		return t.text[1 : len(t.text)-1] // [x]
	case tString:
		return unquoteString(t.text)
	}
	return t.text
}

func unquoteString(s string) string {
	return strings.ReplaceAll(s[1:len(s)-1], "''", "'")
}

var errUnterminated = errors.New("unterminated quote")

// tokenize splits SQL into tokens, dropping whitespace and comments. It
// fails only on an unterminated quoted string or identifier.
func tokenize(s string) ([]token, error) {
	var out []token
	i := 0
	for i < len(s) {
		c := s[i]
		start := i
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
			continue
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
			continue
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			if j := strings.Index(s[i+2:], "*/"); j >= 0 {
				i += j + 4
			} else {
				i = len(s) // SQLite accepts a comment left open at the end
			}
			continue
		case c == '\'':
			end, err := closeQuote(s, i, '\'')
			if err != nil {
				return nil, fmt.Errorf("string starting at byte %d: %w", i, err)
			}
			out = append(out, token{kind: tString, text: s[i:end], pos: i, end: end})
			i = end
			continue
		case c == '"' || c == '`':
			end, err := closeQuote(s, i, c)
			if err != nil {
				return nil, fmt.Errorf("identifier starting at byte %d: %w", i, err)
			}
			out = append(out, token{kind: tQuoted, text: s[i:end], pos: i, end: end})
			i = end
			continue
		case c == '[':
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				return nil, fmt.Errorf("identifier starting at byte %d: %w", i, errUnterminated)
			}
			i += j + 1
			out = append(out, token{kind: tQuoted, text: s[start:i], pos: start, end: i})
			continue
		case (c == 'x' || c == 'X') && i+1 < len(s) && s[i+1] == '\'':
			end, err := closeQuote(s, i+1, '\'')
			if err != nil {
				return nil, fmt.Errorf("blob starting at byte %d: %w", i, err)
			}
			out = append(out, token{kind: tBlob, text: s[i:end], pos: i, end: end})
			i = end
			continue
		case isDigit(c) || (c == '.' && i+1 < len(s) && isDigit(s[i+1])):
			i = scanNumber(s, i)
			out = append(out, token{kind: tNumber, text: s[start:i], pos: start, end: i})
			continue
		case isIdentStart(c):
			for i < len(s) && isIdentPart(s[i]) {
				i++
			}
			out = append(out, token{kind: tWord, text: s[start:i], pos: start, end: i})
			continue
		}
		n := 1
		for _, op := range []string{"->>", "->", "<=", ">=", "<>", "!=", "==", "||", "<<", ">>"} {
			if strings.HasPrefix(s[i:], op) {
				n = len(op)
				break
			}
		}
		i += n
		out = append(out, token{kind: tPunct, text: s[start:i], pos: start, end: i})
	}
	return out, nil
}

// closeQuote returns the offset just past the quote q that closes the one
// at s[i], where a doubled quote stands for itself.
func closeQuote(s string, i int, q byte) (int, error) {
	for j := i + 1; j < len(s); j++ {
		if s[j] == q {
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j + 1, nil
		}
	}
	return 0, errUnterminated
}

func scanNumber(s string, i int) int {
	if s[i] == '0' && i+1 < len(s) && (s[i+1] == 'x' || s[i+1] == 'X') {
		i += 2
		for i < len(s) && (isDigit(s[i]) || strings.IndexByte("abcdefABCDEF", s[i]) >= 0) {
			i++
		}
		return i
	}
	for i < len(s) && (isDigit(s[i]) || s[i] == '_') {
		i++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			i = j
			for i < len(s) && isDigit(s[i]) {
				i++
			}
		}
	}
	return i
}

func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool { return c == '_' || c >= 0x80 || (c|0x20 >= 'a' && c|0x20 <= 'z') }
func isIdentPart(c byte) bool  { return isIdentStart(c) || isDigit(c) || c == '$' }

// isIdentTok reports whether t can name something.
func isIdentTok(t token) bool { return t.kind == tWord || t.kind == tQuoted || t.kind == tString }
