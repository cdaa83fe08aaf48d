package pgdialect

import (
	"fmt"
	"strings"
)

// tokKind is the kind of a token of a SQL expression.
type tokKind int

const (
	tEOF    tokKind = iota
	tWord           // an unquoted identifier or keyword, lower-cased
	tQuoted         // a "quoted identifier", its text as written
	tString         // a string constant, its value
	tNumber         // a numeric constant, as written
	tOp             // an operator: =, <>, ~~, ||, …
	tPunct          // ( ) [ ] , .
	tCast           // ::
)

type token struct {
	kind tokKind
	text string
}

// opChars are the characters PostgreSQL builds operators from.
const opChars = "+-*/<>=~!@#%^&|`?"

// lex splits a SQL expression into tokens, dropping comments.
func lex(s string) ([]token, error) {
	var out []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case strings.HasPrefix(s[i:], "--"):
			j := strings.IndexByte(s[i:], '\n')
			if j < 0 {
				j = len(s) - i
			}
			i += j
		case strings.HasPrefix(s[i:], "/*"):
			j := strings.Index(s[i+2:], "*/")
			if j < 0 {
				return nil, fmt.Errorf("unterminated comment")
			}
			i += j + 4
		case (c == 'E' || c == 'e') && i+1 < len(s) && s[i+1] == '\'':
			v, n, err := lexString(s[i+1:], true)
			if err != nil {
				return nil, err
			}
			out = append(out, token{tString, v})
			i += 1 + n
		case c == '\'':
			v, n, err := lexString(s[i:], false)
			if err != nil {
				return nil, err
			}
			out = append(out, token{tString, v})
			i += n
		case c == '"':
			j := skipQuoted(s, i)
			if j < 0 {
				return nil, fmt.Errorf("unterminated quoted identifier")
			}
			out = append(out, token{tQuoted, strings.ReplaceAll(s[i+1:j], `""`, `"`)})
			i = j + 1
		case isDigit(c) || (c == '.' && i+1 < len(s) && isDigit(s[i+1])):
			j := i
			for j < len(s) && (isDigit(s[j]) || s[j] == '.') {
				j++
			}
			if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
				k := j + 1
				if k < len(s) && (s[k] == '+' || s[k] == '-') {
					k++
				}
				if k < len(s) && isDigit(s[k]) {
					for j = k; j < len(s) && isDigit(s[j]); j++ {
					}
				}
			}
			out = append(out, token{tNumber, s[i:j]})
			i = j
		case isWordStart(c):
			j := i
			for j < len(s) && (isWordStart(s[j]) || isDigit(s[j]) || s[j] == '$') {
				j++
			}
			out = append(out, token{tWord, strings.ToLower(s[i:j])})
			i = j
		case c == ':' && i+1 < len(s) && s[i+1] == ':':
			out = append(out, token{tCast, "::"})
			i += 2
		case strings.IndexByte("()[],.", c) >= 0:
			out = append(out, token{tPunct, string(c)})
			i++
		case strings.IndexByte(opChars, c) >= 0:
			j := i
			for j < len(s) && strings.IndexByte(opChars, s[j]) >= 0 &&
				!strings.HasPrefix(s[j:], "--") && !strings.HasPrefix(s[j:], "/*") {
				j++
			}
			op := s[i:j]
			// As in PostgreSQL, a multi-character operator ends in + or -
			// only if it holds one of ~ ! @ # % ^ & | ` ?; so a>-1 is a > -1.
			for len(op) > 1 && strings.ContainsAny(op[len(op)-1:], "+-") && !strings.ContainsAny(op, "~!@#%^&|`?") {
				op = op[:len(op)-1]
			}
			out = append(out, token{tOp, op})
			i += len(op)
		default:
			return nil, fmt.Errorf("unexpected character %q", c)
		}
	}
	return append(out, token{tEOF, ""}), nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isWordStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80
}

// lexString reads the string constant at the start of s ('…', with E-style
// backslash escapes when escapes is set), returning its value and length.
func lexString(s string, escapes bool) (string, int, error) {
	end := skipQuotedFrom(s, escapes)
	if end < 0 {
		return "", 0, fmt.Errorf("unterminated string constant")
	}
	lit := s[:end+1]
	if escapes {
		lit = "E" + lit
	}
	v, _ := unquoteLiteral(lit)
	return v, end + 1, nil
}
