package mysqldialect

import (
	"fmt"
	"strings"
)

// tokKind is the kind of a token of a SQL expression.
type tokKind int

const (
	tokIdent  tokKind = iota // a quoted identifier: `x` or "x"
	tokWord                  // a bare word: keyword, function or identifier
	tokString                // a single-quoted string
	tokNumber                // a number
	tokPunct                 // ( ) ,
	tokOp                    // an operator
)

type token struct {
	kind       tokKind
	text       string // the token as written
	value      string // identifiers and strings: unquoted
	start, end int    // byte offsets in the expression
}

// lex splits a MySQL expression into tokens. Double-quoted text is an
// identifier (standard SQL), as everywhere in strata.
func lex(s string) ([]token, error) {
	var out []token
	i := 0
	for i < len(s) {
		c := s[i]
		start := i
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		case c == '\'' || c == '"' || c == '`':
			v, n, err := unquote(s[i:], c)
			if err != nil {
				return nil, err
			}
			i += n
			kind := tokIdent
			if c == '\'' {
				kind = tokString
			}
			out = append(out, token{kind: kind, text: s[start:i], value: v, start: start, end: i})
			continue
		case c == '(' || c == ')' || c == ',':
			i++
			out = append(out, token{kind: tokPunct, text: s[start:i], start: start, end: i})
			continue
		case isDigit(c) || (c == '.' && i+1 < len(s) && isDigit(s[i+1])):
			for i < len(s) && (isDigit(s[i]) || s[i] == '.') {
				i++
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
			out = append(out, token{kind: tokNumber, text: s[start:i], start: start, end: i})
			continue
		case isWordByte(c):
			for i < len(s) && (isWordByte(s[i]) || isDigit(s[i])) {
				i++
			}
			out = append(out, token{kind: tokWord, text: s[start:i], start: start, end: i})
			continue
		}
		n := 1
		for _, op := range []string{"<=>", "<=", ">=", "<>", "!=", "||", "&&", "<<", ">>", ":="} {
			if strings.HasPrefix(s[i:], op) {
				n = len(op)
				break
			}
		}
		i += n
		out = append(out, token{kind: tokOp, text: s[start:i], start: start, end: i})
	}
	return out, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= 0x80 || (c|0x20) >= 'a' && (c|0x20) <= 'z'
}

