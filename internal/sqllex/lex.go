package sqllex

import "strings"

// Lexer reads the tokens of one text in order. The zero value is not
// ready; use New. It allocates nothing.
type Lexer struct {
	src       string
	f         Flags
	i         int // next byte to read
	textStart int // start of the Text token not yet returned
	wordStart int // start of the word ending at wordEnd, or -1
	wordEnd   int
	execStart int // start of the open /*! … */ whose text is SQL, or -1
	next      Token
	hasNext   bool
	done      bool
	err       *Error
}

// New returns a Lexer of src under the rules f.
func New(src string, f Flags) Lexer {
	return Lexer{src: src, f: f, wordStart: -1, wordEnd: -1, execStart: -1}
}

// Lex returns every token of src under the rules f and the first *Error,
// if any (the tokens still cover src).
func Lex(src string, f Flags) ([]Token, error) {
	l := New(src, f)
	var toks []Token
	for t, ok := l.Next(); ok; t, ok = l.Next() {
		toks = append(toks, t)
	}
	return toks, l.Err()
}

// Err returns the first construct left open (an *Error), once Next has
// returned false; nil when there is none.
func (l *Lexer) Err() error {
	if l.err == nil {
		return nil
	}
	return l.err
}

// Next returns the next token, or false at the end of the text.
func (l *Lexer) Next() (Token, bool) {
	if l.hasNext {
		l.hasNext = false
		return l.next, true
	}
	if l.done {
		return Token{}, false
	}
	if t, ok := l.scan(); ok {
		if t.Pos > l.textStart {
			text := Token{Kind: Text, Pos: l.textStart, End: t.Pos}
			l.next, l.hasNext, l.textStart = t, true, t.End
			return text, true
		}
		l.textStart = t.End
		return t, true
	}
	l.done = true
	if l.execStart >= 0 {
		l.fail(l.execStart, ExecOpen, l.src[l.execStart:execOpenEnd(l.src, l.execStart)])
	}
	if n := len(l.src); n > l.textStart {
		t := Token{Kind: Text, Pos: l.textStart, End: n}
		l.textStart = n
		return t, true
	}
	return Token{}, false
}

func (l *Lexer) fail(pos int, kind Kind, open string) {
	if l.err == nil {
		l.err = &Error{Pos: pos, Kind: kind, Open: open}
	}
}

// scan reads bytes up to the next token that is not Text and returns it.
func (l *Lexer) scan() (Token, bool) {
	s, f, n := l.src, &l.f, len(l.src)
	for l.i < n {
		i := l.i
		c := s[i]
		switch {
		case c == '\'':
			backslash := f.BackslashEscapes
			if f.EscapeStrings && l.wordEnd == i && l.wordStart == i-1 && (s[i-1] == 'E' || s[i-1] == 'e') {
				backslash = true
			}
			return l.quoted(i, '\'', backslash, String), true
		case c == '"':
			kind := Ident
			if f.DoubleQuoteStrings {
				kind = String
			}
			return l.quoted(i, '"', f.DoubleQuoteStrings && f.BackslashEscapes, kind), true
		case c == '`' && f.BacktickIdents:
			return l.quoted(i, '`', false, Ident), true
		case c == '[' && f.BracketIdents:
			end := strings.IndexByte(s[i:], ']')
			if end < 0 {
				l.fail(i, Ident, "[")
				end = n
			} else {
				end += i + 1
			}
			return l.token(Ident, i, end), true
		case c == '-' && i+1 < n && s[i+1] == '-' && (!f.DashCommentNeedsSpace || i+2 == n || dashCommentByte(s[i+2])):
			return l.token(Comment, i, lineEnd(s, i)), true
		case c == '#' && f.HashComments:
			return l.token(Comment, i, lineEnd(s, i)), true
		case c == '/' && i+1 < n && s[i+1] == '*':
			return l.comment(i), true
		case c == '*' && l.execStart >= 0 && i+1 < n && s[i+1] == '/':
			l.execStart = -1
			return l.token(ExecClose, i, i+2), true
		case c == '$' && f.DollarParams && i+1 < n && isDigit(s[i+1]):
			return l.token(Param, i, i+1), true
		case c == '$' && f.DollarQuotes:
			if t, ok := l.dollarQuote(i); ok {
				return t, true
			}
			// A lone $, or $n (no tag starts with a digit): its digits are
			// a parameter's number, not a number a name may follow ($1.a$$
			// is $1 . a$$, not 1.a then a dollar quote).
			j := i + 1
			for j < n && isDigit(s[j]) {
				j++
			}
			l.i = j
		case (c == '$' || c == ':' || c == '@' || c == '#') && f.NamedParams && i+1 < n && identCont(s[i+1]):
			return l.token(Param, i, i+1), true
		case c == '?':
			return l.token(Placeholder, i, i+1), true
		case c == ';':
			return l.token(Semicolon, i, i+1), true
		case identStart(c):
			j := i + 1
			for j < n && identCont(s[j]) {
				j++
			}
			l.wordStart, l.wordEnd = i, j
			l.i = j
		case isDigit(c):
			// A number (1, 1.5e3, 0x1f): its letters are no name, and a $
			// after it starts a new token.
			j := i + 1
			for j < n && (identCont(s[j]) && s[j] != '$' || s[j] == '.') {
				j++
			}
			l.i = j
		default:
			l.i++
		}
	}
	return Token{}, false
}

// token returns the token [pos, end) and moves past it.
func (l *Lexer) token(kind Kind, pos, end int) Token {
	l.i = end
	return Token{Kind: kind, Pos: pos, End: end}
}

// quoted lexes the literal at i quoted with q, a doubled q standing for
// itself and, when backslash is set, a backslash escaping the next byte.
func (l *Lexer) quoted(i int, q byte, backslash bool, kind Kind) Token {
	s := l.src
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
			return l.token(kind, i, j+1)
		}
	}
	l.fail(i, kind, string(q))
	return l.token(kind, i, len(s))
}

// dollarQuote lexes $$…$$ or $tag$…$tag$ at i; false for a lone $.
func (l *Lexer) dollarQuote(i int) (Token, bool) {
	s := l.src
	tag, ok := dollarTag(s, i)
	if !ok {
		return Token{}, false
	}
	end := len(s)
	if rest := strings.Index(s[i+len(tag):], tag); rest < 0 {
		l.fail(i, Dollar, tag)
	} else {
		end = i + len(tag) + rest + len(tag)
	}
	return l.token(Dollar, i, end), true
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

func lineEnd(s string, i int) int {
	if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
		return i + j + 1
	}
	return len(s)
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

// IdentByte reports whether c continues a name on every database (a
// letter, digit, _, $ or a byte of a multi-byte character): a placeholder
// written next to one must be set off by a space.
func IdentByte(c byte) bool { return identCont(c) }