// unquote reads the quoted text at the start of s (quote q), returning its
// value and length. A doubled quote stands for itself; in single-quoted
// strings a backslash escapes the next character, as in MySQL's default
// sql_mode.
func unquote(s string, q byte) (string, int, error) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == q:
			if i+1 < len(s) && s[i+1] == q {
				b.WriteByte(q)
				i++
				continue
			}
			return b.String(), i + 1, nil
		case c == '\\' && q == '\'' && i+1 < len(s):
			i++
			switch s[i] {
			case '0':
				b.WriteByte(0)
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'Z':
				b.WriteByte(26)
			case 'b':
				b.WriteByte('\b')
			default:
				b.WriteByte(s[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, fmt.Errorf("unterminated %c-quoted text in %q", q, s)
}

// mysqlExpr rewrites a check expression written in standard SQL for
// MySQL: double-quoted identifiers become backtick-quoted ones. Everything
// else is kept as written. An expression that does not lex is returned
// unchanged, for the server to report.
func mysqlExpr(expr string) string {
	toks, err := lex(expr)
	if err != nil {
		return expr
	}
	var b strings.Builder
	last := 0
	for _, t := range toks {
		if t.kind == tokIdent && t.text[0] == '"' {
			b.WriteString(expr[last:t.start])
			b.WriteString("`" + strings.ReplaceAll(t.value, "`", "``") + "`")
			last = t.end
		}
	}
	b.WriteString(expr[last:])
	return b.String()
}

// keywords are the bare words NormalizeExpr keeps as words rather than
// reading them as column names.
var keywords = map[string]bool{
	"and": true, "or": true, "not": true, "xor": true, "is": true, "null": true, "in": true,
	"between": true, "like": true, "regexp": true, "rlike": true, "escape": true, "case": true,
	"when": true, "then": true, "else": true, "end": true, "div": true, "mod": true, "binary": true,
	"collate": true, "interval": true, "exists": true, "distinct": true, "unknown": true, "as": true,
	"current_date": true, "current_time": true, "current_timestamp": true, "localtime": true,
	"localtimestamp": true, "current_user": true, "date": true, "time": true, "timestamp": true,
	"true": true, "false": true, "signed": true, "unsigned": true, "char": true, "decimal": true,
	"integer": true, "double": true, "float": true, "json": true, "sounds": true, "member": true, "of": true,
}

// functionAliases are functions MariaDB writes under another name.
var functionAliases = map[string]string{"length": "octet_length"}

// NormalizeExpr puts a check expression in the form strata compares: the
// way MariaDB writes an expression back, whoever wrote it. Identifiers,
// quoted with backticks or double quotes or bare, become lower-case
// backtick-quoted names (MySQL compares column names case-insensitively);
// keywords and function names are lower-case; strings are single-quoted
// with ” for a quote; TRUE and FALSE are 1 and 0; != is <>, && and || are
// and and or, NOT before an expression is !; the introducer of a string
// (_utf8mb4'x') is dropped; LENGTH is OCTET_LENGTH; parentheses around the
// whole expression are dropped; tokens are separated by one space, with
// none inside parentheses or around commas.
//
// It is applied to both sides of a comparison, so it needs to be stable,
// not complete: MySQL 8's extra parentheses around sub-expressions and
// MariaDB's deeper rewrites (NOT a IN (3) to a <> 3) are not undone.
func NormalizeExpr(expr string) string {
	toks, err := lex(expr)
	if err != nil {
		return strings.Join(strings.Fields(expr), " ")
	}
	toks = stripOuterParens(toks)
	var parts []string
	for i, t := range toks {
		var next, prev *token
		if i+1 < len(toks) {
			next = &toks[i+1]
		}
		if i > 0 {
			prev = &toks[i-1]
		}
		var s string
		switch t.kind {
		case tokIdent:
			s = "`" + strings.ReplaceAll(strings.ToLower(t.value), "`", "``") + "`"
		case tokString:
			s = "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(t.value) + "'"
		case tokNumber:
			s = strings.ToLower(t.text)
		case tokPunct:
			s = t.text
		case tokOp:
			switch t.text {
			case "!=":
				s = "<>"
			case "&&":
				s = "and"
			case "||":
				s = "or"
			default:
				s = t.text
			}
		case tokWord:
			w := strings.ToLower(t.text)
			switch {
			case strings.HasPrefix(w, "_") && next != nil && next.kind == tokString && next.start == t.end:
				continue // a character set introducer: _utf8mb4'x'
			case next != nil && next.kind == tokPunct && next.text == "(" && !keywords[w]:
				if alias, ok := functionAliases[w]; ok {
					w = alias
				}
				s = w
			case w == "true":
				s = "1"
			case w == "false":
				s = "0"
			case w == "not" && !(prev != nil && prev.kind == tokWord && strings.EqualFold(prev.text, "is")) &&
				!(next != nil && next.kind == tokWord && notInfix[strings.ToLower(next.text)]):
				s = "!"
			case keywords[w]:
				s = w
			default:
				s = "`" + w + "`"
			}
		}
		parts = append(parts, s)
	}
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			prev := parts[i-1]
			tight := prev == "(" || prev == "," || prev == "!" || p == ")" || p == "," ||
				(p == "(" && isFuncName(prev))
			if !tight {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

// notInfix are the words after which NOT is part of an infix operator
// (NOT IN, NOT LIKE …) rather than a negation.
var notInfix = map[string]bool{"in": true, "like": true, "between": true, "regexp": true, "rlike": true, "null": true, "exists": true}

func isFuncName(s string) bool {
	if s == "" || keywords[s] {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) && !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// stripOuterParens drops parentheses that enclose the whole expression.
func stripOuterParens(toks []token) []token {
	for len(toks) >= 2 && toks[0].text == "(" && toks[0].kind == tokPunct && toks[len(toks)-1].text == ")" {
		depth := 0
		whole := true
		for i, t := range toks {
			if t.kind != tokPunct {
				continue
			}
			switch t.text {
			case "(":
				depth++
			case ")":
				depth--
				if depth == 0 && i != len(toks)-1 {
					whole = false
				}
			}
			if !whole {
				break
			}
		}
		if !whole {
			break
		}
		toks = toks[1 : len(toks)-1]
	}
	return toks
}
